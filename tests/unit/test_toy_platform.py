# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small platform added from docs/adding_a_platform.md alone: its own auth header, offset paging,
``uid`` identifiers and root-key bodies, declared in this file and driven through the real client,
the engine and the module glue against an in-memory HTTP service (a requests transport adapter).

If the seam needed anything platform-specific from the engine, this platform could not be written
without touching ``plugins/module_utils``; it is written without."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import uuid

import pytest
from requests.adapters import BaseAdapter
from requests.models import Response as RequestsResponse

from ansible_collections.deployops.platforms.plugins.module_utils import platform_api
from ansible_collections.deployops.platforms.plugins.module_utils.client import Client
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import (
    PlatformAPI, run_info, run_resource)
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field, Resource
from ansible_collections.deployops.platforms.tests.unit.fakes import Exit, FakeModule

BASE_URL = 'http://toy.test/api'
KEY = 'toy-key'
PAGE = 2  # small, so that every list spans pages


# ---- the platform, written from the guide ---------------------------------------------------------

def parse_error(status, body, text):
    """Toy errors: ``{"problem": str, "fields": {name: str}}``."""
    body = body if isinstance(body, dict) else {}
    return body.get('problem') or 'HTTP %s' % status, dict((k, [v]) for k, v in (body.get('fields') or {}).items())


class ToyAPI(PlatformAPI):
    name = 'toy'
    id_field = 'uid'
    id_kind = 'uuid'
    transport = None  # the test mounts its in-memory service here

    @classmethod
    def auth_argument_spec(cls):
        return dict(api_url=dict(type='str', default=BASE_URL), api_key=dict(type='str', required=True, no_log=True))

    @classmethod
    def from_params(cls, params):
        key = params['api_key']
        client = Client(params['api_url'], auth=lambda session: session.headers.update({'X-Toy-Key': key}),
                        error_parser=parse_error, retries=0)
        if cls.transport is not None:
            client.session.mount('http://toy.test/', cls.transport)
        return cls(client)

    def list(self, path, params=None):
        offset = 0
        while True:
            page = self.client.get(path, params=dict(params or {}, offset=offset, limit=PAGE)).body
            yield from page['items']
            if page.get('next_offset') is None:
                return
            offset = page['next_offset']

    def wrap(self, payload):
        return {'widget': payload}

    def unwrap(self, body):
        return body.get('widget', body) if isinstance(body, dict) else body

    def update(self, path, payload, current):
        return self.job(self.client.patch(path, self.wrap(payload)))

    def scope(self, resource, params):
        return {'shelf': params['shelf']}


WIDGET = Resource(
    'widget',
    platform=ToyAPI,
    scope='shelf',
    list_path='/shelves/{shelf}/widgets',
    item_path='/widgets/{id}',
    fields=[
        Field('name', required_on_create=True),
        Field('color', choices=['red', 'green', 'blue']),
        Field('size', type='int', create_only=True),
        Field('secret', write_only=True),
    ],
    options=dict(shelf=dict(type='str', required=True)),
)


# ---- the in-memory service ----------------------------------------------------------------------

class ToyService(BaseAdapter):
    """Widgets on shelves; checks the auth header, pages lists by offset, wraps bodies in ``widget``."""

    def __init__(self):
        super(ToyService, self).__init__()
        self.widgets = {}
        self.log = []

    def add(self, shelf, **fields):
        uid = str(uuid.uuid4())
        self.widgets[uid] = dict(fields, uid=uid, shelf=shelf)
        return uid

    def send(self, request, **kwargs):
        path, dummy, query = request.path_url.partition('?')
        path = path[len('/api'):]
        self.log.append((request.method, path))
        if request.headers.get('X-Toy-Key') != KEY:
            return self.answer(request, 401, {'problem': 'bad key'})
        body = json.loads(request.body) if request.body else None
        parts = path.strip('/').split('/')
        if parts[0] == 'shelves' and request.method == 'GET':
            items = [self.public(w) for w in self.widgets.values() if w['shelf'] == parts[1]]
            params = dict(pair.split('=') for pair in query.split('&') if pair)
            offset, limit = int(params.get('offset', 0)), int(params.get('limit', 10))
            more = offset + limit < len(items)
            return self.answer(request, 200, {'items': items[offset:offset + limit],
                                              'next_offset': offset + limit if more else None})
        if parts[0] == 'shelves' and request.method == 'POST':
            if not body['widget'].get('name'):
                return self.answer(request, 422, {'problem': 'invalid', 'fields': {'name': 'is required'}})
            uid = self.add(parts[1], **body['widget'])
            return self.answer(request, 201, {'widget': self.public(self.widgets[uid])})
        widget = self.widgets.get(parts[1])
        if widget is None:
            return self.answer(request, 404, {'problem': 'no such widget'})
        if request.method == 'GET':
            return self.answer(request, 200, {'widget': self.public(widget)})
        if request.method == 'PATCH':
            widget.update(body['widget'])
            return self.answer(request, 200, {'widget': self.public(widget)})
        if request.method == 'DELETE':
            del self.widgets[parts[1]]
            return self.answer(request, 204, None)
        return self.answer(request, 405, {'problem': 'method not allowed'})

    @staticmethod
    def public(widget):
        return dict((k, v) for k, v in widget.items() if k != 'secret')

    @staticmethod
    def answer(request, status, body):
        response = RequestsResponse()
        response.status_code = status
        response._content = json.dumps(body).encode() if body is not None else b''
        response.headers['Content-Type'] = 'application/json'
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass

    def writes(self):
        return [entry for entry in self.log if entry[0] != 'GET']


@pytest.fixture
def service(monkeypatch):
    toy = ToyService()
    monkeypatch.setattr(ToyAPI, 'transport', toy)
    return toy


def converge(check_mode=False, **params):
    module = FakeModule(dict(dict(api_url=BASE_URL, api_key=KEY, shelf='top', recreate=False,
                                  update_secrets='on_create'), **params), check_mode=check_mode)
    with pytest.raises(Exit) as exit_info:
        run_resource(module, WIDGET)
    return dict(exit_info.value.result, _failed=exit_info.value.failed)


# ---- the platform works through the engine --------------------------------------------------------

def test_create_then_rerun_is_unchanged_across_pages(service):
    for name in ('a', 'b', 'c'):
        service.add('top', name=name, color='red')
    created = converge(name='d', color='blue', size=3, secret='s3cr3t')
    assert created['changed'] and not created['_failed']
    assert created['widget']['uid'] in service.widgets and 'secret' not in created['widget']
    assert service.widgets[created['widget']['uid']]['secret'] == 's3cr3t'
    service.log[:] = []
    again = converge(name='d', color='blue', size=3, secret='s3cr3t')
    assert not again['changed']
    assert service.writes() == []
    # the fourth widget is on the second page: found through the platform's offset paging
    assert ('GET', '/shelves/top/widgets') in service.log


def test_update_patches_the_wrapped_body_and_diffs(service):
    uid = service.add('top', name='a', color='red', size=1)
    result = converge(name='a', color='green')
    assert result['changed']
    assert service.writes() == [('PATCH', '/widgets/%s' % uid)]
    assert result['diff'] == {'before': {'color': 'red'}, 'after': {'color': 'green'}}
    assert service.widgets[uid]['color'] == 'green'


def test_check_mode_sends_no_write(service):
    result = converge(check_mode=True, name='new', color='red')
    assert result['changed'] and service.writes() == [] and service.widgets == {}


def test_create_only_change_recreates_and_id_is_the_uid(service):
    uid = service.add('top', name='a', size=1)
    refused = converge(id=uid, size=2)
    assert refused['_failed'] and 'cannot change size' in refused['msg']
    result = converge(id=uid, size=2, recreate=True)
    assert result['changed'] and uid not in service.widgets
    assert service.widgets[result['widget']['uid']]['name'] == 'a'  # carried over from the old widget


def test_an_id_that_is_not_a_uuid_fails_before_any_request(service):
    result = converge(id='1', state='absent')
    assert result['_failed'] and result['msg'].startswith('id: must be a UUID')
    assert service.log == []


def test_delete_by_name_then_again(service):
    service.add('top', name='a')
    assert converge(name='a', state='absent')['changed'] and service.widgets == {}
    assert not converge(name='a', state='absent')['changed']


def test_the_platform_error_body_reaches_the_task(service):
    result = converge(name='', color='red')
    assert result['_failed']
    bad_key = converge(name='x', api_key='wrong')
    assert bad_key['_failed'] and 'HTTP 401' in bad_key['msg'] and 'bad key' in bad_key['msg']


def test_info_lists_across_pages_and_reads_by_uid(service):
    uids = [service.add('top', name=n) for n in ('a', 'b', 'c')]
    service.add('other', name='a')
    module = FakeModule(dict(api_url=BASE_URL, api_key=KEY, shelf='top', name=None))
    with pytest.raises(Exit) as listed:
        run_info(module, WIDGET)
    assert sorted(w['uid'] for w in listed.value.result['widgets']) == sorted(uids)
    module = FakeModule(dict(api_url=BASE_URL, api_key=KEY, shelf='top', id=uids[1]))
    with pytest.raises(Exit) as one:
        run_info(module, WIDGET)
    assert [w['name'] for w in one.value.result['widgets']] == ['b']


def test_the_module_is_built_from_the_declaration_alone(monkeypatch):
    built = {}
    monkeypatch.setattr(platform_api, 'AnsibleModule', lambda argument_spec, **rules: built.update(
        spec=argument_spec, rules=rules) or FakeModule(dict(timeout=30)))
    platform_api.resource_module(WIDGET)
    spec = built['spec']
    assert spec['api_key'] == dict(type='str', required=True, no_log=True)
    assert spec['size'] == dict(type='int') and spec['color']['choices'] == ['red', 'green', 'blue']
    assert spec['secret'] == dict(type='str', no_log=True)
    assert spec['shelf'] == dict(type='str', required=True)
    assert set(spec) >= {'id', 'state', 'recreate', 'update_secrets', 'validate_certs', 'timeout'}
    assert built['rules']['required_one_of'] == [('name', 'id')]
