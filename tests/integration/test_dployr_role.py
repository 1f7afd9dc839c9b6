# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dployr_stack role through the example playbook (playbooks/dployr_stack.yml) against the sandbox: it
converges, a second run changes nothing and sends no write, state absent removes everything, bad input
fails before any request, the secret is never printed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
PLAYBOOK = os.path.join(REPO_ROOT, 'playbooks', 'dployr_stack.yml')
DPLOYR_TOKEN = 'dpat_' + '5a' * 32
SECRET = 'example-dployr-secret-change-me'


def env_for(sandbox):
    return {'DPLOYR_API_URL': sandbox.platform_url('dployr'), 'DPLOYR_TOKEN': DPLOYR_TOKEN}


def api_get(sandbox, path, **params):
    response = requests.get(sandbox.platform_url('dployr') + path, params=params, timeout=10,
                            headers={'Authorization': 'Bearer ' + DPLOYR_TOKEN})
    response.raise_for_status()
    return response.json()['data']


def services(sandbox):
    cluster = api_get(sandbox, '/v1/clusters')['clusters'][0]['id']
    return sorted(s['name'] for s in api_get(sandbox, '/v1/services', clusterId=cluster)['items']), cluster


def writes(sandbox):
    return [r for r in sandbox.requests(platform='dployr') if r['method'] not in ('GET', 'HEAD')]


def test_the_role_converges_reruns_unchanged_and_removes(sandbox, ansible):
    first = ansible.run_playbook(PLAYBOOK, env=env_for(sandbox))
    assert first.rc == 0, str(first)
    assert first.recap['localhost']['changed'] == 2, str(first)  # the services loop and the domains loop
    names, cluster = services(sandbox)
    assert names == ['shop-api', 'shop-docs', 'shop-worker']
    assert [d['domain'] for d in api_get(sandbox, '/v1/domains', clusterId=cluster)['domains']] == ['api.shop.example.com']

    sandbox.clear_requests()
    second = ansible.run_playbook(PLAYBOOK, env=env_for(sandbox), diff=True)
    assert second.rc == 0, str(second)
    assert second.recap['localhost']['changed'] == 0, str(second)
    assert writes(sandbox) == []

    removed = ansible.run_playbook(PLAYBOOK, env=env_for(sandbox), extra_vars={'dployr_stack_state': 'absent'})
    assert removed.rc == 0, str(removed)
    assert services(sandbox)[0] == []
    for run in (first, second, removed):
        assert SECRET not in run.stdout + run.stderr


def test_a_bad_description_fails_before_any_request(sandbox, ansible):
    sandbox.clear_requests()
    result = ansible.run_playbook(PLAYBOOK, env=env_for(sandbox), extra_vars={
        'dployr_stack_services': [{'name': 'x', 'type': 'mainframe'}]})
    assert result.rc != 0
    assert 'mainframe' in result.stdout and 'type' in result.stdout
    assert sandbox.requests(platform='dployr') == []
