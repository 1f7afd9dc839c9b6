# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for tests/ecosystem: run the repository's tools the way `make` does."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
VENV_BIN = os.path.join(REPO_ROOT, '.venv', 'bin')


def tool_env():
    """The environment the Makefile gives every target: .venv first on PATH, the working tree as collection."""
    env = dict(os.environ)
    bin_dir = VENV_BIN if os.path.isdir(VENV_BIN) else os.path.dirname(sys.executable)
    env['PATH'] = bin_dir + os.pathsep + env.get('PATH', '')
    env['ANSIBLE_COLLECTIONS_PATH'] = os.path.join(REPO_ROOT, '.collections')
    env.setdefault('ANSIBLE_HOME', os.path.join(REPO_ROOT, '.ansible'))
    env.pop('ANSIBLE_COLLECTIONS_PATHS', None)
    return env


def _run_tool(args, timeout=600):
    """Run a command from the repo root; fail the test with its output when it fails."""
    proc = subprocess.run(args, cwd=REPO_ROOT, env=tool_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        pytest.fail('%s failed (%s):\n%s' % (' '.join(args), proc.returncode, proc.stdout[-6000:]), pytrace=False)
    return proc.stdout


@pytest.fixture(scope='session')
def run_tool():
    """``run_tool(args, timeout=600)``: run a tool as the Makefile would, return its output, fail on error."""
    return _run_tool
