# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DeployBot's platform layer: errors read defensively, timestamps also in ISO 8601, the account URL,
cursor paging until meta.next is null, the read-only token message, lookups by name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import (
    DeployBotAPI, api_url_from, check_version, iso8601, parse_error, with_iso_times)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing


class Answer(object):
    def __init__(self, body):
        self.body = body
        self.status = 200


class PagedClient(object):
    """Answers ``GET <path>`` from ``pages`` keyed by the ``after`` it is asked for."""

    def __init__(self, pages):
        self.pages = pages
        self.calls = []

    def get(self, path, params=None, ok_statuses=None):
        self.calls.append((path, dict(params or {})))
        return Answer(self.pages[(path, (params or {}).get('after'))])


def page(ids, following, **extra):
    return {'meta': {'next': following, 'total': 99}, 'entries': [dict(id=i, **extra) for i in ids]}


@pytest.mark.parametrize('body, text, expected', [
    ({'message': 'Environment 9 does not exist.'}, '', ('Environment 9 does not exist.', {})),
    ({'errors': 'Bad thing'}, '', ('Bad thing', {})),
    ({'errors': ['one', 'two']}, '', ('one; two', {})),
    ({'errors': {'environment_id': 'is required'}}, '', ('environment_id: is required',
                                                         {'environment_id': ['is required']})),
    (None, 'Thank you', ('Thank you', {})),
    (None, '<html><title>502 Bad Gateway</title></html>', ('an HTML page (502 Bad Gateway) instead of JSON', {})),
    (None, '', ('HTTP 500', {})),
])
def test_errors_are_read_message_then_errors_then_text(body, text, expected):
    assert parse_error(500, body, text) == expected


def test_timestamps_are_kept_and_given_in_iso_8601():
    assert iso8601('2015/02/24 15:22:49 +0000') == '2015-02-24T15:22:49+00:00'
    assert iso8601('2015/02/24 17:22:49 +0200') == '2015-02-24T17:22:49+02:00'
    assert iso8601('yesterday') is None and iso8601(None) is None
    obj = with_iso_times({'id': 1, 'created_at': '2015/02/24 15:22:49 +0000', 'deployed_at': None})
    assert obj == {'id': 1, 'created_at': '2015/02/24 15:22:49 +0000', 'created_at_iso': '2015-02-24T15:22:49+00:00',
                   'deployed_at': None, 'deployed_at_iso': None}


def test_account_or_api_url():
    assert api_url_from({'account': 'Acme'}) == 'https://acme.deploybot.com/api/v1'
    assert api_url_from({'account': 'acme', 'api_url': 'http://127.0.0.1:1/x/'}) == 'http://127.0.0.1:1/x'
    with pytest.raises(EngineError, match='account .* or api_url'):
        api_url_from({'account': ' ', 'api_url': ''})
    with pytest.raises(EngineError, match='^account must be the subdomain'):
        api_url_from({'account': 'acme.deploybot.com'})
    with pytest.raises(EngineError, match='^api_url'):
        api_url_from({'api_url': 'acme.deploybot.com'})


def test_an_account_set_on_the_task_wins_over_a_url_from_the_environment():
    environ = {'DEPLOYBOT_ACCOUNT': 'awx', 'DEPLOYBOT_API_URL': 'https://awx.deploybot.com/api/v1'}
    from_environment = {'account': 'awx', 'api_url': 'https://awx.deploybot.com/api/v1'}
    assert api_url_from(from_environment, environ) == 'https://awx.deploybot.com/api/v1'
    assert api_url_from(dict(from_environment, account='other'), environ) == 'https://other.deploybot.com/api/v1'
    on_task = {'account': 'other', 'api_url': 'http://127.0.0.1:9/api/v1'}
    assert api_url_from(on_task, environ) == 'http://127.0.0.1:9/api/v1'  # both on the task: api_url


def test_versions_are_shas():
    assert check_version('deployed_version', 'ABCDEF1') == 'abcdef1'
    assert check_version('deployed_version', None) is None
    with pytest.raises(EngineError, match='^deployed_version must be a commit SHA'):
        check_version('deployed_version', 'v1.0')


def test_lists_follow_meta_next_50_at_a_time():
    client = PagedClient({('/users', None): page([1, 2], 2), ('/users', 2): page([3], None)})
    api = DeployBotAPI(client)
    assert [u['id'] for u in api.list('/users', {'repository_id': 4})] == [1, 2, 3]
    assert client.calls == [('/users', {'repository_id': 4, 'limit': 50}),
                            ('/users', {'repository_id': 4, 'limit': 50, 'after': 2})]


def test_a_cursor_that_repeats_stops_with_a_clear_error():
    client = PagedClient({('/users', None): page([1], 1), ('/users', 1): page([1], 1)})
    with pytest.raises(ApiError, match='names the page after 1 again'):
        list(DeployBotAPI(client).list('/users'))


def test_an_answer_without_entries_fails_naming_the_request():
    with pytest.raises(ApiError, match='GET /users'):
        list(DeployBotAPI(PagedClient({('/users', None): Answer([])})).list('/users'))


def test_403_on_a_post_says_the_token_may_be_read_only():
    refused = ApiError('Attempting to perform a restricted action.', status=403, method='POST', path='/deployments')
    text = DeployBotAPI.explain(refused)
    assert 'read-only' in text and 'api_token' in text and 'DEPLOYBOT_API_TOKEN' in text
    refused_read = ApiError('Forbidden', status=403, method='GET', path='/users')
    assert 'read-only' not in DeployBotAPI.explain(refused_read)
    assert 'DEPLOYBOT_API_TOKEN' in DeployBotAPI.explain(ApiError('no', status=401, method='GET', path='/users'))


class Listing(DeployBotAPI):
    """Answers lists and reads from memory."""

    def __init__(self, data):
        super(Listing, self).__init__(client=None)
        self.data = data

    def list(self, path, params=None):
        items = self.data[path.strip('/')]
        for key, value in (params or {}).items():
            items = [i for i in items if '%s' % i.get(key) == '%s' % value]
        return iter(items)

    def get(self, path):
        kind, dummy, object_id = path.strip('/').partition('/')
        return next((i for i in self.data[kind] if '%s' % i['id'] == object_id), None)


DATA = {
    'repositories': [dict(id=1, name='website', title='Website'), dict(id=2, name='api', title='Website'),
                     dict(id=3, name='twin', title='T'), dict(id=4, name='twin', title='T')],
    'environments': [dict(id=10, name='production', repository_id='1'), dict(id=11, name='production', repository_id='2')],
    'servers': [dict(id=20, name='web', environment_id=10, repository_id=1)],
    'users': [dict(id=1, email='ada@example.com', first_name='Ada', last_name='Owner')],
}


def test_lookups_by_name_title_and_id():
    api = Listing(DATA)
    assert api.repository('website')['id'] == 1  # a name wins over a title
    assert api.repository('1')['name'] == 'website'
    with pytest.raises(EngineError, match=r"more than one repository is named 'Website'.*ids 1, 2"):
        api.repository('Website')
    with pytest.raises(EngineError, match='ids 3, 4'):
        api.environment('production', 'twin')
    assert api.environment('production', 'api')['id'] == 11  # repository_id given as a string
    assert api.server('web', 'production', 'website')['id'] == 20
    with pytest.raises(ParentMissing, match="server 'db' was not found in environment 'production'"):
        api.server('db', 'production', 'website')
    with pytest.raises(ParentMissing, match='not in repository'):
        api.environment('11', 'website')
    assert api.user('ADA@example.com')['id'] == 1 and api.user('Ada Owner')['id'] == 1


def test_list_params_may_come_from_the_scope():
    """The generic engine change DeployBot needed: ``list_params`` as ``(params, scope) -> dict``,
    ``None`` values left out."""
    from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import SERVER
    assert SERVER.list_query({}, {'repository_id': 1, 'environment_id': None}) == {'repository_id': 1}
    from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import DEPLOYMENT
    with pytest.raises(EngineError, match='repository or environment is required'):
        DEPLOYMENT.list_query({}, {'repository_id': None, 'environment_id': None})


def test_the_deployment_module_offers_every_trigger_parameter(monkeypatch):
    """Every body parameter of ``POST /deployments`` (notes.md, [DOC-DEP]) has an option, and the module
    documents exactly what it accepts."""
    from ansible_collections.deployops.platforms.tests.unit.module_docs import argument_spec, documentation
    from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_deploy import PASSED_AS_IS
    spec, dummy = argument_spec('deploybot_deployment', monkeypatch)
    by_option = {'environment_id': 'environment', 'user_id': 'user', 'deployed_version': 'deployed_version'}
    by_option.update((name, name) for name in PASSED_AS_IS)
    trigger_parameters = {'environment_id', 'user_id', 'deployed_version', 'deploy_from_scratch',
                          'trigger_notifications', 'skip_build', 'comment'}
    assert set(by_option) == trigger_parameters
    assert all(option in spec for option in by_option.values())
    assert set(documentation('deploybot_deployment')['options']) == set(spec)


class Session(object):
    def __init__(self, outcome):
        self.outcome = outcome
        self.calls = []

    def get(self, url, **kwargs):
        self.calls.append((url, kwargs))
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


class Text(object):
    def __init__(self, status_code, text):
        self.status_code = status_code
        self.text = text


class SessionClient(object):
    timeout = 7
    verify = True

    def __init__(self, outcome):
        self.session = Session(outcome)


REPOSITORY = {'id': 1, 'name': 'website', 'refresh_webhook_url': 'https://acme.deploybot.com/webhook/refresh/S3CRET'}


def test_the_refresh_webhook_is_called_without_the_token_and_never_shown():
    import requests
    client = SessionClient(Text(200, 'Thank you\n'))
    assert DeployBotAPI(client).refresh_repository(REPOSITORY) == 'Thank you'
    url, kwargs = client.session.calls[0]
    assert url == REPOSITORY['refresh_webhook_url'] and kwargs['headers'] == {'X-Api-Token': None}
    assert kwargs['timeout'] == 7
    for outcome in (Text(404, 'nope'), requests.exceptions.ConnectionError('failed for %s' % REPOSITORY['refresh_webhook_url'])):
        with pytest.raises(EngineError, match='the refresh webhook of repository website failed') as failure:
            DeployBotAPI(SessionClient(outcome)).refresh_repository(REPOSITORY)
        assert 'S3CRET' not in str(failure.value)
    with pytest.raises(EngineError, match='did not return refresh_webhook_url'):
        DeployBotAPI(SessionClient(None)).refresh_repository({'id': 1})
