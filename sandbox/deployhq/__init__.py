"""Stateful simulator of the DeployHQ REST API, served under ``/deployhq``.

* ``spec_fixes.py``: the documented fields and shapes the vendor document lacks.
* ``state.py``: the records (projects with their children, account-level objects), lookups,
  the repository (branches and commits) and the bulk seed.
* ``views.py``: records rendered as the API answers them (secrets never returned).
* ``handlers/``: one module per group of resources; ``deployments.py`` runs deployments as jobs.

All handlers run under the sandbox's global lock.  Choices where the vendor docs are silent are
marked "CHOICE" (see README).
"""

from __future__ import annotations

from ..http_types import ApiError, Response
from ..openapi import Operation, Spec
from ..platform import Platform
from .handlers import (ConfigurationHandlers, DeploymentHandlers, ProjectHandlers, ServerHandlers)
from .spec_fixes import document_gaps
from .state import Records
from .views import Views

USER = "sandbox@example.com"

# status -> (error_code, hint) of the {status, error, error_code, hint} body ([DOC] api, errors)
ERROR_CODES = {
    400: ("invalid_json", "Check that the request body is valid JSON."),
    401: (None, "Use HTTP Basic with your e-mail address and an API key from Settings > Security."),
    403: ("forbidden", None),
    404: ("record_not_found", "Check the identifier or permalink in the path."),
    500: ("internal_error", None),
    503: ("service_unavailable", "Wait for the number of seconds in Retry-After, then try again."),
}
API_ACCESS_RESTRICTED = ("api_access_restricted",
                         "API access is not included in the account's plan; upgrade the plan to use the API.")


def rails_message(field, error):
    """Validation messages the way Rails words them (``can't be blank``, ``is not included in the list``)."""
    kind = error.validator
    if kind == "required" or (kind == "type" and error.instance is None):
        return "can't be blank"
    if kind == "enum":
        return "is not included in the list"
    if kind == "type":
        wanted = error.validator_value
        wanted = next((t for t in wanted if t != "null"), "valid") if isinstance(wanted, list) else wanted
        return "must be %s" % {"integer": "an integer", "boolean": "true or false", "array": "an array",
                               "object": "a hash"}.get(wanted, "a " + str(wanted))
    if kind in ("minimum", "maximum"):
        return "must be %s %s" % ("greater than or equal to" if kind == "minimum" else "less than or equal to",
                                  error.validator_value)
    return "is invalid"


class DeployHQ(ProjectHandlers, ServerHandlers, ConfigurationHandlers, DeploymentHandlers,
               Views, Records, Platform):
    name = "deployhq"
    prefix = "/deployhq"
    spec_file = "deployhq/openapi.json"
    seed_options = {"projects": 1, "servers": 0, "name_prefix": "seed"}

    def __init__(self, sandbox):
        super().__init__(sandbox)
        self.reset()

    def load_spec(self):
        spec = Spec(self.sandbox.reference_dir + "/" + self.spec_file, message_for=rails_message)
        document_gaps(spec)
        return spec

    def reset(self):
        super().reset()
        self.api_access_restricted = False
        self.reset_records()

    # -- auth, negotiation, validation, errors ------------------------------------------
    def authenticate(self, request):
        if self.basic_credentials(request) != (USER, self.token):
            raise ApiError(401, "Access denied: the e-mail address or API key is not valid.")
        if self.api_access_restricted:
            raise ApiError(403, "API access is not available on this account's plan.",
                           dict(zip(("error_code", "hint"), API_ACCESS_RESTRICTED)))

    def handle(self, request):
        """Unknown endpoints are ``invalid_api_method``; a successful answer that its response
        schema refuses (a closed schema: ``additionalProperties: false``) is rendered into it."""
        try:
            operation, _params = self.router.match(request.method, request.path)
        except LookupError:
            return self.error_response(404, "The API method %s %s does not exist." % (request.method, request.path),
                                       {"error_code": "invalid_api_method",
                                        "hint": "See https://www.deployhq.com/support/api for the endpoints."})
        response = super().handle(request)
        if response.status < 300 and response.body is not None and isinstance(operation, Operation):
            schema = operation.response_schema(response.status)
            if schema is not None and self.spec.schema_errors(schema, response.body):
                response.body = self.spec.shape(schema, response.body)
        return response

    def validate(self, operation, request, path_params):
        """Spec validation, plus: keys the body's root object does not document are refused (the
        modules must send only real fields), and errors are keyed by field without the root key."""
        path_values, query_values = path_params, dict(request.query)
        if isinstance(operation, Operation):
            query_values, query_errors = self.spec.coerce_params(operation, "query", request.query)
            if query_errors:
                raise ApiError(422, "Validation failed", query_errors)
            errors = self.unknown_keys(operation, request.body)
            errors.update(self.spec.validate_body(operation, request.body))
            if errors:
                raise self.invalid_body(operation, {self.short_field(name): messages
                                                    for name, messages in errors.items()})
        return path_values, query_values

    def invalid_body(self, operation, errors):
        """A 422 in the shape this operation documents: a field hash, ``{"errors": [...]}``
        (environment variables, schedules), ``{"error": ...}`` or ``{status, error}``."""
        response = self.spec.deref(operation.responses.get("422") or {})
        schema = response.get("content", {}).get("application/json", {}).get("schema") or {}
        documented = self.spec.deref(schema).get("properties", {})
        sentences = ["%s %s" % (field.replace("_", " ").capitalize(), message)
                     for field, messages in errors.items() for message in messages]
        if "errors" in documented:
            return ApiError(422, sentences[0], sentences)
        if "status" in documented:
            return ApiError(422, sentences[0], {"error_code": "validation_failed"})
        if "error" in documented:
            return ApiError(422, sentences[0])
        return ApiError(422, "Validation failed", errors)

    def unknown_keys(self, operation, body):
        schema = self.spec.deref(operation.body_schema) if operation.body_schema else None
        if not isinstance(body, dict) or not schema or "properties" not in schema:
            return {}
        errors = {key: ["is not a permitted parameter"] for key in body if key not in schema["properties"]}
        for root, inner in schema["properties"].items():
            inner = self.spec.deref(inner)
            if isinstance(body.get(root), dict) and inner.get("properties"):
                errors.update({"%s.%s" % (root, key): ["is not a permitted parameter"]
                               for key in body[root] if key not in inner["properties"]})
        return errors

    @staticmethod
    def short_field(name):
        root, dot, rest = name.partition(".")
        return rest if dot and root in ROOT_KEYS else name

    def error_body(self, status, message, errors=None):
        """The three shapes of DeployHQ: a field-keyed hash (422), ``{"errors": [...]}`` (422 of
        environment variables and schedules: ``errors`` is a list), ``{"error": ...}`` (422 of
        deployment actions: no ``errors``), and ``{status, error, error_code, hint}`` otherwise."""
        if status == 422 and not (isinstance(errors, dict) and "error_code" in errors):
            if isinstance(errors, list):
                return {"errors": errors}
            if isinstance(errors, dict) and errors:
                return errors
            return {"error": message}
        code, hint = ERROR_CODES.get(status, (None, None))
        if isinstance(errors, dict):
            code, hint = errors.get("error_code", code), errors.get("hint", hint)
        body = {"status": status, "error": message}
        if code:
            body["error_code"] = code
        if hint:
            body["hint"] = hint
        return body

    def parse_body(self, request):
        try:
            super().parse_body(request)
        except ApiError:
            raise ApiError(400, "The request body is not valid JSON.")

    # -- control endpoints ------------------------------------------------------------------
    def control_handlers(self):
        return {("POST", "/commit"): self.control_commit, ("POST", "/settings"): self.control_settings,
                ("GET", "/settings"): self.control_settings}

    def control_commit(self, query, body):
        """``{"project": permalink or identifier, "branch"?: name, "message"?: text}``: a new
        commit on the branch (created if new); answers ``{"ref", "branch"}``."""
        if not isinstance(body, dict) or not isinstance(body.get("project"), str):
            raise ApiError(422, "project (a permalink or identifier) is required", {"project": ["is required"]})
        project = self.project(body["project"])
        if project["repository"] is None:
            raise ApiError(422, "the project has no repository", {"project": ["has no repository"]})
        branch = body.get("branch") or project["repository"]["branch"]
        ref = self.commit(project, branch, body.get("message") or "Sandbox commit")
        return Response(201, {"ref": ref, "branch": branch})

    def control_settings(self, query, body):
        """``{"api_access_restricted": bool}``: every authenticated request then answers 403."""
        if body:
            if set(body) - {"api_access_restricted"} or not isinstance(body.get("api_access_restricted"), bool):
                raise ApiError(422, "settings take api_access_restricted (true or false)",
                               {"api_access_restricted": ["must be true or false"]})
            self.api_access_restricted = body["api_access_restricted"]
        return Response(200, {"api_access_restricted": self.api_access_restricted})


ROOT_KEYS = ("project", "server", "server_group", "deployment", "config_file", "environment_variable", "command",
             "excluded_file", "build_command", "repository", "integration", "scheduled_deployment", "key_pair")
