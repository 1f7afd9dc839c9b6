# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each ``playbooks/dployr_<resource>.yml`` drives dployr modules through real ``ansible-playbook`` against a
freshly reset sandbox (dployr Base at ``/dployr``); the playbook asserts the behaviour itself (check mode sends
no write, re-run unchanged, diff, errors naming the option), so a failed assertion fails the run. Secrets are
checked here against the whole ``-vvvv`` output."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
DPLOYR_TOKEN = 'dpat_' + '5a' * 32
PLAYBOOKS = sorted(
    name for name in os.listdir(os.path.join(HERE, 'playbooks'))
    if name.startswith('dployr_') and name.endswith('.yml')
)
#: values the playbooks use as secrets: none may appear in any output
SECRETS = ('s3cr3t-database-url', 'rotated-s3cr3t-value', 'hooks.slack.com/services/T000/B000/s3cr3t', DPLOYR_TOKEN)


def dployr_vars(sandbox):
    return {'dployr_api_url': sandbox.platform_url('dployr'), 'dployr_api_token': DPLOYR_TOKEN}


@pytest.mark.parametrize('playbook', PLAYBOOKS)
def test_module_playbook(playbook, sandbox, ansible):
    sandbox.reset()
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', playbook), extra_vars=dployr_vars(sandbox))
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert result.recap['localhost']['failed'] == 0


def test_secrets_never_in_verbose_output(sandbox, ansible):
    sandbox.reset()
    env = {'ANSIBLE_VERBOSITY': '4'}
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', 'dployr_service.yml'),
                                  extra_vars=dployr_vars(sandbox), env=env, diff=True)
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert 'dployr_service' in output
    for secret in SECRETS[:2]:
        assert secret not in output
