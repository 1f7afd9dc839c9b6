# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The devopness_environment role and the example playbooks (playbooks/) against the sandbox."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import os

import pytest
import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SANDBOX_TOKEN = 'sandbox-token'
PLAYBOOKS = os.path.join(REPO_ROOT, 'playbooks')
BOOTSTRAP = os.path.join(PLAYBOOKS, 'bootstrap_environment.yml')
TEARDOWN = os.path.join(PLAYBOOKS, 'teardown_environment.yml')
DEPLOY = os.path.join(PLAYBOOKS, 'deploy_environment.yml')
ROTATE = os.path.join(PLAYBOOKS, 'rotate_variable.yml')

with open(os.path.join(PLAYBOOKS, 'vars', 'example_environment.yml')) as _handle:
    EXAMPLE = yaml.safe_load(_handle)['devopness_environment_definition']

SECRET = 'example-secret-change-me'  # the example's hidden variable value; must never be printed


def api_get(sandbox, path):
    response = requests.get(sandbox.devopness_url + path, timeout=10, headers={
        'Authorization': 'Bearer ' + SANDBOX_TOKEN, 'Accept': 'application/json'})
    response.raise_for_status()
    return response.json()


def project_names(sandbox):
    return [p['name'] for p in api_get(sandbox, '/projects?per_page=100')]


def writes(sandbox):
    return [r for r in sandbox.requests(platform='devopness') if r['method'] not in ('GET', 'HEAD')]


def environment_contents(sandbox):
    """{kind: sorted names} of the example environment, read through the API."""
    project = [p for p in api_get(sandbox, '/projects?per_page=100') if p['name'] == EXAMPLE['project']][0]
    env = [e for e in api_get(sandbox, '/projects/%s/environments?per_page=100' % project['id'])
           if e['name'] == EXAMPLE['name']][0]
    contents = {}
    for kind, key in (('servers', 'hostname'), ('applications', 'name'), ('daemons', 'name'),
                      ('virtual-hosts', 'name'), ('cron-jobs', 'name'), ('ssh-keys', 'name'),
                      ('network-rules', 'name'), ('services', 'type'), ('ssl-certificates', 'issuer')):
        contents[kind] = sorted(item[key] for item in api_get(sandbox, '/environments/%s/%s?per_page=100' % (env['id'], kind)))
    return env, contents


def test_bootstrap_converges_reruns_unchanged_deploys_rotates_and_tears_down(sandbox, ansible):
    first = ansible.run_playbook(BOOTSTRAP)
    assert first.rc == 0, str(first)
    assert first.recap['localhost']['failed'] == 0
    assert first.recap['localhost']['changed'] >= 10, str(first)
    assert SECRET not in first.stdout + first.stderr
    env, contents = environment_contents(sandbox)
    assert env['type'] == 'production'
    assert contents['servers'] == ['web-1', 'web-2']
    assert contents['applications'] == ['storefront']
    assert contents['daemons'] == ['queue-worker']
    assert contents['virtual-hosts'] == ['shop.example.com']
    assert contents['ssl-certificates'] == ['lets-encrypt']
    assert contents['cron-jobs'] == ['clear-sessions']
    assert contents['ssh-keys'] == ['deploy-bot']
    assert contents['network-rules'] == ['allow-https']
    assert contents['services'] == ['redis']

    sandbox.clear_requests()
    second = ansible.run_playbook(BOOTSTRAP)
    assert second.rc == 0, str(second)
    assert second.recap['localhost']['changed'] == 0, str(second)
    assert writes(sandbox) == []

    deploy = ansible.run_playbook(DEPLOY)
    assert deploy.rc == 0, str(deploy)
    assert '"msg": "storefront: completed"' in deploy.stdout, str(deploy)
    deployments = [r for r in sandbox.requests(platform='devopness', method='POST')
                   if r['path'].endswith('/deployments')]
    assert len(deployments) == 1

    new_hosts = {'rotate_key': 'DJANGO_ALLOWED_HOSTS', 'rotate_value': 'www.example.com'}
    rotate = ansible.run_playbook(ROTATE, extra_vars=new_hosts)
    assert rotate.rc == 0, str(rotate)
    assert rotate.recap['localhost']['changed'] == 2, str(rotate)  # the variable, the deployment
    unchanged = ansible.run_playbook(ROTATE, extra_vars=new_hosts)
    assert unchanged.rc == 0, str(unchanged)
    assert unchanged.recap['localhost']['changed'] == 0, str(unchanged)
    hidden = ansible.run_playbook(ROTATE, extra_vars={'rotate_key': 'DJANGO_SECRET_KEY', 'rotate_value': 'rotated-secret-value'})
    assert hidden.rc == 0, str(hidden)
    assert 'rotated-secret-value' not in hidden.stdout + hidden.stderr
    assert len([r for r in sandbox.requests(platform='devopness', method='POST')
                if r['path'].endswith('/deployments')]) == 3

    teardown = ansible.run_playbook(TEARDOWN)
    assert teardown.rc == 0, str(teardown)
    assert teardown.recap['localhost']['failed'] == 0
    assert EXAMPLE['project'] not in project_names(sandbox)
    credentials = api_get(sandbox, '/organizations/sandbox/credentials?per_page=100')
    assert 'github-acme' not in [c['name'] for c in credentials]

    again = ansible.run_playbook(TEARDOWN)
    assert again.rc == 0, str(again)
    assert again.recap['localhost']['changed'] == 0, str(again)


def test_check_mode_on_an_empty_sandbox_sends_no_write(sandbox, ansible):
    result = ansible.run_playbook(BOOTSTRAP, check=True, diff=True)
    assert result.rc == 0, str(result)
    assert result.recap['localhost']['failed'] == 0
    assert result.recap['localhost']['changed'] >= 10, str(result)
    assert writes(sandbox) == []
    assert SECRET not in result.stdout + result.stderr
    assert EXAMPLE['project'] not in project_names(sandbox)


def test_teardown_in_check_mode_on_an_empty_sandbox(sandbox, ansible):
    result = ansible.run_playbook(TEARDOWN, check=True)
    assert result.rc == 0, str(result)
    assert result.recap['localhost']['changed'] == 0, str(result)
    assert writes(sandbox) == []


def _without(definition, path):
    broken = copy.deepcopy(definition)
    *parents, last = path
    node = broken
    for key in parents:
        node = node[key]
    del node[last]
    return broken


def _with(definition, path, value):
    broken = copy.deepcopy(definition)
    *parents, last = path
    node = broken
    for key in parents:
        node = node[key]
    node[last] = value
    return broken


BAD_INPUT = {
    'server without hostname': (_without(EXAMPLE, ('servers', 0, 'hostname')), 'hostname'),
    'wrong environment type': (_with(EXAMPLE, ('type',), 'prod'), 'type'),
    'unknown key': (_with(EXAMPLE, ('virtual_hosts', 0, 'sll_certificate'), {'issuer': 'lets-encrypt'}),
                    'sll_certificate'),
    'wrong ssl issuer': (_with(EXAMPLE, ('virtual_hosts', 0, 'ssl_certificate'), {'issuer': 'letsencrypt'}),
                         'issuer'),
    'port not a number': (_with(EXAMPLE, ('network_rules', 0, 'port'), 'https'), 'port'),
    'variable without key': (_without(EXAMPLE, ('applications', 0, 'variables', 0, 'key')), 'key'),
    'no project': (_without(EXAMPLE, ('project',)), 'project'),
}


@pytest.mark.parametrize('case', sorted(BAD_INPUT))
def test_bad_role_input_fails_before_any_request(sandbox, ansible, case):
    definition, word = BAD_INPUT[case]
    result = ansible.run_playbook(BOOTSTRAP, extra_vars={'devopness_environment_definition': definition})
    assert result.rc != 0, str(result)
    assert 'Validating arguments against arg spec' in result.stdout, str(result)
    assert word in result.stdout, str(result)
    assert sandbox.requests(platform='devopness') == []


def test_rotate_playbook_needs_key_and_value(sandbox, ansible):
    result = ansible.run_playbook(ROTATE)
    assert result.rc != 0, str(result)
    assert 'set rotate_key and rotate_value' in result.stdout, str(result)
    assert sandbox.requests(platform='devopness') == []


def test_molecule_scenario(sandbox, ansible, tmp_path):
    """`molecule test` of the role's scenario (molecule/default) against this worker's sandbox."""
    if not os.path.exists(os.path.join(REPO_ROOT, '.venv', 'bin', 'molecule')):
        pytest.skip('molecule is not installed in .venv')
    result = ansible.run_command(['molecule', 'test', '-s', 'default'], timeout=600, env={
        'DEVOPNESS_API_URL': sandbox.devopness_url,
        'DEVOPNESS_API_TOKEN': SANDBOX_TOKEN,
        'SANDBOX_URL': sandbox.url,
        'MOLECULE_EPHEMERAL_DIRECTORY': str(tmp_path / 'molecule'),
    })
    assert result.rc == 0, str(result)
