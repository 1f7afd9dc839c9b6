# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``lookup.Scope`` (path variables whose value may be worked out only when a path needs it) and
``lookup.Lookup.path`` (every value URL-escaped, a missing parent named)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION, PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.info import NEEDS
from ansible_collections.deployops.platforms.plugins.module_utils.lookup import Lookup, Scope, path_fields
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


class Counter(object):
    """A scope value worked out on demand (as the organization a project is created in)."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_callable_scope_value_is_called_only_when_read_and_only_once():
    organization = Counter(3)
    scope = Scope(organization_id=organization, project_id=8)
    copied = scope.copy()
    assert organization.calls == 0 and 'organization_id' in scope
    assert scope['project_id'] == 8 and organization.calls == 0
    assert scope['organization_id'] == 3 and scope.get('organization_id') == 3 and scope['organization_id'] == 3
    assert organization.calls == 1
    assert scope.get('missing', 'default') == 'default'
    assert isinstance(copied, Scope) and copied['organization_id'] == 3


def test_a_path_calls_only_the_scope_values_it_needs():
    organization = Counter(3)
    lookup = Lookup(MemoryAPI(), PROJECT, {}, Scope(organization_id=organization))
    assert lookup.path(PROJECT.list_path) == '/projects'
    assert lookup.path(PROJECT.item_path, 4) == '/projects/4'
    assert organization.calls == 0
    assert lookup.path(PROJECT.create_path) == '/organizations/3/projects'
    assert lookup.path(PROJECT.create_path) == '/organizations/3/projects'
    assert organization.calls == 1


def test_finding_a_project_never_works_out_its_organization_creating_it_does_once():
    organization = Counter(3)
    api = MemoryAPI(scope={'organization_id': organization})
    api.add('/projects', id=4, name='shop')
    assert not run_engine(api, PROJECT, dict(name='shop'))['changed']
    assert organization.calls == 0
    result = run_engine(api, PROJECT, dict(name='blog'))
    assert result['changed'] and api.writes == [('POST', '/organizations/3/projects', {'name': 'blog'})]
    assert organization.calls == 1


def test_path_values_are_url_escaped_so_they_cannot_change_the_path():
    lookup = Lookup(MemoryAPI(), APPLICATION, {}, Scope(environment_id='5/../../projects'))
    assert lookup.path(APPLICATION.item_path, '1/../2') == '/applications/1%2F..%2F2'
    assert lookup.path(APPLICATION.item_path, '1?x=2#y') == '/applications/1%3Fx%3D2%23y'
    assert lookup.path(APPLICATION.item_path, 'a b&c') == '/applications/a%20b%26c'
    assert lookup.path(APPLICATION.list_path) == '/environments/5%2F..%2F..%2Fprojects/applications'
    assert lookup.path('/x/{id}/{other}', 7, other='../y') == '/x/7/..%2Fy'


def test_a_path_without_its_parent_names_the_missing_option():
    lookup = Lookup(MemoryAPI(), APPLICATION, {}, Scope(environment_id=None))
    with pytest.raises(EngineError) as exc:
        lookup.path(APPLICATION.list_path)
    assert str(exc.value) == 'environment is required here: the application cannot be placed without it'
    assert lookup.path(APPLICATION.item_path, 34) == '/applications/34'
    listing = Lookup(MemoryAPI(), APPLICATION, {}, {}, needs=NEEDS)
    with pytest.raises(EngineError) as exc:
        listing.path('/projects/{project_id}/environments/{environment_id}/applications')
    assert str(exc.value).startswith('environment and project ') and str(exc.value).endswith(' required to list applications')


def test_path_fields_names_the_variables_of_a_template():
    assert path_fields('/hooks/{hook_type}/{id}') == set(['hook_type', 'id'])
    assert path_fields('/projects') == set()
