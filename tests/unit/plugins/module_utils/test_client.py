# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client against a scripted loopback server: retries, Retry-After, paging, errors."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import threading
import time

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils import client as client_mod
from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    ApiError, Client, check_url, clean_secret)
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI, parse_error
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError


class Script(object):
    """Answers to send, in order; the last one repeats. Records what arrived."""

    def __init__(self):
        self.answers = []
        self.seen = []
        self.stop = threading.Event()

    def next(self):
        if len(self.answers) > 1:
            return self.answers.pop(0)
        return self.answers[0]


@pytest.fixture
def server():
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length) if length else b''
            script.seen.append(dict(method=self.command, path=self.path, headers=dict(self.headers),
                                    body=json.loads(body) if body else None))
            answer = script.next()
            if answer.get('sleep'):
                time.sleep(answer['sleep'])
            if answer.get('drop'):
                self.close_connection = True
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            payload = json.dumps(answer['body']).encode() if 'body' in answer else b''
            if 'raw' in answer:
                payload = answer['raw'].encode()
            self.send_response(answer.get('status', 200))
            for name, value in answer.get('headers', {}).items():
                self.send_header(name, value.replace('{base}', 'http://127.0.0.1:%s' % self.server.server_port))
            self.send_header('Content-Length', str(len(payload)))
            self.end_headers()
            if answer.get('trickle'):
                for byte in payload:  # one byte at a time, each well within the read timeout
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer['trickle'])
                    if script.stop.is_set():
                        return
                return
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

    httpd = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs=dict(poll_interval=0.05))
    thread.daemon = True
    thread.start()
    script.url = 'http://127.0.0.1:%s' % httpd.server_port
    yield script
    script.stop.set()
    httpd.shutdown()
    httpd.server_close()


def make_client(script, **kwargs):
    kwargs.setdefault('backoff_factor', 0.01)
    kwargs.setdefault('timeout', 2)
    return Client(script.url, auth=lambda s: s.headers.update({'Authorization': 'Bearer t0k'}),
                  error_parser=parse_error, **kwargs)


def test_sends_user_agent_accept_and_auth(server):
    server.answers = [dict(status=200, body={'ok': True})]
    make_client(server).get('/x')
    headers = server.seen[0]['headers']
    assert headers['User-Agent'].startswith('ansible-collection-deployops.platforms/')
    assert headers['Accept'] == 'application/json'
    assert headers['Authorization'] == 'Bearer t0k'


def test_retries_429_honouring_retry_after_seconds(server):
    server.answers = [dict(status=429, headers={'Retry-After': '1'}, body={'message': 'slow down'}),
                      dict(status=200, body={'ok': True})]
    started = time.monotonic()
    response = make_client(server).get('/x')
    assert response.body == {'ok': True}
    assert len(server.seen) == 2
    assert time.monotonic() - started >= 0.9


def test_retry_after_as_http_date(server):
    when = email.utils.formatdate(time.time() + 2, usegmt=True)
    server.answers = [dict(status=503, headers={'Retry-After': when}, body={'message': 'busy'}),
                      dict(status=200, body={})]
    started = time.monotonic()
    make_client(server).get('/x')
    assert len(server.seen) == 2
    assert time.monotonic() - started >= 0.9


def test_retry_after_is_capped(server):
    server.answers = [dict(status=429, headers={'Retry-After': '3600'}, body={}), dict(status=200, body={})]
    started = time.monotonic()
    make_client(server, max_retry_after=1).get('/x')
    assert time.monotonic() - started < 5


@pytest.mark.parametrize('status', [502, 503, 504])
def test_gateway_errors_are_retried_for_get(server, status):
    server.answers = [dict(status=status, body={'message': 'x'}), dict(status=200, body=[1])]
    assert make_client(server).get('/x').body == [1]
    assert len(server.seen) == 2


def test_500_retried_for_get_but_not_for_put(server):
    server.answers = [dict(status=500, body={'message': 'boom'}), dict(status=200, body={})]
    make_client(server).get('/x')
    assert len(server.seen) == 2
    server.seen[:] = []
    server.answers = [dict(status=500, body={'message': 'boom'}), dict(status=204)]
    with pytest.raises(ApiError) as err:
        make_client(server).put('/x', {'id': 1})
    assert err.value.status == 500
    assert len(server.seen) == 1


def test_retries_are_bounded(server):
    server.answers = [dict(status=503, body={'message': 'down'})]
    with pytest.raises(ApiError) as err:
        make_client(server, retries=2).get('/x')
    assert err.value.status == 503
    assert len(server.seen) == 3


@pytest.mark.parametrize('status', [502, 504])
def test_post_is_not_blindly_repeated_after_gateway_error(server, status):
    server.answers = [dict(status=status, body={'message': 'gateway'}), dict(status=201, body={'id': 1})]
    with pytest.raises(ApiError) as err:
        make_client(server).post('/things', {'name': 'a'})
    assert len(server.seen) == 1
    assert err.value.maybe_committed


def test_post_is_not_repeated_after_a_lost_answer(server):
    server.answers = [dict(drop=True), dict(status=201, body={'id': 1})]
    with pytest.raises(ApiError) as err:
        make_client(server).post('/things', {'name': 'a'})
    assert len(server.seen) == 1
    assert err.value.maybe_committed


def test_post_is_not_repeated_after_a_read_timeout(server):
    server.answers = [dict(sleep=1.5, status=201, body={'id': 1})]
    with pytest.raises(ApiError) as err:
        make_client(server, timeout=0.5).post('/things', {'name': 'a'})
    assert err.value.maybe_committed
    assert len(server.seen) == 1


def test_post_retried_on_429_because_it_was_not_processed(server):
    server.answers = [dict(status=429, body={'message': 'x'}), dict(status=201, body={'id': 7})]
    assert make_client(server).post('/things', {'name': 'a'}).body == {'id': 7}
    assert len(server.seen) == 2


def test_connection_refused_is_not_a_maybe_committed_failure():
    client = Client('http://127.0.0.1:9', retries=1, backoff_factor=0.01, timeout=1)
    with pytest.raises(ApiError) as err:
        client.post('/things', {'name': 'a'})
    assert not err.value.maybe_committed
    assert 'could not connect' in str(err.value)


def test_validation_error_names_request_and_fields(server):
    server.answers = [dict(status=422, body={'message': 'The given data was invalid.',
                                             'errors': {'name': ['The name field is required.']}})]
    with pytest.raises(ApiError) as err:
        make_client(server).post('/organizations/1/projects', {})
    text = str(err.value)
    assert 'POST /organizations/1/projects failed with HTTP 422' in text
    assert 'name: The name field is required.' in text
    assert err.value.errors == {'name': ['The name field is required.']}


def test_error_message_never_shows_the_query_string(server):
    server.answers = [dict(status=403, body={'message': 'denied'})]
    with pytest.raises(ApiError) as err:
        make_client(server).get('/things?token=secret-value')
    assert 'secret-value' not in str(err.value)


def test_devopness_list_follows_link_next_with_per_page_100(server):
    server.answers = [
        dict(status=200, body=[{'id': 1}, None], headers={
            'Link': '<{base}/projects?page=2&per_page=100>; rel="next", <{base}/projects?page=2>; rel="last"'}),
        dict(status=200, body=[{'id': 2}], headers={'Link': '<{base}/projects?page=1>; rel="first"'}),
    ]
    api = DevopnessAPI(make_client(server))
    assert list(api.list('/projects')) == [{'id': 1}, None, {'id': 2}]
    assert server.seen[0]['path'] == '/projects?per_page=100'
    assert server.seen[1]['path'] == '/projects?page=2&per_page=100'


def test_devopness_action_id_from_header(server):
    server.answers = [dict(status=204, headers={'X-Devopness-Action-Id': '77'})]
    assert DevopnessAPI(make_client(server)).post_action('/servers/1/start') == 77


def test_retry_rules_by_method():
    retry = client_mod.build_retry()
    assert retry.is_retry('GET', 500)
    assert not retry.is_retry('PUT', 500)
    assert retry.is_retry('DELETE', 502)
    assert not retry.is_retry('POST', 502)
    assert not retry.is_retry('POST', 504)
    assert retry.is_retry('POST', 503)
    assert not retry.is_retry('GET', 404)


# ---- time budget, malformed answers, credentials, TLS ---------------------------------------------


def test_a_trickling_answer_fails_within_the_budget_naming_the_request(server):
    server.answers = [dict(status=200, body={'data': 'x' * 200}, trickle=0.2)]
    started = time.monotonic()
    with pytest.raises(ApiError) as err:
        make_client(server, timeout=1, retries=0).get('/slow')
    assert time.monotonic() - started < 3
    assert 'GET /slow failed' in str(err.value) and 'did not arrive in full within 1 s' in str(err.value)


def test_a_silent_server_fails_after_bounded_retries_and_says_how_many(server):
    server.answers = [dict(sleep=2, status=200, body={})]
    started = time.monotonic()
    with pytest.raises(ApiError) as err:
        make_client(server, timeout=0.5, retries=10).get('/silent')
    elapsed = time.monotonic() - started
    assert elapsed < 6 * 0.5 + 1.5, elapsed  # never more than about 6 x timeout
    assert 'GET /silent failed' in str(err.value)
    assert 'attempts' in str(err.value) and 1 < err.value.attempts < 11


def test_exhausted_retries_say_how_many_attempts_were_made(server):
    server.answers = [dict(status=503, body={'message': 'down'})]
    with pytest.raises(ApiError) as err:
        make_client(server, retries=2).get('/x')
    assert err.value.attempts == 3 and '(after 3 attempts)' in str(err.value)


def test_retry_after_never_waits_past_the_budget(server):
    server.answers = [dict(status=503, headers={'Retry-After': '50'}, body={'message': 'busy'})]
    started = time.monotonic()
    with pytest.raises(ApiError):
        make_client(server, timeout=0.5, max_retry_after=60).get('/x')
    assert time.monotonic() - started < 4


@pytest.mark.parametrize('raw', ['{"truncated": [1, 2', '<html><title>502 Bad Gateway</title></html>'])
def test_an_answer_that_is_not_json_fails_clearly(server, raw):
    server.answers = [dict(status=200, raw=raw)]
    with pytest.raises(ApiError) as err:
        make_client(server).get('/x')
    assert 'GET /x failed' in str(err.value) and 'is not JSON' in str(err.value)
    assert '<html>' not in str(err.value)


def test_an_html_error_page_is_named_not_pasted(server):
    page = '<html><head><title>502 Bad Gateway</title></head><body>' + 'x' * 2000 + '</body></html>'
    server.answers = [dict(status=418, raw=page)]
    with pytest.raises(ApiError) as err:
        make_client(server).get('/x')
    assert 'an HTML page (502 Bad Gateway) instead of JSON' in str(err.value)
    assert 'xxxx' not in str(err.value)


def test_an_empty_success_answer_has_no_body(server):
    server.answers = [dict(status=200, raw='')]
    assert make_client(server).get('/x').body is None


@pytest.mark.parametrize('token', ['S3CR\nET', 'S3CR\x00ET', 'S3CRET\x7f', 'S3CR\rET'])
def test_a_token_with_a_control_character_fails_without_showing_it(token):
    with pytest.raises(EngineError) as err:
        clean_secret('api_token', token, env='DEVOPNESS_API_TOKEN')
    assert 'api_token (or DEVOPNESS_API_TOKEN) contains a control character' in str(err.value)
    assert 'S3CR' not in str(err.value)


def test_a_token_loses_surrounding_white_space_and_a_non_latin1_one_fails():
    assert clean_secret('api_token', '  tok\n') == 'tok'
    with pytest.raises(EngineError) as err:
        clean_secret('api_token', 'S3CR\u20acET')
    assert 'api_token contains a character an HTTP header cannot carry' in str(err.value) and 'S3CR' not in str(err.value)


@pytest.mark.parametrize('url', ['', '   ', None, 'api.example.com', 'ftp://api.example.com', 'https://'])
def test_an_empty_or_scheme_less_url_fails_naming_the_option(url):
    with pytest.raises(EngineError) as err:
        check_url('api_url', url, env='DEVOPNESS_API_URL')
    assert str(err.value).startswith('api_url (or DEVOPNESS_API_URL) must be an http:// or https:// URL')


def test_a_header_value_never_reaches_a_message(server):
    client = make_client(server)
    client.session.headers['Authorization'] = 'Bearer secret\nvalue'
    with pytest.raises(ApiError) as err:
        client.get('/x')
    assert 'secret' not in str(err.value) and 'could not be sent' in str(err.value)


@pytest.mark.parametrize('timeout', [0, -1])
def test_a_timeout_not_above_zero_fails_naming_the_option(timeout):
    with pytest.raises(EngineError) as err:
        Client('http://127.0.0.1:9', timeout=timeout)
    assert str(err.value).startswith('timeout must be a number of seconds greater than 0')


@pytest.mark.parametrize('validate_certs, ca_path, verify', [(False, None, False), (True, None, True),
                                                             (True, '/etc/ca.pem', '/etc/ca.pem'),
                                                             (False, '/etc/ca.pem', False)])
def test_tls_settings_go_with_every_request_despite_ca_bundle_variables(monkeypatch, validate_certs, ca_path, verify):
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', '/from/the/environment.pem')
    monkeypatch.setenv('CURL_CA_BUNDLE', '/from/the/environment.pem')
    client = Client('http://127.0.0.1:9', validate_certs=validate_certs, ca_path=ca_path)
    seen = {}

    def request(method, url, **kwargs):
        seen.update(kwargs)
        raise client_mod.requests.exceptions.ConnectionError('stop here')
    monkeypatch.setattr(client.session, 'request', request)
    with pytest.raises(ApiError):
        client.get('/x')
    assert seen['verify'] == verify
    settings = client.session.merge_environment_settings('https://x', {}, None, seen['verify'], None)
    assert settings['verify'] == (verify if verify is not True else '/from/the/environment.pem')


def test_proxy_variables_apply_to_every_request_and_are_read_once_per_host(monkeypatch):
    monkeypatch.setenv('HTTPS_PROXY', 'http://proxy.example:3128')
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    reads = []
    environ_proxies = client_mod.requests.sessions.get_environ_proxies

    def counted(url, no_proxy=None):
        reads.append(url)
        return environ_proxies(url, no_proxy=no_proxy)
    monkeypatch.setattr(client_mod.requests.sessions, 'get_environ_proxies', counted)
    session = Client('https://api.example').session
    for path in ('/a', '/b?page=2', '/a'):
        settings = session.merge_environment_settings('https://api.example' + path, {}, True, True, None)
        assert settings['proxies']['https'] == 'http://proxy.example:3128'
        settings['proxies'].clear()  # what one request does with its settings is not seen by the next
    assert len(reads) == 1
    session.merge_environment_settings('https://other.example/a', {}, True, True, None)
    assert len(reads) == 2


def test_a_delete_answered_404_is_success(server):
    server.answers = [dict(status=404, body={'message': 'not found'})]
    assert DevopnessAPI(make_client(server)).delete('/daemons/5') is None


def test_an_unreadable_ca_bundle_fails_clearly():
    client = Client('https://127.0.0.1:9', ca_path='/nonexistent/ca.pem', retries=0)
    with pytest.raises(ApiError) as err:
        client.get('/x')
    assert str(err.value).startswith('GET /x failed: ')


@pytest.mark.parametrize('max_workers, kept', [(None, 16), (4, 16), (40, 40)])
def test_connections_kept_open_follow_an_inventory_s_max_workers(max_workers, kept):
    # More workers than kept connections would open and drop a connection per request.
    api = DevopnessAPI.from_params(dict(api_url='http://127.0.0.1:9', api_token='t', max_workers=max_workers))
    adapter = api.client.session.get_adapter('http://127.0.0.1:9/')
    assert adapter._pool_maxsize == kept
