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


def test_deploybot_guide_first_release_and_inventory(ansible, sandbox, tmp_path):
    files = guide_files('getting_started_deploybot.md', tmp_path)
    assert sorted(files) == ['example.deploybot.yml', 'first_release.yml']
    env = {'DEPLOYBOT_API_URL': sandbox.platform_url('deploybot'), 'DEPLOYBOT_API_TOKEN': 'sandbox-token'}

    check = ansible.run_playbook(files['first_release.yml'], check=True, diff=True, env=env)
    assert check.rc == 0, str(check)
    assert check.recap['localhost']['changed'] == 2, str(check)
    assert sandbox.requests(platform='deploybot', method='POST') == []

    first = ansible.run_playbook(files['first_release.yml'], env=env)
    assert first.rc == 0 and first.recap['localhost']['changed'] == 2, str(first)
    assert 'now 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2' in first.stdout, str(first)

    again = ansible.run_playbook(files['first_release.yml'], env=env)
    assert again.rc == 0 and again.recap['localhost']['changed'] == 0, str(again)

    graph = ansible.run_command(['ansible-inventory', '-i', files['example.deploybot.yml'], '--graph'], env=env)
    assert graph.rc == 0, str(graph)
    assert '@deploybot_repository_website:' in graph.stdout and '|--web.staging' in graph.stdout, str(graph)
    assert '@branch_develop:' in graph.stdout and 'app' not in graph.stdout.split(), str(graph)


def test_deployhq_guide_first_playbook_and_inventory(ansible, sandbox, tmp_path):
    files = guide_files('getting_started_deployhq.md', tmp_path)
    assert sorted(files) == ['first_deployhq.yml', 'shop.deployhq.yml']
    # The guide authenticates through the environment only.
    env = {'DEPLOYHQ_API_URL': sandbox.platform_url('deployhq'), 'DEPLOYHQ_USERNAME': 'sandbox@example.com',
           'DEPLOYHQ_API_KEY': 'sandbox-token'}

    check = ansible.run_playbook(files['first_deployhq.yml'], check=True, diff=True, env=env)
    assert check.rc == 0, str(check)
    assert [r for r in sandbox.requests(platform='deployhq') if r['method'] != 'GET'] == []

    first = ansible.run_playbook(files['first_deployhq.yml'], env=env)
    assert first.rc == 0, str(first)
    assert first.recap['localhost']['changed'] >= 5, str(first)
    assert '"msg": "completed"' in first.stdout, str(first)

    again = ansible.run_playbook(files['first_deployhq.yml'], env=env)
    assert again.rc == 0 and again.recap['localhost']['changed'] == 0, str(again)

    graph = ansible.run_command(['ansible-inventory', '-i', files['shop.deployhq.yml'], '--graph'], env=env)
    assert graph.rc == 0, str(graph)
    assert '@deployhq_project_shop:' in graph.stdout and '|--web-1' in graph.stdout, str(graph)
    assert '@protocol_ssh:' in graph.stdout, str(graph)


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
