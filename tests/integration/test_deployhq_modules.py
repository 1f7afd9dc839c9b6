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
