# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DeployHQ behaviour beyond the module playbooks (``test_module_playbooks.py`` runs those): a 503 with
Retry-After is retried, and an account without API access is named."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


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
