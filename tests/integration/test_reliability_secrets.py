# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets kept, beyond the module playbooks (``test_module_playbooks.py`` checks each of those at
``-vvvv --diff``): each platform's example playbooks run with ``-vvvv --diff`` and no secret value they
used may appear in stdout or stderr; then the platform's demo inventory, which lists what the examples
built, is read with a JSON file cache: neither ``ansible-inventory --list -vvvv`` nor the cache files
may hold one either.

The credentials reach the examples and the inventory the way their comments tell users to pass them:
through the environment, and (for the variables the examples read) a vars file. The secret values
are ``reliability.SECRETS`` plus the random secrets the sandbox made, read back from it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml

from conftest import REPO_ROOT
from reliability import SECRETS, leaks, secret_values


@pytest.mark.parametrize('platform', sorted(SECRETS))
def test_no_secret_in_the_examples_output_the_inventory_or_its_cache(sandbox, ansible, tmp_path, platform):
    entry = SECRETS[platform]
    env = entry.credential_env(sandbox)
    variables = dict(entry.credential_vars(sandbox), **entry.example_vars)
    for example in entry.examples:
        run = ansible.run_playbook(os.path.join(REPO_ROOT, example), extra_vars=variables, env=env, diff=True,
                                   verbosity=4, timeout=600)
        assert run.rc == 0, run.stdout[-5000:] + run.stderr[-2000:]
        assert leaks(run.stdout + run.stderr, secret_values(sandbox, platform)) == [], \
            'secret values printed by %s' % example

    cache_dir = tmp_path / 'inventory-cache'
    source = tmp_path / os.path.basename(entry.inventory)
    with open(os.path.join(REPO_ROOT, entry.inventory)) as handle:
        config = yaml.safe_load(handle)
    config.update(cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(cache_dir))
    source.write_text(yaml.safe_dump(config))
    listed = ansible.run_command(['ansible-inventory', '-i', str(source), '--list', '-vvvv'], env=env)
    assert listed.rc == 0, listed.stdout[-3000:] + listed.stderr[-3000:]
    assert '"%s"' % entry.inventory_host in listed.stdout and '"_meta"' in listed.stdout, listed.stdout[-2000:]
    cached = [str(path) for path in cache_dir.rglob('*') if path.is_file()]
    assert cached, 'the inventory wrote no cache file'
    cache_text = ''
    for path in cached:
        with open(path, errors='replace') as handle:
            cache_text += handle.read()
    secrets = secret_values(sandbox, platform)
    assert leaks(listed.stdout + listed.stderr, secrets) == []
    assert leaks(cache_text, secrets) == []
