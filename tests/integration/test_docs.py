# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module renders with ansible-doc, with examples and a documented return value."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py'))


def test_every_module_has_examples_and_return_docs(ansible):
    names = ['deployops.platforms.%s' % name for name in MODULES]
    result = ansible.run_command(['ansible-doc', '--json', '-t', 'module'] + names)
    assert result.rc == 0, result.stderr[-3000:]
    docs = json.loads(result.stdout)
    assert sorted(docs) == sorted(names)
    for name, doc in docs.items():
        assert doc['doc']['short_description'], name
        assert doc['doc']['options'], name
        assert doc['examples'] and doc['examples'].strip(), name
        assert doc['return'], name
        assert 'changed' not in doc['return'] or doc['return']['changed'].get('description'), name


def test_inventory_plugin_renders(ansible):
    result = ansible.run_command(['ansible-doc', '--json', '-t', 'inventory', 'deployops.platforms.devopness'])
    assert result.rc == 0, result.stderr[-3000:]
    doc = json.loads(result.stdout)['deployops.platforms.devopness']
    assert doc['examples'].strip()
    assert {'api_token', 'projects', 'environments', 'status', 'providers', 'filters', 'hostvars_prefix',
            'connect_with', 'max_workers', 'compose', 'keyed_groups', 'cache'} <= set(doc['doc']['options'])


def test_deploybot_inventory_plugin_renders(ansible):
    result = ansible.run_command(['ansible-doc', '--json', '-t', 'inventory', 'deployops.platforms.deploybot'])
    assert result.rc == 0, result.stderr[-3000:]
    doc = json.loads(result.stdout)['deployops.platforms.deploybot']
    assert doc['examples'].strip()
    assert {'account', 'api_url', 'api_token', 'repositories', 'environments', 'protocols', 'filters', 'hostname',
            'hostvars_prefix', 'compose', 'keyed_groups', 'cache'} <= set(doc['doc']['options'])


def test_deployhq_inventory_plugin_renders(ansible):
    result = ansible.run_command(['ansible-doc', '--json', '-t', 'inventory', 'deployops.platforms.deployhq'])
    assert result.rc == 0, result.stderr[-3000:]
    doc = json.loads(result.stdout)['deployops.platforms.deployhq']
    assert doc['examples'].strip()
    assert {'account', 'api_url', 'username', 'api_key', 'projects', 'protocols', 'environments', 'filters',
            'hostvars_prefix', 'max_workers', 'compose', 'keyed_groups', 'cache'} <= set(doc['doc']['options'])


def test_dployr_inventory_plugin_and_role_render(ansible):
    result = ansible.run_command(['ansible-doc', '--json', '-t', 'inventory', 'deployops.platforms.dployr'])
    assert result.rc == 0, result.stderr[-3000:]
    doc = json.loads(result.stdout)['deployops.platforms.dployr']
    assert doc['examples'].strip()
    assert {'api_token', 'api_url', 'clusters', 'roles', 'status', 'hostvars_prefix', 'compose', 'keyed_groups',
            'cache'} <= set(doc['doc']['options'])
    role = ansible.run_command(['ansible-doc', '--json', '-t', 'role', 'deployops.platforms.dployr_stack'])
    assert role.rc == 0, role.stderr[-3000:]
    assert 'dployr_stack_services' in json.loads(role.stdout)['deployops.platforms.dployr_stack']['entry_points']['main']['options']
