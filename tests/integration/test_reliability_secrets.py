# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets kept: every integration playbook of a platform (and its example playbook) runs with
``-vvvv --diff``; no secret value it used may appear in stdout or stderr. Then the platform's
inventory is listed with a JSON file cache: neither ``ansible-inventory --list`` nor the cache files
may hold one either.

A platform joins by adding one entry to ``SECRETS``: its playbooks, the variables that carry its
credentials (passed in a vars file: a value given with ``-e`` on the command line is printed by
ansible-playbook itself at ``-vvvv``), every secret value its playbooks use, and its inventory source.
The sandbox's own random secrets (server activation tokens, hook secrets) are read back from it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import glob
import os

import pytest
import yaml

from conftest import REPO_ROOT, SANDBOX_TOKEN

Secrets = collections.namedtuple('Secrets', 'playbooks credential_vars values inventory inventory_env')


def _private_key(body):
    return body * 8  # the base64 body of the test playbooks' fake private keys (the PEM lines around it are public)


SECRETS = {
    'devopness': Secrets(
        playbooks=['tests/integration/playbooks/devopness_*.yml', 'playbooks/bootstrap_environment.yml'],
        credential_vars=lambda sandbox: {'devopness_api_url': sandbox.devopness_url,
                                         'devopness_api_token': SANDBOX_TOKEN},
        values=[SANDBOX_TOKEN,
                'hcloud-secret-token-0001', 'hcloud-secret-token-0002', 'do-secret-token-0003', 'aws-secret-0004',
                'aws-secret-key-do-not-leak', 's3cr3t-value-one', 's3cr3t-value-two', 'example-secret-change-me',
                _private_key('S0VZLU9ORS1zZWNyZXQ'), _private_key('S0VZLVRXTy1zZWNyZXQ')],
        inventory='playbooks/inventory/demo.devopness.yml',
        inventory_env=lambda sandbox: {'DEVOPNESS_API_URL': sandbox.devopness_url,
                                       'DEVOPNESS_API_TOKEN': SANDBOX_TOKEN}),
}


#: leaks this test found that are not fixed yet: (platform, playbook) -> what leaks (strict xfail, so
#: the fix turns the test red until the entry is removed)
KNOWN_LEAKS = {}


def playbooks():
    for platform, entry in sorted(SECRETS.items()):
        for pattern in entry.playbooks:
            for path in sorted(glob.glob(os.path.join(REPO_ROOT, pattern))):
                playbook = os.path.relpath(path, REPO_ROOT)
                leak = KNOWN_LEAKS.get((platform, playbook))
                marks = [pytest.mark.xfail(reason='known leak: %s' % leak, strict=True)] if leak else []
                yield pytest.param(platform, playbook, marks=marks)


def sandbox_secrets(sandbox, platform):
    """Random secrets the sandbox made (activation tokens, hook secrets): ``GET /_sandbox/state?secrets=true``."""
    found = set()

    def walk(value, key=None):
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, inner_key)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif key in ('activation_token', 'secret') and isinstance(value, str) and len(value) >= 8:
            found.add(value)

    walk(sandbox.state(platform, secrets=True))
    return found


def leaks(text, secrets):
    return sorted(secret for secret in secrets if secret and secret in text)


@pytest.mark.parametrize('platform,playbook', list(playbooks()))
def test_no_secret_in_verbose_diff_output(sandbox, ansible, tmp_path, platform, playbook):
    entry = SECRETS[platform]
    variables = dict(entry.credential_vars(sandbox), sandbox_url=sandbox.url)
    vars_file = tmp_path / 'credentials.yml'
    vars_file.write_text(yaml.safe_dump(variables))
    run = ansible.run_command(['ansible-playbook', os.path.join(REPO_ROOT, playbook), '-e', '@%s' % vars_file,
                               '-vvvv', '--diff'], timeout=600)
    assert run.rc == 0, run.stdout[-5000:] + run.stderr[-2000:]
    secrets = set(entry.values) | sandbox_secrets(sandbox, platform)
    assert leaks(run.stdout + run.stderr, secrets) == [], 'secret values printed by %s' % playbook


@pytest.mark.parametrize('platform', sorted(SECRETS))
def test_no_secret_in_the_inventory_or_its_cache(sandbox, ansible, tmp_path, platform):
    entry = SECRETS[platform]
    variables = dict(entry.credential_vars(sandbox), sandbox_url=sandbox.url)
    vars_file = tmp_path / 'credentials.yml'
    vars_file.write_text(yaml.safe_dump(variables))
    built = ansible.run_command(['ansible-playbook', os.path.join(REPO_ROOT, 'playbooks', 'bootstrap_environment.yml'),
                                 '-e', '@%s' % vars_file], timeout=600)
    assert built.rc == 0, built.stdout[-3000:]
    cache_dir = tmp_path / 'inventory-cache'
    source = tmp_path / os.path.basename(entry.inventory)
    config = yaml.safe_load(open(os.path.join(REPO_ROOT, entry.inventory)))
    config.update(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(cache_dir))
    source.write_text(yaml.safe_dump(config))
    env = entry.inventory_env(sandbox)
    listed = ansible.run_command(['ansible-inventory', '-i', str(source), '--list', '-vvvv'], env=env)
    assert listed.rc == 0, listed.stdout[-3000:] + listed.stderr[-3000:]
    assert '"web-1"' in listed.stdout and '"_meta"' in listed.stdout, listed.stdout[-2000:]
    cached = [str(path) for path in cache_dir.rglob('*') if path.is_file()]
    assert cached, 'the inventory wrote no cache file'
    cache_text = ''.join(open(path, errors='replace').read() for path in cached)
    secrets = set(entry.values) | sandbox_secrets(sandbox, platform)
    assert leaks(listed.stdout + listed.stderr, secrets) == []
    assert leaks(cache_text, secrets) == []
