"""HTTP plumbing shared by every simulated platform.

* ``SandboxServer`` wraps ``ThreadingHTTPServer``; one global ``RLock``
  (``sandbox.lock``) serialises all state access.
* Requests are routed by platform prefix (``/devopness`` ...); ``/_sandbox/``
  is the unauthenticated control API (health, request log, reset, config,
  faults, seed).
* ``ApiPlatform`` is the reusable base for a platform described by an
  OpenAPI document: route matching, 404/405, auth, Accept/Content-Type (415),
  JSON parsing (400), parameter/body validation (422) and RFC 8288 paging.
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from .openapi import Spec


class Request:
    def __init__(self, method, path, query, headers, raw_body, host, prefix):
        self.method = method
        self.path = path  # platform-relative, e.g. /projects/3
        self.query = query  # name -> value or list of values
        self.headers = headers
        self.raw_body = raw_body
        self.body = None
        self.host = host
        self.prefix = prefix  # e.g. /devopness

    def header(self, name, default=None):
        return self.headers.get(name, default)


class Response:
    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


class ApiError(Exception):
    def __init__(self, status, message, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def response(self):
        body = {"message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return Response(self.status, body, self.headers)


def validation_error(errors: dict) -> ApiError:
    first = next(iter(errors.values()))[0]
    return ApiError(422, first, errors)


def flat_query(qs: str) -> dict:
    out = {}
    for k, v in parse_qs(qs, keep_blank_values=True).items():
        out[k] = v[0] if len(v) == 1 else v
    return out


class ApiPlatform:
    """Base for an OpenAPI-described platform. Subclasses set ``name``,
    ``prefix``, ``spec`` and implement handlers keyed by operationId."""

    name = "platform"
    prefix = "/platform"
    default_per_page = 20
    max_per_page = 100

    def __init__(self, sandbox: "Sandbox", spec: Spec):
        self.sandbox = sandbox
        self.spec = spec
        self.handlers: dict = {}

    # subclasses override
    def check_auth(self, req: Request) -> None:
        pass

    def reset(self) -> None:
        pass

    def tick(self) -> None:
        pass

    def handle(self, req: Request) -> Response:
        try:
            try:
                op, path_params = self.spec.match(req.method, req.path)
            except LookupError as e:
                if e.args[0] == 405:
                    raise ApiError(405, "The %s method is not supported for this route." % req.method)
                raise ApiError(404, "The route %s could not be found." % req.path.lstrip("/"))
            if op.requires_auth:
                self.check_auth(req)
            accept = req.header("Accept") or ""
            if "application/json" not in accept.lower():
                raise ApiError(415, "Unsupported Media Type: send 'Accept: application/json'.")
            if req.raw_body:
                ctype = (req.header("Content-Type") or "").lower()
                if not ctype.startswith("application/json"):
                    raise ApiError(415, "Unsupported Media Type: send 'Content-Type: application/json'.")
                try:
                    req.body = json.loads(req.raw_body)
                except ValueError:
                    raise ApiError(400, "The request body is not valid JSON.")
            # path params: integer ids must be ints >= 1
            pvals, perr = self.spec.coerce_params(op, "path", path_params)
            if perr:
                raise ApiError(404, "Not found: invalid %s." % ", ".join(perr))
            qvals, qerr = self.spec.coerce_params(op, "query", req.query)
            if qerr:
                raise validation_error(qerr)
            berr = self.spec.validate_body(op, req.body)
            if berr:
                raise validation_error(berr)
            handler = self.handlers.get(op.operation_id)
            if handler is None:
                raise ApiError(501, "Operation %s is not simulated by the sandbox." % op.operation_id)
            with self.sandbox.lock:
                self.tick()
                resp = handler(req, pvals, qvals, req.body if req.body is not None else {})
            return resp
        except ApiError as e:
            return e.response()

    # -- paging ------------------------------------------------------------
    def paginate(self, req: Request, qvals: dict, items: list, render) -> Response:
        page = qvals.get("page", 1)
        per_page = qvals.get("per_page", self.default_per_page)
        total = len(items)
        last = max(1, -(-total // per_page))
        chunk = items[(page - 1) * per_page: page * per_page]
        body = [render(x) for x in chunk]
        return Response(200, body, {"Link": self.link_header(req, page, per_page, last)})

    def link_header(self, req: Request, page: int, per_page: int, last: int) -> str:
        base = "http://%s%s%s" % (req.host or "127.0.0.1", req.prefix, req.path)
        q = {k: v for k, v in req.query.items() if k not in ("page",)}

        def url(p):
            qq = dict(q)
            qq["page"] = str(p)
            return base + "?" + urlencode(qq, doseq=True)

        parts = ['<%s>; rel="first"' % url(1)]
        if page > 1:
            parts.append('<%s>; rel="prev"' % url(min(page - 1, last)))
        if page < last:
            parts.append('<%s>; rel="next"' % url(page + 1))
        parts.append('<%s>; rel="last"' % url(last))
        return ", ".join(parts)


class NotSimulated:
    def __init__(self, name, prefix):
        self.name = name
        self.prefix = prefix

    def handle(self, req):
        return Response(404, {"message": "platform not simulated yet"})

    def reset(self):
        pass


class Faults:
    def __init__(self):
        self.clear()

    def clear(self):
        self.error_rate = 0.0
        self.statuses = [503]
        self.retry_after = None
        self.retry_after_date = False
        self.latency_ms = 0
        self.commit_then_fail_rate = 0.0
        self.seed = None
        self.max_faults = None
        self.methods = None
        self.path_prefix = None
        self.action_failures = []
        self.injected = 0
        self.rng = random.Random()

    def configure(self, cfg: dict):
        known = {"error_rate", "statuses", "retry_after", "retry_after_date", "latency_ms",
                 "commit_then_fail_rate", "seed", "max_faults", "methods", "path_prefix",
                 "action_failures"}
        unknown = set(cfg) - known
        if unknown:
            raise ApiError(422, "Unknown fault keys: %s" % ", ".join(sorted(unknown)))
        for k, v in cfg.items():
            if k == "methods" and v is not None:
                v = [m.upper() for m in v]
            if k == "action_failures":
                v = [dict(x) for x in (v or [])]
            setattr(self, k, v)
        if "seed" in cfg:
            self.rng = random.Random(cfg["seed"])
        if "max_faults" in cfg or "seed" in cfg:
            self.injected = 0

    def as_dict(self):
        return {
            "error_rate": self.error_rate, "statuses": self.statuses, "retry_after": self.retry_after,
            "retry_after_date": self.retry_after_date, "latency_ms": self.latency_ms,
            "commit_then_fail_rate": self.commit_then_fail_rate, "seed": self.seed,
            "max_faults": self.max_faults, "methods": self.methods, "path_prefix": self.path_prefix,
            "action_failures": self.action_failures, "injected": self.injected,
        }

    def applies(self, method, full_path):
        if self.max_faults is not None and self.injected >= self.max_faults:
            return False
        if self.methods and method.upper() not in self.methods:
            return False
        if self.path_prefix and not full_path.startswith(self.path_prefix):
            return False
        return True

    def headers(self):
        h = {}
        if self.retry_after is not None:
            if self.retry_after_date:
                h["Retry-After"] = email.utils.formatdate(time.time() + float(self.retry_after), usegmt=True)
            else:
                h["Retry-After"] = str(int(self.retry_after)) if float(self.retry_after).is_integer() else str(self.retry_after)
        return h


REASONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
    409: "Conflict", 429: "Too Many Requests", 500: "Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
}


class Sandbox:
    """All state of a running sandbox (platforms, log, faults, config)."""

    def __init__(self, reference_dir: str | None = None):
        import os

        from .openapi import find_reference_dir

        self.lock = threading.RLock()
        self.reference_dir = reference_dir or find_reference_dir()
        self.requests: list = []
        self.seq = 0
        self.faults = Faults()
        self.config_defaults = {
            "action_seconds": float(os.environ.get("SANDBOX_ACTION_SECONDS", "0.2")),
            "provision_seconds": float(os.environ.get("SANDBOX_PROVISION_SECONDS", "0.3")),
        }
        self.config = dict(self.config_defaults)
        from .devopness import Devopness

        self.platforms = [
            Devopness(self, Spec(os.path.join(self.reference_dir, "devopness", "openapi.json"))),
            NotSimulated("deployhq", "/deployhq"),
            NotSimulated("deploybot", "/deploybot"),
            NotSimulated("dployr", "/dployr"),
        ]

    def platform(self, name):
        for p in self.platforms:
            if p.name == name:
                return p
        return None

    def reset(self):
        with self.lock:
            self.requests = []
            self.seq = 0
            self.faults.clear()
            self.config = dict(self.config_defaults)
            for p in self.platforms:
                p.reset()

    def log(self, platform, req, status):
        with self.lock:
            self.seq += 1
            self.requests.append({
                "seq": self.seq, "platform": platform, "method": req.method, "path": req.path,
                "query": req.query, "body": req.body if req.body is not None else _try_json(req.raw_body),
                "status": status,
            })

    # -- dispatch ----------------------------------------------------------
    def dispatch(self, method, raw_path, headers, raw_body, host) -> Response:
        parts = urlsplit(raw_path)
        path = parts.path
        query = flat_query(parts.query)
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            try:
                return self.control(method, path[len("/_sandbox"):], query, raw_body)
            except ApiError as e:
                return e.response()
        for p in self.platforms:
            if path == p.prefix or path.startswith(p.prefix + "/"):
                rel = path[len(p.prefix):] or "/"
                req = Request(method, rel, query, headers, raw_body, host, p.prefix)
                return self._platform_request(p, req, path)
        return Response(404, {"message": "Unknown platform prefix: %s" % path})

    def _platform_request(self, p, req, full_path):
        f = self.faults
        with self.lock:
            latency = f.latency_ms or 0
        if latency:
            time.sleep(latency / 1000.0)
        with self.lock:
            inject = None
            if f.error_rate and f.applies(req.method, full_path) and f.rng.random() < f.error_rate:
                f.injected += 1
                status = f.rng.choice(list(f.statuses or [503]))
                inject = Response(status, {"message": REASONS.get(status, "Injected Error")}, f.headers())
            if inject is not None:
                if req.raw_body:
                    req.body = _try_json(req.raw_body)
                self.log(p.name, req, inject.status)
                return inject
            resp = p.handle(req)
            if (f.commit_then_fail_rate and f.applies(req.method, full_path)
                    and f.rng.random() < f.commit_then_fail_rate):
                f.injected += 1
                resp = Response(502, {"message": "Bad Gateway"}, f.headers())
            self.log(p.name, req, resp.status)
            return resp

    # -- control API -------------------------------------------------------
    def control(self, method, path, query, raw_body) -> Response:
        body = None
        if raw_body:
            try:
                body = json.loads(raw_body)
            except ValueError:
                raise ApiError(400, "The request body is not valid JSON.")
        body = body if body is not None else {}
        if path == "/health" and method == "GET":
            return Response(200, {"status": "ok"})
        if path == "/requests":
            if method == "GET":
                with self.lock:
                    items = list(self.requests)
                if "platform" in query:
                    items = [r for r in items if r["platform"] == query["platform"]]
                if "method" in query:
                    items = [r for r in items if r["method"] == str(query["method"]).upper()]
                return Response(200, items)
            if method == "DELETE":
                with self.lock:
                    self.requests = []
                return Response(204)
        if path == "/reset" and method == "POST":
            self.reset()
            return Response(200, {"status": "reset"})
        if path == "/config":
            if method == "POST":
                if not isinstance(body, dict):
                    raise ApiError(422, "config must be an object")
                for k, v in body.items():
                    if k not in self.config_defaults:
                        raise ApiError(422, "Unknown config key: %s" % k)
                    if not isinstance(v, (int, float)) or v < 0:
                        raise ApiError(422, "%s must be a number >= 0" % k)
                with self.lock:
                    self.config.update({k: float(v) for k, v in body.items()})
                    return Response(200, dict(self.config))
            if method == "GET":
                return Response(200, dict(self.config))
        if path == "/faults":
            if method == "POST":
                if not isinstance(body, dict):
                    raise ApiError(422, "faults must be an object")
                with self.lock:
                    self.faults.configure(body)
                    return Response(200, self.faults.as_dict())
            if method == "GET":
                with self.lock:
                    return Response(200, self.faults.as_dict())
            if method == "DELETE":
                with self.lock:
                    self.faults.clear()
                return Response(204)
        if path == "/seed" and method == "POST":
            if not isinstance(body, dict):
                raise ApiError(422, "seed must be an object")
            dev = self.platform("devopness")
            with self.lock:
                return Response(201, dev.seed(body))
        raise ApiError(404, "Unknown control endpoint %s %s" % (method, path))


def _try_json(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DevopnessSandbox/1.0"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        import socket

        try:  # avoid Nagle + delayed-ACK stalls on keep-alive connections
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def _do(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items()}
        # case-insensitive header access
        hdrs = _CIDict(headers)
        try:
            resp = self.server.sandbox.dispatch(self.command, self.path, hdrs, raw, self.headers.get("Host"))
        except Exception as e:  # pragma: no cover - defensive
            import traceback

            traceback.print_exc()
            resp = Response(500, {"message": "Server Error: %s" % e})
        payload = b""
        if resp.body is not None and resp.status != 204:
            payload = json.dumps(resp.body).encode()
        self.send_response(resp.status)
        if payload:
            self.send_header("Content-Type", "application/json")
        for k, v in resp.headers.items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _do


class _CIDict(dict):
    def __init__(self, d):
        super().__init__({k.lower(): v for k, v in d.items()})

    def get(self, k, default=None):
        return super().get(k.lower(), default)

    def __getitem__(self, k):
        return super().__getitem__(k.lower())

    def __contains__(self, k):
        return super().__contains__(k.lower())


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, sandbox: Sandbox):
        super().__init__(addr, _Handler)
        self.sandbox = sandbox


def make_server(host="127.0.0.1", port=8765, reference_dir=None) -> SandboxHTTPServer:
    return SandboxHTTPServer((host, port), Sandbox(reference_dir))
