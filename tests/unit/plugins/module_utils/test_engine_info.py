# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``_info`` queries (``InfoQuery``): an object read by ``id`` without resolving a parent the task
leaves out, when the object's path needs only the id; a parent the task gives is still resolved,
and listing needs it. ``returned_once`` keys never show in ``_info`` results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field, Resource
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_info


class EnvironmentAPI(MemoryAPI):
    """Application 34 (``storefront``) in environment 5; a task that names no environment cannot
    have one resolved."""

    def __init__(self):
        super(EnvironmentAPI, self).__init__(scope={'environment_id': 5, 'project_id': 2})
        self.add('/environments/5/applications', id=34, name='storefront')
        self.add('/environments/5/hooks', id=7, name='deploy')
        self.parents = []

    def scope(self, resource, params):
        self.parents.append(params.get('environment'))
        if params.get('environment') is None:
            raise EngineError('environment is required')
        return super(EnvironmentAPI, self).scope(resource, params)

    def item_path(self, collection, obj_id):
        if collection == '/environments/5/hooks':
            return '%s/%s' % (collection, obj_id)
        return super(EnvironmentAPI, self).item_path(collection, obj_id)


#: a resource whose own path needs its parent: reading it by id still resolves the parent
NESTED = Resource(
    name='hook',
    scope='environment',
    list_path='/environments/{environment_id}/hooks',
    item_path='/environments/{environment_id}/hooks/{id}',
    key=['name'],
)


def test_by_id_without_environment_reads_the_object_directly():
    api = EnvironmentAPI()
    result = run_info(api, APPLICATION, dict(id='34'))
    assert not result['_failed']
    assert result['applications'] == [{'id': 34, 'name': 'storefront'}]
    assert api.parents == []
    assert api.reads == [('GET', '/applications/34', None)]


def test_by_id_with_environment_still_resolves_it():
    api = EnvironmentAPI()
    result = run_info(api, APPLICATION, dict(id='34', environment='production', project='webshop'))
    assert not result['_failed']
    assert api.parents == ['production']
    assert api.reads == [('GET', '/applications/34', None)]


def test_listing_needs_the_environment():
    api = EnvironmentAPI()
    result = run_info(api, APPLICATION, dict(name=None))
    assert result['_failed'] and result['msg'] == 'environment is required'
    assert api.parents == [None] and api.reads == []


def test_listing_filters_by_the_options_given():
    api = EnvironmentAPI()
    api.add('/environments/5/applications', id=35, name='blog', repository='acme/blog')
    result = run_info(api, APPLICATION, dict(environment='production', name=None, repository='acme/blog'),
                      filters=['name', 'repository'])
    assert [a['id'] for a in result['applications']] == [35]
    result = run_info(api, APPLICATION, dict(environment='production', name=None))
    assert [a['id'] for a in result['applications']] == [34, 35]


def test_by_id_at_a_path_that_needs_the_parent_resolves_it():
    api = EnvironmentAPI()
    result = run_info(api, NESTED, dict(id='7'))
    assert result['_failed']
    assert api.parents == [None]
    assert api.reads == []
    result = run_info(api, NESTED, dict(id='7', environment='production'))
    assert result['hooks'] == [{'id': 7, 'name': 'deploy'}]
    assert api.reads == [('GET', '/environments/5/hooks/7', None)]


def test_an_id_of_the_wrong_form_fails_before_any_request():
    api = EnvironmentAPI()
    result = run_info(api, APPLICATION, dict(id='../environments/1'))
    assert result['_failed'] and result['msg'].startswith('id: must be a positive integer')
    assert result['errors'] == {'id': [result['msg'][len('id: '):]]}
    assert api.parents == [] and api.reads == []


TOKEN = Resource(
    name='token', scope='environment', list_path='/environments/{environment_id}/tokens', item_path='/tokens/{id}',
    returned_once=('secret',), fields=[Field('name')],
)


def test_returned_once_keys_are_hidden_from_info_results():
    api = EnvironmentAPI()
    api.add('/environments/5/tokens', id=3, name='ci', secret='only-at-creation')
    listed = run_info(api, TOKEN, dict(environment='production', name='ci'))
    assert listed['tokens'] == [{'id': 3, 'name': 'ci'}]
    read = run_info(api, TOKEN, dict(id='3'))
    assert read['tokens'] == [{'id': 3, 'name': 'ci'}]
    assert 'only-at-creation' not in repr(listed) + repr(read)
