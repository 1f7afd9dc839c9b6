# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the daemon module needs: a required-but-nullable field (``working_directory``
is sent as ``null`` on create and kept ``null`` in update bodies), and lifecycle states decided
from ``last_action`` for resources without a status field."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import last_action_not
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    Field, Resource, ResourceEngine, StateAction)


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

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        pass


class FakeDaemons(object):
    def __init__(self, items=None):
        self.items = dict((item['id'], dict(item)) for item in (items or []))
        self.writes = []

    def scope(self, resource, params):
        return {'environment_id': 5}

    def list(self, path, params=None):
        return list(self.items.values())

    def get(self, path):
        return dict(self.items.get(int(path.split('/')[2])) or {}) or None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        self.items[7] = dict(payload, id=7)
        return dict(self.items[7]), None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        self.items[current['id']].update(payload)
        return None

    def post_action(self, path, body=None):
        self.writes.append(('POST', path, body))
        self.items[int(path.split('/')[2])]['last_action'] = {'type': path.rsplit('/', 1)[1], 'status': 'completed'}
        return None


DAEMON = Resource(
    name='daemon',
    scope='environment',
    list_path='/environments/{environment_id}/daemons',
    item_path='/daemons/{id}',
    fields=[
        Field('name', required_on_update=True),
        Field('command', required_on_update=True),
        Field('working_directory', required_on_update=True, nullable=True),
        Field('other'),
    ],
    states={
        'started': StateAction('/daemons/{id}/start', needed=last_action_not('start', 'restart', 'deploy')),
        'stopped': StateAction('/daemons/{id}/stop', needed=last_action_not('stop')),
    },
)


def run(api, params, **kwargs):
    module = FakeModule(dict(dict(name='w', command=None, working_directory=None, other=None), **params), **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, DAEMON).run()
    return exit_info.value.result


def test_nullable_field_is_sent_as_null_on_create():
    api = FakeDaemons()
    result = run(api, dict(command='run'))
    assert result['changed']
    assert api.writes == [('POST', '/environments/5/daemons', {'name': 'w', 'command': 'run', 'working_directory': None})]


def test_unset_field_without_nullable_is_not_sent():
    api = FakeDaemons()
    run(api, dict(command='run'))
    assert 'other' not in api.writes[0][2]


def test_nullable_required_on_update_field_is_kept_null_in_update_body():
    api = FakeDaemons([dict(id=3, name='w', command='run', working_directory=None)])
    result = run(api, dict(command='run2'))
    assert result['changed']
    assert api.writes == [('PUT', '/daemons/3', {'name': 'w', 'command': 'run2', 'working_directory': None})]


def test_nullable_value_set_by_user_is_sent():
    api = FakeDaemons()
    run(api, dict(command='run', working_directory='/srv'))
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


def test_lifecycle_states_act_only_when_last_action_says_so():
    api = FakeDaemons([dict(id=3, name='w', command='run', working_directory=None,
                            last_action={'type': 'deploy', 'status': 'completed'})])
    assert not run(api, dict(state='started'))['changed']
    result = run(api, dict(state='stopped'))
    assert result['changed'] and api.writes == [('POST', '/daemons/3/stop', None)]
    assert not run(api, dict(state='stopped'))['changed']
    assert run(api, dict(state='started'))['changed']
    assert api.writes[-1] == ('POST', '/daemons/3/start', None)
