"""The base of every simulated platform: the request pipeline, and the hooks a platform overrides.

``Platform.handle`` runs, in this order: route match (404 / 405), ``authenticate`` (401 / 403)
when the operation needs it, ``negotiate`` (415), ``parse_body`` (400), ``validate`` (path ids
404, query and body 422), handler lookup (501), then ``tick`` and the handler under the
sandbox's global lock.  Any ``ApiError`` becomes an answer through ``error_body``.

Hooks (override in a platform class):

* ``authenticate(request)``: raise ``ApiError(401 | 403, ...)``.  Helpers: ``bearer_token``,
  ``basic_credentials`` and ``token`` (``SANDBOX_TOKEN``).
* ``negotiate(request)``: ``Accept`` / ``Content-Type`` checks (a platform that ignores them
  overrides it with ``pass``).
* ``parse_body(request)``: sets ``request.body`` from the raw bytes.
* ``validate(operation, request, path_params)``: returns ``(path_values, query_values)``.
* ``error_body(status, message, errors)``: the platform's error document.
* ``extra_headers(request, response)``: headers added to every answer of the platform,
  injected faults included (dployr's ``X-RateLimit-*``).
* ``paging``: a ``Paging`` object; ``paginate(request, query, items, render)`` uses it.
* ``seed_options`` and ``seed(options)``: ``POST /_sandbox/seed`` for this platform.
* ``reset()``: back to the initial state (call ``super().reset()`` to clear the jobs).
* ``tick()``: advance time-driven state (the base finalises ``self.jobs``).

Routing comes from an OpenAPI document (``spec_file``, relative to the reference directory),
from ``routes`` declared in code (``routing.Route``), or both: a declared route adds to the
document's or replaces the one with the same method and path template.  Handlers are found by a naming rule: the
operationId ``addVariable`` is served by the method ``add_variable(self, request, path, query,
body)``; ``extra_handlers()`` may add more (e.g. handlers built in a loop).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from urllib.parse import urlencode

from .http_types import ApiError, Response, validation_error
from .jobs import JobBoard
from .openapi import Operation, Spec
from .routing import RouteTable


def handler_name(operation_id: str) -> str:
    """``listEnvironmentServers`` -> ``list_environment_servers``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation_id).lower()


_MAX_KEPT_READS = 4096  # kept GET answers of one platform (the 121 pages of 10,000 servers take about 25 MB)


# ---------------------------------------------------------------------------
# paging styles

class Paging:
    """How a platform cuts a list into pages and says where the next one is.

    Subclasses implement ``respond``; ``render`` turns one item into its JSON form."""

    def respond(self, request, query: dict, items: list, render) -> Response:
        raise NotImplementedError


class PageNumberPaging(Paging):
    """``?page=N&per_page=M`` style paging: slices the list, then ``answer`` shapes the page.

    Spec-routed platforms get ``query`` values already checked against the document; strings
    (declared routes) are converted here, and a bad number is a 422 naming the parameter."""

    def __init__(self, page_param="page", size_param="per_page", default_size=20):
        self.page_param = page_param
        self.size_param = size_param
        self.default_size = default_size

    def _number(self, query, name, default):
        value = query.get(name, default)
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if value < 1:
            raise validation_error({name: ["The %s must be at least 1." % name]})
        return value

    def respond(self, request, query, items, render):
        page = self._number(query, self.page_param, 1)
        size = self._number(query, self.size_param, self.default_size)
        total = len(items)
        last = max(1, -(-total // size))
        chunk = [render(item) for item in items[(page - 1) * size: page * size]]
        return self.answer(request, chunk, page, size, total, last)

    def answer(self, request, chunk: list, page: int, size: int, total: int, last: int) -> Response:
        raise NotImplementedError


class LinkHeaderPaging(PageNumberPaging):
    """A bare JSON array plus an RFC 8288 ``Link`` header with absolute URLs (``first`` and
    ``last`` always, ``prev`` and ``next`` when they apply); other query parameters are kept."""

    def answer(self, request, chunk, page, size, total, last):
        return Response(200, chunk, {"Link": self.link_header(request, page, last)})

    def link_header(self, request, page: int, last: int) -> str:
        base = request.base_url + request.path
        kept = {name: value for name, value in request.query.items() if name != self.page_param}

        def url(number):
            params = dict(kept)
            params[self.page_param] = str(number)
            return base + "?" + urlencode(params, doseq=True)

        parts = ['<%s>; rel="first"' % url(1)]
        if page > 1:
            parts.append('<%s>; rel="prev"' % url(min(page - 1, last)))
        if page < last:
            parts.append('<%s>; rel="next"' % url(page + 1))
        parts.append('<%s>; rel="last"' % url(last))
        return ", ".join(parts)


# ---------------------------------------------------------------------------
# the platform base

class Platform:
    name = "platform"
    prefix = "/platform"
    spec_file: str | None = None  # e.g. "devopness/openapi.json", under the reference directory
    routes: tuple = ()  # routing.Route declarations, when there is no spec_file
    paging: Paging = LinkHeaderPaging()
    seed_options: dict = {}  # seed key -> default value; POST /_sandbox/seed rejects other keys
    config_defaults: dict = {}  # /_sandbox/config keys this platform adds (numbers), with their defaults
    # GET answers kept until the next change (see ``handle``): for a platform whose state changes only
    # through its handlers of other methods, ``seed``, ``reset``, control endpoints and jobs, and whose
    # handlers call ``reads_clock()`` when an answer depends on the time.
    cache_reads = False

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self._reads: dict = {}
        self._clock_read = False
        self.spec = self.load_spec() if self.spec_file else None
        self.router = self.build_router()
        self.jobs = JobBoard()
        self.handlers = self.find_handlers()

    # -- construction -------------------------------------------------------
    def load_spec(self) -> Spec:
        return Spec(os.path.join(self.sandbox.reference_dir, self.spec_file))

    def build_router(self) -> RouteTable:
        router = RouteTable()
        for operation in self.spec.operations if self.spec is not None else ():
            router.add(operation.path, operation.method, operation)
        for route in self.routes:
            router.add(route.path, route.method, route)
        return router

    def operation_ids(self) -> list:
        from_spec = [op.operation_id for op in self.spec.operations] if self.spec is not None else []
        return from_spec + [route.operation_id for route in self.routes]

    def find_handlers(self) -> dict:
        """operationId -> bound handler method, by ``handler_name``, plus ``extra_handlers()``.

        Names of the base class (``reset``, ``seed``, ``start_job`` ...) are never handlers: an
        operation whose snake-case name is one of them is mapped in ``extra_handlers``."""
        handlers = {}
        for operation_id in self.operation_ids():
            name = handler_name(operation_id)
            method = None if hasattr(Platform, name) else getattr(self, name, None)
            if callable(method):
                handlers[operation_id] = method
        handlers.update(self.extra_handlers())
        return handlers

    def extra_handlers(self) -> dict:
        return {}

    def control_handlers(self) -> dict:
        """``{(METHOD, "/name"): fn(query, body) -> Response}``: endpoints of this platform in the
        control API, served at ``/_sandbox/<platform name>/name`` under the global lock."""
        return {}

    # -- the pipeline --------------------------------------------------------
    def handle(self, request) -> Response:
        try:
            try:
                operation, path_params = self.router.match(request.method, request.path)
            except LookupError as error:
                if error.args[0] == 405:
                    raise ApiError(405, "The %s method is not supported for this route." % request.method)
                raise ApiError(404, "The route %s could not be found." % request.path.lstrip("/"))
            if operation.requires_auth:
                self.authenticate(request)
            self.negotiate(request)
            self.parse_body(request)
            path_values, query_values = self.validate(operation, request, path_params)
            handler = self.handlers.get(operation.operation_id)
            if handler is None:
                raise ApiError(501, "Operation %s is not simulated by the sandbox." % operation.operation_id)
            body = request.body if request.body is not None else {}
            with self.sandbox.lock:
                self.tick()
                if request.method not in ("GET", "HEAD"):
                    self.forget_reads()
                    return handler(request, path_values, query_values, body)
                if not (self.cache_reads and request.method == "GET"):
                    return handler(request, path_values, query_values, body)
                return self._cached_read(handler, request, path_values, query_values, body)
        except ApiError as error:
            return self.error_response(error.status, error.message, error.errors, error.headers)

    def _cached_read(self, handler, request, path_values, query_values, body) -> Response:
        """A GET answered from the answer an equal GET got, as long as nothing changed since: every other
        method forgets the kept answers, and none is kept while a job is running (its end changes the
        state) or when the answer read the clock.  Requests are still checked every time; the answer is
        rendered into the response schemas, and encoded, once per state."""
        key = (request.path, request.base_url, tuple(sorted(request.query.items(), key=lambda item: item[0])))
        key = repr(key)  # a repeated query parameter is a list
        if self.jobs.idle:
            kept = self._reads.get(key)
            if kept is not None:
                return kept.copy()
        self._clock_read = False
        response = handler(request, path_values, query_values, body)
        if response.status == 200 and response.raw is None and not self._clock_read and self.jobs.idle:
            if len(self._reads) >= _MAX_KEPT_READS:
                self._reads.clear()
            response.payload()  # encoded once, with the answer it is kept as
            self._reads[key] = response.copy()
        return response

    def reads_clock(self) -> None:
        """Called by a handler whose answer depends on the time, not only on the state: it is not kept."""
        self._clock_read = True

    def forget_reads(self) -> None:
        """The state may have changed: no kept GET answer is given again."""
        self._reads.clear()

    def error_response(self, status, message, errors=None, headers=None) -> Response:
        return Response(status, self.error_body(status, message, errors), headers)

    # -- hooks -----------------------------------------------------------------
    def authenticate(self, request) -> None:
        raise NotImplementedError("%s must say how it authenticates" % type(self).__name__)

    def negotiate(self, request) -> None:
        accept = request.header("Accept") or ""
        if "application/json" not in accept.lower():
            raise ApiError(415, "Unsupported Media Type: send 'Accept: application/json'.")
        if request.raw_body:
            content_type = (request.header("Content-Type") or "").lower()
            if not content_type.startswith("application/json"):
                raise ApiError(415, "Unsupported Media Type: send 'Content-Type: application/json'.")

    def parse_body(self, request) -> None:
        if request.raw_body:
            try:
                request.body = json.loads(request.raw_body)
            except ValueError:
                raise ApiError(400, "The request body is not valid JSON.")

    def validate(self, operation, request, path_params):
        """Spec operations: path ids must fit their schema (else 404), query and body are
        validated (422).  Declared routes: everything is passed on as sent."""
        if not isinstance(operation, Operation):
            return path_params, dict(request.query)
        path_values, path_errors = self.spec.coerce_params(operation, "path", path_params)
        if path_errors:
            raise ApiError(404, "Not found: invalid %s." % ", ".join(path_errors))
        query_values, query_errors = self.spec.coerce_params(operation, "query", request.query)
        if query_errors:
            raise validation_error(query_errors)
        body_errors = self.spec.validate_body(operation, request.body)
        if body_errors:
            raise validation_error(body_errors)
        return path_values, query_values

    def error_body(self, status: int, message: str, errors=None):
        body = {"message": message}
        if errors:
            body["errors"] = errors
        return body

    def extra_headers(self, request, response) -> dict:
        return {}

    def paginate(self, request, query, items, render) -> Response:
        return self.paging.respond(request, query, items, render)

    def seed(self, options: dict) -> dict:
        raise ApiError(422, "The %s platform has no seed." % self.name)

    def state_snapshot(self, secrets=False) -> dict:
        """What the platform holds, for ``GET /_sandbox/state``: ``{"resources": {type: [record]},
        ...}`` without what changes from run to run (timestamps, job progress), so that two runs
        that did the same work give equal snapshots.  ``snapshot_records`` helps build it.  With
        ``secrets`` the random secrets the platform made (tokens, hook secrets) stay in, for tests
        that look for them in output."""
        return {"resources": {}}

    def reset(self) -> None:
        self.jobs.clear()
        self.forget_reads()

    def tick(self) -> None:
        self.jobs.tick()

    # -- helpers for platforms ---------------------------------------------------
    @property
    def token(self) -> str:
        return os.environ.get("SANDBOX_TOKEN", "sandbox-token")

    @staticmethod
    def bearer_token(request):
        """The token of ``Authorization: Bearer <token>``, or None."""
        auth = request.header("Authorization") or ""
        return auth[7:].strip() if auth.startswith("Bearer ") else None

    @staticmethod
    def basic_credentials(request):
        """``(user, password)`` of ``Authorization: Basic ...``, or None."""
        auth = request.header("Authorization") or ""
        if not auth.startswith("Basic "):
            return None
        try:
            user, sep, password = base64.b64decode(auth[6:].strip(), validate=True).decode().partition(":")
        except (binascii.Error, ValueError):
            return None
        return (user, password) if sep else None

    def config(self, key: str) -> float:
        return self.sandbox.config[key]

    def start_job(self, resource_type: str, operation: str, steps, *, duration=None, on_finish=None):
        """Start a ``jobs.Job`` of ``action_seconds`` (unless ``duration`` is given); a matching
        ``action_failures`` fault for this platform makes it fail."""
        failure = self.sandbox.faults.take_job_failure(self.name, resource_type, operation)
        if duration is None:
            duration = self.config("action_seconds")
        return self.jobs.start(steps, duration, failure=failure, on_finish=on_finish)


VOLATILE_KEYS = frozenset(("created", "updated"))


def snapshot_value(value):
    """``value`` as plain, ordered JSON: sets and tuples become (sorted) lists."""
    if isinstance(value, dict):
        return {str(key): snapshot_value(inner) for key, inner in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((snapshot_value(item) for item in value), key=json.dumps)
    if isinstance(value, (list, tuple)):
        return [snapshot_value(item) for item in value]
    return value


def snapshot_records(tables: dict, skip=(), volatile=VOLATILE_KEYS) -> dict:
    """``{type: [record without volatile keys nor timestamps (``*_at``, ``*At``), ordered by id]}`` of
    ``{type: {id: record}}``, leaving out the types in ``skip`` (history such as actions, which a
    retry may lengthen)."""
    out = {}
    for kind, records in tables.items():
        if kind in skip:
            continue
        rows = [{key: snapshot_value(value) for key, value in record.items()
                 if key not in volatile and not key.endswith(("_at", "At"))}
                for record in records.values()]
        out[kind] = sorted(rows, key=lambda row: json.dumps(row.get("id"), sort_keys=True, default=str))
    return out


LABEL_KEYS = ("name", "tag", "domain", "path", "description", "title", "hostname")


def relabelled_records(tables: dict, id_key="id", label_keys=LABEL_KEYS, drop=(), skip=()) -> dict:
    """``snapshot_records`` for platforms whose ids are random (UUIDs, ULIDs): a record's id, and every
    reference to it in any record, becomes ``<type>:<label>`` (its first name-like field, else ``#<n>`` in
    creation order); keys in ``drop`` (values derived from random ids) go.  Two runs that did the same
    work then give equal snapshots, and a duplicate shows as two records of one label."""
    labels, counts = {}, {}
    for kind, records in tables.items():
        for key, record in records.items():
            counts[kind] = counts.get(kind, 0) + 1
            label = next((str(record[k]) for k in label_keys if record.get(k) not in (None, "")), "#%d" % counts[kind])
            record_id = record.get(id_key, key)
            labels[(kind, key)] = "%s:%s" % (kind, label)
            if isinstance(record_id, str):
                labels[record_id] = "%s:%s" % (kind, label)

    def relabel(value):
        if isinstance(value, dict):
            return {inner_key: relabel(inner) for inner_key, inner in value.items()}
        if isinstance(value, list):
            return [relabel(inner) for inner in value]
        return labels.get(value, value) if isinstance(value, str) else value

    out = {}
    for kind, records in tables.items():
        if kind in skip:
            continue
        rows = []
        for key, record in records.items():
            kept = {k: v for k, v in record.items() if k not in drop and k != id_key}
            row = relabel(snapshot_records({kind: {key: kept}})[kind][0])
            row["id"] = labels[(kind, key)]
            rows.append(row)
        out[kind] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))
    return out
