# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each benchmark of ``make bench`` (benchmarks/) at its tiny scale against this worker's sandbox, without
latency, so that they cannot rot. Times are not asserted (machines are noisy); what each benchmark relies on
is: the counts it reports, and that the runs it compares converge the same way."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from benchmarks import harness, suite  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture
def bench(sandbox, tmp_path):
    return harness.Ansible(harness.Sandbox(sandbox.url), tmp_dir=str(tmp_path), latency_ms=0)


def figures(results):
    return dict((f.name, f.value) for f in results)


def test_inventory_benchmark(bench):
    found = figures(suite.inventory(bench, 'tiny'))
    assert found['inventory_servers'] == 12
    assert found['inventory_requests'] == found['inventory_requests_minimum'] == 7
    assert found['inventory_requests_fetched_twice'] == 0
    assert found['inventory_cached_requests'] == 0
    assert found['inventory_hostvars_per_host'] > 10


def test_bootstrap_benchmark(bench):
    found = figures(suite.bootstrap(bench, 'tiny', quick=True))
    assert found['role_rerun_writes'] == 0
    assert found['role_rerun_requests_vs_distinct'] <= 1.2
    assert found['uri_rerun_requests'] < found['uri_first_requests']
    assert found['role_rerun_wall'] > 0 and found['uri_rerun_wall'] > 0
    assert found['role_rerun_cpu'] > 0 and found['uri_rerun_cpu'] > 0


def test_variables_benchmark(bench):
    found = figures(suite.variables(bench, 'tiny'))
    assert found['variables_rerun_bulk_requests'] == 1
    assert found['variables_rerun_loop_requests'] == found['variables_count']
    assert found['variables_rerun_uri_requests'] == 1


def test_overhead_benchmark(bench):
    found = figures(suite.overhead(bench, 'tiny'))
    assert found['task_project_requests'] == 1
    assert found['import_module_utils'] > 0
