# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the environment modules need, on the real ``ENVIRONMENT`` and
``LISTED_ENVIRONMENTS`` declarations: extra list paths (archived objects are found, never
duplicated), fields set through action endpoints (``archived``), options required on create,
``_info`` over extra lists, and a ``project`` scope found by id."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    ENVIRONMENT, LISTED_ENVIRONMENTS)
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine, run_info

ENVIRONMENTS = '/projects/7/environments'


class EnvironmentAPI(MemoryAPI):
    """Environments of project 7: the main list leaves archived ones out, as Devopness does, and
    ``/archived`` lists only those; ``/environments/{id}/archive`` and ``/unarchive`` flip them."""

    def __init__(self, items=()):
        super(EnvironmentAPI, self).__init__(scope={'project_id': 7})
        for item in items:
            self.add(ENVIRONMENTS, **item)

    def list(self, path, params=None):
        if path == ENVIRONMENTS + '/archived':
            self.reads.append(('GET', path, params))
            return [dict(item) for item in self.collections.get(ENVIRONMENTS, []) if item.get('is_archived')]
        items = super(EnvironmentAPI, self).list(path, params)
        if path == ENVIRONMENTS:
            return [item for item in items if not item.get('is_archived')] + [None]
        return items

    def create(self, path, payload):
        obj, job = super(EnvironmentAPI, self).create(path, payload)
        self.find_path('/environments/%s' % obj['id'])[1]['is_archived'] = False
        return obj, job

    def post_action(self, path, body=None):
        environment_path, action = path.rsplit('/', 1)
        self.find_path(environment_path)[1]['is_archived'] = action == 'archive'
        return super(EnvironmentAPI, self).post_action(path, body)


def test_archived_object_is_found_through_extra_list_path_not_duplicated():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging', is_archived=True)])
    result = run_engine(api, ENVIRONMENT, dict(name='qa', type='staging'))
    assert not result['_failed'] and not result['changed']
    assert api.writes == []
    assert result['environment']['id'] == 1


def test_without_extra_list_path_the_archived_object_is_missed():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging', is_archived=True)])
    result = run_engine(api, ENVIRONMENT.variant(extra_list_paths=()), dict(name='qa', type='staging'))
    assert result['changed'] and api.writes[0][:2] == ('POST', ENVIRONMENTS)


def test_extra_list_paths_may_depend_on_params():
    main, archived = '/projects/{project_id}/environments', '/projects/{project_id}/environments/archived'
    assert LISTED_ENVIRONMENTS.list_paths({'include_archived': True}) == [main, archived]
    assert LISTED_ENVIRONMENTS.list_paths({}) == [main]
    assert ENVIRONMENT.list_paths({}) == [main, archived]


def test_field_set_by_action_is_compared_and_converged_through_the_action():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging', is_archived=False)])
    result = run_engine(api, ENVIRONMENT, dict(name='qa', archived=True))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/environments/1/archive', None)]
    assert result['diff'] == {'before': {'archived': False}, 'after': {'archived': True}}
    assert result['environment']['is_archived'] is True
    again = run_engine(api, ENVIRONMENT, dict(name='qa', archived=True))
    assert not again['changed'] and len(api.writes) == 1
    back = run_engine(api, ENVIRONMENT, dict(name='qa', archived=False, description='d'))
    assert back['changed']
    assert api.writes[1:] == [('PUT', '/environments/1', {'name': 'qa', 'type': 'staging', 'description': 'd'}),
                              ('POST', '/environments/1/unarchive', None)]
    assert back['diff']['after'] == {'description': 'd', 'archived': False}


def test_field_set_by_action_in_check_mode_writes_nothing():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging', is_archived=False)])
    result = run_engine(api, ENVIRONMENT, dict(name='qa', archived=True), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff']['after'] == {'archived': True}


def test_field_set_by_action_on_create_runs_after_the_post_and_is_never_in_the_body():
    api = EnvironmentAPI()
    result = run_engine(api, ENVIRONMENT, dict(name='qa', type='staging', archived=True))
    assert api.writes == [('POST', ENVIRONMENTS, {'name': 'qa', 'type': 'staging'}),
                          ('POST', '/environments/100/archive', None)]
    assert result['diff'] == {'before': {}, 'after': {'name': 'qa', 'type': 'staging', 'archived': True}}
    assert result['environment']['is_archived'] is True
    api = EnvironmentAPI()
    run_engine(api, ENVIRONMENT, dict(name='qa', type='staging', archived=False))
    assert [w[1] for w in api.writes] == [ENVIRONMENTS]


def test_required_on_create_fails_naming_the_option_before_any_write():
    api = EnvironmentAPI()
    result = run_engine(api, ENVIRONMENT, dict(name='qa'))
    assert result['_failed'] and 'type is required to create the environment' in result['msg']
    assert api.writes == []
    result = run_engine(api, ENVIRONMENT, dict(name='qa'), check_mode=True)
    assert result['_failed']


def test_required_on_create_does_not_apply_to_updates():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging')])
    result = run_engine(api, ENVIRONMENT, dict(name='qa', description='x'))
    assert result['changed'] and not result['_failed']


def test_run_info_lists_extra_paths_when_asked():
    api = EnvironmentAPI([dict(id=1, name='qa', type='staging', is_archived=True),
                          dict(id=2, name='prod', type='production')])

    def listed(**params):
        result = run_info(api, LISTED_ENVIRONMENTS, dict(dict(name=None, type=None), **params), ['name', 'type'])
        assert not result['_failed']
        return sorted(e['id'] for e in result['environments'])
    assert listed() == [2]
    assert listed(include_archived=True) == [1, 2]
    assert listed(type='staging', include_archived=True) == [1]


def test_run_info_names_a_missing_parent():
    api = MemoryAPI(scope={'project_id': None})
    result = run_info(api, LISTED_ENVIRONMENTS, dict(name=None, type=None), ['name', 'type'])
    assert result['_failed'] and result['msg'] == 'project is required to list environments'
    assert api.reads == []


def test_project_scope_without_project_leaves_the_id_unknown():
    api = DevopnessAPI(client=None)
    assert api.scope(ENVIRONMENT, {'project': None}) == {'project_id': None}
