# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``bulk.BulkEngine`` with items that name their own parent (``Resource.bulk_parents``), on the real ``VARIABLE``
and ``PIPELINE`` declarations: one task converges the variables (or pipelines) of several applications, each
application resolved and listed once, the lists and the reads of the items sent at the same time, each item
created in its own application, ``prune`` confined to the applications the list names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.deployops.platforms.plugins.module_utils.bulk import BulkEngine
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import PIPELINE, VARIABLE
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, _run

APPLICATIONS = {'app-1': 7, 'app-2': 8, 'app-3': 9}


class ApplicationsAPI(MemoryAPI):
    """Variables of the applications of ``APPLICATIONS``, each listed at ``/variables/application/{id}``."""

    def scope(self, resource, params):
        self.scoped.append(params['resource'])
        return {'resource_type': params['resource_type'], 'resource_id': APPLICATIONS[params['resource']]}

    def item_path(self, collection, obj_id):
        return '/variables/%s' % obj_id


def variables_of(app):
    return '/variables/application/%s' % APPLICATIONS[app]


def variable(key, value, app=None):
    item = dict(target='os-env-var', key=key, value=value)
    if app:
        item['resource'] = app
    return item


def run_bulk(api, items, check_mode=False, **params):
    def converge(module, platform_api, warnings):
        engine = BulkEngine(module, platform_api, VARIABLE, 'variables', prune=params.get('prune', False))
        engine.warnings = warnings
        return engine.converge()
    task = dict(resource_type='application', resource=None, update_secrets='on_create', variables=items)
    task.update(params)
    return _run(api, task, converge, check_mode)


def seeded(**variables):
    """An API whose applications hold ``{app: [(key, value)]}``."""
    api = ApplicationsAPI()
    for app, pairs in variables.items():
        for key, value in pairs:
            api.add(variables_of(app), target='os-env-var', type='variable', hidden=False, key=key, value=value)
    return api


def test_each_application_named_by_the_items_is_resolved_and_listed_once():
    api = seeded(**{'app-1': [('A', '1'), ('B', '2')], 'app-2': [('A', '1')]})
    result = run_bulk(api, [variable('A', '1', 'app-1'), variable('A', '1', 'app-2'), variable('B', '2', 'app-1')])
    assert not result['_failed'] and not result['changed'] and api.writes == []
    assert sorted(api.scoped) == ['app-1', 'app-2'], 'each parent resolved once'
    assert sorted(api.read_paths()) == [variables_of('app-1'), variables_of('app-2')], 'each parent listed once'
    assert [obj['key'] for obj in result['variables']] == ['A', 'A', 'B'], 'the results keep the order of the items'


def test_an_item_is_written_in_its_own_application_and_named_after_it():
    api = seeded(**{'app-1': [('A', '1')], 'app-2': [('A', '1')]})
    result = run_bulk(api, [variable('A', '1', 'app-1'), variable('A', 'two', 'app-2'), variable('C', '3', 'app-2')])
    assert not result['_failed'], result
    assert [(method, path) for method, path, dummy in api.writes] == [
        ('PUT', '/variables/%s' % api.collections[variables_of('app-2')][0]['id']), ('POST', variables_of('app-2'))]
    assert result['updated'] == ['app-2/os-env-var/A'] and result['created'] == ['app-2/os-env-var/C']
    assert set(result['diff']['after']) == {'app-2/os-env-var/A', 'app-2/os-env-var/C'}


def test_an_item_without_a_resource_of_its_own_takes_the_tasks():
    api = seeded(**{'app-1': [('A', '1')], 'app-3': []})
    result = run_bulk(api, [variable('A', '1'), variable('Z', '9', 'app-3')], resource='app-1')
    assert not result['_failed'], result
    assert result['created'] == ['app-3/os-env-var/Z'], 'only the item naming its own resource is labelled with it'
    assert [path for dummy, path, dummy in api.writes] == [variables_of('app-3')]


def test_the_same_key_in_two_applications_is_two_variables_but_twice_in_one_fails():
    api = seeded()
    twice = run_bulk(api, [variable('A', '1', 'app-1'), variable('A', '2', 'app-1')])
    assert twice['_failed'] and 'app-1/os-env-var/A' in twice['msg'] and api.requests() == []
    apart = run_bulk(api, [variable('A', '1', 'app-1'), variable('A', '2', 'app-2')])
    assert not apart['_failed'] and apart['created'] == ['app-1/os-env-var/A', 'app-2/os-env-var/A']


def test_prune_deletes_only_in_the_applications_the_list_names():
    api = seeded(**{'app-1': [('A', '1'), ('OLD', 'x')], 'app-2': [('B', '2'), ('OLD', 'y')], 'app-3': [('OLD', 'z')]})
    result = run_bulk(api, [variable('A', '1', 'app-1'), variable('B', '2', 'app-2')], prune=True)
    assert not result['_failed'], result
    assert result['deleted'] == ['app-1/os-env-var/OLD', 'app-2/os-env-var/OLD']
    assert [obj['key'] for obj in api.collections[variables_of('app-3')]] == ['OLD'], 'an application not named is left alone'
    assert sorted(api.read_paths()) == [variables_of('app-1'), variables_of('app-2')]


def test_check_mode_writes_nothing_in_any_application():
    api = seeded(**{'app-1': [('A', '1')]})
    result = run_bulk(api, [variable('A', 'new', 'app-1'), variable('B', '2', 'app-2')], check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['updated'] == ['app-1/os-env-var/A'] and result['created'] == ['app-2/os-env-var/B']


def test_an_application_named_by_its_name_and_by_its_id_is_listed_once_and_its_keys_checked_once():
    api = seeded(**{'app-1': [('A', '1'), ('B', '2')]})
    APPLICATIONS['7'] = 7  # the id of app-1, as an item may give it
    try:
        same = run_bulk(api, [variable('A', '1', 'app-1'), variable('B', '2', '7')])
        assert not same['_failed'] and not same['changed'], same
        assert api.read_paths() == [variables_of('app-1')], 'one parent, one list'
        api.reads = []
        twice = run_bulk(api, [variable('A', '1', 'app-1'), variable('A', '3', '7')])
        assert twice['_failed'] and 'named more than once' in twice['msg'] and api.read_paths() == []
    finally:
        del APPLICATIONS['7']


class PipelinesAPI(ApplicationsAPI):
    """Pipelines of the applications of ``APPLICATIONS``, listed without their steps (as Devopness lists them);
    a list, and a GET of one pipeline, are answered only once two of them wait at the same time (or fail after 5 s)."""

    def __init__(self):
        super(PipelinesAPI, self).__init__()
        self.lists = threading.Barrier(2, timeout=5)
        self.gets = threading.Barrier(2, timeout=5)

    def item_path(self, collection, obj_id):
        return '/pipelines/%s' % obj_id

    def list(self, path, params=None):
        self.lists.wait()
        return [dict((k, v) for k, v in item.items() if k != 'steps') for item in super(PipelinesAPI, self).list(path, params)]

    def get(self, path):
        self.gets.wait()
        return super(PipelinesAPI, self).get(path)


def test_the_parents_are_listed_and_their_items_read_at_the_same_time():
    api = PipelinesAPI()
    step = dict(id=1, name='Run tests', command='make test --quiet', runner='custom', trigger_order=1000,
                is_default_step=False)
    for app in ('app-1', 'app-2'):
        api.add('/pipelines/application/%s' % APPLICATIONS[app], name='Deploy', operation='deploy', steps=[step])
    items = [dict(resource=app, operation='deploy', name='Deploy', steps=[dict(name='Run tests', command='make test --quiet')])
             for app in ('app-1', 'app-2')]

    def converge(module, platform_api, warnings):
        engine = BulkEngine(module, platform_api, PIPELINE, 'pipelines')
        engine.warnings = warnings
        return engine.converge()
    result = _run(api, dict(resource_type='application', resource=None, pipelines=items, recreate=False), converge)
    assert not result['_failed'], result.get('msg')
    assert not result['changed'] and len(api.read_paths()) == 4, 'each application listed, each pipeline read, at once'
