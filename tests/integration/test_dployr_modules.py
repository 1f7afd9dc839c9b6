# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dployr behaviour beyond the module playbooks (``test_module_playbooks.py`` runs those, and checks their
``-vvvv --diff`` output for secrets): the rate limit of Base is waited for, and a 429 is retried."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import time

DPLOYR_TOKEN = 'dpat_' + '5a' * 32


def dployr_vars(sandbox):
    return {'dployr_api_url': sandbox.platform_url('dployr'), 'dployr_api_token': DPLOYR_TOKEN}


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
