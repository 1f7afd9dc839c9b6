# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the daemon module needs, on the real ``DAEMON`` declaration: a
required-but-nullable field (``working_directory`` is sent as ``null`` on create and kept ``null``
in update bodies), and lifecycle states decided from ``last_action`` for resources without a
status field."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON, last_action_not
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


class DaemonAPI(MemoryAPI):
    """Daemons of environment 5; an action endpoint becomes the daemon's ``last_action``."""

    def __init__(self, items=()):
        super(DaemonAPI, self).__init__()
        for item in items:
            self.add('/environments/5/daemons', **item)

    def post_action(self, path, body=None):
        daemon_path, action = path.rsplit('/', 1)
        self.find_path(daemon_path)[1]['last_action'] = {'type': action, 'status': 'completed'}
        return super(DaemonAPI, self).post_action(path, body)


#: what creating a daemon requires besides what a test sets
NEW = dict(name='w', command='run', process_count=1, run_as_user='devopness')
CURRENT = dict(id=3, name='w', command='run', process_count=1, run_as_user='devopness', working_directory=None,
               application={'id': 4, 'name': 'shop'})


def test_nullable_field_is_sent_as_null_on_create_then_the_daemon_is_deployed():
    api = DaemonAPI()
    result = run_engine(api, DAEMON, NEW)
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/environments/5/daemons', dict(NEW, working_directory=None)),
                          ('POST', '/daemons/100/deploy', None)]


def test_unset_field_without_nullable_is_not_sent():
    api = DaemonAPI()
    run_engine(api, DAEMON, NEW)
    assert 'working_directory' in api.writes[0][2]
    assert 'application_id' not in api.writes[0][2]


def test_nullable_required_on_update_field_is_kept_null_in_update_body():
    api = DaemonAPI([CURRENT])
    result = run_engine(api, DAEMON, dict(name='w', command='run2', deploy=False))
    assert result['changed']
    assert api.writes == [('PUT', '/daemons/3', {
        'name': 'w', 'command': 'run2', 'process_count': 1, 'run_as_user': 'devopness', 'working_directory': None,
        'application_id': 4})]


def test_nullable_value_set_by_user_is_sent():
    api = DaemonAPI()
    run_engine(api, DAEMON, dict(NEW, working_directory='/srv'))
    assert api.writes[0][2]['working_directory'] == '/srv'


@pytest.mark.parametrize('last_action, needed', [
    (None, True),
    ({'type': 'deploy', 'status': 'completed'}, False),
    ({'type': 'start', 'status': 'in-progress'}, False),
    ({'type': 'restart', 'status': 'completed'}, False),
    ({'type': 'start', 'status': 'failed'}, True),
    ({'type': 'stop', 'status': 'completed'}, True),
    ({'type': 'get_status', 'status': 'completed'}, True),
])
def test_started_needed_from_last_action(last_action, needed):
    assert last_action_not('start', 'restart', 'deploy')({'last_action': last_action}) is needed
    assert DAEMON.states['started'].needed({'last_action': last_action}) is needed


def test_lifecycle_states_act_only_when_last_action_says_so():
    api = DaemonAPI([dict(CURRENT, last_action={'type': 'deploy', 'status': 'completed'})])
    assert not run_engine(api, DAEMON, dict(name='w', state='started'))['changed']
    result = run_engine(api, DAEMON, dict(name='w', state='stopped'))
    assert result['changed'] and api.writes == [('POST', '/daemons/3/stop', None)]
    assert not run_engine(api, DAEMON, dict(name='w', state='stopped'))['changed']
    assert run_engine(api, DAEMON, dict(name='w', state='started'))['changed']
    assert api.writes[-1] == ('POST', '/daemons/3/start', None)
