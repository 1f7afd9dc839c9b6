# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the virtual host module needs, on the real ``VIRTUAL_HOST`` declaration:
``DevopnessAPI.resolve_ref`` resolving any resource listed under the environment (an application,
a virtual host) by name or id, a reference that is not found failing the task with a message
instead of a traceback, and server links listed through resource links."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import VIRTUAL_HOST
from ansible_collections.deployops.platforms.plugins.module_utils.errors import ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.links import LinkSet
from ansible_collections.deployops.platforms.tests.unit.fakes import deployed, MemoryAPI, run_engine


class ListingAPI(DevopnessAPI):
    """DevopnessAPI with canned lists instead of HTTP; it writes nothing."""

    LISTS = {
        '/environments/5/applications': [{'id': 3, 'name': 'shop'}, None, {'id': 4, 'name': 'blog'}],
        '/environments/5/virtual-hosts': [{'id': 8, 'name': 'www.example.com'}],
    }

    def __init__(self):
        super(ListingAPI, self).__init__(client=None)
        self.listed = []

    def scope(self, resource, params):
        return {'environment_id': 5}

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


def test_unknown_reference_fails_the_task_with_its_name():
    # ListingAPI has no client: any write would fail with a traceback, not with this message.
    api = ListingAPI()
    result = run_engine(api, VIRTUAL_HOST, dict(name='shop.example.com', type='name-based', application='nope'))
    assert result['_failed']
    assert result['msg'] == "application 'nope' was not found"
    assert api.listed == ['/environments/5/virtual-hosts', '/environments/5/applications']


class LinkAPI(MemoryAPI):
    """Virtual host 1, whose representation has no servers: its links are listed as resource links.
    Servers ``web-1`` (11, linked) and ``web-2`` (12)."""

    HOSTS = {'web-1': 11, 'web-2': 12}

    def __init__(self, **vhost):
        super(LinkAPI, self).__init__(refs={'server': self.HOSTS})
        self.add('/environments/5/virtual-hosts', **deployed(**dict(dict(id=1, name='www.example.com'), **vhost)))
        self.links = [11]

    def list(self, path, params=None):
        if path != '/resource-links/virtual-host/1/child':
            return super(LinkAPI, self).list(path, params)
        assert params == {'linked_resource_type': 'server'}
        self.reads.append(('GET', path, params))
        names = dict((v, k) for k, v in self.HOSTS.items())
        return [{'resource_type': 'server', 'resource_id': sid, 'link_type': 'child',
                 'linked_resource_data': {'id': sid, 'name': names[sid]}} for sid in self.links] + [None]

    def post_action(self, path, body=None):
        if path.endswith('/link'):
            self.links.append(int(path.split('/')[5]))
        return super(LinkAPI, self).post_action(path, body)

    def delete(self, path, params=None):
        if path.endswith('/unlink'):
            self.writes.append(('DELETE', path, params))
            self.links.remove(int(path.split('/')[5]))
            return None
        return super(LinkAPI, self).delete(path, params)


def test_links_listed_through_resource_links_are_reconciled_and_returned():
    api = LinkAPI()
    result = run_engine(api, VIRTUAL_HOST, dict(name='www.example.com', servers=['web-1']))
    assert not result['changed'] and api.writes == []
    assert result['virtual_host']['servers'] == [{'id': 11, 'hostname': 'web-1'}]
    result = run_engine(api, VIRTUAL_HOST, dict(name='www.example.com', servers=['web-2']), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff'] == {'before': {'servers': ['web-1']}, 'after': {'servers': ['web-2'], 'deployed': True}}
    result = run_engine(api, VIRTUAL_HOST, dict(name='www.example.com', servers=['web-2']))
    assert result['changed']
    assert api.writes == [('POST', '/resource-links/virtual-host/1/server/12/link', None),
                          ('DELETE', '/resource-links/virtual-host/1/server/11/unlink', None),
                          ('POST', '/virtual-hosts/1/deploy', None)]
    assert result['virtual_host']['servers'] == [{'id': 12, 'hostname': 'web-2'}]


def test_links_read_from_the_object_are_not_listed():
    api = LinkAPI(servers=[{'id': 11, 'hostname': 'web-1'}])
    read_from_object = VIRTUAL_HOST.variant(links=[LinkSet('servers', ref='server', read='servers', label='hostname',
                                                           link='/x/{id}/{other}/link', unlink='/x/{id}/{other}/unlink')])
    result = run_engine(api, read_from_object, dict(name='www.example.com', servers=['web-1']))
    assert not result['changed'] and api.writes == []
    assert '/resource-links/virtual-host/1/child' not in api.read_paths()
