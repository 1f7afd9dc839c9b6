# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/runtime.yml: one action group per platform listing exactly that platform's modules."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLATFORMS = ('devopness', 'deployhq', 'deploybot', 'dployr')


def modules_on_disk():
    names = os.listdir(os.path.join(ROOT, 'plugins', 'modules'))
    return sorted(name[:-3] for name in names if name.endswith('.py') and not name.startswith('_'))


def test_every_platform_has_an_action_group():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    assert set(runtime['action_groups']) == set(PLATFORMS)


def test_action_groups_match_plugins_modules():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        groups = yaml.safe_load(handle)['action_groups']
    for platform in PLATFORMS:
        expected = [name for name in modules_on_disk() if name.startswith(platform + '_')]
        assert sorted(groups[platform] or []) == expected, platform


def test_every_module_belongs_to_a_platform():
    assert all(name.split('_', 1)[0] in PLATFORMS for name in modules_on_disk())
