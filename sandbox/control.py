"""The unauthenticated control API under ``/_sandbox/`` (see README.md, "Control API")."""

from __future__ import annotations

import json

from .http_types import ApiError, Response

DEFAULT_SEED_PLATFORM = "devopness"  # seed bodies without "platform" predate the key


class ControlApi:
    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.routes = {
            ("GET", "/health"): self.health,
            ("GET", "/platforms"): self.list_platforms,
            ("GET", "/requests"): self.list_requests,
            ("DELETE", "/requests"): self.clear_requests,
            ("POST", "/reset"): self.reset,
            ("GET", "/config"): self.get_config,
            ("POST", "/config"): self.set_config,
            ("GET", "/faults"): self.get_faults,
            ("POST", "/faults"): self.set_faults,
            ("DELETE", "/faults"): self.clear_faults,
            ("POST", "/seed"): self.seed,
            ("GET", "/state"): self.state,
        }

    def handle(self, method, path, query, raw_body) -> Response:
        try:
            endpoint = self.routes.get((method, path)) or self.platform_endpoint(method, path)
            if endpoint is None:
                raise ApiError(404, "Unknown control endpoint %s %s" % (method, path))
            body = None
            if raw_body:
                try:
                    body = json.loads(raw_body)
                except ValueError:
                    raise ApiError(400, "The request body is not valid JSON.")
            return endpoint(query, body if body is not None else {})
        except ApiError as error:
            return error.response()

    def platform_endpoint(self, method, path):
        """``/<platform>/<name>``: an endpoint the platform adds (``Platform.control_handlers``),
        called under the global lock."""
        name, _, rest = path.lstrip("/").partition("/")
        platform = self.sandbox.platform(name)
        handler = platform.control_handlers().get((method, "/" + rest)) if platform is not None else None
        if handler is None:
            return None

        def locked(query, body):
            with self.sandbox.lock:
                platform.forget_reads()
                return handler(query, body)
        return locked

    @staticmethod
    def _object(body, what):
        if not isinstance(body, dict):
            raise ApiError(422, "%s must be an object" % what)
        return body

    def health(self, query, body):
        return Response(200, {"status": "ok"})

    def list_platforms(self, query, body):
        return Response(200, [{"name": p.name, "prefix": p.prefix}
                              for p in self.sandbox.platforms])

    def list_requests(self, query, body):
        with self.sandbox.lock:
            items = list(self.sandbox.requests)
        if "platform" in query:
            items = [r for r in items if r["platform"] == query["platform"]]
        if "method" in query:
            items = [r for r in items if r["method"] == str(query["method"]).upper()]
        return Response(200, items)

    def clear_requests(self, query, body):
        with self.sandbox.lock:
            self.sandbox.requests = []
        return Response(204)

    def reset(self, query, body):
        self.sandbox.reset()
        return Response(200, {"status": "reset"})

    def get_config(self, query, body):
        return Response(200, dict(self.sandbox.config))

    def set_config(self, query, body):
        self._object(body, "config")
        for key, value in body.items():
            if key not in self.sandbox.config_defaults:
                raise ApiError(422, "Unknown config key: %s" % key)
            if not isinstance(value, (int, float)) or value < 0:
                raise ApiError(422, "%s must be a number >= 0" % key)
        with self.sandbox.lock:
            for platform in self.sandbox.platforms:
                platform.forget_reads()
            self.sandbox.config.update({key: float(value) for key, value in body.items()})
            return Response(200, dict(self.sandbox.config))

    def get_faults(self, query, body):
        with self.sandbox.lock:
            return Response(200, self.sandbox.faults.as_dict())

    def set_faults(self, query, body):
        self._object(body, "faults")
        with self.sandbox.lock:
            self.sandbox.faults.configure(body)
            return Response(200, self.sandbox.faults.as_dict())

    def clear_faults(self, query, body):
        with self.sandbox.lock:
            self.sandbox.faults.clear()
        return Response(204)

    def state(self, query, body):
        """``{platform: snapshot}`` of every simulated platform, or of ``?platform=NAME``;
        ``?secrets=true`` keeps the random secrets the platforms made."""
        wanted = list(self.sandbox.platforms)
        if "platform" in query:
            wanted = [p for p in wanted if p.name == query["platform"]]
            if not wanted:
                known = ", ".join(p.name for p in self.sandbox.platforms)
                raise ApiError(404, "The platform %s is not simulated; one of: %s." % (json.dumps(query["platform"]), known))
        with self.sandbox.lock:
            for platform in wanted:
                platform.tick()  # finished jobs have their effects (server status, async deletes)
            secrets = str(query.get("secrets", "")).lower() in ("1", "true", "yes")
            return Response(200, {platform.name: platform.state_snapshot(secrets=secrets) for platform in wanted})

    def seed(self, query, body):
        """``{"platform": name, ...options}``: the platform's ``seed`` with its ``seed_options``
        filled in; an unknown platform or option is a 422 that names it."""
        options = dict(self._object(body, "seed"))
        name = options.pop("platform", DEFAULT_SEED_PLATFORM)
        platform = self.sandbox.platform(name) if isinstance(name, str) else None
        if platform is None:
            known = ", ".join(p.name for p in self.sandbox.platforms)
            message = "The platform %s is not simulated; seed one of: %s." % (json.dumps(name), known)
            raise ApiError(422, message, {"platform": [message]})
        unknown = sorted(set(options) - set(platform.seed_options))
        if unknown:
            message = "Unknown seed keys for %s: %s (known: %s)." % (
                platform.name, ", ".join(unknown), ", ".join(sorted(platform.seed_options)) or "none")
            raise ApiError(422, message, {key: ["The %s key is not a %s seed option." % (key, platform.name)]
                                          for key in unknown})
        with self.sandbox.lock:
            platform.forget_reads()
            return Response(201, platform.seed(dict(platform.seed_options, **options)))
