# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``platform_api``: the forms an object id may take (``id_problem``), checked by the engine and by
``_info`` queries before any request, so an ``id`` option can never reach another path."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION, ENVIRONMENT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, id_problem
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field, Resource
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine, run_info

UUID = '0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11'
ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV'


@pytest.mark.parametrize('value', ['1', '42', 42, '9' * 19])
def test_int_ids(value):
    assert id_problem('int', value) is None


@pytest.mark.parametrize('value', ['0', '-1', '01', '1.5', '1e3', ' 1', '1/../2', '1?x', '../environments/1', '',
                                   '9' * 20, True, False, None, UUID, '1\n', '1#f'])
def test_not_int_ids(value):
    assert id_problem('int', value) == 'must be a positive integer, got %r' % (value,)


@pytest.mark.parametrize('value', [UUID, UUID.upper()])
def test_uuid_ids(value):
    assert id_problem('uuid', value) is None


@pytest.mark.parametrize('value', ['7', UUID[:-1], UUID + '0', UUID.replace('-', ''), UUID[:-1] + 'g',
                                   UUID + '/../x', UUID + '\n', True])
def test_not_uuid_ids(value):
    assert id_problem('uuid', value).startswith('must be a UUID such as ')
    assert id_problem('uuid', value).endswith(', got %r' % (value,))


@pytest.mark.parametrize('value', [ULID, ULID.lower()])
def test_ulid_ids(value):
    assert id_problem('ulid', value) is None


@pytest.mark.parametrize('value', [ULID[:-1], ULID + 'A', ULID[:-1] + 'I', ULID[:-1] + 'L', ULID[:-1] + 'O',
                                   ULID[:-1] + 'U', ULID[:-1] + '/', '7', True])
def test_not_ulid_ids(value):
    assert id_problem('ulid', value) == 'must be a 26-character ULID, got %r' % (value,)


def test_a_platform_checks_ids_with_id_problem_and_says_which_form_it_uses():
    assert PlatformAPI.id_kind == 'int' and DevopnessAPI.id_kind == 'int'
    api = PlatformAPI(client=None)
    assert api.id_problem('int', '5') is None
    assert api.id_problem('int', True) == id_problem('int', True)
    assert api.id_problem('uuid', UUID) is None


@pytest.mark.parametrize('state', ['absent', 'present'])
@pytest.mark.parametrize('check_mode', [False, True])
def test_the_engine_refuses_an_id_of_the_wrong_form_before_any_request(state, check_mode):
    api = MemoryAPI()
    api.add('/environments/5/applications', id=1, name='shop')
    result = run_engine(api, APPLICATION, dict(id='../environments/1', state=state), check_mode=check_mode)
    assert result['_failed']
    assert result['msg'] == "id: must be a positive integer, got '../environments/1'"
    assert result['errors'] == {'id': ["must be a positive integer, got '../environments/1'"]}
    assert api.reads == [] and api.writes == [] and api.scoped == []


def test_the_engine_takes_an_id_of_the_right_form():
    api = MemoryAPI(scope={'project_id': 7})
    api.add('/projects/7/environments', id=1, name='qa', type='staging')
    result = run_engine(api, ENVIRONMENT, dict(id='1', state='absent'))
    assert result['changed'] and api.writes == [('DELETE', '/environments/1', None)]


class UlidAPI(MemoryAPI):
    """A platform whose objects are identified by ULIDs."""

    id_kind = 'ulid'


THING = Resource('thing', platform=UlidAPI, list_path='/things', item_path='/things/{id}', fields=[Field('name')])


def test_the_id_form_is_the_platforms_unless_the_resource_declares_its_own():
    api = UlidAPI()
    api.add('/things', id=ULID, name='a')
    assert run_engine(api, THING, dict(id='7'))['msg'] == "id: must be a 26-character ULID, got '7'"
    assert api.reads == []
    result = run_engine(api, THING, dict(id=ULID, name='b'))
    assert result['changed'] and api.writes == [('PUT', '/things/%s' % ULID, {'name': 'b'})]
    by_int = THING.variant(id_kind='int')
    assert run_engine(api, by_int, dict(id=ULID))['_failed']


def test_info_queries_refuse_an_id_of_the_wrong_form_before_any_request():
    api = MemoryAPI()
    result = run_info(api, APPLICATION, dict(id='1?x=2'))
    assert result['_failed'] and result['msg'] == "id: must be a positive integer, got '1?x=2'"
    assert api.requests() == []


def test_refused_credentials_are_named_with_their_environment_variables_never_their_values():
    from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
    from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI

    refused = DevopnessAPI.explain(ApiError('Unauthenticated.', status=401, method='GET', path='/projects'))
    assert refused == ('GET /projects failed with HTTP 401: Unauthenticated. The API did not accept the credentials: '
                       'check api_token (or the DEVOPNESS_API_TOKEN environment variable).')
    forbidden = DevopnessAPI.explain(ApiError('This action is unauthorized.', status=403, method='GET', path='/x'))
    assert 'were accepted but may not do this' in forbidden and 'DEVOPNESS_API_TOKEN' in forbidden
    assert DevopnessAPI.explain(ApiError('gone', status=404, method='GET', path='/x')) == 'GET /x failed with HTTP 404: gone'
