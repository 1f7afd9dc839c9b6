# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A deploy that failed, or never ran, is owed: a later run deploys the object although it changes
nothing else (no silent drift); and a task that fails after a write says so with ``changed: true``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    DAEMON, deployed_by_last_action)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.tests.unit.fakes import DEPLOYED, MemoryAPI, deployed, run_engine

DAEMONS = '/environments/5/daemons'
FIELDS = dict(id=3, name='w', command='run', process_count=1, run_as_user='devopness', working_directory=None)


class FailingDeploys(MemoryAPI):
    """Deploy requests fail the way a gateway does (the answer lost, the deploy not started)."""

    def post_action(self, path, body=None):
        if path.endswith('/deploy'):
            self.writes.append(('POST', path, body))
            raise ApiError('Bad Gateway', status=502, method='POST', path=path, maybe_committed=True)
        return super(FailingDeploys, self).post_action(path, body)


def failed_deploy(**obj):
    failed = dict(DEPLOYED)
    failed['last_action'] = dict(DEPLOYED['last_action'], status='failed')
    failed.update(obj)
    return failed


@pytest.mark.parametrize('current, owed', [
    (deployed(**FIELDS), False),
    (failed_deploy(**FIELDS), True),
    (dict(DEPLOYED, last_action=dict(DEPLOYED['last_action'], status='skipped'), **FIELDS), True),
    (dict(DEPLOYED, updated_at='2026-01-02T00:00:00.000000Z', **FIELDS), True),  # changed after the deploy
    (dict(FIELDS), True),  # never acted upon
    (dict(DEPLOYED, last_action=dict(type='stop', status='completed', created_at='2026-01-03T00:00:00.000000Z'),
          **FIELDS), False),  # stopped after it was deployed
])
def test_a_deploy_is_owed_from_the_last_action(current, owed):
    assert deployed_by_last_action(current) is owed


def test_a_failed_deploy_is_deployed_again_by_an_unchanged_run():
    api = MemoryAPI(action_id=81)
    api.add(DAEMONS, **failed_deploy(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/daemons/3/deploy', None)]
    assert result['diff'] == {'before': {'deployed': False}, 'after': {'deployed': True}}
    again = run_engine(api, DAEMON, dict(name='w', command='run'))
    assert not again['changed'] and len(api.writes) == 1


def test_an_owed_deploy_is_only_reported_in_check_mode():
    api = MemoryAPI(action_id=81)
    api.add(DAEMONS, **failed_deploy(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w'), check_mode=True)
    assert result['changed'] and api.writes == []


def test_deploy_false_leaves_an_owed_deploy_alone():
    api = MemoryAPI(action_id=81)
    api.add(DAEMONS, **failed_deploy(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', deploy=False))
    assert not result['changed'] and api.writes == []


def test_a_deployed_daemon_is_left_alone():
    api = MemoryAPI(action_id=81)
    api.add(DAEMONS, **deployed(**FIELDS))
    assert not run_engine(api, DAEMON, dict(name='w', command='run'))['changed'] and api.writes == []


def test_a_deploy_that_fails_after_an_update_reports_the_change_and_what_is_missing():
    api = FailingDeploys(action_id=81)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert result['_failed'] and result['changed']
    assert result['msg'].startswith('the daemon exists with the requested changes but is not deployed: POST /daemons/3/deploy')
    assert 'The next run of this task deploys it.' in result['msg']
    assert result['daemon']['command'] == 'run2'
    # the next run, with the deploy working again, deploys the change
    api.__class__ = MemoryAPI
    again = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert again['changed'] and api.writes[-1] == ('POST', '/daemons/3/deploy', None)


def test_a_deploy_that_fails_after_a_create_reports_the_change():
    api = FailingDeploys(action_id=81)
    result = run_engine(api, DAEMON, dict(name='w', command='run', process_count=1, run_as_user='devopness'))
    assert result['_failed'] and result['changed']
    assert result['msg'].startswith('the daemon exists but is not deployed')


class FailingWaits(MemoryAPI):
    def wait_action(self, job, timeout):
        raise EngineError('action %s (deploy) failed: npm exited with 1' % job, action={'id': job, 'status': 'failed'})


def test_a_failed_deploy_action_also_reports_the_change():
    api = FailingWaits(action_id=81)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert result['_failed'] and result['changed'] and 'npm exited with 1' in result['msg']
    assert result['action'] == {'id': 81, 'status': 'failed'}


class FailingStops(MemoryAPI):
    """Stop requests fail: answered 502 (perhaps carried out), or 409 with ``refused``."""

    refused = False

    def post_action(self, path, body=None):
        if path.endswith('/stop'):
            if self.refused:
                raise ApiError('busy', status=409, method='POST', path=path)
            raise ApiError('Bad Gateway', status=502, method='POST', path=path, maybe_committed=True)
        return super(FailingStops, self).post_action(path, body)


def test_any_failure_after_a_write_reports_changed_true():
    api = FailingStops(action_id=81)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2', state='stopped', deploy=False))
    assert result['_failed'] and result['changed']
    assert 'the daemon was changed before this failure' in result['msg']


def test_a_lost_answer_counts_as_a_write():
    api = FailingStops(action_id=81)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', state='stopped'))
    assert result['_failed'] and result['changed']


def test_a_failure_before_any_write_reports_no_change():
    api = FailingStops(action_id=81)
    api.refused = True
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', state='stopped'))
    assert result['_failed'] and not result.get('changed')
