# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine additions made for devopness_server: ``without_none`` (dict options with
sub-options sent without their unset sub-options) and ``Field(validate=...)`` (a value
checked before any request, failing with the option named)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    Field, Resource, ResourceEngine, StateAction, without_none)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5, recreate=False), **params)
        self.check_mode = check_mode
        self._diff = True

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        pass


class FakeServers(object):
    """Servers of environment 5; credential_id is sent as a string, read back as credential.id."""

    def __init__(self, items=None):
        self.items = dict((item['id'], dict(item)) for item in (items or []))
        self.calls = []

    def scope(self, resource, params):
        self.calls.append(('scope',))
        return {'environment_id': 5}

    def resolve_ref(self, kind, value, scope):
        return {'aws-main': 7}[value] if not str(value).isdigit() else int(value)

    def list(self, path, params=None):
        self.calls.append(('GET', path))
        return list(self.items.values())

    def get(self, path):
        self.calls.append(('GET', path))
        obj_id = int(path.rsplit('/', 1)[1])
        return dict(self.items[obj_id]) if obj_id in self.items else None

    def create(self, path, payload):
        self.calls.append(('POST', path, payload))
        obj = dict(payload, id=100, status='running')
        if 'credential_id' in obj:
            obj['credential'] = {'id': int(obj.pop('credential_id'))}
        self.items[100] = obj
        return obj, None

    def update(self, path, payload, current):
        self.calls.append(('PUT', path, payload))
        self.items[current['id']].update(payload)
        return None

    def delete(self, path, params=None):
        self.calls.append(('DELETE', path, params))
        del self.items[int(path.rsplit('/', 1)[1])]
        return None

    def post_action(self, path, body=None):
        self.calls.append(('POST', path, body))
        return None

    def writes(self):
        return [c for c in self.calls if c[0] in ('POST', 'PUT', 'DELETE')]


def bad_hostname(value):
    return None if value.islower() and '_' not in value else 'only 0-9, a-z and - are allowed (got %r)' % value


SERVER = Resource(
    name='server',
    scope='environment',
    list_path='/environments/{environment_id}/servers',
    item_path='/servers/{id}',
    key=['hostname'],
    fields=[
        Field('hostname', create_only=True, validate=bad_hostname),
        Field('provision_input', create_only=True, to_api=without_none),
        Field('credential', api='credential_id', read='credential.id', ref='credential', to_api=str),
        Field('ssh_port'),
    ],
    states={'restarted': StateAction('/servers/{id}/restart')},
)

PROVISION_INPUT = {'cloud_service_code': 'aws-ec2', 'subnet_id': None,
                   'settings': {'region': 'us-east-1', 'instance_type': 't3.micro', 'storage_size': None,
                                'os_version_code': 'ubuntu_24_04'}}


def run(api, params, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, SERVER).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_without_none_drops_unset_sub_options_recursively():
    assert without_none({'a': None, 'b': {'c': None, 'd': 0}, 'e': [{'f': None, 'g': False}], 'h': ''}) == {
        'b': {'d': 0}, 'e': [{'g': False}], 'h': ''}
    assert without_none(None) is None
    assert without_none('x') == 'x'


def test_dict_option_is_sent_without_unset_sub_options_and_credential_as_string():
    api = FakeServers()
    result = run(api, dict(hostname='web-1', provision_input=PROVISION_INPUT, credential='aws-main'))
    assert result['changed'] and not result['_failed']
    assert api.writes() == [('POST', '/environments/5/servers', {
        'hostname': 'web-1', 'credential_id': '7',
        'provision_input': {'cloud_service_code': 'aws-ec2',
                            'settings': {'region': 'us-east-1', 'instance_type': 't3.micro',
                                         'os_version_code': 'ubuntu_24_04'}}})]


def test_dict_option_compares_as_subset_and_string_id_equals_integer_id():
    current = dict(id=1, hostname='web-1', credential={'id': 7, 'name': 'aws-main'},
                   provision_input={'cloud_service_code': 'aws-ec2', 'subnet_id': 3,
                                    'settings': {'region': 'us-east-1', 'instance_type': 't3.micro',
                                                 'storage_size': 20, 'os_version_code': 'ubuntu_24_04',
                                                 'region_human_readable': 'US East'}})
    api = FakeServers([current])
    result = run(api, dict(hostname='web-1', provision_input=PROVISION_INPUT, credential='aws-main'))
    assert not result['changed'] and not result['_failed']
    assert api.writes() == []


def test_changed_dict_option_fails_as_create_only_and_recreates_with_recreate():
    api = FakeServers([dict(id=1, hostname='web-1', provision_input={
        'cloud_service_code': 'aws-ec2', 'settings': {'region': 'eu-west-1'}})])
    result = run(api, dict(hostname='web-1', provision_input=PROVISION_INPUT))
    assert result['_failed'] and 'cannot change provision_input' in result['msg'] and 'recreate' in result['msg']
    assert api.writes() == []
    result = run(api, dict(hostname='web-1', provision_input=PROVISION_INPUT, recreate=True))
    assert result['changed'] and [w[0] for w in api.writes()] == ['DELETE', 'POST']
    assert 'storage_size' not in api.writes()[1][2]['provision_input']['settings']


def test_validate_fails_before_any_request_naming_the_option():
    api = FakeServers()
    result = run(api, dict(hostname='Web_1', provision_input=PROVISION_INPUT))
    assert result['_failed']
    assert result['msg'].startswith('hostname: ') and "'Web_1'" in result['msg']
    assert result['errors'] == {'hostname': ["only 0-9, a-z and - are allowed (got 'Web_1')"]}
    assert api.calls == []


def test_validate_also_guards_check_mode_but_not_absent():
    api = FakeServers()
    result = run(api, dict(hostname='Web_1'), check_mode=True)
    assert result['_failed'] and api.calls == []
    result = run(api, dict(hostname='Web_1', state='absent'))
    assert not result['_failed'] and not result['changed']


def test_restarted_always_acts():
    api = FakeServers([dict(id=1, hostname='web-1', status='running')])
    for dummy in range(2):
        result = run(api, dict(hostname='web-1', state='restarted'))
        assert result['changed']
    assert api.writes() == [('POST', '/servers/1/restart', None)] * 2
