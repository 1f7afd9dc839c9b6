# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every platform of the collection talks through.

A ``requests.Session`` (connections are reused) mounted with urllib3's ``Retry``:
connection errors, 429, 502, 503 and 504 are retried with exponential backoff and
jitter, honouring ``Retry-After`` (seconds or an HTTP date, capped), 500 only for
safe methods. A POST is only retried when the server certainly did not act on it
(connection refused, 429, 503); any other failure of a POST raises an ``ApiError``
with ``maybe_committed=True`` so that the resource engine looks the resource up
again before it would ever send the POST a second time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import NewConnectionError
    from urllib3.util.retry import Retry
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module through missing_required_lib
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    Retry = object
    NewConnectionError = None

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


class ApiError(Exception):
    """A failed API request: transport failure or an HTTP error status.

    ``errors`` maps field names to lists of messages (a platform's validation body).
    ``maybe_committed`` is true when a write may have been carried out although no
    success answer arrived (timeout, connection reset after sending, 502/504).
    """

    def __init__(self, message, status=None, method=None, path=None, errors=None,
                 body=None, maybe_committed=False):
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self.errors = errors or {}
        self.body = body
        self.maybe_committed = maybe_committed
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
        return text

    def to_result(self):
        """What a module puts beside ``msg`` when it fails on this error."""
        return dict(status=self.status, errors=self.errors, request='%s %s' % (self.method, self.path))


class BoundedRetry(Retry):
    """urllib3's Retry with per-method status rules and a cap on ``Retry-After``."""

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
        method = method.upper()
        if method in SAFE_METHODS:
            retryable = status_code in RETRY_STATUSES
        elif method in IDEMPOTENT_METHODS:
            retryable = status_code in RETRY_STATUSES - frozenset([500])
        else:
            retryable = status_code in NOT_PROCESSED_STATUSES
        return bool(self.total) and retryable

    def get_retry_after(self, response):
        seconds = super(BoundedRetry, self).get_retry_after(response)
        if seconds is None:
            return None
        return min(seconds, self.max_retry_after)


def build_retry(retries=5, backoff_factor=0.5, backoff_max=30, max_retry_after=60):
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


class Response(object):
    """A decoded answer: status, headers and the JSON body (or None)."""

    def __init__(self, status, headers, body, url):
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url

    def header(self, name):
        return self.headers.get(name)


class Client(object):
    """HTTP client bound to one platform's base URL and auth.

    ``auth`` is a callable that receives the session and sets what the platform needs
    (a header, basic auth, a query parameter). ``error_parser`` turns an error body
    into ``(message, {field: [messages]})``.
    """

    def __init__(self, base_url, auth=None, timeout=30, validate_certs=True, retries=5,
                 backoff_factor=0.5, error_parser=None, headers=None, max_retry_after=60):
        if not HAS_REQUESTS:
            raise ApiError('the Python library "requests" is required: %s' % REQUESTS_IMPORT_ERROR)
        self.base_url = base_url.rstrip('/')
        self.timeout = timeout
        self.error_parser = error_parser or default_error_parser
        self.session = requests.Session()
        self.session.verify = validate_certs
        self.session.headers.update({
            'User-Agent': USER_AGENT,
            'Accept': 'application/json',
        })
        if headers:
            self.session.headers.update(headers)
        if auth is not None:
            auth(self.session)
        adapter = HTTPAdapter(max_retries=build_retry(retries, backoff_factor, max_retry_after=max_retry_after),
                              pool_maxsize=16)
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
        kwargs = dict(params=params, timeout=self.timeout)
        if json_body is not None:
            kwargs['data'] = json.dumps(json_body)
            kwargs['headers'] = {'Content-Type': 'application/json'}
        try:
            raw = self.session.request(method, self.url(path), **kwargs)
        except requests.exceptions.ConnectTimeout as exc:
            raise ApiError('could not connect: %s' % _reason(exc), method=method, path=display_path)
        except requests.exceptions.SSLError as exc:
            raise ApiError('TLS error (see validate_certs): %s' % _reason(exc), method=method, path=display_path)
        except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError) as exc:
            if _never_connected(exc):
                raise ApiError('could not connect: %s' % _reason(exc), method=method, path=display_path)
            raise ApiError('no answer from the server: %s' % _reason(exc), method=method, path=display_path,
                           maybe_committed=method not in IDEMPOTENT_METHODS)
        except requests.exceptions.RequestException as exc:
            raise ApiError('request failed: %s' % _reason(exc), method=method, path=display_path)

        body = _decode(raw)
        if raw.status_code < 400 or (ok_statuses and raw.status_code in ok_statuses):
            return Response(raw.status_code, raw.headers, body, raw.url)
        message, errors = self.error_parser(raw.status_code, body, raw.text)
        raise ApiError(message, status=raw.status_code, method=method, path=display_path, errors=errors, body=body,
                       maybe_committed=(method not in IDEMPOTENT_METHODS and raw.status_code in MAYBE_PROCESSED_STATUSES))

    def get(self, path, params=None, ok_statuses=None):
        return self.request('GET', path, params=params, ok_statuses=ok_statuses)

    def post(self, path, json_body=None, params=None):
        return self.request('POST', path, params=params, json_body=json_body if json_body is not None else {})

    def put(self, path, json_body=None, params=None):
        return self.request('PUT', path, params=params, json_body=json_body if json_body is not None else {})

    def patch(self, path, json_body=None, params=None):
        return self.request('PATCH', path, params=params, json_body=json_body if json_body is not None else {})

    def delete(self, path, params=None, ok_statuses=None):
        return self.request('DELETE', path, params=params, ok_statuses=ok_statuses)

    def close(self):
        self.session.close()


def _display_path(path):
    """The path as shown in messages: never its query string (tokens may travel there)."""
    return path.split('?', 1)[0]


def _never_connected(exc):
    """True when urllib3 gave up before any request went out (connection refused, DNS)."""
    reason = getattr(exc.args[0], 'reason', None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _reason(exc):
    reason = exc.args[0] if exc.args else exc
    inner = getattr(reason, 'reason', None)
    return str(inner or reason)


def _decode(raw):
    if not raw.content:
        return None
    try:
        return raw.json()
    except ValueError:
        return None


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
        message = (text or '').strip()[:300] or 'HTTP %s' % status
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
