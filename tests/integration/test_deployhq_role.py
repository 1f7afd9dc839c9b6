# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The deployhq_project role through the example playbook (playbooks/deployhq_project.yml) against the sandbox:
check mode on an empty account, a converge, a second run with no change, and the teardown."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
PLAYBOOK = os.path.join(REPO_ROOT, 'playbooks', 'deployhq_project.yml')
with open(os.path.join(REPO_ROOT, 'playbooks', 'vars', 'example_deployhq_project.yml')) as _handle:
    EXAMPLE = yaml.safe_load(_handle)['deployhq_project_definition']
SECRET = 'example-secret-change-me'


def api_get(sandbox, path):
    response = requests.get(sandbox.platform_url('deployhq') + path, timeout=10,
                            auth=('sandbox@example.com', 'sandbox-token'), headers={'Accept': 'application/json'})
    response.raise_for_status()
    return response.json()


def writes(sandbox):
    return [r for r in sandbox.requests(platform='deployhq') if r['method'] not in ('GET', 'HEAD')]


def contents(sandbox):
    project = [p for p in api_get(sandbox, '/projects') if p['name'] == EXAMPLE['name']][0]
    base = '/projects/%s' % project['permalink']
    return project, {
        'server_groups': sorted(g['name'] for g in api_get(sandbox, base + '/server_groups')),
        'servers': sorted(s['name'] for s in api_get(sandbox, base + '/servers')),
        'config_files': sorted(c['path'] for c in api_get(sandbox, base + '/config_files')),
        'environment_variables': sorted(v['name'] for v in api_get(sandbox, base + '/environment_variables')),
        'ssh_commands': sorted(c['description'] for c in api_get(sandbox, base + '/ssh_commands')),
        'build_commands': sorted(c['description'] for c in api_get(sandbox, base + '/build_commands')),
        'excluded_files': sorted(e['path'] for e in api_get(sandbox, base + '/excluded_files')),
        'integrations': sorted(i['name'] for i in api_get(sandbox, base + '/integrations')),
    }


def expected():
    keys = {'server_groups': 'name', 'servers': 'name', 'config_files': 'path', 'environment_variables': 'name',
            'ssh_commands': 'description', 'build_commands': 'description', 'excluded_files': 'path',
            'integrations': 'name'}
    return dict((kind, sorted(item[key] for item in EXAMPLE[kind])) for kind, key in keys.items())


def test_role_check_mode_converge_twice_and_teardown(sandbox, ansible):
    sandbox.reset()
    checked = ansible.run_playbook(PLAYBOOK, check=True, diff=True)
    assert checked.rc == 0, checked.stdout[-6000:] + checked.stderr[-3000:]
    assert checked.recap['localhost']['changed'] > 0
    assert writes(sandbox) == []  # check mode on an empty account sends no write
    assert api_get(sandbox, '/projects') == []

    first = ansible.run_playbook(PLAYBOOK, diff=True, env={'ANSIBLE_VERBOSITY': '2'})
    assert first.rc == 0, first.stdout[-6000:] + first.stderr[-3000:]
    assert SECRET not in first.stdout + first.stderr
    project, found = contents(sandbox)
    assert found == expected()
    assert project['repository']['url'] == EXAMPLE['repository']['url']
    web = [s for s in api_get(sandbox, '/projects/%s/servers' % project['permalink']) if s['name'] == 'web-1'][0]
    assert web['last_revision']  # the example deployed the latest commit to the web group

    sandbox.clear_requests()
    second = ansible.run_playbook(PLAYBOOK)
    assert second.rc == 0, second.stdout[-6000:] + second.stderr[-3000:]
    assert second.recap['localhost']['changed'] == 0, second.stdout[-6000:]
    assert writes(sandbox) == []

    teardown = ansible.run_playbook(PLAYBOOK, extra_vars={'deployhq_project_state': 'absent'})
    assert teardown.rc == 0, teardown.stdout[-6000:] + teardown.stderr[-3000:]
    assert api_get(sandbox, '/projects') == []


def test_bad_role_input_fails_before_any_request(sandbox, ansible):
    sandbox.reset()
    broken = dict(EXAMPLE, servers=[{'name': 'x', 'protocol_type': 'teleport'}])
    result = ansible.run_playbook(PLAYBOOK, extra_vars={'deployhq_project_definition': broken})
    assert result.rc != 0
    assert 'protocol_type' in result.stdout + result.stderr
    assert sandbox.requests(platform='deployhq') == []
