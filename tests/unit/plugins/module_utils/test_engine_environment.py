# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the environment modules need: extra list paths (archived objects are
found, never duplicated), fields set through action endpoints (``archived``), options
required on create, ``*_info`` over extra lists, and a ``project`` scope found by id."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    Field, Resource, ResourceEngine, run_info)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False, diff=True):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        self.warnings.append(text)


class FakeEnvironments(object):
    """Environments of project 7: the main list leaves archived ones out, as Devopness does."""

    def __init__(self, items=None):
        self.items = dict((item['id'], dict(item)) for item in (items or []))
        self.writes = []
        self.next_id = 100

    def scope(self, resource, params):
        return {'project_id': 7}

    def list(self, path, params=None):
        if path == '/projects/7/environments':
            return [i for i in self.items.values() if not i.get('is_archived')] + [None]
        if path == '/projects/7/environments/archived':
            return [i for i in self.items.values() if i.get('is_archived')]
        raise AssertionError(path)

    def get(self, path):
        obj_id = int(path.rsplit('/', 1)[1])
        return dict(self.items[obj_id]) if obj_id in self.items else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        obj = dict(payload, id=self.next_id, is_archived=False)
        self.items[self.next_id] = obj
        self.next_id += 1
        return obj, None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        self.items[current['id']].update(payload)

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        del self.items[int(path.rsplit('/', 1)[1])]

    def post_action(self, path, body=None):
        self.writes.append(('POST', path, body))
        parts = path.split('/')
        self.items[int(parts[2])]['is_archived'] = parts[3] == 'archive'
        return None


ARCHIVED = '/projects/{project_id}/environments/archived'

ENVIRONMENT = Resource(
    name='environment',
    scope='project',
    list_path='/projects/{project_id}/environments',
    item_path='/environments/{id}',
    extra_list_paths=[ARCHIVED],
    fields=[
        Field('name', required_on_update=True),
        Field('type', required_on_update=True, required_on_create=True),
        Field('description'),
        Field('archived', read='is_archived', set_by={True: '/environments/{id}/archive',
                                                      False: '/environments/{id}/unarchive'}),
    ],
)


def run(api, params, resource=ENVIRONMENT, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_archived_object_is_found_through_extra_list_path_not_duplicated():
    api = FakeEnvironments([dict(id=1, name='qa', type='staging', is_archived=True)])
    result = run(api, dict(name='qa', type='staging'))
    assert not result['_failed'] and not result['changed']
    assert api.writes == []
    assert result['environment']['id'] == 1


def test_without_extra_list_path_the_archived_object_is_missed():
    plain = Resource(name='environment', scope='project', list_path='/projects/{project_id}/environments',
                     item_path='/environments/{id}', fields=[Field('name'), Field('type')])
    api = FakeEnvironments([dict(id=1, name='qa', type='staging', is_archived=True)])
    result = run(api, dict(name='qa', type='staging'), resource=plain)
    assert result['changed'] and api.writes[0][0] == 'POST'


def test_extra_list_paths_may_depend_on_params():
    resource = Resource(name='environment', list_path='/a', item_path='/e/{id}',
                        extra_list_paths=lambda params: ['/b'] if params.get('more') else [])
    assert resource.list_paths({'more': True}) == ['/a', '/b']
    assert resource.list_paths({}) == ['/a']


def test_field_set_by_action_is_compared_and_converged_through_the_action():
    api = FakeEnvironments([dict(id=1, name='qa', type='staging', is_archived=False)])
    result = run(api, dict(name='qa', archived=True))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/environments/1/archive', None)]
    assert result['diff'] == {'before': {'archived': False}, 'after': {'archived': True}}
    assert result['environment']['is_archived'] is True
    again = run(api, dict(name='qa', archived=True))
    assert not again['changed'] and len(api.writes) == 1
    back = run(api, dict(name='qa', archived=False, description='d'))
    assert back['changed']
    assert api.writes[1:] == [('PUT', '/environments/1', {'name': 'qa', 'type': 'staging', 'description': 'd'}),
                              ('POST', '/environments/1/unarchive', None)]
    assert back['diff']['after'] == {'description': 'd', 'archived': False}


def test_field_set_by_action_in_check_mode_writes_nothing():
    api = FakeEnvironments([dict(id=1, name='qa', type='staging', is_archived=False)])
    result = run(api, dict(name='qa', archived=True), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff']['after'] == {'archived': True}


def test_field_set_by_action_on_create_runs_after_the_post_and_is_never_in_the_body():
    api = FakeEnvironments()
    result = run(api, dict(name='qa', type='staging', archived=True))
    assert api.writes == [('POST', '/projects/7/environments', {'name': 'qa', 'type': 'staging'}),
                          ('POST', '/environments/100/archive', None)]
    assert result['diff'] == {'before': {}, 'after': {'name': 'qa', 'type': 'staging', 'archived': True}}
    assert result['environment']['is_archived'] is True
    api = FakeEnvironments()
    result = run(api, dict(name='qa', type='staging', archived=False))
    assert [w[1] for w in api.writes] == ['/projects/7/environments']


def test_required_on_create_fails_naming_the_option_before_any_write():
    api = FakeEnvironments()
    result = run(api, dict(name='qa'))
    assert result['_failed'] and 'type is required to create the environment' in result['msg']
    assert api.writes == []
    result = run(api, dict(name='qa'), check_mode=True)
    assert result['_failed']


def test_required_on_create_does_not_apply_to_updates():
    api = FakeEnvironments([dict(id=1, name='qa', type='staging')])
    result = run(api, dict(name='qa', description='x'))
    assert result['changed'] and not result['_failed']


def run_info_module(api, resource, params):
    module = FakeModule(params)
    with pytest.raises(Exit) as exit_info:
        run_info(module, api, resource, ['name', 'type'])
    return exit_info.value.result, exit_info.value.failed


def test_run_info_lists_extra_paths_when_asked():
    api = FakeEnvironments([dict(id=1, name='qa', type='staging', is_archived=True),
                            dict(id=2, name='prod', type='production')])
    resource = Resource(name='environment', scope='project', list_path='/projects/{project_id}/environments',
                        item_path='/environments/{id}',
                        extra_list_paths=lambda params: [ARCHIVED] if params.get('include_archived') else [])
    result, failed = run_info_module(api, resource, dict(name=None, type=None))
    assert [e['id'] for e in result['environments']] == [2]
    result, failed = run_info_module(api, resource, dict(name=None, type=None, include_archived=True))
    assert sorted(e['id'] for e in result['environments']) == [1, 2]
    result, failed = run_info_module(api, resource, dict(name=None, type='staging', include_archived=True))
    assert [e['id'] for e in result['environments']] == [1]


def test_run_info_names_a_missing_parent():
    class NoProject(FakeEnvironments):
        def scope(self, resource, params):
            return {'project_id': None}
    result, failed = run_info_module(NoProject(), ENVIRONMENT, dict(name=None, type=None))
    assert failed and result['msg'] == 'project is required to list environments'


def test_project_scope_without_project_leaves_the_id_unknown():
    api = DevopnessAPI(client=None)
    assert api.scope(ENVIRONMENT, {'project': None}) == {'project_id': None}
