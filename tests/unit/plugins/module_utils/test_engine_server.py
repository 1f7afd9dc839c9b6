# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features made for devopness_server, on the real ``SERVER`` declaration: ``without_none``
(dict options with sub-options sent without their unset sub-options) and ``Field(validate=...)``
(a value checked before any request, failing with the option named)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.compare import without_none
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SERVER
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


class ServerAPI(MemoryAPI):
    """Servers of environment 5, provisioned (``running``) as soon as they are created; credential
    ``aws-main`` is 7, sent as a string and read back as ``credential.id``."""

    def __init__(self, items=()):
        super(ServerAPI, self).__init__(refs={'credential': {'aws-main': 7}})
        for item in items:
            self.add('/environments/5/servers', **item)

    def create(self, path, payload):
        obj, job = super(ServerAPI, self).create(path, payload)
        stored = self.find_path('/servers/%s' % obj['id'])[1]
        stored['status'] = 'running'
        if 'credential_id' in stored:
            stored['credential'] = {'id': int(stored.pop('credential_id'))}
        return obj, job


PROVISION_INPUT = {'cloud_service_code': 'aws-ec2', 'subnet_id': None,
                   'settings': {'region': 'us-east-1', 'instance_type': 't3.micro', 'storage_size': None,
                                'os_version_code': 'ubuntu_24_04'}}


def test_without_none_drops_unset_sub_options_recursively():
    assert without_none({'a': None, 'b': {'c': None, 'd': 0}, 'e': [{'f': None, 'g': False}], 'h': ''}) == {
        'b': {'d': 0}, 'e': [{'g': False}], 'h': ''}
    assert without_none(None) is None
    assert without_none('x') == 'x'


def test_dict_option_is_sent_without_unset_sub_options_and_credential_as_string():
    api = ServerAPI()
    result = run_engine(api, SERVER, dict(hostname='web-1', provision_input=PROVISION_INPUT, credential='aws-main'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/environments/5/servers', {
        'hostname': 'web-1', 'credential_id': '7',
        'provision_input': {'cloud_service_code': 'aws-ec2',
                            'settings': {'region': 'us-east-1', 'instance_type': 't3.micro',
                                         'os_version_code': 'ubuntu_24_04'}}})]
    assert result['server']['status'] == 'running'


def test_dict_option_compares_as_subset_and_string_id_equals_integer_id():
    current = dict(id=1, hostname='web-1', credential={'id': 7, 'name': 'aws-main'},
                   provision_input={'cloud_service_code': 'aws-ec2', 'subnet_id': 3,
                                    'settings': {'region': 'us-east-1', 'instance_type': 't3.micro',
                                                 'storage_size': 20, 'os_version_code': 'ubuntu_24_04',
                                                 'region_human_readable': 'US East'}})
    api = ServerAPI([current])
    result = run_engine(api, SERVER, dict(hostname='web-1', provision_input=PROVISION_INPUT, credential='aws-main'))
    assert not result['changed'] and not result['_failed']
    assert api.writes == []


def test_changed_dict_option_fails_as_create_only_and_recreates_with_recreate():
    api = ServerAPI([dict(id=1, hostname='web-1', provision_input={
        'cloud_service_code': 'aws-ec2', 'settings': {'region': 'eu-west-1'}})])
    result = run_engine(api, SERVER, dict(hostname='web-1', provision_input=PROVISION_INPUT))
    assert result['_failed'] and 'cannot change provision_input' in result['msg'] and 'recreate' in result['msg']
    assert api.writes == []
    result = run_engine(api, SERVER, dict(hostname='web-1', provision_input=PROVISION_INPUT, recreate=True))
    assert result['changed'] and api.write_methods() == ['DELETE', 'POST']
    assert 'storage_size' not in api.writes[1][2]['provision_input']['settings']


def test_validate_fails_before_any_request_naming_the_option():
    api = ServerAPI()
    result = run_engine(api, SERVER, dict(hostname='Web_1', provision_input=PROVISION_INPUT))
    assert result['_failed']
    assert result['msg'].startswith('hostname: ') and "'Web_1'" in result['msg']
    assert result['errors'] == {'hostname': ["may contain only digits, lower-case letters a-z and '-' (got 'Web_1')"]}
    assert api.requests() == []


def test_validate_also_guards_check_mode_but_not_absent():
    api = ServerAPI()
    result = run_engine(api, SERVER, dict(hostname='Web_1'), check_mode=True)
    assert result['_failed'] and api.requests() == []
    result = run_engine(api, SERVER, dict(hostname='Web_1', state='absent'))
    assert not result['_failed'] and not result['changed']


def test_restarted_always_acts():
    api = ServerAPI([dict(id=1, hostname='web-1', status='running')])
    for dummy in range(2):
        result = run_engine(api, SERVER, dict(hostname='web-1', state='restarted'))
        assert result['changed']
    assert api.writes == [('POST', '/servers/1/restart', None)] * 2
