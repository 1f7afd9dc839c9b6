# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DeployBot behaviour beyond the module playbooks (``test_module_playbooks.py`` runs those, at ``-vvvv``, and
proves that no token travelled as ``?token=``): every module once with the token only in the header and lists
read 50 at a time, a lost trigger answer, the release playbook's check of its SHA."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = 'sandbox-token'


def deploybot_vars(sandbox):
    return {'deploybot_api_url': sandbox.platform_url('deploybot'), 'deploybot_api_token': TOKEN}


def test_the_token_travels_only_in_the_header_and_lists_are_read_50_at_a_time(sandbox, ansible, tmp_path):
    """Every module once, the log never cleared: not one request carries ``?token=`` (the sandbox
    accepts and logs it, see sandbox/tests/test_deploybot.py), and every list asks for 50."""
    sandbox.seed(platform='deploybot', repositories=60)
    tasks = [
        {'deployops.platforms.deploybot_user_info': {}},
        {'deployops.platforms.deploybot_repository_info': {}},
        {'deployops.platforms.deploybot_environment_info': {'repository': 'website'}},
        {'deployops.platforms.deploybot_server_info': {'repository': 'website', 'environment': 'staging'}},
        {'deployops.platforms.deploybot_deployment_info': {'repository': 'website'}},
        {'deployops.platforms.deploybot_deployment': {'repository': 'website', 'environment': 'staging',
                                                      'refresh_repository': True}},
        {'deployops.platforms.deploybot_deployment': {'repository': 'website', 'environment': 'staging',
                                                      'api_token': 'sandbox-readonly-token'},
         'ignore_errors': True},
    ]
    path = tmp_path / 'all.yml'
    path.write_text(yaml.safe_dump([dict(hosts='localhost', gather_facts=False, tasks=tasks, module_defaults={
        'group/deployops.platforms.deploybot': {'api_url': '{{ deploybot_api_url }}',
                                                'api_token': '{{ deploybot_api_token }}'}})]))
    result = ansible.run_playbook(str(path), extra_vars=deploybot_vars(sandbox))
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    log = sandbox.requests(platform='deploybot')
    assert {r['method'] for r in log} == {'GET', 'POST'} and len(log) > 10
    assert [r for r in log if 'token' in r['query']] == []
    lists = [r for r in log if r['method'] == 'GET' and r['path'].count('/') == 1]
    assert len(lists) >= 6 and all(r['query'].get('limit') == '50' for r in lists)
    assert any(r['query'].get('after') for r in lists if r['path'] == '/repositories')  # a second page


def test_a_lost_trigger_answer_is_found_not_sent_again(sandbox, ansible, tmp_path):
    """The POST is carried out but its answer is replaced by a 502: the task finds the deployment it started
    (one POST in the log), waits for it, and reports the change."""
    sandbox.faults(commit_then_fail_rate=1.0, methods=['POST'], path_prefix='/deploybot/api/v1/deployments',
                   max_faults=1)
    version = 'c' * 40
    tasks = [{'deployops.platforms.deploybot_deployment': {'repository': 'website', 'environment': 'production',
                                                           'deployed_version': version},
              'register': 'lost'},
             {'ansible.builtin.assert': {'that': ["lost is changed", "lost.deployment.state == 'success'",
                                                  "lost.environment.current_version == '%s'" % version]}}]
    path = tmp_path / 'lost.yml'
    path.write_text(yaml.safe_dump([dict(hosts='localhost', gather_facts=False, tasks=tasks, module_defaults={
        'group/deployops.platforms.deploybot': {'api_url': '{{ deploybot_api_url }}',
                                                'api_token': '{{ deploybot_api_token }}'}})]))
    result = ansible.run_playbook(str(path), extra_vars=deploybot_vars(sandbox))
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert [r['status'] for r in sandbox.requests(platform='deploybot', method='POST')] == [502]


def test_the_release_playbook_needs_a_sha_before_any_request(sandbox, ansible):
    env = {'DEPLOYBOT_API_URL': sandbox.platform_url('deploybot'), 'DEPLOYBOT_API_TOKEN': TOKEN}
    playbook = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'playbooks', 'deploybot_release.yml')
    result = ansible.run_playbook(playbook, extra_vars={'release_version': 'v1.2'}, env=env)
    assert result.rc != 0 and 'Set release_version to the commit SHA' in result.stdout
    assert sandbox.requests(platform='deploybot') == []
    result = ansible.run_playbook(playbook, extra_vars={'release_version': 'd' * 40}, env=env)
    assert result.rc == 0 and result.recap['localhost']['changed'] == 2, result.stdout[-3000:]
