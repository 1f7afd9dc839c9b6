# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the virtual host module needs: ``DevopnessAPI.resolve_ref`` resolving any resource
listed under the environment (an application, a virtual host) by name or id, and a reference
that is not found failing the task with a message instead of a traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI, server_links
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    Field, LinkSet, ParentMissing, Resource, ResourceEngine)


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


class LinksAPI(object):
    """A virtual host whose representation has no servers; its links are listed as resource links."""

    HOSTS = {'web-1': 11, 'web-2': 12}

    def __init__(self):
        self.vhost = {'id': 1, 'name': 'www.example.com'}
        self.links = [11]
        self.writes = []

    def scope(self, resource, params):
        return {'environment_id': 5}

    def resolve_ref(self, kind, value, scope):
        return self.HOSTS[value]

    def list(self, path, params=None):
        if path == '/environments/5/virtual-hosts':
            return [self.vhost]
        assert path == '/resource-links/virtual-host/1/child' and params == {'linked_resource_type': 'server'}
        names = dict((v, k) for k, v in self.HOSTS.items())
        return [{'resource_type': 'server', 'resource_id': sid, 'link_type': 'child',
                 'linked_resource_data': {'id': sid, 'name': names[sid]}} for sid in self.links] + [None]

    def get(self, path):
        return dict(self.vhost)

    def post_action(self, path, body=None):
        self.writes.append(('POST', path))
        if path.endswith('/link'):
            self.links.append(int(path.split('/')[5]))
        return None

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path))
        self.links.remove(int(path.split('/')[5]))
        return None


def run_links(api, params, check_mode=False):
    resource = Resource(name='virtual_host', scope='environment', list_path='/environments/{environment_id}/virtual-hosts',
                        item_path='/virtual-hosts/{id}', fields=[Field('name')],
                        links=[LinkSet(**server_links('virtual-host'))])
    module = FakeModule(params)
    module.check_mode = check_mode
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    return exit_info.value.result


def test_links_listed_through_resource_links_are_reconciled_and_returned():
    api = LinksAPI()
    result = run_links(api, dict(name='www.example.com', servers=['web-1']))
    assert not result['changed'] and api.writes == []
    assert result['virtual_host']['servers'] == [{'id': 11, 'hostname': 'web-1'}]
    result = run_links(api, dict(name='www.example.com', servers=['web-2']), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff'] == {'before': {'servers': ['web-1']}, 'after': {'servers': ['web-2']}}
    result = run_links(api, dict(name='www.example.com', servers=['web-2']))
    assert result['changed']
    assert api.writes == [('POST', '/resource-links/virtual-host/1/server/12/link'),
                          ('DELETE', '/resource-links/virtual-host/1/server/11/unlink')]
    assert result['virtual_host']['servers'] == [{'id': 12, 'hostname': 'web-2'}]


def test_links_read_from_the_object_are_not_listed():
    api = LinksAPI()
    api.vhost['servers'] = [{'id': 11, 'hostname': 'web-1'}]
    resource = Resource(name='virtual_host', scope='environment', list_path='/environments/{environment_id}/virtual-hosts',
                        item_path='/virtual-hosts/{id}', fields=[Field('name')],
                        links=[LinkSet('servers', ref='server', read='servers', label='hostname',
                                       link='/x/{id}/{other}/link', unlink='/x/{id}/{other}/unlink')])
    module = FakeModule(dict(name='www.example.com', servers=['web-1']))
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    assert not exit_info.value.result['changed'] and api.writes == []
