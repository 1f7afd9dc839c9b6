# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every platform of the collection talks through.

A ``requests.Session`` (connections are reused) mounted with urllib3's ``Retry``:
connection errors, 429, 502, 503 and 504 are retried (up to 10 times, within the time budget
below) with exponential backoff and jitter, honouring ``Retry-After`` (seconds or an HTTP date,
capped), 500 only for safe methods. Ten, because the fault suite (a fifth of the answers failing)
found runs of six failed answers in a row often enough to fail one bootstrap in ten with five.
A POST is only retried when the server certainly did not act on it (connection refused, 429, 503); any other failure of a POST raises an ``ApiError``
with ``maybe_committed=True`` so that the resource engine looks the resource up
again before it would ever send the POST a second time.

Every request has a time budget: each wait for the server (to connect, for an answer, for the
next piece of it) lasts at most ``timeout`` seconds, a whole answer must arrive within
``timeout`` seconds of its first byte, and retries (with their waits) stop once ``4 × timeout``
seconds have passed since the request began. A request therefore fails after at most about
``6 × timeout`` seconds (3 minutes with the default of 30), naming the request and how many
attempts were made; it never hangs the play.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading
import time

from urllib.parse import urlsplit

from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import MaxRetryError, NewConnectionError
    from urllib3.util.retry import Retry
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    Retry = object
    MaxRetryError = NewConnectionError = None

COLLECTION_NAME = 'deployops.platforms'
COLLECTION_VERSION = '0.1.0'
USER_AGENT = 'ansible-collection-%s/%s' % (COLLECTION_NAME, COLLECTION_VERSION)

SAFE_METHODS = frozenset(['GET', 'HEAD', 'OPTIONS'])
IDEMPOTENT_METHODS = SAFE_METHODS | frozenset(['PUT', 'DELETE'])
# Statuses that prove the server did not act on the request, so even a POST may be sent again.
NOT_PROCESSED_STATUSES = frozenset([429, 503])
# Statuses after which a request may or may not have been carried out by the server.
MAYBE_PROCESSED_STATUSES = frozenset([500, 502, 504])
RETRY_STATUSES = frozenset([429, 500, 502, 503, 504])
#: retries (and the waits between them) stop this many ``timeout``s after a request began
RETRY_BUDGET_TIMEOUTS = 4
READ_CHUNK = 65536

_CONTROL = re.compile(r'[\x00-\x1f\x7f]')
_request_state = threading.local()


class ApiError(Exception):
    """A failed API request: transport failure or an HTTP error status.

    ``errors`` maps field names to lists of messages (a platform's validation body).
    ``maybe_committed`` is true when a write may have been carried out although no
    success answer arrived (timeout, connection reset after sending, 502/504).
    ``attempts`` is how many times the request was sent.
    """

    def __init__(self, message, status=None, method=None, path=None, errors=None,
                 body=None, maybe_committed=False, attempts=None):
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self.errors = errors or {}
        self.body = body
        self.maybe_committed = maybe_committed
        self.attempts = attempts
        super(ApiError, self).__init__(self.describe())

    def describe(self):
        request = '%s %s' % (self.method, self.path) if self.method else 'API request'
        outcome = 'failed with HTTP %s' % self.status if self.status else 'failed'
        text = '%s %s: %s' % (request, outcome, self.message)
        if self.errors:
            details = '; '.join(
                '%s: %s' % (field, ' '.join(messages) if isinstance(messages, list) else messages)
                for field, messages in sorted(self.errors.items())
            )
            text = '%s (%s)' % (text, details)
        if self.attempts and self.attempts > 1:
            text = '%s (after %d attempts)' % (text, self.attempts)
        return text

    def to_result(self):
        """What a module puts beside ``msg`` when it fails on this error."""
        return dict(status=self.status, errors=self.errors, request='%s %s' % (self.method, self.path))


# ---- checking what the user gave before anything is sent ---------------------------------------------

def clean_secret(option, value, env=None):
    """A token or key as the user gave it, without surrounding white space. A value that still holds
    a control character, or a character an HTTP header cannot carry, fails naming the option (and its
    environment variable) and never showing the value."""
    where = '%s (or %s)' % (option, env) if env else option
    if value is None or not ('%s' % value).strip():
        raise EngineError('%s is empty: give the credential' % where, errors={option: ['is empty']})
    value = ('%s' % value).strip()
    if _CONTROL.search(value):
        raise EngineError('%s contains a control character (a line break or tab?); the value is not shown. '
                          'Check how it is set.' % where, errors={option: ['contains a control character']})
    try:
        value.encode('latin-1')
    except UnicodeEncodeError:
        raise EngineError('%s contains a character an HTTP header cannot carry; the value is not shown. '
                          'Check how it is set.' % where, errors={option: ['contains a non-Latin-1 character']})
    return value


def check_url(option, url, env=None):
    """``url`` without a trailing slash; an empty URL, or one without ``http(s)://`` and a host, fails
    naming the option: an empty value must never fall back to another service."""
    where = '%s (or %s)' % (option, env) if env else option
    text = ('%s' % (url or '')).strip()
    match = re.match(r'^(https?)://([^/?#\s]+)', text)
    if not match:
        raise EngineError('%s must be an http:// or https:// URL with a host, got %r' % (where, text),
                          errors={option: ['must be an http(s) URL']})
    return text.rstrip('/')


def check_timeout(value):
    if value is None or value <= 0:
        raise EngineError('timeout must be a number of seconds greater than 0, got %r' % (value,),
                          errors={'timeout': ['must be greater than 0']})
    return value


# ---- retries ---------------------------------------------------------------------------------------

class BoundedRetry(Retry):
    """urllib3's Retry with per-method status rules, a cap on ``Retry-After`` and a time budget.

    The budget is the request's deadline (``Client.request`` sets it for the running thread): no new
    attempt and no wait goes past it.
    """

    max_retry_after = 60

    def __init__(self, *args, **kwargs):
        self.max_retry_after = kwargs.pop('max_retry_after', BoundedRetry.max_retry_after)
        super(BoundedRetry, self).__init__(*args, **kwargs)

    def new(self, **kwargs):
        kwargs.setdefault('max_retry_after', self.max_retry_after)
        return super(BoundedRetry, self).new(**kwargs)

    def is_retry(self, method, status_code, has_retry_after=False):
        if self.total is not None and self.total <= 0:
            return False
        if _remaining() <= 0:
            return False
        method = method.upper()
        if method in SAFE_METHODS:
            retryable = status_code in RETRY_STATUSES
        elif method in IDEMPOTENT_METHODS:
            retryable = status_code in RETRY_STATUSES - frozenset([500])
        else:
            retryable = status_code in NOT_PROCESSED_STATUSES
        return bool(self.total) and retryable

    def increment(self, *args, **kwargs):
        _request_state.attempts = len(self.history) + 2
        try:
            new_retry = super(BoundedRetry, self).increment(*args, **kwargs)
        except MaxRetryError:
            _request_state.attempts = len(self.history) + 1
            raise
        if _remaining() <= 0:
            _request_state.attempts = len(self.history) + 1
            raise MaxRetryError(kwargs.get('_pool'), kwargs.get('url'),
                                kwargs.get('error') or Exception('out of time for retries'))
        return new_retry

    def get_retry_after(self, response):
        seconds = super(BoundedRetry, self).get_retry_after(response)
        if seconds is None:
            return None
        return max(0, min(seconds, self.max_retry_after, _remaining()))

    def get_backoff_time(self):
        return max(0, min(super(BoundedRetry, self).get_backoff_time(), _remaining()))


def _remaining():
    deadline = getattr(_request_state, 'retry_deadline', None)
    return float('inf') if deadline is None else deadline - time.monotonic()


def build_retry(retries=10, backoff_factor=0.5, backoff_max=30, max_retry_after=60):
    return BoundedRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        # Read errors (the request went out, the answer did not come back) are retried for
        # idempotent methods only. A POST goes back to the engine, which checks whether the
        # resource exists before it would send the POST again.
        allowed_methods=IDEMPOTENT_METHODS,
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        backoff_jitter=backoff_factor,
        respect_retry_after_header=True,
        raise_on_status=False,
        raise_on_redirect=False,
        max_retry_after=max_retry_after,
    )


# ---- the client ------------------------------------------------------------------------------------

if HAS_REQUESTS:
    class _Session(requests.Session):
        """A ``requests.Session`` that reads the proxy and CA bundle variables of the environment once per
        scheme and host: ``requests`` reads every variable of the environment on each request, which was a
        third of the client's CPU per page of a list."""

        def __init__(self):
            super(_Session, self).__init__()
            self._environment_settings = {}

        def merge_environment_settings(self, url, proxies, stream, verify, cert):
            if proxies or not self.trust_env:
                return super(_Session, self).merge_environment_settings(url, proxies, stream, verify, cert)
            key = (tuple(urlsplit(url)[:2]), stream, verify, cert)
            settings = self._environment_settings.get(key)
            if settings is None:
                settings = self._environment_settings[key] = super(_Session, self).merge_environment_settings(
                    url, proxies, stream, verify, cert)
            return dict(settings, proxies=dict(settings['proxies']))


class Response(object):
    """A decoded answer: status, headers and the JSON body (or None)."""

    def __init__(self, status, headers, body, url):
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url

    def header(self, name):
        return self.headers.get(name)


# Connections kept open per host: enough for an inventory's parallel fetch (its max_workers, when more).
POOL_SIZE = 16


class Client(object):
    """HTTP client bound to one platform's base URL and auth.

    ``auth`` is a callable that receives the session and sets what the platform needs
    (a header, basic auth). ``error_parser`` turns an error body into
    ``(message, {field: [messages]})``. TLS: ``validate_certs`` and ``ca_path`` are passed with every
    request, so ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` can add trust but never turn verification
    back on against ``validate_certs: false``.
    """

    def __init__(self, base_url, auth=None, timeout=30, validate_certs=True, retries=10,
                 backoff_factor=0.5, error_parser=None, headers=None, max_retry_after=60, ca_path=None, pool_size=None):
        if not HAS_REQUESTS:
            raise ApiError('the Python library "requests" is required: %s' % REQUESTS_IMPORT_ERROR)
        self.base_url = base_url.rstrip('/')
        self.timeout = check_timeout(timeout)
        self.verify = (ca_path or True) if validate_certs else False
        self.error_parser = error_parser or default_error_parser
        self.session = _Session()
        self.session.verify = self.verify
        self.session.headers.update({
            'User-Agent': USER_AGENT,
            'Accept': 'application/json',
        })
        if headers:
            self.session.headers.update(headers)
        if auth is not None:
            auth(self.session)
        adapter = HTTPAdapter(max_retries=build_retry(retries, backoff_factor, max_retry_after=max_retry_after),
                              pool_maxsize=max(POOL_SIZE, pool_size or 0))
        self.session.mount('http://', adapter)
        self.session.mount('https://', adapter)

    def url(self, path):
        if path.startswith('http://') or path.startswith('https://'):
            return path
        return '%s/%s' % (self.base_url, path.lstrip('/'))

    def request(self, method, path, params=None, json_body=None, ok_statuses=None):
        """Send one request; return a ``Response`` or raise ``ApiError``.

        ``ok_statuses`` lists extra statuses that are not errors (e.g. 404 for a lookup).
        """
        method = method.upper()
        display_path = _display_path(path)

        def failure(message, **kwargs):
            return ApiError(message, method=method, path=display_path,
                            attempts=getattr(_request_state, 'attempts', None), **kwargs)

        kwargs = dict(params=params, timeout=(self.timeout, self.timeout), verify=self.verify, stream=True)
        if json_body is not None:
            kwargs['data'] = json.dumps(json_body)
            kwargs['headers'] = {'Content-Type': 'application/json'}
        _request_state.retry_deadline = time.monotonic() + RETRY_BUDGET_TIMEOUTS * self.timeout
        _request_state.attempts = 1
        try:
            raw = self.session.request(method, self.url(path), **kwargs)
            content = self._read_body(raw)
        except requests.exceptions.ConnectTimeout as exc:
            raise failure('could not connect within %s s: %s' % (self.timeout, _reason(exc)))
        except requests.exceptions.SSLError as exc:
            raise failure('TLS error (see validate_certs and ca_path): %s' % _reason(exc))
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError,
                requests.exceptions.ChunkedEncodingError) as exc:
            if _never_connected(exc):
                raise failure('could not connect: %s' % _reason(exc))
            raise failure('no answer from the server: %s' % _reason(exc),
                          maybe_committed=method not in IDEMPOTENT_METHODS)
        except _TooSlow:
            raise failure('the answer did not arrive in full within %s s' % self.timeout,
                          maybe_committed=method not in IDEMPOTENT_METHODS)
        except (requests.exceptions.InvalidHeader, UnicodeError, ValueError) as exc:
            # Never the exception's text: it may quote a header value (a token).
            raise failure('the request could not be sent (%s); check the credential and URL options'
                          % type(exc).__name__)
        except requests.exceptions.RequestException as exc:
            raise failure('request failed: %s' % _reason(exc))
        except (IOError, OSError) as exc:  # e.g. a CA bundle (ca_path, REQUESTS_CA_BUNDLE) that cannot be read
            raise failure('the request could not be sent: %s' % exc)
        finally:
            _request_state.retry_deadline = None

        if raw.status_code < 400 or (ok_statuses and raw.status_code in ok_statuses):
            body = _decode(content)
            if body is _NOT_JSON and raw.status_code < 400:
                raise failure('the answer (HTTP %s) is not JSON: %s' % (raw.status_code, describe_text(content)),
                              status=raw.status_code, maybe_committed=method not in IDEMPOTENT_METHODS)
            return Response(raw.status_code, raw.headers, None if body is _NOT_JSON else body, raw.url)
        body = _decode(content)
        body = None if body is _NOT_JSON else body
        message, errors = self.error_parser(raw.status_code, body, content.decode('utf-8', 'replace'))
        raise failure(message, status=raw.status_code, errors=errors, body=body,
                      maybe_committed=(method not in IDEMPOTENT_METHODS and raw.status_code in MAYBE_PROCESSED_STATUSES))

    def _read_body(self, raw):
        """The whole body, which must arrive within ``timeout`` seconds (a trickling server fails)."""
        if not hasattr(raw.raw, 'read'):  # an answer built in memory (a transport adapter of a test)
            return raw.content or b''
        deadline = time.monotonic() + self.timeout
        chunks = []
        try:
            reader = getattr(raw.raw, 'read1', None)
            while True:
                chunk = reader(READ_CHUNK, decode_content=True) if reader else raw.raw.read(READ_CHUNK, decode_content=True)
                if not chunk:
                    break
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _TooSlow()
        finally:
            raw.close()
        return b''.join(chunks)

    def get(self, path, params=None, ok_statuses=None):
        return self.request('GET', path, params=params, ok_statuses=ok_statuses)

    def post(self, path, json_body=None, params=None):
        return self.request('POST', path, params=params, json_body=json_body if json_body is not None else {})

    def put(self, path, json_body=None, params=None):
        return self.request('PUT', path, params=params, json_body=json_body if json_body is not None else {})

    def patch(self, path, json_body=None, params=None):
        return self.request('PATCH', path, params=params, json_body=json_body if json_body is not None else {})

    def delete(self, path, params=None, ok_statuses=None, json_body=None):
        return self.request('DELETE', path, params=params, ok_statuses=ok_statuses, json_body=json_body)

    def close(self):
        self.session.close()


class _TooSlow(Exception):
    pass


_NOT_JSON = object()


def _display_path(path):
    """The path as shown in messages: never its query string (tokens may travel there)."""
    path = path.split('?', 1)[0]
    return re.sub(r'^https?://[^/]+', '', path) or '/'


def _never_connected(exc):
    """True when urllib3 gave up before any request went out (connection refused, DNS)."""
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _reason(exc):
    reason = exc.args[0] if exc.args else exc
    inner = getattr(reason, 'reason', None)
    return str(inner or reason)


def _decode(content):
    if not content:
        return None
    try:
        return json.loads(content)  # bytes: no copy of the body as text first
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON


def describe_text(text):
    """A non-JSON body for a message: never a whole HTML page, never control characters."""
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    text = (text or '').strip()
    if not text:
        return 'an empty body'
    if text.startswith('<') or '<html' in text[:200].lower():
        title = re.search(r'<title>(.*?)</title>', text, re.IGNORECASE | re.DOTALL)
        return 'an HTML page%s instead of JSON' % (' (%s)' % title.group(1).strip()[:80] if title else '')
    return _CONTROL.sub(' ', text[:300])


def default_error_parser(status, body, text):
    """Best effort for an unknown error body: ``message``, ``error`` or ``errors``, else the text."""
    errors = {}
    message = None
    if isinstance(body, dict):
        message = body.get('message') or body.get('error')
        if isinstance(message, dict):
            message = message.get('message')
        if isinstance(body.get('errors'), dict):
            errors = normalise_field_errors(body['errors'])
        elif isinstance(body.get('errors'), list):
            message = message or '; '.join(str(item) for item in body['errors'])
    if not message:
        message = describe_text(text) if (text or '').strip() else 'HTTP %s' % status
    return message, errors


def normalise_field_errors(errors):
    """``{field: "msg" | ["msg", ...] | [{"field": "msg"}]}`` → ``{field: ["msg", ...]}``."""
    result = {}
    for field, messages in (errors or {}).items():
        if not isinstance(messages, list):
            messages = [messages]
        flat = []
        for item in messages:
            if isinstance(item, dict):
                flat.extend(str(value) for value in item.values())
            else:
                flat.append(str(item))
        result[str(field)] = flat
    return result
