# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the credential modules need, on the real ``CREDENTIAL`` declaration: a value
transformed into the API's form (``to_api``, the secret settings wrapped as ``{"credential": ...}``),
values sent on create only when the user did not set them (``create_default``), and create-only
fields read from a nested path of the response (``provider.code``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import CREDENTIAL
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


class CredentialAPI(MemoryAPI):
    """Credentials of organization 3. The API takes ``provider_code`` and answers with a
    ``provider`` object; it never returns ``settings``."""

    def __init__(self, items=()):
        super(CredentialAPI, self).__init__(scope={'organization_id': 3})
        for item in items:
            self.add('/organizations/3/credentials', **item)

    def create(self, path, payload):
        obj, job = super(CredentialAPI, self).create(path, payload)
        stored = self.find_path('/credentials/%s' % obj['id'])[1]
        stored.pop('settings')
        stored['provider'] = {'code': stored.pop('provider_code')}
        return dict(stored), job

    def update(self, path, payload, current):
        job = super(CredentialAPI, self).update(path, payload, current)
        self.find_path(path)[1].pop('settings', None)
        return job


HETZNER = dict(id=1, name='h', provider={'code': 'hetzner'}, provider_type='cloud_provider', active=True)


def test_create_wraps_the_secret_and_sends_defaults_for_unset_options():
    api = CredentialAPI()
    result = run_engine(api, CREDENTIAL, dict(name='h', provider_code='hetzner', settings={'api_token': 'tok-123'}))
    assert not result['_failed'] and result['changed']
    assert api.writes == [('POST', '/organizations/3/credentials', {
        'name': 'h', 'provider_code': 'hetzner', 'provider_type': 'cloud_provider', 'active': True,
        'settings': {'credential': {'api_token': 'tok-123'}}})]
    assert 'tok-123' not in repr(result)
    assert result['diff']['after'] == {'name': 'h', 'provider_code': 'hetzner', 'provider_type': 'cloud_provider',
                                       'active': True}


def test_user_values_win_over_create_defaults():
    api = CredentialAPI()
    run_engine(api, CREDENTIAL, dict(name='h', provider_code='hetzner', provider_type='source_provider', active=False,
                                     settings={'api_token': 't'}))
    body = api.writes[0][2]
    assert body['active'] is False and body['provider_type'] == 'source_provider'


def test_create_defaults_are_never_compared():
    api = CredentialAPI([dict(HETZNER, active=False)])
    result = run_engine(api, CREDENTIAL, dict(name='h', provider_code='hetzner', settings={'api_token': 't'}))
    assert not result['changed'] and api.writes == []


def test_create_only_field_read_from_a_nested_path():
    api = CredentialAPI([HETZNER])
    assert not run_engine(api, CREDENTIAL, dict(id='1', provider_code='hetzner'))['changed']
    result = run_engine(api, CREDENTIAL, dict(id='1', name='h', provider_code='github'))
    assert result['_failed'] and 'cannot change provider_code' in result['msg']
    assert "current 'hetzner'" in result['msg']
    assert api.writes == []


def test_a_name_is_matched_only_among_the_credentials_of_the_provider_given():
    api = CredentialAPI([HETZNER])
    result = run_engine(api, CREDENTIAL, dict(name='h', provider_code='github', settings={'token': 't'}))
    assert result['changed'] and not result['_failed']
    assert [w[:2] for w in api.writes] == [('POST', '/organizations/3/credentials')]


def test_wrapped_secret_is_resent_only_with_update_secrets_always():
    api = CredentialAPI([HETZNER])
    result = run_engine(api, CREDENTIAL, dict(name='h', settings={'api_token': 'new-tok'}))
    assert not result['changed'] and api.writes == []
    result = run_engine(api, CREDENTIAL, dict(name='h', settings={'api_token': 'new-tok'}, update_secrets='always'))
    assert not result['changed']
    assert api.writes == [('PUT', '/credentials/1', {'name': 'h', 'settings': {'credential': {'api_token': 'new-tok'}}})]
    assert 'new-tok' not in repr(result)


def test_to_api_is_none_safe_and_defaults_to_no_transformation():
    assert Field('x').to_api is None
    assert Field('x').default_for_create({}) is None
    assert Field('x', create_default=lambda params: params['a']).default_for_create({'a': 2}) == 2


def test_recreate_checks_options_required_on_create_before_deleting():
    api = CredentialAPI([HETZNER])
    result = run_engine(api, CREDENTIAL, dict(id='1', name='h', provider_code='digitalocean', recreate=True))
    assert result['_failed'] and 'settings is required to create the credential' in result['msg']
    assert api.writes == [] and api.find_path('/credentials/1')[1] is not None


def test_recreate_by_id_keeps_the_updatable_values_the_user_did_not_set():
    api = CredentialAPI([HETZNER])
    result = run_engine(api, CREDENTIAL, dict(id='1', provider_code='github', settings={'auth_type': 'oauth'},
                                              recreate=True))
    assert not result['_failed'] and result['changed']
    assert api.writes == [
        ('DELETE', '/credentials/1', None),
        ('POST', '/organizations/3/credentials', {
            'name': 'h', 'provider_code': 'github', 'provider_type': 'source_provider', 'active': True,
            'settings': {'credential': {'auth_type': 'oauth'}}}),
    ]
    assert 'oauth' not in repr(result)


def test_messages_about_an_object_found_by_id_name_the_id():
    api = CredentialAPI([HETZNER])
    result = run_engine(api, CREDENTIAL, dict(id='1', provider_code='github'))
    assert result['_failed'] and "of credential id='1'" in result['msg']
