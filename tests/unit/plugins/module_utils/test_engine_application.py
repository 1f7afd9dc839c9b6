# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features an application needs: ``Field.required_with`` (the API requires
``credential_id`` in an update body whenever ``repository`` is in it) and a reference compared
through a ``read`` path (the API returns ``credential`` as an object)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.engine import Field, Resource, ResourceEngine


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5), **params)
        self.check_mode = check_mode
        self._diff = True

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        pass


class FakeAPI(object):
    def __init__(self, items):
        self.items = dict((item['id'], dict(item)) for item in items)
        self.writes = []

    def scope(self, resource, params):
        return {'environment_id': 5}

    def resolve_ref(self, kind, value, scope):
        return {'github-a': 1, 'github-b': 2}[value]

    def list(self, path, params=None):
        return list(self.items.values())

    def get(self, path):
        obj = self.items.get(int(path.rsplit('/', 1)[1]))
        return dict(obj) if obj else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        obj = dict(payload, id=100)
        self.items[100] = obj
        return obj, None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        obj = self.items[current['id']]
        obj.update(payload)
        if 'credential_id' in payload:
            obj['credential'] = {'id': payload['credential_id']}
        return None


APP = Resource(
    name='application',
    scope='environment',
    list_path='/environments/{environment_id}/applications',
    item_path='/applications/{id}',
    key=['name'],
    fields=[
        Field('name', required_on_update=True, required_on_create=True),
        Field('repository', required_on_create=True),
        Field('credential', api='credential_id', read='credential.id', ref='credential',
              required_on_create=True, required_with=('repository',)),
        Field('default_branch', required_on_update=True, required_on_create=True),
    ],
)

CURRENT = dict(id=1, name='web', repository='acme/web', credential={'id': 1, 'name': 'github-a'},
               default_branch='main')


def run(api, params, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, APP).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_changing_repository_sends_the_current_credential_too():
    api = FakeAPI([CURRENT])
    result = run(api, dict(name='web', repository='acme/web2'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('PUT', '/applications/1', {
        'name': 'web', 'default_branch': 'main', 'repository': 'acme/web2', 'credential_id': 1})]


def test_an_update_without_repository_leaves_credential_out():
    api = FakeAPI([CURRENT])
    result = run(api, dict(name='web', default_branch='develop'))
    assert result['changed']
    assert api.writes == [('PUT', '/applications/1', {'name': 'web', 'default_branch': 'develop'})]


def test_credential_is_compared_through_its_read_path_and_diffed_as_ids():
    api = FakeAPI([CURRENT])
    assert not run(api, dict(name='web', credential='github-a'))['changed']
    assert api.writes == []
    result = run(api, dict(name='web', credential='github-b'))
    assert result['changed']
    assert result['diff'] == {'before': {'credential': 1}, 'after': {'credential': 2}}
    assert api.writes == [('PUT', '/applications/1', {'name': 'web', 'default_branch': 'main', 'credential_id': 2})]


def test_create_names_every_missing_required_option_before_any_write():
    api = FakeAPI([])
    result = run(api, dict(name='web', repository='acme/web'))
    assert result['_failed']
    assert 'credential and default_branch are required to create the application' in result['msg']
    assert api.writes == []
