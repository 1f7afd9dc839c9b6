# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The files the getting-started guides tell you to save work as the guides say, against the sandbox.

A guide marks such a file with ``<!-- file: NAME ... -->`` right before its fenced block.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
MARKED_BLOCK = re.compile(r'^<!-- file: (?P<name>\S+)[^\n]*-->\n```\w*\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)


def guide_files(guide, tmp_path):
    with open(os.path.join(REPO_ROOT, 'docs', guide)) as handle:
        text = handle.read()
    files = {}
    for match in MARKED_BLOCK.finditer(text):
        path = tmp_path / match.group('name')
        path.write_text(match.group('body'))
        files[match.group('name')] = str(path)
    return files


def test_devopness_guide_first_playbook_and_inventory(ansible, sandbox, tmp_path):
    files = guide_files('getting_started_devopness.md', tmp_path)
    assert sorted(files) == ['first_playbook.yml', 'webshop.devopness.yml']
    # The guide authenticates through the environment only.
    env = {'DEVOPNESS_API_URL': sandbox.devopness_url, 'DEVOPNESS_API_TOKEN': ansible.default_vars['devopness_api_token']}

    check = ansible.run_playbook(files['first_playbook.yml'], check=True, diff=True, env=env)
    assert check.rc == 0, str(check)
    assert sandbox.requests(platform='devopness', method='POST') == []

    first = ansible.run_playbook(files['first_playbook.yml'], env=env)
    assert first.rc == 0, str(first)
    assert first.recap['localhost']['changed'] >= 3, str(first)
    assert re.search(r'"web-1",\s*"running"', first.stdout), str(first)  # the last task's message

    again = ansible.run_playbook(files['first_playbook.yml'], env=env)
    assert again.rc == 0 and again.recap['localhost']['changed'] == 0, str(again)

    graph = ansible.run_command(['ansible-inventory', '-i', files['webshop.devopness.yml'], '--graph'], env=env)
    assert graph.rc == 0, str(graph)
    assert '@devopness_project_webshop:' in graph.stdout and '|--web-1' in graph.stdout, str(graph)
    assert '@provider_' in graph.stdout, str(graph)


def test_dployr_guide_first_playbook_and_inventory(ansible, sandbox, tmp_path):
    files = guide_files('dployr.md', tmp_path)
    assert sorted(files) == ['clusters.dployr.yml', 'first_dployr.yml']
    env = {'DPLOYR_API_URL': sandbox.platform_url('dployr'), 'DPLOYR_TOKEN': 'dpat_' + '5a' * 32}

    check = ansible.run_playbook(files['first_dployr.yml'], check=True, diff=True, env=env)
    assert check.rc == 0, str(check)
    assert [r for r in sandbox.requests(platform='dployr') if r['method'] != 'GET'] == []

    first = ansible.run_playbook(files['first_dployr.yml'], env=env)
    assert first.rc == 0, str(first)
    assert 'hello success' in first.stdout, str(first)
    again = ansible.run_playbook(files['first_dployr.yml'], env=env)
    assert again.rc == 0 and again.recap['localhost']['changed'] == 0, str(again)

    graph = ansible.run_command(['ansible-inventory', '-i', files['clusters.dployr.yml'], '--graph'], env=env)
    assert graph.rc == 0, str(graph)
    assert '@dployr_cluster_sandbox:' in graph.stdout and '|--node-1' in graph.stdout
