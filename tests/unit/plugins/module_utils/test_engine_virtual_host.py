# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the virtual host module needs: ``DevopnessAPI.resolve_ref`` resolving any resource
listed under the environment (an application, a virtual host) by name or id, and a reference
that is not found failing the task with a message instead of a traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    Field, ParentMissing, Resource, ResourceEngine)


class ListingAPI(DevopnessAPI):
    """DevopnessAPI with canned lists instead of HTTP."""

    LISTS = {
        '/environments/5/applications': [{'id': 3, 'name': 'shop'}, None, {'id': 4, 'name': 'blog'}],
        '/environments/5/virtual-hosts': [{'id': 8, 'name': 'www.example.com'}],
    }

    def __init__(self):
        super(ListingAPI, self).__init__(client=None)
        self.listed = []

    def list(self, path, params=None):
        self.listed.append(path)
        return list(self.LISTS[path])


def test_resolve_ref_finds_applications_and_virtual_hosts_by_name_or_id():
    api = ListingAPI()
    scope = {'environment_id': 5}
    assert api.resolve_ref('application', 'blog', scope) == 4
    assert api.resolve_ref('application', '3', scope) == 3
    assert api.resolve_ref('virtual-host', 'www.example.com', scope) == 8
    assert api.listed == ['/environments/5/applications', '/environments/5/virtual-hosts']


def test_resolve_ref_of_an_unknown_name_is_a_missing_reference():
    with pytest.raises(ParentMissing) as exc:
        ListingAPI().resolve_ref('application', 'nope', {'environment_id': 5})
    assert "application 'nope' was not found" in str(exc.value)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5), **params)
        self.check_mode = False
        self._diff = True

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        pass


class VhostAPI(ListingAPI):
    def scope(self, resource, params):
        return {'environment_id': 5}

    def list(self, path, params=None):
        if path == '/environments/5/things':
            return []
        return super(VhostAPI, self).list(path, params)

    def create(self, path, payload):
        raise AssertionError('nothing may be created')


def test_unknown_reference_fails_the_task_with_its_name():
    resource = Resource(name='virtual_host', scope='environment', list_path='/environments/{environment_id}/things',
                        item_path='/things/{id}',
                        fields=[Field('name'), Field('application', api='application_id', ref='application')])
    module = FakeModule(dict(name='www.example.com', application='nope'))
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, VhostAPI(), resource).run()
    assert exit_info.value.failed
    assert exit_info.value.result['msg'] == "application 'nope' was not found"
