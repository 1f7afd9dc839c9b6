# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``run_info`` reads an object by ``id`` without resolving a parent the task leaves out, when the
object's path needs only the id; a parent the task gives is still resolved, and listing needs it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    EngineError, Resource, run_info)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params):
        self.params = dict(dict(id=None, environment=None, project=None, organization=None), **params)
        self.check_mode = False

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)


class FakeAPI(object):
    def __init__(self):
        self.scopes = []
        self.gets = []

    def scope(self, resource, params):
        self.scopes.append(params['environment'])
        if params['environment'] is None:
            raise EngineError('environment is required')
        return {'environment_id': 5, 'project_id': 2}

    def get(self, path):
        self.gets.append(path)
        return {'id': int(path.rsplit('/', 1)[1]), 'name': 'storefront'}

    def list(self, path, params=None):
        return [{'id': 34, 'name': 'storefront'}]


APPLICATIONS = Resource(
    name='application',
    scope='environment',
    list_path='/environments/{environment_id}/applications',
    item_path='/applications/{id}',
    key=['name'],
)

NESTED = Resource(
    name='hook',
    scope='environment',
    list_path='/environments/{environment_id}/hooks',
    item_path='/environments/{environment_id}/hooks/{id}',
    key=['name'],
)


def run(resource, **params):
    api = FakeAPI()
    with pytest.raises(Exit) as exc:
        run_info(FakeModule(params), api, resource)
    return exc.value, api


def test_by_id_without_environment_reads_the_object_directly():
    result, api = run(APPLICATIONS, id='34')
    assert not result.failed
    assert result.result['applications'] == [{'id': 34, 'name': 'storefront'}]
    assert api.scopes == []
    assert api.gets == ['/applications/34']


def test_by_id_with_environment_still_resolves_it():
    result, api = run(APPLICATIONS, id='34', environment='production', project='webshop')
    assert not result.failed
    assert api.scopes == ['production']
    assert api.gets == ['/applications/34']


def test_listing_needs_the_environment():
    result, api = run(APPLICATIONS)
    assert result.failed
    assert api.scopes == [None]


def test_by_id_at_a_path_that_needs_the_parent_resolves_it():
    result, api = run(NESTED, id='7')
    assert result.failed
    assert api.scopes == [None]
    assert api.gets == []
