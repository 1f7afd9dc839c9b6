# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo` (tools/demo.sh): bootstrap twice against its own sandbox, then the inventory; the same for
the example DeployHQ project and the DeployBot release."""

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
                 'DEPLOYBOT_API_URL', 'DEPLOYBOT_API_TOKEN', 'DEPLOYBOT_ACCOUNT',
                 'DEPLOYHQ_API_URL', 'DEPLOYHQ_ACCOUNT', 'DEPLOYHQ_USERNAME', 'DEPLOYHQ_API_KEY', 'DEMO_DEPLOYHQ_PLAYBOOK',
                 'DPLOYR_API_URL', 'DPLOYR_TOKEN', 'DPLOYR_CLUSTER', 'DEMO_DPLOYR_PLAYBOOK'):
        env.pop(name, None)
    env['ANSIBLE_LOCAL_TEMP'] = str(tmp_path)
    env['ANSIBLE_NOCOLOR'] = '1'
    proc = subprocess.run([os.path.join(REPO_ROOT, 'tools', 'demo.sh')], cwd=REPO_ROOT, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=1200, check=False, universal_newlines=True)
    out = proc.stdout
    assert proc.returncode == 0, out
    first, rest = out.split('demo: [2/4]', 1)
    second, inventory = rest.split('demo: [3/4]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=([1-9]\d*)\s+unreachable=0\s+failed=0', first), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', second), out
    inventory, deploybot = inventory.split('demo: [DeployBot 1/3]', 1)
    deploybot, deployhq = deploybot.split('demo: [DeployHQ 1/3]', 1)
    deployhq, dployr = deployhq.split('demo: [dployr 1/3]', 1)
    dployr_first, dployr_rest = dployr.split('demo: [dployr 2/3]', 1)
    dployr_second, dployr_graph = dployr_rest.split('demo: [dployr 3/3]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=([1-9]\d*)\s+unreachable=0\s+failed=0', dployr_first), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', dployr_second), out
    assert '@dployr_cluster_sandbox:' in dployr_graph and '|--node-1' in dployr_graph, out
    assert 'example-dployr-secret-change-me' not in out
    graph = inventory.split('demo: [4/4]', 1)[0]
    assert '@devopness_project_webshop:' in graph, out
    assert '|--web-1' in graph and '|--web-2' in graph, out
    deployhq_first, rest = deployhq.split('demo: [DeployHQ 2/3]', 1)
    deployhq_second, deployhq_graph = rest.split('demo: [DeployHQ 3/3]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=([1-9]\d*)\s+unreachable=0\s+failed=0', deployhq_first), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', deployhq_second), out
    assert '@deployhq_project_example_shop:' in deployhq_graph and '|--web-1' in deployhq_graph, out
    assert 'sandbox listening on' in out and 'stopping the sandbox' in out
    # the hidden variable of the example is never printed
    assert 'example-secret-change-me' not in out
    # DeployBot: the release deploys staging and production, the second run changes nothing
    release, rest = deploybot.split('demo: [DeployBot 2/3]', 1)
    again, servers = rest.split('demo: [DeployBot 3/3]', 1)
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=2\s+unreachable=0\s+failed=0', release), out
    assert re.search(r'localhost\s*:\s*ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', again), out
    assert '@deploybot_repository_website:' in servers and '@branch_main:' in servers, out
    assert '|--web.production' in servers, out
