# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The harness itself: the sandbox fixture, the request log, ansible-playbook from .venv,
PLAY RECAP parsing, and ansible-doc through the .collections link."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_harness():
    # conftest.py is not importable by name (every test directory has one); load it by path.
    spec = importlib.util.spec_from_file_location('integration_harness', os.path.join(HERE, 'conftest.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


parse_recap = _load_harness().parse_recap
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
HAVE_SANDBOX = os.path.exists(os.path.join(REPO_ROOT, 'sandbox', '__main__.py'))
needs_sandbox = pytest.mark.skipif(not HAVE_SANDBOX, reason='sandbox/__main__.py does not exist yet')

RECAP = """
PLAY [x] ***********************************************************************

PLAY RECAP *********************************************************************
localhost                  : ok=2    changed=1    unreachable=0    failed=0    skipped=3    rescued=0    ignored=0
web-1.example              : ok=0    changed=0    unreachable=1    failed=2    skipped=0    rescued=0    ignored=0

"""


def test_parse_recap_reads_every_host_and_counter():
    recap = parse_recap(RECAP)
    assert recap == {
        'localhost': {'ok': 2, 'changed': 1, 'unreachable': 0, 'failed': 0, 'skipped': 3, 'rescued': 0, 'ignored': 0},
        'web-1.example': {'ok': 0, 'changed': 0, 'unreachable': 1, 'failed': 2, 'skipped': 0, 'rescued': 0,
                          'ignored': 0},
    }
    assert parse_recap('no recap here') == {}


@needs_sandbox
def test_sandbox_is_reset_and_logs_requests(sandbox):
    assert sandbox.url.startswith('http://127.0.0.1:')
    assert sandbox.devopness_url == sandbox.url + '/devopness'
    assert sandbox.requests() == []  # reset before every test
    assert sandbox.health()['status'] == 'ok'
    assert sandbox.requests() == []  # the control API is not logged


@needs_sandbox
def test_playbook_sends_exactly_one_get(sandbox, ansible):
    result = ansible.run_playbook('playbooks/harness_smoke.yml')
    assert result.rc == 0, str(result)
    assert result.recap['localhost']['failed'] == 0, str(result)
    assert result.recap['localhost']['ok'] == 2, str(result)
    assert result.recap['localhost']['changed'] == 0, str(result)

    log = sandbox.requests()
    assert [(r['platform'], r['method'], r['path'], r['status']) for r in log] == [
        ('devopness', 'GET', '/users/me', 200)], log
    assert sandbox.requests(platform='devopness', method='post') == []

    sandbox.clear_requests()
    assert sandbox.requests() == []


@needs_sandbox
def test_failed_assertion_fails_the_run(ansible):
    # A wrong token must fail the uri task (401), and the recap must say so.
    result = ansible.run_playbook('playbooks/harness_smoke.yml', extra_vars={'devopness_api_token': 'wrong'})
    assert result.rc != 0, str(result)
    assert result.recap['localhost']['failed'] == 1, str(result)


@needs_sandbox
def test_ansible_doc_sees_the_working_tree(ansible):
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(REPO_ROOT, 'plugins', 'modules'))
                     if name.endswith('.py') and not name.startswith('_'))
    if not modules:
        pytest.skip('no modules in plugins/modules yet')
    result = ansible.run_command(['ansible-doc', '-l', 'deployops.platforms'])
    assert result.rc == 0, str(result)
    for name in modules:
        assert 'deployops.platforms.' + name in result.stdout, str(result)
