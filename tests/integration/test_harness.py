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
import requests

HERE = os.path.dirname(os.path.abspath(__file__))


def _load_harness():
    # conftest.py is not importable by name (every test directory has one); load it by path.
    spec = importlib.util.spec_from_file_location('integration_harness', os.path.join(HERE, 'conftest.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HARNESS = _load_harness()
parse_recap = HARNESS.parse_recap
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
def test_platform_urls_and_seed_name_the_platform(sandbox):
    listed = sandbox.http.get(sandbox.url + '/_sandbox/platforms', timeout=10).json()
    assert dict((p['name'], sandbox.url + p['prefix']) for p in listed) == dict(
        (name, sandbox.platform_url(name)) for name in HARNESS.PLATFORM_PREFIXES)
    assert sandbox.platform_url('deploybot') == sandbox.url + '/deploybot/api/v1'
    assert sandbox.seed(platform='devopness', projects=1, environments=1, servers=2)['servers'] == 2
    with pytest.raises(AssertionError, match='422'):
        sandbox.seed(platform='deploybot')  # not simulated yet
    with pytest.raises(AssertionError, match='422'):
        sandbox.seed(projects=1, hosts=3)  # unknown seed key


@needs_sandbox
def test_tls_sandbox_is_trusted_only_through_its_certificate(tls_sandbox):
    assert tls_sandbox.url.startswith('https://127.0.0.1:') and tls_sandbox.scheme == 'https'
    assert tls_sandbox.health()['status'] == 'ok'
    response = requests.get(tls_sandbox.devopness_url + '/users/me', verify=tls_sandbox.ca_file, timeout=10,
                            headers={'Authorization': 'Bearer ' + HARNESS.SANDBOX_TOKEN, 'Accept': 'application/json'})
    assert response.status_code == 200, response.text
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(tls_sandbox.url + '/_sandbox/health', timeout=10)
    assert [(r['method'], r['path']) for r in tls_sandbox.requests()] == [('GET', '/users/me')]


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
