# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's table of modules and plugins stays true: everything shipped is listed, nothing more."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def readme():
    with open(os.path.join(ROOT, 'README.md')) as handle:
        return handle.read()


def plugin_names(kind):
    folder = os.path.join(ROOT, 'plugins', kind)
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and not name.startswith('_'))


def table_names():
    section = readme().split('## Modules and plugins', 1)[1].split('\n## ', 1)[0]
    return set(re.findall(r'`(\w+)`', section))


def test_every_module_is_in_the_readme_table():
    missing = [name for name in plugin_names('modules') if name not in table_names()]
    assert missing == []


def test_the_table_lists_no_module_that_does_not_exist():
    listed = [name for name in table_names() if re.match(r'^(devopness|deployhq|deploybot|dployr)_', name)]
    roles = os.listdir(os.path.join(ROOT, 'roles'))
    assert sorted(set(listed) - set(plugin_names('modules')) - set(roles)) == []


def test_every_inventory_plugin_and_role_is_in_the_readme():
    text = readme()
    for name in plugin_names('inventory'):
        assert 'inventory `deployops.platforms.%s`' % name in text
    for role in os.listdir(os.path.join(ROOT, 'roles')):
        if os.path.isdir(os.path.join(ROOT, 'roles', role)):
            assert 'role `%s`' % role in text


def test_readme_names_the_two_setup_commands():
    text = readme()
    assert 'make demo' in text and 'make test' in text
