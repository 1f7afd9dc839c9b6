# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Files stay small enough to read (issue 7): shared code and per-platform code under
``plugins/module_utils/`` at most 600 lines a file, the sandbox at most 900; a larger one is split
by concern (as engine.py / create_once.py, or a package per platform in the sandbox)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOUNDS = [('plugins/module_utils/*.py', 600), ('sandbox/**/*.py', 900)]


def line_count(path):
    with open(path) as handle:
        return sum(1 for dummy in handle)


@pytest.mark.parametrize('pattern,bound', BOUNDS)
def test_no_file_is_over_its_bound(pattern, bound):
    files = glob.glob(os.path.join(ROOT, pattern), recursive=True)
    assert files, 'nothing matches %s' % pattern
    over = sorted('%s: %d lines' % (os.path.relpath(path, ROOT), line_count(path))
                  for path in files if line_count(path) > bound)
    assert over == [], 'over %d lines: %s' % (bound, ', '.join(over))
