# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the credential modules need: a value transformed into the API's form
(``to_api``, the secret settings wrapped as ``{"credential": ...}``), values sent on create
only when the user did not set them (``create_default``), and create-only fields read from
a nested path of the response (``provider.code``)."""

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
    def __init__(self, params, check_mode=False, diff=True):
        self.params = dict(dict(state='present', id=None, update_secrets='on_create', recreate=False), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        self.warnings.append(text)


class FakeCredentials(object):
    def __init__(self, items=None):
        self.items = dict((item['id'], dict(item)) for item in (items or []))
        self.writes = []
        self.next_id = 100

    def scope(self, resource, params):
        return {'organization_id': 3}

    def list(self, path, params=None):
        assert path == '/organizations/3/credentials'
        return list(self.items.values())

    def get(self, path):
        obj_id = int(path.rsplit('/', 1)[1])
        return dict(self.items[obj_id]) if obj_id in self.items else None

    def create(self, path, payload):
        self.writes.append(('POST', path, payload))
        obj = dict((k, v) for k, v in payload.items() if k not in ('settings', 'provider_code'))
        obj.update(id=self.next_id, provider={'code': payload.get('provider_code')})
        self.items[self.next_id] = obj
        self.next_id += 1
        return obj, None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, payload))
        self.items[current['id']]['name'] = payload['name']

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        del self.items[int(path.rsplit('/', 1)[1])]


TYPES = {'hetzner': 'cloud_provider', 'github': 'source_provider'}

CREDENTIAL = Resource(
    name='credential',
    scope='organization',
    list_path='/organizations/{organization_id}/credentials',
    item_path='/credentials/{id}',
    fields=[
        Field('name', required_on_update=True),
        Field('provider_code', read='provider.code', create_only=True),
        Field('provider_type', create_only=True, create_default=lambda params: TYPES.get(params.get('provider_code'))),
        Field('active', create_only=True, create_default=True),
        Field('settings', write_only=True, to_api=lambda value: {'credential': value}),
    ],
)


def run(api, params, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, CREDENTIAL).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_create_wraps_the_secret_and_sends_defaults_for_unset_options():
    api = FakeCredentials()
    result = run(api, dict(name='h', provider_code='hetzner', settings={'api_token': 'tok-123'}))
    assert not result['_failed'] and result['changed']
    assert api.writes == [('POST', '/organizations/3/credentials', {
        'name': 'h', 'provider_code': 'hetzner', 'provider_type': 'cloud_provider', 'active': True,
        'settings': {'credential': {'api_token': 'tok-123'}}})]
    assert 'tok-123' not in repr(result)
    assert result['diff']['after'] == {'name': 'h', 'provider_code': 'hetzner', 'provider_type': 'cloud_provider',
                                       'active': True}


def test_user_values_win_over_create_defaults():
    api = FakeCredentials()
    run(api, dict(name='h', provider_code='hetzner', provider_type='source_provider', active=False,
                  settings={'api_token': 't'}))
    body = api.writes[0][2]
    assert body['active'] is False and body['provider_type'] == 'source_provider'


def test_create_defaults_are_never_compared():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, provider_type='cloud_provider',
                                active=False)])
    result = run(api, dict(name='h', provider_code='hetzner', settings={'api_token': 't'}))
    assert not result['changed'] and api.writes == []


def test_create_only_field_read_from_a_nested_path():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, active=True)])
    result = run(api, dict(name='h', provider_code='github'))
    assert result['_failed'] and 'cannot change provider_code' in result['msg']
    assert "current 'hetzner'" in result['msg']


def test_wrapped_secret_is_resent_only_with_update_secrets_always():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, active=True)])
    result = run(api, dict(name='h', settings={'api_token': 'new-tok'}, update_secrets='always'))
    assert not result['changed']
    assert api.writes == [('PUT', '/credentials/1', {'name': 'h', 'settings': {'credential': {'api_token': 'new-tok'}}})]
    assert 'new-tok' not in repr(result)


def test_to_api_is_none_safe_and_defaults_to_no_transformation():
    assert Field('x').to_api is None
    assert Field('x').default_for_create({}) is None
    assert Field('x', create_default=lambda params: params['a']).default_for_create({'a': 2}) == 2


def test_recreate_checks_options_required_on_create_before_deleting():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, active=True)])
    resource = Resource(name='credential', scope='organization', list_path='/organizations/{organization_id}/credentials',
                        item_path='/credentials/{id}',
                        fields=[Field('name'), Field('provider_code', read='provider.code', create_only=True),
                                Field('settings', write_only=True, required_on_create=True)])
    module = FakeModule(dict(id='1', name='h', provider_code='digitalocean', recreate=True))
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    assert exit_info.value.failed and 'settings is required to create the credential' in exit_info.value.result['msg']
    assert api.writes == [] and 1 in api.items


def test_recreate_by_id_keeps_the_updatable_values_the_user_did_not_set():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, provider_type='cloud_provider',
                                active=True)])
    result = run(api, dict(id='1', provider_code='github', settings={'auth_type': 'oauth'}, recreate=True))
    assert not result['_failed'] and result['changed']
    assert api.writes[0] == ('DELETE', '/credentials/1', None)
    assert api.writes[1] == ('POST', '/organizations/3/credentials', {
        'name': 'h', 'provider_code': 'github', 'provider_type': 'source_provider', 'active': True,
        'settings': {'credential': {'auth_type': 'oauth'}}})


def test_messages_about_an_object_found_by_id_name_the_id():
    api = FakeCredentials([dict(id=1, name='h', provider={'code': 'hetzner'}, active=True)])
    result = run(api, dict(id='1', provider_code='github'))
    assert result['_failed'] and "of credential id='1'" in result['msg']
