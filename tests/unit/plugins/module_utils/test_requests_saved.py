# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reads an unchanged task does not make: parents given by id, credentials given by id, an
organization read once per task, the archived list only when the active one has no match."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import Response
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI, parent_in_path
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    DAEMON, ENVIRONMENT, PROJECT, VARIABLE)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.lookup import Lookup, Scope


class RecordingClient(object):
    """Answers GETs from ``pages`` (path -> body; missing: 404) and records every path asked for."""

    def __init__(self, pages):
        self.pages = pages
        self.asked = []

    def get(self, path, params=None, ok_statuses=None):
        self.asked.append(path)
        if path not in self.pages:
            return Response(404, {}, {'message': 'not found'}, path)
        return Response(200, {}, self.pages[path], path)


PROJECT_1 = {'id': 1, 'name': 'webshop', 'organization': {'id': 9, 'url_slug': 'acme'}}


def api(pages):
    return DevopnessAPI(RecordingClient(pages))


def test_an_environment_given_by_id_is_not_read_to_list_its_objects():
    platform = api({'/environments/5/daemons': [{'id': 3, 'name': 'worker'}]})
    scope = Scope(platform.scope(DAEMON, dict(environment='5', project='1', organization=None)))
    assert Lookup(platform, DAEMON, dict(name='worker'), scope).matching([('name', 'worker')]) == [
        {'id': 3, 'name': 'worker'}]
    assert platform.client.asked == ['/environments/5/daemons']


def test_the_organization_of_an_environment_given_by_id_is_read_only_when_a_name_needs_it():
    platform = api({'/projects/1': PROJECT_1, '/organizations/9/credentials': [{'id': 4, 'name': 'github'}]})
    scope = Scope(platform.scope(DAEMON, dict(environment='5', project='1', organization=None)))
    assert platform.resolve_ref('credential', '4', scope) == 4
    assert platform.client.asked == []
    assert platform.resolve_ref('credential', 'github', scope) == 4
    assert platform.resolve_ref('credential', 'github', scope) == 4
    assert platform.client.asked == ['/projects/1', '/organizations/9/credentials']


def test_a_credential_found_by_name_does_not_read_again_the_project_the_task_listed():
    platform = api({'/projects': [PROJECT_1], '/projects/1/environments': [{'id': 5, 'name': 'production'}],
                    '/organizations/9/credentials': [{'id': 4, 'name': 'github'}]})
    scope = Scope(platform.scope(DAEMON, dict(environment='production', project='webshop', organization=None)))
    assert platform.resolve_ref('credential', 'github', scope) == 4
    assert '/projects/1' not in platform.client.asked


def test_an_organization_given_by_id_is_not_read():
    platform = api({})
    assert platform.scope(PROJECT, dict(organization='9')) == {'organization_id': 9}
    assert platform.client.asked == []


def test_a_missing_parent_given_by_id_fails_naming_it():
    platform = api({})
    scope = Scope(platform.scope(DAEMON, dict(environment='77', project=None, organization=None)))
    with pytest.raises(ParentMissing, match='environment with id 77 was not found'):
        Lookup(platform, DAEMON, dict(name='worker'), scope).matching([('name', 'worker')])


@pytest.mark.parametrize('path, parent', [
    ('/environments/5/servers', 'environment with id 5'),
    ('/projects/12/environments/archived', 'project with id 12'),
    ('/variables/application/34', 'application with id 34'),
    ('/resource-links/virtual-host/3/child', 'virtual host with id 3'),
])
def test_parent_in_path(path, parent):
    assert parent_in_path(path) == parent


def test_archived_environments_are_listed_only_when_no_active_one_matches():
    active = {'id': 5, 'name': 'production'}
    platform = api({'/projects/1/environments': [active], '/projects/1/environments/archived': []})
    lookup = Lookup(platform, ENVIRONMENT, {}, Scope(project_id=1))
    assert lookup.matching([('name', 'production')], first_list=True) == [active]
    assert platform.client.asked == ['/projects/1/environments']
    assert lookup.matching([('name', 'staging')], first_list=True) == []
    assert platform.client.asked[1:] == ['/projects/1/environments', '/projects/1/environments/archived']


def test_variables_and_projects_are_whole_in_their_lists():
    assert VARIABLE.listed_full and PROJECT.listed_full
    assert not ENVIRONMENT.listed_full  # its list items lack is_archived
