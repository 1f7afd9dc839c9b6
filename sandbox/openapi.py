"""Platform-independent OpenAPI helpers for the sandbox.

* ``Spec`` loads an OpenAPI 3.0 or 3.1 document (JSON or YAML), indexes its
  operations and matches ``method + path`` to an operation (``routing.RouteTable``).
* It validates path/query parameters and JSON bodies (``OAS30Validator`` or
  ``OAS31Validator`` by the document's ``openapi`` version, with a ``referencing``
  registry) and turns the errors into ``{field: [message]}`` maps; the wording is
  Laravel's unless the platform passes its own ``message_for``.
* ``shape()`` renders an internal record into the shape of a response schema:
  it keeps only declared properties, recurses into nested schemas and fills
  required properties that the record lacks with a type-correct default.
  This keeps handlers short and guarantees required fields are present; the
  test-suite validates every response independently against the spec.

Nothing in here knows about a particular vendor.
"""

from __future__ import annotations

import copy
import json
import os
import re
from typing import Any

from openapi_schema_validator import OAS30Validator, OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

from .routing import RouteTable

HTTP_METHODS = ("get", "post", "put", "delete", "patch")
SPEC_URI = "urn:sandbox-spec"


def find_reference_dir(start: str | None = None) -> str:
    """Return the ``shared/reference`` directory.

    ``SANDBOX_REFERENCE_DIR`` wins; otherwise walk up from ``start`` (this
    package) looking for ``shared/reference`` in each ancestor.
    """
    env = os.environ.get("SANDBOX_REFERENCE_DIR")
    if env:
        return env
    here = os.path.abspath(start or os.path.dirname(__file__))
    while True:
        cand = os.path.join(here, "shared", "reference")
        if os.path.isdir(cand):
            return cand
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    raise FileNotFoundError("cannot find shared/reference (set SANDBOX_REFERENCE_DIR)")


class Operation:
    def __init__(self, spec: "Spec", path: str, method: str, op: dict, path_item: dict):
        self.spec = spec
        self.path = path
        self.method = method.upper()
        self.op = op
        self.operation_id = op.get("operationId") or f"{method} {path}"
        params = {}
        for p in list(path_item.get("parameters", [])) + list(op.get("parameters", [])):
            p = spec.deref(p)
            params[(p["in"], p["name"])] = p
        self.params = params
        rb = op.get("requestBody")
        self.body_schema = None
        self.body_required = False
        if rb:
            rb = spec.deref(rb)
            self.body_required = bool(rb.get("required"))
            self.body_schema = rb.get("content", {}).get("application/json", {}).get("schema")
        self.responses = op.get("responses", {})
        self.requires_auth = self._requires_auth(op, spec.doc)

    def _requires_auth(self, op: dict, doc: dict) -> bool:
        """The operation's ``security`` (``[]`` means none), else the document's, else whether
        it declares an ``Authorization`` header parameter (the Devopness document does that)."""
        if "security" in op:
            return bool(op["security"])
        if "security" in doc:
            return bool(doc["security"])
        return ("header", "Authorization") in self.params

    def response_schema(self, status: int):
        r = self.responses.get(str(status))
        if r is None:
            return None
        r = self.spec.deref(r)
        return r.get("content", {}).get("application/json", {}).get("schema")


class Spec:
    def __init__(self, path: str, message_for=None):
        with open(path, "rb") as fh:
            raw = fh.read()
        if path.endswith((".yaml", ".yml")):
            import yaml

            self.doc = yaml.safe_load(raw)
        else:
            self.doc = json.loads(raw)
        self.version = str(self.doc.get("openapi", "3.0"))
        is_31 = self.version.startswith("3.1")
        self._validator_class = OAS31Validator if is_31 else OAS30Validator
        self.message_for = message_for or laravel_message
        self.schemas = self.doc.get("components", {}).get("schemas", {})
        resource = Resource.from_contents(self.doc, default_specification=DRAFT202012 if is_31 else DRAFT4)
        self.registry = Registry().with_resource(SPEC_URI, resource)
        self._validators: dict = {}
        self._shapers: dict = {}
        self.operations: list[Operation] = []
        self.by_id: dict[str, Operation] = {}
        self._routes = RouteTable()
        for p, item in self.doc.get("paths", {}).items():
            for m in HTTP_METHODS:
                if m in item:
                    op = Operation(self, p, m, item[m], item)
                    self.operations.append(op)
                    self.by_id[op.operation_id] = op
                    self._routes.add(p, m, op)

    def forget_validators(self) -> None:
        """Call after changing ``doc`` in place: validators and shapers are cached per schema."""
        self._validators.clear()
        self._shapers.clear()

    # -- $ref handling -------------------------------------------------
    def deref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"unsupported $ref {ref}")
            cur: Any = self.doc
            for part in ref[2:].split("/"):
                cur = cur[part.replace("~1", "/").replace("~0", "~")]
            node = cur
            seen += 1
            if seen > 50:
                raise ValueError("$ref loop")
        return node

    @staticmethod
    def _ref_name(node: Any) -> str | None:
        if isinstance(node, dict) and "$ref" in node:
            return node["$ref"].rsplit("/", 1)[-1]
        return None

    def _abs(self, schema: Any) -> Any:
        """Rewrite local refs so a standalone schema resolves against the registry."""
        if isinstance(schema, dict) and set(schema) == {"$ref"} and schema["$ref"].startswith("#/"):
            return {"$ref": SPEC_URI + schema["$ref"]}
        # wrap: validate via allOf with absolute refs inside
        return json.loads(json.dumps(schema).replace('"$ref": "#/', f'"$ref": "{SPEC_URI}#/'))

    def validator(self, schema: Any):
        key = json.dumps(schema, sort_keys=True)
        v = self._validators.get(key)
        if v is None:
            v = self._validator_class(self._abs(schema), registry=self.registry)
            self._validators[key] = v
        return v

    def schema_errors(self, schema: Any, instance: Any) -> list:
        return list(self.validator(schema).iter_errors(instance))

    def schema_ref(self, name: str) -> dict:
        return {"$ref": f"#/components/schemas/{name}"}

    # -- routing --------------------------------------------------------
    def match(self, method: str, path: str):
        """Return (operation, path_params) or raise LookupError(404|405)."""
        return self._routes.match(method, path)

    # -- parameter coercion / validation -----------------------------------
    def coerce_params(self, op: Operation, where: str, raw: dict) -> tuple[dict, dict]:
        """Coerce raw string params to their schema types; return (values, errors)."""
        values: dict = {}
        errors: dict = {}
        for (loc, name), p in op.params.items():
            if loc != where:
                continue
            schema = self.deref(p.get("schema", {}))
            if name not in raw:
                if p.get("required") and where != "header":
                    errors.setdefault(name, []).append(f"The {name} field is required.")
                continue
            val = raw[name]
            if isinstance(val, list):
                val = val[-1]
            typ = main_type(schema)
            try:
                if typ == "integer":
                    if not re.fullmatch(r"-?\d+", val or ""):
                        raise ValueError
                    val = int(val)
                elif typ == "number":
                    val = float(val)
                elif typ == "boolean":
                    low = (val or "").lower()
                    if low in ("true", "1"):
                        val = True
                    elif low in ("false", "0"):
                        val = False
                    else:
                        raise ValueError
            except ValueError:
                kind = {"integer": "an integer", "number": "a number", "boolean": "true or false"}[typ]
                errors.setdefault(name, []).append(f"The {name} must be {kind}.")
                continue
            errs = self.schema_errors(schema, val)
            if errs:
                errors.setdefault(name, []).append(self.message_for(name, errs[0]))
                continue
            values[name] = val
        return values, errors

    def validate_body(self, op: Operation, body: Any) -> dict:
        """Return Laravel-style ``errors`` (field -> [msg]) for a body, {} if valid."""
        if op.body_schema is None:
            return {}
        if body is None:
            if op.body_required:
                return _errors_for(self, op.body_schema, {})
            return {}
        return _errors_for(self, op.body_schema, body)

    # -- response shaping ---------------------------------------------------
    def shape(self, schema: Any, data: Any, _depth: int = 0) -> Any:
        return shape(self, schema, data, _depth)

    def shaper(self, schema: Any) -> "_Shaper":
        """The ``_Shaper`` of a schema node, made once: a bare ``$ref`` is known by its target, any
        other node by its identity (the entry keeps it alive, so the id is not reused)."""
        ref_only = isinstance(schema, dict) and len(schema) == 1 and "$ref" in schema
        key = schema["$ref"] if ref_only else id(schema)
        found = self._shapers.get(key)
        if found is None or found.schema is not schema and not ref_only:
            if len(self._shapers) > _MAX_SHAPERS:  # callers that build a schema per call
                self._shapers.clear()
            found = self._shapers[key] = _Shaper(self, schema)
        return found

    def default(self, schema: Any, _depth: int = 0) -> Any:
        return default_for(self, schema, _depth)


# ---------------------------------------------------------------------------
# Laravel-style error messages

def main_type(schema: Any):
    """The schema's ``type``; for an OpenAPI 3.1 list such as ``["string", "null"]``, the first
    type that is not ``null``."""
    t = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(t, list):
        return next((x for x in t if x != "null"), None)
    return t


def _kind(t: Any) -> str:
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), None)
    return {
        "string": "a string",
        "integer": "an integer",
        "number": "a number",
        "boolean": "true or false",
        "array": "an array",
        "object": "an object",
    }.get(t if isinstance(t, str) else "", "valid")


# The validation messages Laravel (the framework behind the Devopness API) gives, by JSON Schema keyword.
_LARAVEL_MESSAGES = {
    "required": "The {field} field is required.",
    "enum": "The {field} must be one of: {choices}.",
    "maxLength": "The {field} may not be greater than {limit} characters.",
    "minLength": "The {field} must be at least {limit} characters.",
    "maximum": "The {field} may not be greater than {limit}.",
    "minimum": "The {field} must be at least {limit}.",
    "maxItems": "The {field} may not have more than {limit} items.",
    "minItems": "The {field} must have at least {limit} items.",
    "pattern": "The {field} format is invalid.",
    "format": "The {field} must be a valid {limit}.",
    "nullable": "The {field} field is required.",
}


def laravel_message(field: str, err) -> str:
    limit = err.validator_value
    if err.validator == "type":
        if err.instance is None:
            return f"The {field} field is required."
        return f"The {field} must be {_kind(limit)}."
    choices = ", ".join(str(x) for x in limit) if err.validator == "enum" else ""
    template = _LARAVEL_MESSAGES.get(err.validator, "The {field} is invalid.")
    return template.format(field=field, limit=limit, choices=choices)


def _field(path) -> str:
    return ".".join(str(p) for p in path)


def _errors_for(spec: Spec, schema: Any, instance: Any) -> dict:
    errs = spec.schema_errors(schema, instance)
    out: dict[str, list[str]] = {}
    order = []

    def add(field, msg):
        field = field or "body"
        if field not in out:
            out[field] = []
            order.append(field)
        if msg not in out[field]:
            out[field].append(msg)

    def handle(e, prefix=()):
        path = list(prefix) + list(e.absolute_path)
        if e.validator == "required":
            inst = e.instance if isinstance(e.instance, dict) else {}
            for name in e.validator_value:
                if name not in inst:
                    f = _field(path + [name])
                    add(f, spec.message_for(f, e))
            return
        if e.validator in ("anyOf", "oneOf") and e.context:
            # pick the branch with the fewest errors and report those
            by_branch: dict[int, list] = {}
            for sub in e.context:
                by_branch.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
            best = min(by_branch.values(), key=len)
            for sub in best:
                # sub.absolute_path is already absolute
                handle(sub)
            return
        f = _field(path)
        add(f, spec.message_for(f or "body", e))

    for e in sorted(errs, key=lambda e: [str(p) for p in e.absolute_path]):
        handle(e)
    return {k: out[k] for k in order}


# ---------------------------------------------------------------------------
# response shaping

_MAX_DEPTH = 12


def _is_nullable(spec: Spec, schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    target = spec.deref(schema)
    # OAS30Validator rejects null for a nullable enum that does not list null
    if "enum" in target and None not in target["enum"]:
        return False
    if isinstance(target.get("type"), list) and "null" in target["type"]:
        return True  # OpenAPI 3.1
    return bool(schema.get("nullable") or target.get("nullable"))


def default_for(spec: Spec, schema: Any, depth: int = 0) -> Any:
    if schema is None:
        return None
    s = spec.deref(schema)
    if _is_nullable(spec, schema):
        return None
    if depth > _MAX_DEPTH:
        return None
    for key in ("oneOf", "anyOf"):
        if key in s and s[key]:
            return default_for(spec, s[key][0], depth + 1)
    if "allOf" in s:
        out: dict = {}
        for sub in s["allOf"]:
            d = default_for(spec, sub, depth + 1)
            if isinstance(d, dict):
                out.update(d)
        return out
    if "enum" in s:
        return s["enum"][0]
    t = main_type(s)
    ex = s.get("example")
    if t == "string":
        if isinstance(ex, str):
            return ex
        return "x" * int(s.get("minLength", 0))
    if t == "integer":
        if isinstance(ex, int) and not isinstance(ex, bool):
            return ex
        return int(s.get("minimum", 0))
    if t == "number":
        return ex if isinstance(ex, (int, float)) and not isinstance(ex, bool) else 0
    if t == "boolean":
        return ex if isinstance(ex, bool) else False
    if t == "array":
        n = int(s.get("minItems", 0))
        return [default_for(spec, s.get("items", {}), depth + 1) for _ in range(n)]
    if t == "object" or "properties" in s:
        props = s.get("properties", {})
        return {k: default_for(spec, props.get(k, {}), depth + 1) for k in s.get("required", [])}
    return None


def _branch_score(spec: Spec, branch: Any, data: Any) -> tuple:
    b = spec.deref(branch)
    if not isinstance(data, dict):
        return (0, 0)
    props = b.get("properties", {})
    req = b.get("required", [])
    hits = sum(1 for k in data if k in props)
    missing = sum(1 for k in req if k not in data)
    return (hits - 2 * missing, -len(props))


def shape(spec: Spec, schema: Any, data: Any, depth: int = 0) -> Any:
    """Render ``data`` into ``schema`` (see module docstring).

    A dict may carry ``"__schema__": "Name"`` to select a oneOf/anyOf branch.
    """
    if schema is None:
        return data
    return spec.shaper(schema)(data, depth)


_MAX_SHAPERS = 10000


class _Shaper:
    """``shape`` for one schema node, with what the node says worked out once (its target, whether it
    is nullable, its branches, parts, items or properties), since a page of a list renders the same
    schemas for every item."""

    def __init__(self, spec: Spec, schema: Any):
        self.spec = spec
        self.schema = schema
        self.nullable = _is_nullable(spec, schema)
        self.defaults: dict = {}
        s = spec.deref(schema)
        self.kind = "leaf"
        branches = next((s[key] for key in ("oneOf", "anyOf") if key in s and s[key]), None)
        if branches:
            self.kind = "union"
            self.branches = [(b, spec._ref_name(b), spec.deref(b)) for b in branches]
            self.scoring = [(b, target.get("properties", {}), target.get("required", []),
                             -len(target.get("properties", {}))) for b, dummy, target in self.branches]
        elif "allOf" in s:
            self.kind = "all"
            self.parts = s["allOf"]
        else:
            t = main_type(s)
            if t == "array" or (t is None and "items" in s):
                self.kind = "array"
                self.items = s.get("items", {})
            elif t == "object" or "properties" in s:
                self.properties = s.get("properties")
                self.kind = "object" if self.properties else "free"
                if self.properties:
                    self.properties = list(self.properties.items())
                    self.required = set(s.get("required", []))
                    self.children = None

    def default(self, depth: int) -> Any:
        """``default_for`` the node; worked out once for each depth, a fresh copy each time."""
        if depth not in self.defaults:
            self.defaults[depth] = default_for(self.spec, self.schema, depth)
        value = self.defaults[depth]
        return copy.deepcopy(value) if isinstance(value, (dict, list)) else value

    def __call__(self, data: Any, depth: int) -> Any:
        if data is None:
            return None if self.nullable else self.default(depth)
        if depth > _MAX_DEPTH:
            return data
        kind, shaper = self.kind, self.spec.shaper
        if kind == "object":
            if not isinstance(data, dict):
                return data
            if self.children is None:  # made on first use: a schema may contain itself
                self.children = [(key, prop, shaper(prop)) for key, prop in self.properties]
            out = {}
            for key, prop, child in self.children:
                if key in data:
                    value = data[key]
                    # a leaf renders any value but None as it is
                    out[key] = value if child.kind == "leaf" and value is not None else child(value, depth + 1)
                elif key in self.required:
                    out[key] = child.default(depth + 1)
            return out
        if kind == "array":
            if not isinstance(data, list):
                return data
            items = shaper(self.items)
            return [items(x, depth + 1) for x in data]
        if kind == "free":
            return {k: v for k, v in data.items() if k != "__schema__"} if isinstance(data, dict) else data
        if kind == "union":
            if not isinstance(data, dict):
                return data  # a scalar or list is rendered as it is, whichever branch it fits
            hint = data.get("__schema__")
            chosen = next((b for b, name, dummy in self.branches if name == hint), None) if hint else None
            if chosen is None:
                chosen = max(self.scoring, key=lambda branch: (
                    sum(1 for k in data if k in branch[1]) - 2 * sum(1 for k in branch[2] if k not in data),
                    branch[3]))[0]
            return shaper(chosen)(data, depth + 1)
        if kind == "all":
            out = {}
            for sub in self.parts:
                part = shaper(sub)(data, depth + 1)
                if isinstance(part, dict):
                    out.update(part)
            return out
        return data
