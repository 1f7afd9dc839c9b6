# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``deployhq``: the three error shapes become one message (with the hint), root keys follow the
path, managed-hosting siblings go next to the root object, the account names the host, and the
credential options are named on 401 and 403."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import (
    DeployHQAPI, account_url, parse_error, replaces_repository, root_key)
from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.tests.unit.fakes import run_engine


def test_error_with_code_and_hint():
    message, errors = parse_error(404, {'status': 404, 'error': 'Project not found', 'error_code': 'record_not_found',
                                        'hint': 'Check the permalink.'}, '')
    assert message == 'Project not found. Hint: Check the permalink.' and errors == {}


def test_api_access_restricted_says_the_plan_has_no_api_access():
    message, dummy = parse_error(403, {'status': 403, 'error': 'No API access.', 'error_code': 'api_access_restricted'},
                                 '')
    assert message.startswith('the DeployHQ plan of this account has no API access (api_access_restricted)')


def test_errors_list_and_field_hash():
    assert parse_error(422, {'errors': ['Name has already been taken', 'Value is blank']}, '') == (
        'Name has already been taken; Value is blank', {'base': ['Name has already been taken', 'Value is blank']})
    message, errors = parse_error(422, {'base': ['Could not access the server'], 'hostname': ["can't be blank"]}, '')
    assert message == "Could not access the server; hostname can't be blank"
    assert errors == {'base': ['Could not access the server'], 'hostname': ["can't be blank"]}


def test_other_bodies():
    assert '502 Bad Gateway' in parse_error(502, None, '<html><title>502 Bad Gateway</title></html>')[0]
    assert parse_error(404, None, '') == ('not found', {})
    assert parse_error(500, None, '') == ('HTTP 500', {})


@pytest.mark.parametrize('path, key', [
    ('/projects', 'project'), ('/projects/shop', 'project'), ('/projects/servers/servers', 'server'),
    ('/projects/shop/servers/abc', 'server'), ('/projects/shop/ssh_commands', 'command'),
    ('/projects/shop/repository', 'repository'), ('/global_environment_variables/12', 'environment_variable'),
    ('/ssh_keys', 'key_pair'), ('/projects/shop/deployments?page=2', 'deployment'),
])
def test_root_key_follows_the_collection(path, key):
    assert root_key(path) == key


def test_wrap_puts_managed_siblings_next_to_the_root_object():
    api = DeployHQAPI(client=None)
    assert api.wrap({'name': 'vps', 'protocol_type': 'managed_vps', 'region': 'lon1', 'size': 's'},
                    '/projects/p/servers') == {'server': {'name': 'vps', 'protocol_type': 'managed_vps'},
                                               'region': 'lon1', 'size': 's'}
    assert api.wrap({'name': 'cdn', 'protocol_type': 'rackspace', 'region': 'LON'}, '/projects/p/servers') == {
        'server': {'name': 'cdn', 'protocol_type': 'rackspace', 'region': 'LON'}}
    assert api.wrap({'start_revision': '', 'schedule': {'frequency': 'daily'}}, '/projects/p/deployments') == {
        'deployment': {'start_revision': ''}, 'schedule': {'frequency': 'daily'}}


@pytest.mark.parametrize('given', ['acme', 'acme.deployhq.com', 'https://acme.deployhq.com/', ' acme '])
def test_account_names_the_host(given):
    assert account_url(given) == 'https://acme.deployhq.com'


def test_account_or_api_url_is_required():
    with pytest.raises(EngineError, match='account or api_url is required'):
        DeployHQAPI.from_params({'username': 'a@example.com', 'api_key': 'k', 'account': None, 'api_url': None})


def test_credentials_named_on_401_and_403_never_their_values():
    text = DeployHQAPI.explain(ApiError('Access denied', status=401, method='GET', path='/projects'))
    assert 'username (or the DEPLOYHQ_USERNAME environment variable)' in text
    assert 'api_key (or the DEPLOYHQ_API_KEY environment variable)' in text


def test_repository_replaced_only_for_what_a_new_repository_takes():
    current = {'url': 'git@x:a.git', 'scm_type': 'git', 'branch': 'main', 'username': None, 'port': None}
    assert not replaces_repository({'url': 'git@x:a.git', 'branch': 'develop', 'password': 'p'}, current)
    assert replaces_repository({'url': 'git@x:b.git'}, current)
    assert replaces_repository({'url': 'git@x:a.git', 'scm_type': 'subversion'}, current)
    assert replaces_repository({'url': 'git@x:a.git'}, None)


class LosingClient(object):
    """Answers ``POST /projects`` with a 502 after making the project (``carried_out``) from the keys a project
    is created with, keeps the settings a PUT sends, records every request."""

    def __init__(self, carried_out=True):
        self.carried_out = carried_out
        self.projects = []
        self.requests = []

    def post(self, path, body=None, **kwargs):
        self.requests.append(('POST', path))
        if path == '/projects':
            if self.carried_out:
                self.projects.append(dict(body['project'], identifier='u-1', permalink='shop'))
            raise ApiError('Bad Gateway', status=502, method='POST', path=path, maybe_committed=True)
        return Answer({})

    def put(self, path, body=None, **kwargs):
        self.requests.append(('PUT', path))
        self.projects[0].update(body['project'])
        return Answer({})

    def get(self, path, params=None, ok_statuses=()):
        self.requests.append(('GET', path))
        return Answer(list(self.projects) if path == '/projects' else dict(self.projects[0]))


class Answer(object):
    status = 200

    def __init__(self, body):
        self.body = body


def test_a_project_whose_answer_was_lost_still_gets_its_settings_and_repository():
    client = LosingClient()
    result = run_engine(DeployHQAPI(client=client), PROJECT, dict(
        name='Shop', email_notify_on='failure', repository={'url': 'git@x:a.git', 'scm_type': 'git'}))
    assert result['changed'] and not result['_failed'], result
    writes = [request for request in client.requests if request[0] != 'GET']
    assert writes[0] == ('POST', '/projects')
    assert sorted(writes[1:]) == [('POST', '/projects/u-1/repository'), ('PUT', '/projects/u-1')]
    assert client.projects[0]['email_notify_on'] == 'failure'
    assert result['diff']['before'] == {} and result['diff']['after']['email_notify_on'] == 'failure'


def test_a_project_post_that_made_nothing_is_sent_again():
    client = LosingClient(carried_out=False)
    result = run_engine(DeployHQAPI(client=client), PROJECT, dict(name='Shop'))
    assert result['_failed']
    assert [request for request in client.requests if request[0] == 'POST'] == [('POST', '/projects')] * 5
