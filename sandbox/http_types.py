"""The request, response and error values passed between the HTTP layer and the platforms."""

from __future__ import annotations

import json
from urllib.parse import parse_qs


class Headers(dict):
    """Request headers with case-insensitive lookup."""

    def __init__(self, items=()):
        super().__init__({name.lower(): value for name, value in dict(items).items()})

    def get(self, name, default=None):
        return super().get(name.lower(), default)

    def __getitem__(self, name):
        return super().__getitem__(name.lower())

    def __contains__(self, name):
        return super().__contains__(name.lower())


class Request:
    """One request to a platform; ``path`` is relative to the platform prefix (``/projects/3``)."""

    def __init__(self, method, path, query, headers, raw_body, host, prefix, scheme="http"):
        self.method = method
        self.path = path
        self.query = query  # name -> value, or a list of values when the name repeats
        self.headers = headers
        self.raw_body = raw_body
        self.body = None  # the parsed JSON body, set by the platform pipeline
        self.host = host
        self.prefix = prefix  # e.g. /devopness
        self.scheme = scheme

    def header(self, name, default=None):
        return self.headers.get(name, default)

    @property
    def base_url(self):
        """Absolute URL of the platform root as the client addressed it, e.g. ``http://127.0.0.1:8765/devopness``."""
        return "%s://%s%s" % (self.scheme, self.host or "127.0.0.1", self.prefix)


class Response:
    """A JSON answer (``body``), or raw bytes (``raw``) with their own ``content_type``."""

    def __init__(self, status=200, body=None, headers=None, raw=None, content_type="application/json"):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        self.raw = raw
        self.content_type = content_type
        self.trickle = None  # (bytes_per_second, release_event): send the body slowly (faults)
        self._encoded = None  # (body, its JSON bytes): a cached read is encoded once, not per answer

    def payload(self) -> bytes:
        """The body as JSON bytes."""
        if self._encoded is None or self._encoded[0] is not self.body:
            self._encoded = (self.body, json.dumps(self.body).encode())
        return self._encoded[1]

    def copy(self) -> "Response":
        """Another answer with the same body (and its encoding), whose headers and trickle can be changed."""
        other = Response(self.status, self.body, self.headers, self.raw, self.content_type)
        other._encoded = self._encoded
        return other


class ApiError(Exception):
    """An error answer; the platform's ``error_body`` hook turns it into its own body shape."""

    def __init__(self, status, message, errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def response(self):
        """The answer in the sandbox's own shape (control API): ``{"message", "errors"?}``."""
        body = {"message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return Response(self.status, body, self.headers)


def validation_error(errors: dict) -> ApiError:
    """A 422 whose message is the first error, as Laravel answers."""
    first = next(iter(errors.values()))[0]
    return ApiError(422, first, errors)


def flat_query(query_string: str) -> dict:
    """Parse a query string: a name given once maps to its value, a repeated name to the list."""
    out = {}
    for name, values in parse_qs(query_string, keep_blank_values=True).items():
        out[name] = values[0] if len(values) == 1 else values
    return out
