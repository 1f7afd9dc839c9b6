"""HTTP plumbing shared by every simulated platform.

* ``Sandbox`` holds everything a running sandbox knows: the platforms (built from
  ``registry.PLATFORMS``; the known platforms not built yet answer 404), the request log,
  the faults, the config, and one global ``RLock`` (``sandbox.lock``) that serialises all
  state access.
* Requests are routed by platform prefix (``/devopness`` ...); ``/_sandbox/`` is the
  unauthenticated control API (``control.py``).  Faults (``faults.py``) wrap every platform
  request the same way, whatever the platform.
* ``SandboxHTTPServer`` is a ``ThreadingHTTPServer`` on 127.0.0.1, plain HTTP or HTTPS.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .control import ControlApi
from .faults import MAX_WAIT_SECONDS, REASONS, Faults
from .http_types import Headers, Request, Response, flat_query
from .openapi import find_reference_dir
from .registry import PLATFORMS


class Sandbox:
    """All state of a running sandbox (platforms, log, faults, config)."""

    def __init__(self, reference_dir: str | None = None, platforms=None):
        self.lock = threading.RLock()
        self.reference_dir = reference_dir or find_reference_dir()
        self.requests: list = []
        self.seq = 0
        self.faults = Faults()
        self.config_defaults = {
            "action_seconds": float(os.environ.get("SANDBOX_ACTION_SECONDS", "0.2")),
            "provision_seconds": float(os.environ.get("SANDBOX_PROVISION_SECONDS", "0.3")),
        }
        self.platforms = [platform_class(self) for platform_class in (PLATFORMS if platforms is None else platforms)]
        for platform in self.platforms:  # settings of one platform (dployr's rate limit, its node...)
            self.config_defaults.update(platform.config_defaults)
        self.config = dict(self.config_defaults)
        self.control = ControlApi(self)

    def platform(self, name):
        return next((p for p in self.platforms if p.name == name), None)

    def reset(self):
        with self.lock:
            self.requests = []
            self.seq = 0
            self.faults.clear()
            self.config = dict(self.config_defaults)
            for platform in self.platforms:
                platform.reset()

    def log(self, platform_name, request, status):
        with self.lock:
            self.seq += 1
            self.requests.append({
                "seq": self.seq, "platform": platform_name, "method": request.method, "path": request.path,
                "query": request.query,
                "body": request.body if request.body is not None else _try_json(request.raw_body),
                "status": status,
            })

    # -- dispatch ----------------------------------------------------------
    def dispatch(self, method, raw_path, headers, raw_body, host, scheme="http") -> Response:
        parts = urlsplit(raw_path)
        path = parts.path
        query = flat_query(parts.query)
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            return self.control.handle(method, path[len("/_sandbox"):], query, raw_body)
        for platform in sorted(self.platforms, key=lambda p: len(p.prefix), reverse=True):
            if path == platform.prefix or path.startswith(platform.prefix + "/"):
                relative = path[len(platform.prefix):] or "/"
                request = Request(method, relative, query, headers, raw_body, host, platform.prefix, scheme)
                return self._platform_request(platform, request, path)
        return Response(404, {"message": "Unknown platform prefix: %s" % path})

    def _platform_request(self, platform, request, full_path):
        faults, method = self.faults, request.method
        arrived = time.monotonic()
        with self.lock:
            delay = faults.delay_seconds(method, full_path)
            hang = faults.hang_event(method, full_path)
        # A read is answered from the state it found on arrival and held until its latency is over, so the
        # sandbox renders reads while others wait out their latency (requests overlap as they would on the
        # API's own servers); a write takes effect once its latency is over.
        if hang or method not in ("GET", "HEAD"):
            self._wait(delay, hang)
            return self._answer(platform, request, full_path)
        response = self._answer(platform, request, full_path)
        self._wait(delay - (time.monotonic() - arrived), None)
        return response

    @staticmethod
    def _wait(delay, hang):
        if delay > 0:
            time.sleep(delay)
        if hang:
            release, seconds = hang
            release.wait(seconds)

    def _answer(self, platform, request, full_path):
        """The platform's answer, or the fault that replaces it, logged."""
        faults, method = self.faults, request.method
        with self.lock:
            status = faults.error_status(method, full_path)
            if status is not None:
                response = platform.error_response(status, REASONS.get(status, "Injected Error"),
                                                   headers=faults.headers())
            else:
                response = platform.handle(request)
                if faults.strikes("commit_then_fail_rate", method, full_path):
                    response = platform.error_response(502, "Bad Gateway", headers=faults.headers())
                else:
                    response = faults.malformed_answer(method, full_path, response) or response
            response.trickle = faults.trickle(method, full_path)
            response.headers.update(platform.extra_headers(request, response))
            self.log(platform.name, request, response.status)
            return response


def _try_json(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DeployopsSandbox/1.0"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        try:  # avoid Nagle + delayed-ACK stalls on keep-alive connections
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if isinstance(self.connection, ssl.SSLSocket):
            # the handshake runs here, in the request thread, not in the accept loop
            self.connection.settimeout(10)
            self.connection.do_handshake()
            self.connection.settimeout(None)

    def _do(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        scheme = "https" if isinstance(self.connection, ssl.SSLSocket) else "http"
        try:
            response = self.server.sandbox.dispatch(self.command, self.path, Headers(self.headers.items()), raw,
                                                    self.headers.get("Host"), scheme)
        except Exception as error:  # pragma: no cover - defensive
            import traceback

            traceback.print_exc()
            response = Response(500, {"message": "Server Error: %s" % error})
        content_type, payload = None, b""
        if response.raw is not None:
            content_type, payload = response.content_type, response.raw
        elif response.body is not None and response.status != 204:
            content_type, payload = "application/json", response.payload()
        try:
            self.send_response(response.status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in response.headers.items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if payload and self.command != "HEAD":
                self._write(payload, response.trickle)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True  # the client went away (e.g. it timed out on a hang)

    def _write(self, payload, trickle):
        """Send the body, or with a trickle fault a few bytes at a time (about ten writes a
        second) at ``bytes_per_second``, never for longer than ``MAX_WAIT_SECONDS``; a release
        (reset, cleared faults, shutdown) sends the rest at once."""
        if not trickle:
            self.wfile.write(payload)
            return
        rate, release = trickle
        rate = max(rate, len(payload) / MAX_WAIT_SECONDS)
        piece = max(1, int(rate / 10))
        for start in range(0, len(payload), piece):
            chunk = payload[start:start + piece]
            self.wfile.write(chunk)
            self.wfile.flush()
            if release.wait(len(chunk) / rate):
                self.wfile.write(payload[start + piece:])
                return

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _do


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's backlog of 5 overflowed when a client opened a dozen connections at once on a loaded
    # machine: the kernel dropped the connection and the client sent it again a second later.
    request_queue_size = 128

    def __init__(self, addr, sandbox: Sandbox, ssl_context: ssl.SSLContext | None = None):
        super().__init__(addr, _Handler)
        self.sandbox = sandbox
        self.scheme = "https" if ssl_context else "http"
        if ssl_context is not None:
            self.socket = ssl_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def shutdown(self):
        self.sandbox.faults.release_waiting()  # requests that hang or trickle end now
        super().shutdown()

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (ssl.SSLError, ConnectionError, socket.timeout)):
            return  # a client that is not speaking TLS, or went away during the handshake
        super().handle_error(request, client_address)


def make_server(host="127.0.0.1", port=8765, reference_dir=None, tls_cert=None, tls_key=None,
                platforms=None) -> SandboxHTTPServer:
    """A sandbox server; HTTPS when ``tls_cert`` and ``tls_key`` (PEM files) are given."""
    context = None
    if tls_cert or tls_key:
        if not (tls_cert and tls_key):
            raise ValueError("HTTPS needs both a certificate and a key")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_cert, tls_key)
    return SandboxHTTPServer((host, port), Sandbox(reference_dir, platforms), context)
