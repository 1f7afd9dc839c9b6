"""Stateful simulator of dployr Base (the ``/v1`` API of the dployr control plane), served under
``/dployr``: ``/dployr/v1/services`` is ``https://base.dployr.io/v1/services``.

It behaves as the running Base was observed to (``../shared/reference/dployr/notes.md``,
"Observed on a running dployr Base"), not as its OpenAPI document says where the two differ:

* ``state.py``: the records (clusters, users and roles, instances, services, deployments, domains,
  notification settings), ULIDs, views, the simulated node and the bulk seed.
* ``handlers.py``: one method per operation.
* ``spec_gaps.py``: where ``dployr/base-openapi.yaml`` does not describe the real routes, and the
  routes declared in code for them; every other route is validated against the document.

Settings (``POST /_sandbox/config``): ``dployr_rate_limit`` (requests per window and token, 100),
``dployr_rate_window_seconds`` (60), ``dployr_node_connected`` (1; 0 disconnects the cluster's
node: task dispatches answer 503 ``runtime.node_not_connected``), ``dployr_build_node_connected``
(1), ``dployr_service_limit`` (services per cluster, 10; 1 is the hobby plan),
``dployr_logs_backend`` (1; 0 answers the logs route 501 as a Base without Loki does),
``dployr_dns_verified`` (1; 0 makes domain verification answer 422).
"""

from __future__ import annotations

import math
import os
import time

from ..http_types import ApiError, Response
from ..openapi import Operation, Spec
from ..platform import Paging, Platform
from .handlers import Handlers
from .spec_gaps import DECLARED_ROUTES
from .state import State

TOKEN = "dpat_" + "5a" * 32  # owner of cluster "sandbox"
OTHER_TOKEN = "dpat_" + "b0" * 32  # owner of cluster "other", viewer of "sandbox"


class PagePaging(Paging):
    """``?page`` (1) and ``?pageSize`` (20, at most 100) -> ``data: {items, pagination}``."""

    def respond(self, request, query, items, render):
        page, size = page_params(query)
        chunk = items[(page - 1) * size: page * size]
        total_pages = math.ceil(len(items) / size) if items else 0
        return Response(200, {"success": True, "data": {
            "items": [render(item) for item in chunk],
            "pagination": {"page": page, "pageSize": size, "totalItems": len(items), "totalPages": total_pages,
                           "hasNextPage": page < total_pages, "hasPreviousPage": page > 1}}})


def page_params(query):
    def number(name, default):
        raw = query.get(name)
        try:
            value = int(raw) if raw not in (None, "") else default
        except (TypeError, ValueError):
            value = default
        return max(1, value)
    return number("page", 1), min(number("pageSize", 20), 100)


class Dployr(Handlers, State, Platform):
    name = "dployr"
    prefix = "/dployr"
    spec_file = "dployr/base-openapi.yaml"
    routes = DECLARED_ROUTES
    paging = PagePaging()
    seed_options = {"services": 0, "instances": 0, "deployments_per_service": 1, "name_prefix": "seed"}
    config_defaults = {
        "dployr_rate_limit": 100.0, "dployr_rate_window_seconds": 60.0, "dployr_node_connected": 1.0,
        "dployr_build_node_connected": 1.0, "dployr_service_limit": 10.0, "dployr_logs_backend": 1.0,
        "dployr_dns_verified": 1.0,
    }

    def __init__(self, sandbox):
        super().__init__(sandbox)
        self.reset()

    def load_spec(self):
        return Spec(os.path.join(self.sandbox.reference_dir, self.spec_file), message_for=zod_message)

    @property
    def tokens(self):
        return {os.environ.get("SANDBOX_DPLOYR_TOKEN", TOKEN): self.USER_ID, OTHER_TOKEN: self.OTHER_USER_ID}

    # -- the request pipeline ------------------------------------------------------------
    def handle(self, request):
        limited = self.rate_limited(request)
        if limited is not None:
            return limited
        return super().handle(request)

    def authenticate(self, request):
        """``Authorization: Bearer dpat_...``; the auth layer answers in the flat shape."""
        token = self.bearer_token(request)
        if token is None:
            raise flat(401, "Unauthorized", "auth.bad_session")
        user = self.tokens.get(token)
        if user is None:
            raise flat(401, "Invalid or expired token", "auth.bad_token")
        request.user_id = user

    def negotiate(self, request):
        if request.raw_body:
            content_type = (request.header("Content-Type") or "").lower()
            if not content_type.startswith("application/json"):
                raise nested(400, "Content-Type must be application/json", "request.bad_request")

    def parse_body(self, request):
        try:
            super().parse_body(request)
        except ApiError:
            raise nested(400, "Invalid JSON body", "request.bad_request")

    def validate(self, operation, request, path_params):
        """Routes the document describes as Base serves them: ``clusterId`` first (the auth layer's
        flat 400), then the query and the body against the document (400 with ``details``)."""
        if not isinstance(operation, Operation):
            return path_params, dict(request.query)
        if ("query", "clusterId") in operation.params and not request.query.get("clusterId"):
            raise flat(400, "clusterId is required", "request.bad_request")
        query_values, query_errors = self.spec.coerce_params(operation, "query", request.query)
        problems = dict(query_errors)
        problems.update(self.spec.validate_body(operation, request.body))
        if problems:
            details = [{"field": field, "message": messages[0]} for field, messages in problems.items()]
            raise nested(400, "Validation failed: " + "; ".join("%s: %s" % (d["field"], d["message"]) for d in details),
                         "request.bad_request", details)
        return path_params, query_values

    def error_body(self, status, message, errors=None):
        errors = errors or {}
        code = errors.get("code") or CODES.get(status, "runtime.internal_server_error")
        if errors.get("flat"):
            return {"error": message, "code": code}
        error = {"message": message, "code": code}
        if errors.get("details"):
            error["details"] = errors["details"]
        return {"success": False, "error": error}

    # -- rate limit: a fixed window per token (or per address without one) -------------------
    def rate_key(self, request):
        return self.bearer_token(request) or "anonymous"

    def rate_window(self, request, count=False):
        window = max(self.config("dployr_rate_window_seconds"), 0.001)
        now = time.time()
        key = self.rate_key(request)
        start, used = self.rate_windows.get(key, (0.0, 0))
        if now >= start + window:
            start, used = now, 0
        if count:
            used += 1
        self.rate_windows[key] = (start, used)
        return start + window, used

    def rate_limited(self, request):
        reset_at, used = self.rate_window(request, count=True)
        if used > int(self.config("dployr_rate_limit")):
            wait = max(1, math.ceil(reset_at - time.time()))
            return self.error_response(429, "Too many requests, please try again later",
                                       {"code": "request.too_many_requests"}, {"Retry-After": str(wait)})
        return None

    def extra_headers(self, request, response):
        reset_at, used = self.rate_window(request)
        limit = int(self.config("dployr_rate_limit"))
        return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(max(0, limit - used)),
                "X-RateLimit-Reset": str(math.ceil(reset_at))}

    def reset(self):
        super().reset()
        self.rate_windows = {}
        self.reset_records()


CODES = {400: "request.bad_request", 401: "auth.bad_session", 403: "permission.forbidden",
         404: "resource.missing_resource", 409: "resource.conflict", 422: "request.unprocessable_entity",
         429: "request.too_many_requests", 501: "runtime.not_implemented", 503: "runtime.node_not_connected"}


def flat(status, message, code):
    """An error of the auth and permission layer: ``{"error": message, "code": code}``."""
    return ApiError(status, message, {"flat": True, "code": code})


def nested(status, message, code, details=None):
    """An error of a route handler: ``{"success": false, "error": {message, code, details?}}``."""
    return ApiError(status, message, {"code": code, "details": details})


def zod_message(field, err):
    """zod's wording, which Base passes on in ``details``."""
    validator, value = err.validator, err.validator_value
    if validator == "required":
        return "Required"
    if validator == "enum":
        return "Invalid enum value. Expected %s" % " | ".join("'%s'" % v for v in value)
    if validator == "type":
        return "Expected %s, received %s" % (value if isinstance(value, str) else "/".join(value),
                                             type(err.instance).__name__)
    if validator == "minLength":
        return "String must contain at least %s character(s)" % value
    if validator == "maxLength":
        return "String must contain at most %s character(s)" % value
    if validator == "minimum":
        return "Number must be greater than or equal to %s" % value
    if validator == "format":
        return "Invalid %s" % value
    return "Invalid input"
