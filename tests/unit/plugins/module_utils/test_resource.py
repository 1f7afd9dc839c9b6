# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``resource.Resource`` beyond what the engine tests show: ``variant()`` (the same object seen from
another list), ``returned_once`` keys counted as hidden, and the id form taken from the platform."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    CREDENTIAL, ENVIRONMENT, ENVIRONMENT_CREDENTIALS, LISTED_ENVIRONMENTS)
from ansible_collections.deployops.platforms.plugins.module_utils.resource import (
    Field, Resource, item_options, resource_argument_spec)
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_info


def test_variant_changes_only_the_copy():
    assert ENVIRONMENT_CREDENTIALS is not CREDENTIAL
    assert (ENVIRONMENT_CREDENTIALS.scope, ENVIRONMENT_CREDENTIALS.list_path) == (
        'environment', '/environments/{environment_id}/credentials')
    assert (CREDENTIAL.scope, CREDENTIAL.list_path) == ('organization', '/organizations/{organization_id}/credentials')
    assert ENVIRONMENT_CREDENTIALS.fields == CREDENTIAL.fields and ENVIRONMENT_CREDENTIALS.match is CREDENTIAL.match
    assert ENVIRONMENT.list_paths({'include_archived': False}) == [
        '/projects/{project_id}/environments', '/projects/{project_id}/environments/archived']
    assert LISTED_ENVIRONMENTS.list_paths({'include_archived': False}) == ['/projects/{project_id}/environments']


def test_variant_moves_the_create_path_with_the_list_path_unless_given():
    assert ENVIRONMENT_CREDENTIALS.create_path == '/environments/{environment_id}/credentials'
    assert CREDENTIAL.create_path == '/organizations/{organization_id}/credentials'
    other = CREDENTIAL.variant(list_path='/a', create_path='/b')
    assert (other.list_path, other.create_path) == ('/a', '/b')
    assert CREDENTIAL.variant(name='secret').create_path == CREDENTIAL.create_path


def test_variant_refuses_an_attribute_a_resource_does_not_have():
    with pytest.raises(AttributeError) as exc:
        CREDENTIAL.variant(list_pathh='/typo')
    assert "'list_pathh'" in str(exc.value)


def test_a_variant_lists_where_it_says():
    api = MemoryAPI(scope={'environment_id': 5, 'organization_id': 3})
    api.add('/organizations/3/credentials', id=1, name='aws', provider={'code': 'aws'})
    api.add('/environments/5/credentials', id=2, name='github', provider={'code': 'github'})
    assert [c['id'] for c in run_info(api, CREDENTIAL, dict(name=None))['credentials']] == [1]
    assert [c['id'] for c in run_info(api, ENVIRONMENT_CREDENTIALS, dict(name=None))['credentials']] == [2]


def test_returned_once_keys_are_hidden_without_being_listed_twice():
    token = Resource('token', '/tokens', '/tokens/{id}', returned_once=('secret',), hidden_result_keys=('password',))
    assert set(token.hidden_result_keys) == set(['password', 'secret'])
    both = Resource('token', '/tokens', '/tokens/{id}', returned_once=('secret',), hidden_result_keys=('secret',))
    assert both.hidden_result_keys == ('secret',)


class UuidAPI(MemoryAPI):
    id_kind = 'uuid'
    id_field = 'uuid'


def test_the_id_form_and_field_come_from_the_platform_unless_declared():
    assert Resource('thing', '/things', '/things/{id}', platform=UuidAPI).id_kind == 'uuid'
    assert Resource('thing', '/things', '/things/{id}', platform=UuidAPI).id_field == 'uuid'
    assert Resource('thing', '/things', '/things/{id}', platform=UuidAPI, id_kind='ulid').id_kind == 'ulid'
    assert Resource('thing', '/things', '/things/{id}', platform=DevopnessAPI).id_kind == 'int'
    assert Resource('thing', '/things', '/things/{id}').id_kind == 'int'


def test_write_only_may_depend_on_the_params():
    value = Field('value', write_only=lambda params: params.get('hidden') is True)
    assert value.is_write_only({'hidden': True}) and not value.is_write_only({'hidden': False})
    assert not value.resent_only_by_recreate({'hidden': True})
    key = Field('key', write_only=lambda params: params.get('hidden') is True, create_only=True)
    assert key.resent_only_by_recreate({'hidden': True}) and not key.resent_only_by_recreate({})


def test_a_variant_with_other_returned_once_keys_hides_them():
    token = Resource('token', '/tokens', '/tokens/{id}', returned_once=('secret',))
    other = token.variant(returned_once=('bootstrap',))
    assert set(other.hidden_result_keys) == set(['bootstrap']) and token.hidden_result_keys == ('secret',)


def test_a_module_takes_its_options_from_the_declaration():
    thing = Resource('thing', '/things', '/things/{id}', fields=[
        Field('name'),
        Field('size', type='int', choices=[1, 2], default=1),
        Field('token', write_only=True),
        Field('public_key', no_log=False),
        Field('tags', type='list', elements='str', required=True),
    ], options=dict(project=dict(type='str', required=True)), waits=True)
    spec = resource_argument_spec(thing)
    assert spec['name'] == {'type': 'str'}
    assert spec['size'] == {'type': 'int', 'choices': [1, 2], 'default': 1}
    assert spec['token'] == {'type': 'str', 'no_log': True}, 'a write-only value is a secret unless said otherwise'
    assert spec['public_key'] == {'type': 'str', 'no_log': False}
    assert spec['tags'] == {'type': 'list', 'elements': 'str', 'required': True}
    assert spec['project'] == {'type': 'str', 'required': True}
    assert spec['wait'] == {'type': 'bool', 'default': True} and 'wait_timeout' in spec
    assert 'wait' not in resource_argument_spec(thing.variant(waits=False))
    assert thing.option_rules == {'required_one_of': [('name', 'id')]}, 'found by its key or its id'
    assert Resource('x', '/x', '/x/{id}', key=(), option_rules=None).option_rules == {}


def test_a_value_never_returned_is_never_a_difference_and_offers_no_recreate():
    note = Field('note', returned=False, create_only=True)
    assert note.compare('wanted', {'note': 'other'}) is False
    assert not Resource('x', '/x', '/x/{id}', fields=[note]).has_create_only
    assert Resource('x', '/x', '/x/{id}', fields=[Field('note', create_only=True)]).has_create_only


def test_the_items_of_a_set_take_the_fields_options():
    options = item_options([Field('key', no_log=False), Field('hidden', type='bool')], required=('key',))
    assert options['key'] == {'type': 'str', 'no_log': False, 'required': True}
    assert options['hidden'] == {'type': 'bool'}
    assert options['state'] == {'type': 'str', 'choices': ['present', 'absent']}
    assert set(options) == {'key', 'hidden', 'state', 'update_secrets'}


def test_a_bulk_list_takes_the_fields_links_and_deploy_and_excludes_the_single_object_options():
    from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON, NETWORK_RULE
    spec = resource_argument_spec(DAEMON)
    items = spec['daemons']['options']
    assert spec['daemons']['type'] == 'list' and spec['daemons']['elements'] == 'dict'
    assert spec['prune'] == {'type': 'bool', 'default': False}
    assert items['name']['required'] is True, 'the natural key finds each item'
    assert items['servers'] == {'type': 'list', 'elements': 'str'}
    assert items['deploy'] == {'type': 'bool'}, 'no default: the task-level deploy applies'
    assert 'update_secrets' not in items and 'recreate' not in items, 'a daemon has no secret nor create-only value'
    assert 'recreate' in resource_argument_spec(NETWORK_RULE)['network_rules']['options'], 'a rule has a create-only port'
    assert DAEMON.option_rules['required_one_of'] == [('name', 'id', 'daemons')]
    assert ('daemons', 'name') in DAEMON.option_rules['mutually_exclusive']
    assert ('daemons', 'servers') in DAEMON.option_rules['mutually_exclusive']
    assert ('daemons', 'id') in DAEMON.option_rules['mutually_exclusive']
    assert ('daemons', 'environment') not in DAEMON.option_rules['mutually_exclusive']


def test_items_that_name_their_own_parent_take_the_parent_options_and_child_lists_but_need_neither():
    from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import PIPELINE, VARIABLE
    items = resource_argument_spec(PIPELINE)['pipelines']['options']
    assert items['resource'] == {'type': 'str'} and 'required' not in items['resource_type'], 'the task may give it'
    assert items['steps']['options']['name']['required'] is True, 'a child list keeps its own sub-options'
    assert ('pipelines', 'steps') in PIPELINE.option_rules['mutually_exclusive']
    assert 'required' not in resource_argument_spec(VARIABLE)['variables']['options']['resource_type']
    assert VARIABLE.option_rules['required_one_of'] == [('resource', 'variables')], 'a group naming the list is kept as is'
