# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features an application needs, on the real ``APPLICATION`` declaration:
``Field.required_with`` (the API requires ``credential_id`` in an update body whenever
``repository`` is in it) and a reference compared through a ``read`` path (the API returns
``credential`` as an object)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


class ApplicationAPI(MemoryAPI):
    """Applications of environment 5; credentials ``github-a`` (1) and ``github-b`` (2). The API
    takes ``credential_id`` and answers with a ``credential`` object."""

    def __init__(self, items=()):
        super(ApplicationAPI, self).__init__(refs={'credential': {'github-a': 1, 'github-b': 2}})
        for item in items:
            self.add('/environments/5/applications', **item)

    def update(self, path, payload, current):
        job = super(ApplicationAPI, self).update(path, payload, current)
        obj = self.find_path(path)[1]
        if 'credential_id' in obj:
            obj['credential'] = {'id': obj.pop('credential_id')}
        return job


CURRENT = dict(id=1, name='web', repository='acme/web', credential={'id': 1, 'name': 'github-a'},
               default_branch='main', programming_language='php', framework='laravel', engine_version='8.3')
#: what every application update body carries (``required_on_update``), taken from CURRENT
REQUIRED = {'name': 'web', 'default_branch': 'main', 'programming_language': 'php', 'framework': 'laravel',
            'engine_version': '8.3'}


def test_changing_repository_sends_the_current_credential_too():
    api = ApplicationAPI([CURRENT])
    result = run_engine(api, APPLICATION, dict(name='web', repository='acme/web2'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('PUT', '/applications/1', dict(REQUIRED, repository='acme/web2', credential_id=1))]


def test_an_update_without_repository_leaves_credential_out():
    api = ApplicationAPI([CURRENT])
    result = run_engine(api, APPLICATION, dict(name='web', default_branch='develop'))
    assert result['changed']
    assert api.writes == [('PUT', '/applications/1', dict(REQUIRED, default_branch='develop'))]


def test_credential_is_compared_through_its_read_path_and_diffed_as_ids():
    api = ApplicationAPI([CURRENT])
    assert not run_engine(api, APPLICATION, dict(name='web', credential='github-a'))['changed']
    assert api.writes == []
    result = run_engine(api, APPLICATION, dict(name='web', credential='github-b'))
    assert result['changed']
    assert result['diff'] == {'before': {'credential': 1}, 'after': {'credential': 2}}
    assert api.writes == [('PUT', '/applications/1', dict(REQUIRED, credential_id=2))]
    assert not run_engine(api, APPLICATION, dict(name='web', credential='github-b'))['changed']


def test_create_names_every_missing_required_option_before_any_write():
    api = ApplicationAPI()
    result = run_engine(api, APPLICATION, dict(name='web', repository='acme/web'))
    assert result['_failed']
    assert ('credential and default_branch and programming_language and framework and engine_version '
            'are required to create the application') in result['msg']
    assert api.writes == []
