# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dployr platform layer against a scripted loopback server: both error shapes, paging, the rate-limit
wait, cluster resolution, deployments polled through the list; and the engine's chained state actions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import threading

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.dployr import DployrAPI, parse_error
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Resource, StateAction
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine

TOKEN = 'dpat_' + 'ab' * 32


@pytest.fixture
def base():
    """A loopback server answering ``routes[(method, path)]`` (a function of the query, or a list of answers
    taken in turn); ``seen`` records every request."""
    state = dict(routes={}, seen=[])

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            parts = urlsplit(self.path)
            query = dict((k, v[0]) for k, v in parse_qs(parts.query).items())
            length = int(self.headers.get('Content-Length') or 0)
            state['seen'].append(dict(method=self.command, path=parts.path, query=query,
                                      auth=self.headers.get('Authorization'),
                                      body=json.loads(self.rfile.read(length)) if length else None))
            route = state['routes'][(self.command, parts.path)]
            status, body, headers = route.pop(0) if isinstance(route, list) else route(query)
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PATCH = do_DELETE = _answer

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state['url'] = 'http://127.0.0.1:%d' % server.server_address[1]
    yield state
    server.shutdown()
    server.server_close()


def api_for(base, cluster=None, **client):
    api = DployrAPI.from_params(dict(api_url=base['url'], api_token=TOKEN, cluster=cluster, timeout=5))
    for name, value in client.items():
        setattr(api.client, name, value)
    return api


def ok(data, headers=None):
    return 200, {'success': True, 'data': data}, headers


def clusters(*names):
    return [ok({'clusters': [dict(id='01JCLUSTER%016d' % i, name=name, role='owner') for i, name in enumerate(names)]})]


def test_flat_errors_of_the_auth_layer_carry_their_code():
    message, errors = parse_error(403, {'error': 'Insufficient permissions. Viewer role is required',
                                        'code': 'permission.viewer_role_required'}, '')
    assert message == 'Insufficient permissions. Viewer role is required (permission.viewer_role_required)'
    assert errors == {}


def test_nested_errors_of_handlers_carry_their_code_and_details():
    message, errors = parse_error(400, {'success': False, 'error': {
        'message': 'Validation failed', 'code': 'request.bad_request',
        'details': [{'field': 'tag', 'message': 'Too short'}]}}, '')
    assert message == 'Validation failed (request.bad_request)'
    assert errors == {'tag': ['Too short']}


def test_a_plan_limit_keeps_the_api_wording():
    message, dummy = parse_error(400, {'success': False, 'error': {
        'message': 'Service limit reached for hobby plan (1 service max)', 'code': 'request.bad_request'}}, '')
    assert message.startswith('Service limit reached for hobby plan (1 service max)')


def test_node_not_connected_says_no_node_is_connected():
    message, dummy = parse_error(503, {'success': False, 'error': {
        'message': 'No node connected to this cluster', 'code': 'runtime.node_not_connected'}}, '')
    assert 'runtime.node_not_connected' in message and 'no node of the cluster is connected' in message


def test_the_token_is_sent_as_a_bearer_token_and_lists_are_paged(base):
    pages = {'1': dict(items=[{'id': 'a'}], pagination=dict(hasNextPage=True)),
             '2': dict(items=[{'id': 'b'}], pagination=dict(hasNextPage=False))}
    base['routes'][('GET', '/v1/services')] = lambda query: ok(pages[query['page']])
    items = list(api_for(base).list('/v1/services?clusterId=C1'))
    assert [i['id'] for i in items] == ['a', 'b']
    assert [(s['query']['page'], s['query']['pageSize'], s['query']['clusterId']) for s in base['seen']] == [
        ('1', '100', 'C1'), ('2', '100', 'C1')]
    assert base['seen'][0]['auth'] == 'Bearer ' + TOKEN


def test_remaining_zero_waits_for_the_reset_before_the_next_request(base):
    headers = {'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1005'}
    base['routes'][('GET', '/v1/clusters')] = lambda query: ok({'clusters': []}, headers)
    slept = []
    api = api_for(base, sleep=slept.append, clock=lambda: 1000.0)
    api.client.get('/v1/clusters')
    assert slept == []
    api.client.get('/v1/clusters')
    assert slept == [5.0]


def test_remaining_above_zero_never_waits(base):
    headers = {'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': '1005'}
    base['routes'][('GET', '/v1/clusters')] = lambda query: ok({'clusters': []}, headers)
    slept = []
    api = api_for(base, sleep=slept.append, clock=lambda: 1000.0)
    api.client.get('/v1/clusters')
    api.client.get('/v1/clusters')
    assert slept == []


def test_the_only_cluster_is_used_and_a_name_or_id_picks_one(base):
    base['routes'][('GET', '/v1/clusters')] = clusters('sandbox')
    only = api_for(base)
    assert only.cluster_id() == '01JCLUSTER0000000000000000'
    base['routes'][('GET', '/v1/clusters')] = clusters('a', 'b')
    assert api_for(base, cluster='b').cluster_id() == '01JCLUSTER0000000000000001'


def test_several_clusters_without_a_choice_fail_listing_them(base):
    base['routes'][('GET', '/v1/clusters')] = clusters('a', 'b')
    with pytest.raises(EngineError) as failure:
        api_for(base).cluster_id()
    assert 'cluster is required' in str(failure.value) and 'a (id' in str(failure.value)
    base['routes'][('GET', '/v1/clusters')] = clusters('a', 'b')
    with pytest.raises(EngineError) as missing:
        api_for(base, cluster='c').cluster_id()
    assert "'c' was not found" in str(missing.value)


def test_deployments_are_polled_through_the_list_never_by_id(base):
    answers = [ok(dict(items=[dict(id='D1', name='api', status=status)], pagination={}))
               for status in ('pending', 'running', 'success')]
    base['routes'][('GET', '/v1/deployments')] = answers
    api = api_for(base)
    api.remember(dict(task='T1', deployment='D1', cluster='C1', service='S1', queued=False))
    record = api.wait_action('T1', timeout=10)
    assert record['status'] == 'success' and record['taskId'] == 'T1'
    assert set(s['path'] for s in base['seen']) == {'/v1/deployments'}
    assert base['seen'][0]['query']['serviceId'] == 'S1'


def test_a_name_another_run_deployed_meanwhile_is_awaited_through_the_service_record(base):
    """POST /v1/deployments of a name that exists (another run created it since the lookup) redeploys it:
    the new task id names no record; the service's deployment record (its first id) is the one to await."""
    base['routes'][('POST', '/v1/deployments')] = [(202, {'success': True, 'data': {'taskId': 'T2'}}, None)]
    service = dict(id='S1', name='api', deploymentId='D1')
    base['routes'][('GET', '/v1/services')] = [ok(dict(items=[service], pagination={}))]
    base['routes'][('GET', '/v1/deployments')] = [ok(dict(items=[dict(id='D1', name='api', status=status)], pagination={}))
                                                  for status in ('running', 'success')]
    api = api_for(base)
    service, job = api.create('/v1/deployments?clusterId=C1', dict(name='api', type='web', source='image'))
    assert service['id'] == 'S1' and job == 'T2'
    record = api.wait_action(job, timeout=10)
    assert record['id'] == 'D1' and record['status'] == 'success' and record['taskId'] == 'T2'


def test_a_failed_deployment_fails_with_its_logs(base):
    base['routes'][('GET', '/v1/deployments')] = [ok(dict(items=[dict(
        id='D1', name='api', status='failed', logs='step 1\ncontainer exited with code 1')], pagination={}))]
    api = api_for(base)
    api.remember(dict(task='T1', deployment='D1', cluster='C1', service='S1', queued=False))
    with pytest.raises(EngineError) as failure:
        api.wait_action('T1', timeout=5)
    assert 'deployment D1 of service api failed' in str(failure.value)
    assert 'container exited with code 1' in str(failure.value)


def test_a_deployment_read_by_id_comes_from_the_list(base):
    base['routes'][('GET', '/v1/deployments')] = [ok(dict(items=[dict(id='D1'), dict(id='D2')], pagination={}))]
    assert api_for(base).get('/v1/deployments/D2?clusterId=C1') == {'id': 'D2'}
    assert [s['path'] for s in base['seen']] == ['/v1/deployments']


def test_http_errors_name_the_credential_options(base):
    base['routes'][('GET', '/v1/clusters')] = [(401, {'error': 'Invalid or expired token', 'code': 'auth.bad_token'}, None)]
    with pytest.raises(ApiError) as failure:
        api_for(base).cluster_id()
    text = DployrAPI.explain(failure.value)
    assert 'auth.bad_token' in text and 'api_token (or the DPLOYR_TOKEN environment variable)' in text


def test_ids_are_ulids_or_uuids_and_domains_are_host_names():
    api = DployrAPI(client=None)
    assert api.id_problem('ulid', '01JD3XW2Z6B1M4A5Q8R7N9K0PT') is None
    assert api.id_problem('ulid', '0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11') is None
    assert api.id_problem('ulid', '12') is not None
    assert api.id_problem('domain', 'app.example.com') is None
    assert api.id_problem('domain', 'not a domain') is not None


def test_a_state_action_may_be_followed_by_another():
    thing = Resource('thing', list_path='/environments/{environment_id}/things', item_path='/things/{id}',
                     platform=MemoryAPI, states={'restarted': StateAction(
                         '/things/{id}/stop', then=StateAction('/things/{id}/start'))})
    api = MemoryAPI()
    api.add('/environments/5/things', name='a')
    result = run_engine(api, thing, dict(name='a', state='restarted'))
    assert result['changed'] is True
    writes = [(method, path) for method, path, dummy in api.writes]
    assert writes == [('POST', '/things/100/stop'), ('POST', '/things/100/start')]
