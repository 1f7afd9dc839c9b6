# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each ``playbooks/deployhq_<resource>.yml`` drives one DeployHQ module through real
``ansible-playbook`` against a freshly reset sandbox; the playbook asserts the behaviour itself
(check mode sends no write, re-run unchanged, diff, deletion, errors naming the option)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = sorted(
    name for name in os.listdir(os.path.join(HERE, 'playbooks'))
    if name.startswith('deployhq_') and name.endswith('.yml')
)


@pytest.mark.parametrize('playbook', PLAYBOOKS)
def test_module_playbook(playbook, sandbox, ansible):
    sandbox.reset()
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', playbook))
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert result.recap['localhost']['failed'] == 0


SECRETS = ('REPO-PASSWORD-4711', 'FTP-PASSWORD-4711', 'FTP-PASSWORD-4712', 'S3-SECRET-4711', 'VARIABLE-VALUE-4711',
           'VARIABLE-VALUE-4712', 'WRONG-KEY-4711')


def test_write_only_values_never_appear_under_vvvv(sandbox, ansible):
    sandbox.reset()
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', 'verbose', 'deployhq_secrets.yml'), diff=True,
                                  env={'ANSIBLE_VERBOSITY': '4'})
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert '<127.0.0.1>' in result.stdout or 'ESTABLISH LOCAL CONNECTION' in result.stdout  # really -vvvv
    output = result.stdout + result.stderr
    leaks = [line for line in output.splitlines() if any(secret in line for secret in SECRETS)]
    assert leaks == [], "\n".join(leaks[:3]) + output[-4000:]
    sent = [r['body'] for r in sandbox.requests(platform='deployhq') if r['method'] in ('POST', 'PUT')]
    assert any('FTP-PASSWORD-4712' in str(body) for body in sent)  # the secrets did reach the API
    assert any('VARIABLE-VALUE-4712' in str(body) for body in sent)


def test_503_with_retry_after_is_retried_and_api_access_restricted_is_named(sandbox, ansible, tmp_path):
    sandbox.reset()
    playbook = tmp_path / 'deployhq_retry.yml'
    playbook.write_text('''
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/deployops.platforms.deployhq:
      api_url: "{{ deployhq_api_url }}"
      username: "{{ deployhq_username }}"
      api_key: "{{ deployhq_api_key }}"
  tasks:
    - name: Create a project through two 503 answers
      deployops.platforms.deployhq_project:
        name: Retried
      register: created
    - name: Assert it was created once
      ansible.builtin.assert:
        that: [created is changed]
''')
    sandbox.faults(error_rate=1.0, statuses=[503], retry_after=1, max_faults=2, path_prefix='/deployhq/projects',
                   methods=['POST'])
    result = ansible.run_playbook(str(playbook))
    assert result.rc == 0, result.stdout[-4000:]
    posts = [r for r in sandbox.requests(platform='deployhq', method='POST') if r['path'] == '/projects']
    assert [r['status'] for r in posts] == [503, 503, 200]
    sandbox.faults(error_rate=0.0)
    sandbox.http.post(sandbox.url + '/_sandbox/deployhq/settings', json={'api_access_restricted': True}, timeout=10)
    restricted = ansible.run_playbook(str(playbook))
    assert restricted.rc != 0
    assert 'the DeployHQ plan of this account has no API access (api_access_restricted)' in restricted.stdout
