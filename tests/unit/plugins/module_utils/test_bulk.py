# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``bulk.BulkEngine`` on the real ``DAEMON`` declaration: one list of the kind per task, an item read again only
when the list lacks what it compares, each item converged as a task of its own (links, deploy) in a parent
resolved once, and a missing parent harmless when every item is to be absent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.deployops.platforms.plugins.module_utils.bulk import BulkEngine
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON, SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, _run, deployed

LIST = '/environments/5/daemons'


def run_bulk(api, items, check_mode=False, **params):
    def converge(module, platform_api, warnings):
        engine = BulkEngine(module, platform_api, DAEMON, 'daemons', prune=params.get('prune', False))
        engine.warnings = warnings
        return engine.converge()
    return _run(api, dict(daemons=items, deploy=True, **params), converge, check_mode)


def listed(name, **extra):
    return deployed(name=name, command='run', process_count=1, run_as_user='devopness', **extra)


class RelationsAPI(MemoryAPI):
    """Lists its daemons without their servers, as Devopness lists ``DaemonRelation`` objects."""

    def list(self, path, params=None):
        return [dict((k, v) for k, v in item.items() if k != 'servers') for item in super(RelationsAPI, self).list(path, params)]


def test_an_item_is_read_again_only_when_the_list_lacks_what_it_compares():
    api = RelationsAPI(refs={'server': {'web-1': 7}})
    one = api.add(LIST, **listed('one', servers=[{'id': 7, 'hostname': 'web-1'}]))
    api.add(LIST, **listed('two', servers=[]))
    result = run_bulk(api, [dict(name='one', command='run'), dict(name='two', process_count=1)])
    assert not result['changed'] and not result['_failed']
    assert api.read_paths() == [LIST], 'the list holds every value the items compare: nothing read again'
    api.reads = []
    result = run_bulk(api, [dict(name='one', command='run', servers=['web-1']), dict(name='two')])
    assert not result['changed'] and not result['_failed']
    assert api.read_paths() == [LIST, '/daemons/%s' % one['id']], 'only the item naming servers is read'


def test_each_item_is_linked_and_deployed_as_a_task_of_its_own_in_one_scope():
    api = RelationsAPI(refs={'server': {'web-1': 7}})
    api.add(LIST, **listed('one', servers=[]))
    result = run_bulk(api, [dict(name='one', command='run v2', servers=['web-1']),
                            dict(name='two', command='run', process_count=1, run_as_user='devopness', servers=['web-1'])])
    assert result['updated'] == ['one'] and result['created'] == ['two']
    writes = [(method, path) for method, path, dummy in api.writes]
    assert writes == [
        ('PUT', '/daemons/100'), ('POST', '/resource-links/daemon/100/server/7/link'), ('POST', '/daemons/100/deploy'),
        ('POST', LIST), ('POST', '/resource-links/daemon/101/server/7/link'), ('POST', '/daemons/101/deploy'),
    ], 'each item: its write, its server linked, then its deploy'
    assert result['diff']['after']['one']['command'] == 'run v2'
    assert len(api.scoped) == 1, 'the parent is resolved once for the whole set'


class ActionsAPI(RelationsAPI):
    """Each deploy starts an action of its own; ``events`` holds the deploys and the waits in their order;
    the actions in ``failing`` end failed."""

    def __init__(self, failing=(), **kwargs):
        super(ActionsAPI, self).__init__(**kwargs)
        self.events = []
        self.failing = set(failing)

    def post_action(self, path, body=None):
        super(ActionsAPI, self).post_action(path, body)
        job = 900 + len(self.events)
        self.events.append(('deploy', path, job))
        return job

    def wait_action(self, job, timeout):
        self.events.append(('wait', job))
        if job in self.failing:
            raise EngineError('action %s failed' % job)
        return super(ActionsAPI, self).wait_action(job, timeout)


def test_every_deploy_is_started_before_the_task_waits_for_the_first():
    api = ActionsAPI()
    result = run_bulk(api, [dict(name=name, command='run', process_count=1, run_as_user='devopness')
                            for name in ('one', 'two', 'three')])
    assert result['created'] == ['one', 'two', 'three'] and not result['_failed']
    kinds = [event[0] for event in api.events]
    assert kinds == ['deploy'] * 3 + ['wait'] * 3, 'the platform runs the deploys side by side'
    assert [event[1] for event in api.events if event[0] == 'wait'] == [900, 901, 902]


def test_a_deploy_that_fails_is_named_and_the_others_are_still_waited_for():
    api = ActionsAPI(failing=[900])
    result = run_bulk(api, [dict(name=name, command='run', process_count=1, run_as_user='devopness')
                            for name in ('one', 'two')])
    assert result['_failed'] and result['changed']
    assert 'daemon one: the daemon exists but is not deployed: action 900 failed' in result['msg']
    assert 'daemon two' not in result['msg']
    assert 'before this failure the task created one, two; run the task again to finish' in result['msg']
    assert ('wait', 901) in api.events


def test_a_deploy_is_waited_for_at_once_when_a_state_follows_it():
    api = ActionsAPI()
    run_bulk(api, [dict(name=name, command='run', process_count=1, run_as_user='devopness', state='restarted')
                   for name in ('one', 'two')])
    order = [event[1] if event[0] == 'deploy' else 'wait' for event in api.events]
    assert order == ['/daemons/100/deploy', 'wait', '/daemons/100/restart', 'wait',
                     '/daemons/101/deploy', 'wait', '/daemons/101/restart', 'wait'], \
        'each restart waits for its deploy: a restart must not overtake it'


class ProvisioningAPI(MemoryAPI):
    """Servers of environment 5: creating one starts its provisioning (action 800 + its id), after whose end
    it is ``running``; ``events`` holds the creates and the waits in their order."""

    def __init__(self):
        super(ProvisioningAPI, self).__init__()
        self.events = []

    def create(self, path, payload):
        obj, dummy = super(ProvisioningAPI, self).create(path, dict(payload, status='provisioning'))
        self.events.append(('create', obj['hostname']))
        return obj, 800 + obj['id']

    def wait_action(self, job, timeout):
        self.events.append(('wait', job))
        self.find_path('/servers/%s' % (job - 800))[1]['status'] = 'running'
        return super(ProvisioningAPI, self).wait_action(job, timeout)


def test_every_server_is_created_before_the_task_waits_for_the_first_to_be_provisioned():
    api = ProvisioningAPI()
    result = _run(api, dict(servers=[dict(hostname='web-1'), dict(hostname='web-2')]), lambda module, platform_api,
                  warnings: BulkEngine(module, platform_api, SERVER, 'servers').converge())
    assert result['created'] == ['web-1', 'web-2'] and not result['_failed']
    assert [event[0] for event in api.events] == ['create', 'create', 'wait', 'wait']
    assert [server['status'] for server in result['servers']] == ['running', 'running'], \
        'each item returns its server as it is once provisioned'


def test_a_missing_parent_fails_unless_every_item_is_to_be_absent():
    api = MemoryAPI(parent_missing=True)
    gone = run_bulk(api, [dict(name='one', state='absent')])
    assert not gone['_failed'] and not gone['changed'] and api.writes == []
    missing = run_bulk(api, [dict(name='one', command='run')])
    assert missing['_failed'] and 'was not found' in missing['msg']


def test_a_name_the_list_holds_twice_fails_before_any_write():
    api = MemoryAPI()
    api.add(LIST, **listed('one'))
    api.add(LIST, **listed('one'))
    result = run_bulk(api, [dict(name='one', command='other')])
    assert result['_failed'] and 'more than one daemon' in result['msg'] and api.writes == []


class BarrierAPI(RelationsAPI):
    """Answers a GET of one daemon only once ``parties`` GETs wait at the same time (or fails after 5 s)."""

    def __init__(self, parties, **kwargs):
        super(BarrierAPI, self).__init__(**kwargs)
        self.barrier = threading.Barrier(parties, timeout=5)

    def get(self, path):
        if path.startswith('/daemons/'):
            self.barrier.wait()
        return super(BarrierAPI, self).get(path)


def test_the_items_the_list_lacks_values_of_are_read_at_the_same_time():
    api = BarrierAPI(3, refs={'server': {'web-1': 7}})
    names = ['one', 'two', 'three']
    for name in names:
        api.add(LIST, **listed(name, servers=[{'id': 7, 'hostname': 'web-1'}]))
    result = run_bulk(api, [dict(name=name, servers=['web-1']) for name in names])
    assert not result['_failed'], result.get('msg')
    assert not result['changed'] and sorted(api.read_paths()) == sorted([LIST] + ['/daemons/%s' % n for n in (100, 101, 102)])
