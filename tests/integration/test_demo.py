# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo` (tools/demo.sh): bootstrap twice against its own sandbox, then the inventory."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))


def test_demo_runs_bootstrap_twice_and_shows_the_servers(tmp_path):
    env = dict(os.environ)
    for name in ('DEVOPNESS_API_URL', 'DEVOPNESS_API_TOKEN', 'SANDBOX_PORT', 'DEMO_PLAYBOOK', 'DEMO_INVENTORY',
                 'DPLOYR_API_URL', 'DPLOYR_TOKEN', 'DPLOYR_CLUSTER', 'DEMO_DPLOYR_PLAYBOOK'):
        env.pop(name, None)
    env['ANSIBLE_LOCAL_TEMP'] = str(tmp_path)
    env['ANSIBLE_NOCOLOR'] = '1'
    proc = subprocess.run([os.path.join(REPO_ROOT, 'tools', 'demo.sh')], cwd=REPO_ROOT, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=600, check=False, universal_newlines=True)
    out = proc.stdout
    assert proc.returncode == 0, out
    first, rest = out.split('demo: [2/4]', 1)
    second, inventory = rest.split('demo: [3/4]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=([1-9]\d*)\s+unreachable=0\s+failed=0', first), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', second), out
    inventory, dployr = inventory.split('demo: dployr [1/3]', 1)
    dployr_first, dployr_rest = dployr.split('demo: dployr [2/3]', 1)
    dployr_second, dployr_graph = dployr_rest.split('demo: dployr [3/3]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=([1-9]\d*)\s+unreachable=0\s+failed=0', dployr_first), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', dployr_second), out
    assert '@dployr_cluster_sandbox:' in dployr_graph and '|--node-1' in dployr_graph, out
    assert 'example-dployr-secret-change-me' not in out
    graph = inventory.split('demo: [4/4]', 1)[0]
    assert '@devopness_project_webshop:' in graph, out
    assert '|--web-1' in graph and '|--web-2' in graph, out
    assert 'sandbox listening on' in out and 'stopping the sandbox' in out
    # the hidden variable of the example is never printed
    assert 'example-secret-change-me' not in out
