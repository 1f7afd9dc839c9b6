"""Fault injection settings (``/_sandbox/faults``) and the answers they produce.

Every decision is drawn from one ``random.Random`` (``seed`` makes a run repeatable), and only
for a fault whose rate is set, so adding a fault mode never shifts the sequence of another.
``methods``, ``path_prefix`` and ``max_faults`` restrict every fault except the steady
``latency_ms``.  The sandbox calls these methods under its global lock; the waits themselves
(latency, hang, trickle) happen outside it.
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time

from .http_types import ApiError, Response
from .jobs import Failure

MAX_WAIT_SECONDS = 120.0  # hang_seconds, latency_spike_ms and a trickled answer stay below this
MALFORMED_KINDS = ("html", "truncated", "empty", "wrong_type", "null_items")
RATES = ("error_rate", "commit_then_fail_rate", "hang_rate", "trickle_rate", "malformed_rate",
         "latency_spike_rate")
JOB_FAILURE_KEYS = {"platform", "resource_type", "operation", "step", "count", "reason"}
DEFAULTS = {
    "error_rate": 0.0, "statuses": [503], "retry_after": None, "retry_after_date": False,
    "latency_ms": 0, "latency_spike_rate": 0.0, "latency_spike_ms": 1000,
    "commit_then_fail_rate": 0.0,
    "hang_rate": 0.0, "hang_seconds": 30,
    "trickle_rate": 0.0, "trickle_bytes_per_second": 100,
    "malformed_rate": 0.0, "malformed": list(MALFORMED_KINDS),
    "seed": None, "max_faults": None, "methods": None, "path_prefix": None,
    "action_failures": [],
}
REASONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
    409: "Conflict", 429: "Too Many Requests", 500: "Server Error", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout",
}
HTML_502 = (b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
            b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n")


def normal_operation(operation) -> str:
    """``get_status`` and ``get-status`` name the same operation."""
    return (operation or "").replace("_", "-")


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check(name, value):
    """Return an error message for a bad value of fault ``name``, or None."""
    if name in RATES:
        return None if _is_number(value) and 0 <= value <= 1 else "%s must be a number from 0 to 1" % name
    if name in ("latency_ms", "latency_spike_ms"):
        ok = _is_number(value) and 0 <= value <= MAX_WAIT_SECONDS * 1000
        return None if ok else "%s must be a number from 0 to %d" % (name, MAX_WAIT_SECONDS * 1000)
    if name == "hang_seconds":
        ok = _is_number(value) and 0 < value <= MAX_WAIT_SECONDS
        return None if ok else "hang_seconds must be a number above 0 and at most %d" % MAX_WAIT_SECONDS
    if name == "trickle_bytes_per_second":
        return None if _is_number(value) and value >= 1 else "trickle_bytes_per_second must be a number >= 1"
    if name == "malformed":
        ok = isinstance(value, list) and value and all(kind in MALFORMED_KINDS for kind in value)
        return None if ok else "malformed must be a non-empty list of: %s" % ", ".join(MALFORMED_KINDS)
    if name == "statuses":
        ok = isinstance(value, list) and value and all(isinstance(s, int) and 100 <= s <= 599 for s in value)
        return None if ok else "statuses must be a non-empty list of HTTP status codes"
    if name == "action_failures":
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return "action_failures must be a list of objects"
        unknown = sorted({key for item in value for key in item} - JOB_FAILURE_KEYS)
        return "Unknown action_failures keys: %s" % ", ".join(unknown) if unknown else None
    if name == "methods":
        ok = value is None or (isinstance(value, list) and all(isinstance(m, str) for m in value))
        return None if ok else "methods must be a list of HTTP methods or null"
    if name == "path_prefix":
        return None if value is None or isinstance(value, str) else "path_prefix must be a string or null"
    if name in ("max_faults", "retry_after"):
        ok = value is None or (_is_number(value) and value >= 0)
        return None if ok else "%s must be a number >= 0 or null" % name
    return None


class Faults:
    def __init__(self):
        self._release = threading.Event()
        self.clear()

    def clear(self):
        """Back to no faults; requests that hang or trickle are released at once."""
        for name, value in DEFAULTS.items():
            setattr(self, name, json.loads(json.dumps(value)))
        self.injected = 0
        self.rng = random.Random()
        self.release_waiting()

    def release_waiting(self):
        self._release.set()
        self._release = threading.Event()

    def configure(self, settings: dict):
        unknown = set(settings) - set(DEFAULTS)
        if unknown:
            raise ApiError(422, "Unknown fault keys: %s" % ", ".join(sorted(unknown)))
        problems = {name: [message] for name, message in ((n, _check(n, v)) for n, v in settings.items()) if message}
        if problems:
            raise ApiError(422, next(iter(problems.values()))[0], problems)
        for name, value in settings.items():
            if name == "methods" and value is not None:
                value = [method.upper() for method in value]
            if name == "action_failures":
                value = [dict(item) for item in (value or [])]
            setattr(self, name, value)
        if "seed" in settings:
            self.rng = random.Random(settings["seed"])
        if "max_faults" in settings or "seed" in settings:
            self.injected = 0

    def as_dict(self):
        out = {name: getattr(self, name) for name in DEFAULTS}
        out["injected"] = self.injected
        return out

    # -- decisions -------------------------------------------------------------
    def applies(self, method, full_path):
        if self.max_faults is not None and self.injected >= self.max_faults:
            return False
        if self.methods and method.upper() not in self.methods:
            return False
        if self.path_prefix and not full_path.startswith(self.path_prefix):
            return False
        return True

    def strikes(self, rate_name, method, full_path) -> bool:
        """Draw for the fault ``rate_name``; a hit counts as an injected fault."""
        rate = getattr(self, rate_name)
        if rate and self.applies(method, full_path) and self.rng.random() < rate:
            self.injected += 1
            return True
        return False

    def delay_seconds(self, method, full_path) -> float:
        """``latency_ms``, plus ``latency_spike_ms`` when a spike strikes."""
        delay = (self.latency_ms or 0) / 1000.0
        if self.strikes("latency_spike_rate", method, full_path):
            delay += self.latency_spike_ms / 1000.0
        return delay

    def hang_event(self, method, full_path):
        """``(event, seconds)`` when this request must hang: wait on ``event`` (set by a reset, a
        ``DELETE /_sandbox/faults`` or shutdown) for at most ``seconds``; else None."""
        if self.strikes("hang_rate", method, full_path):
            return self._release, float(self.hang_seconds)
        return None

    def trickle(self, method, full_path):
        """``(bytes_per_second, release_event)`` when the answer must be sent slowly, else None."""
        if self.strikes("trickle_rate", method, full_path):
            return float(self.trickle_bytes_per_second), self._release
        return None

    def error_status(self, method, full_path):
        if self.strikes("error_rate", method, full_path):
            return self.rng.choice(list(self.statuses or [503]))
        return None

    def malformed_answer(self, method, full_path, response: Response):
        """A malformed replacement for ``response`` when the fault strikes, else None."""
        if not self.strikes("malformed_rate", method, full_path):
            return None
        return malformed(self.rng.choice(list(self.malformed)), response)

    def take_job_failure(self, platform, resource_type, operation):
        """The ``Failure`` for the next job matching an ``action_failures`` entry (and use one of
        its ``count``), or None.  Every matcher key is optional."""
        for entry in list(self.action_failures):
            if entry.get("platform") not in (None, platform):
                continue
            if entry.get("resource_type") not in (None, resource_type):
                continue
            if entry.get("operation") is not None and normal_operation(entry["operation"]) != normal_operation(operation):
                continue
            entry["count"] = int(entry.get("count", 1)) - 1
            if entry["count"] <= 0:
                self.action_failures.remove(entry)
            return Failure(int(entry.get("step", 1)), entry.get("reason") or "Step failed")
        return None

    def headers(self):
        """``Retry-After`` for injected errors, in seconds or as an HTTP date."""
        if self.retry_after is None:
            return {}
        if self.retry_after_date:
            return {"Retry-After": email.utils.formatdate(time.time() + float(self.retry_after), usegmt=True)}
        seconds = float(self.retry_after)
        return {"Retry-After": str(int(seconds)) if seconds.is_integer() else str(self.retry_after)}


# ---------------------------------------------------------------------------
# malformed answers

def _with_null_items(value):
    """The first list found (depth first) with a ``null`` after every item (``[null]`` when it is
    empty); a body without a list becomes ``[body, null]``."""
    if isinstance(value, list):
        return [x for item in value for x in (item, None)] or [None]
    if isinstance(value, dict):
        for key, inner in value.items():
            if _contains_list(inner):
                return dict(value, **{key: _with_null_items(inner)})
    return [value, None]


def _contains_list(value):
    if isinstance(value, list):
        return True
    return isinstance(value, dict) and any(_contains_list(v) for v in value.values())


def malformed(kind: str, response: Response) -> Response:
    """The answer of malformed kind ``kind`` in place of ``response`` (whose work was done)."""
    if kind == "html":
        return Response(502, raw=HTML_502, content_type="text/html; charset=utf-8")
    headers = dict(response.headers)
    if kind == "empty":
        return Response(200, headers=headers, raw=b"")
    body = response.body if response.body is not None else {"message": "OK"}
    if kind == "truncated":
        text = json.dumps(body).encode()
        return Response(200, headers=headers, raw=text[:max(1, len(text) // 2)])
    if kind == "wrong_type":
        return Response(200, "sandbox: a value of the wrong type" if not isinstance(body, str) else [body], headers)
    return Response(200, _with_null_items(body), headers)  # null_items
