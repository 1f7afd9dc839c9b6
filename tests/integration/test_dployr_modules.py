# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each ``playbooks/dployr_<resource>.yml`` drives dployr modules through real ``ansible-playbook`` against a
freshly reset sandbox (dployr Base at ``/dployr``); the playbook asserts the behaviour itself (check mode sends
no write, re-run unchanged, diff, errors naming the option), so a failed assertion fails the run. Secrets are
checked here against the whole ``-vvvv`` output."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DPLOYR_TOKEN = 'dpat_' + '5a' * 32
PLAYBOOKS = sorted(
    name for name in os.listdir(os.path.join(HERE, 'playbooks'))
    if name.startswith('dployr_') and name.endswith('.yml')
)
#: values the playbooks use as secrets: none may appear in any output
SECRETS = ('s3cr3t-database-url', 'rotated-s3cr3t-value', 'hooks.slack.com/services/T000/B000/s3cr3t', DPLOYR_TOKEN)


def dployr_vars(sandbox):
    return {'dployr_api_url': sandbox.platform_url('dployr'), 'dployr_api_token': DPLOYR_TOKEN}


@pytest.mark.parametrize('playbook', PLAYBOOKS)
def test_module_playbook(playbook, sandbox, ansible):
    sandbox.reset()
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', playbook), extra_vars=dployr_vars(sandbox))
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert result.recap['localhost']['failed'] == 0


@pytest.mark.parametrize('playbook', ['dployr_service.yml', 'dployr_notification.yml'])
def test_secrets_never_in_verbose_output(playbook, sandbox, ansible):
    sandbox.reset()
    # The token travels in the environment: ansible-playbook itself echoes its -e values at -vvvv.
    extra = dict(dployr_vars(sandbox), dployr_api_token="{{ lookup('ansible.builtin.env', 'DPLOYR_TOKEN') }}")
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', playbook), extra_vars=extra,
                                  env={'ANSIBLE_VERBOSITY': '4', 'DPLOYR_TOKEN': DPLOYR_TOKEN}, diff=True)
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert 'AnsiballZ_dployr_' in output  # the modules ran, verbosely
    for secret in SECRETS:
        assert secret not in output


def write_playbook(tmp_path, tasks):
    path = tmp_path / 'rate.yml'
    path.write_text(json.dumps([{
        'name': 'dployr under a rate limit', 'hosts': 'localhost', 'gather_facts': False,
        'module_defaults': {'group/deployops.platforms.dployr': {
            'api_url': '{{ dployr_api_url }}', 'api_token': '{{ dployr_api_token }}'}},
        'tasks': tasks}]))
    return str(path)


def test_remaining_zero_waits_for_the_next_window_instead_of_a_429(sandbox, ansible, tmp_path):
    sandbox.config(dployr_rate_limit=4, dployr_rate_window_seconds=2)
    time.sleep(2.1)  # a fresh window for the token
    sandbox.clear_requests()
    path = write_playbook(tmp_path, [{'name': 'Deploy a service (more requests than one window allows)',
                                      'deployops.platforms.dployr_service': {
                                          'name': 'limited', 'type': 'web', 'source': 'image', 'image': 'nginx:1'}}])
    result = ansible.run_playbook(path, extra_vars=dployr_vars(sandbox))
    assert result.rc == 0, result.stdout[-4000:]
    seen = sandbox.requests(platform='dployr')
    assert len(seen) > 4
    assert [r for r in seen if r['status'] == 429] == []


def test_a_429_is_retried_after_retry_after(sandbox, ansible, tmp_path):
    sandbox.config(dployr_rate_limit=2, dployr_rate_window_seconds=20)
    use_up = {'name': 'Use the window up, from outside the module', 'ansible.builtin.uri': {
        'url': '{{ dployr_api_url }}/v1/clusters', 'headers': {'Authorization': 'Bearer {{ dployr_api_token }}'},
        'status_code': [200, 429]}, 'loop': [1, 2, 3]}
    path = write_playbook(tmp_path, [use_up,
                                     {'name': 'List the clusters', 'deployops.platforms.dployr_cluster_info': {},
                                      'register': 'clusters'},
                                     {'name': 'Assert', 'ansible.builtin.assert': {
                                         'that': ["clusters.clusters | map(attribute='name') | list == ['sandbox']"]}}])
    sandbox.clear_requests()
    result = ansible.run_playbook(path, extra_vars=dployr_vars(sandbox))
    assert result.rc == 0, result.stdout[-4000:]
    statuses = [r['status'] for r in sandbox.requests(platform='dployr')]
    assert statuses[2:4] == [429, 429] and statuses[-1] == 200, statuses  # the module first refused, then retried
