# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is specific to DeployBot: the ``X-Api-Token`` header (never the ``?token=`` query form,
which ends up in proxy and server logs), the account subdomain, cursor paging (``limit``/``after``
until ``meta.next`` is null), the ``{"message"}`` error body read defensively, timestamps that are
not ISO 8601, deployments polled until they end, and repositories, environments, servers and
users found by name.

The API reads users, repositories, environments, servers and deployments, and writes one thing:
it triggers deployments. Its resources are declared in ``deploybot_resources.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
from datetime import datetime

from ansible.module_utils.basic import env_fallback

from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    ApiError, check_url, clean_secret, describe_text, normalise_field_errors)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, expect
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

ACCOUNT_URL = 'https://%s.deploybot.com/api/v1'
PAGE_LIMIT = 50  # the API's maximum
TIMESTAMP_FORMAT = '%Y/%m/%d %H:%M:%S %z'
TIMESTAMP_KEYS = ('created_at', 'updated_at', 'deployed_at')
DEPLOYMENT_RUNNING = ('pending', 'waiting')
DEPLOYMENT_DONE = ('success', 'failed', 'skipped')
_ACCOUNT = re.compile(r'^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')
_SHA = re.compile(r'^[0-9a-fA-F]{7,40}$')


def iso8601(value):
    """``2015/02/24 15:22:49 +0000`` → ``2015-02-24T15:22:49+00:00``; ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), TIMESTAMP_FORMAT).isoformat()
    except ValueError:
        return None


def with_iso_times(obj):
    """``obj`` with ``<key>_iso`` beside each DeployBot timestamp (the original kept as given)."""
    if not isinstance(obj, dict):
        return obj
    obj = dict(obj)
    for key in TIMESTAMP_KEYS:
        if key in obj:
            obj[key + '_iso'] = iso8601(obj[key])
    return obj


def parse_error(status, body, text):
    """DeployBot documents ``{"message": "..."}``; the rest is read defensively: ``message``, then
    ``errors`` (a string, a list or an object of fields), then the raw text."""
    if isinstance(body, dict):
        errors = body.get('errors')
        fields = normalise_field_errors(errors) if isinstance(errors, dict) else {}
        if isinstance(body.get('message'), str) and body['message'].strip():
            return body['message'].strip(), fields
        if isinstance(errors, str) and errors.strip():
            return errors.strip(), {}
        if isinstance(errors, list) and errors:
            return '; '.join('%s' % item for item in errors), {}
        if fields:
            return '; '.join('%s: %s' % (name, ' '.join(messages)) for name, messages in sorted(fields.items())), fields
    if (text or '').strip():
        return describe_text(text), {}
    return 'not found' if status == 404 else 'HTTP %s' % status, {}


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) or (isinstance(value, str) and value.isdigit())


def same_id(left, right):
    """DeployBot gives some ids as strings (an environment's ``repository_id``)."""
    return left is not None and right is not None and '%s' % left == '%s' % right


def check_version(option, value):
    """A commit SHA (7 to 40 hex digits) or ``None``; anything else fails naming the option."""
    if value is None:
        return None
    if not _SHA.match('%s' % value):
        raise EngineError('%s must be a commit SHA of 7 to 40 hexadecimal digits, got %r' % (option, value),
                          errors={option: ['must be a commit SHA']})
    return ('%s' % value).lower()


def api_url_from(params, environ=None):
    """``api_url`` when set, else the URL of ``account``; neither fails naming both options.

    An ``account`` the task sets itself wins over an ``api_url`` that only comes from
    ``DEPLOYBOT_API_URL`` (AWX injects that variable with the URL of the credential's account)."""
    environ = os.environ if environ is None else environ
    url = (params.get('api_url') or '').strip()
    account = (params.get('account') or '').strip()
    url_from_environment = url and url == (environ.get('DEPLOYBOT_API_URL') or '').strip()
    account_from_task = account and account != (environ.get('DEPLOYBOT_ACCOUNT') or '').strip()
    if url and not (url_from_environment and account_from_task):
        return check_url('api_url', url, env='DEPLOYBOT_API_URL')
    if not account:
        raise EngineError('account (or DEPLOYBOT_ACCOUNT) or api_url (or DEPLOYBOT_API_URL) is required: '
                          'the API lives at https://<account>.deploybot.com/api/v1',
                          errors={'account': ['is required unless api_url is set']})
    if not _ACCOUNT.match(account):
        raise EngineError('account must be the subdomain of the account (letters, digits and dashes, as in '
                          'https://<account>.deploybot.com), got %r' % account,
                          errors={'account': ['must be a subdomain']})
    return ACCOUNT_URL % account.lower()


class DeployBotAPI(PlatformAPI):
    """The DeployBot side of the engine's platform interface."""

    name = 'deploybot'
    credential_options = ('api_token', 'DEPLOYBOT_API_TOKEN')

    @classmethod
    def auth_argument_spec(cls):
        """The options of the ``deployops.platforms.deploybot`` doc fragment."""
        return dict(
            account=dict(type='str', fallback=(env_fallback, ['DEPLOYBOT_ACCOUNT'])),
            api_url=dict(type='str', fallback=(env_fallback, ['DEPLOYBOT_API_URL'])),
            api_token=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DEPLOYBOT_API_TOKEN'])),
        )

    @classmethod
    def from_params(cls, params):
        token = clean_secret('api_token', params.get('api_token'), env='DEPLOYBOT_API_TOKEN')
        return cls(cls.client_from_params(
            params, url_option='api_url', url_env='DEPLOYBOT_API_URL', base_url=api_url_from(params),
            error_parser=parse_error, auth=lambda session: session.headers.update({'X-Api-Token': token})))

    @classmethod
    def explain(cls, error):
        """A 403 on a write is what a read-only token gets: say so."""
        if error.status == 403 and (error.method or '').upper() not in ('GET', 'HEAD'):
            return ('%s. The API token in api_token (or the DEPLOYBOT_API_TOKEN environment variable) is read-only '
                    'or may not do this: a read-only DeployBot token can only read; triggering a deployment needs '
                    'a token with write access.' % ('%s' % error).rstrip('.'))
        return super(DeployBotAPI, cls).explain(error)

    # ---- reads -------------------------------------------------------------------------------

    def list(self, path, params=None):
        """Every entry of a list: ``limit=50``, then ``after=<meta.next>`` until it is null."""
        query = dict(params or {})
        query['limit'] = PAGE_LIMIT
        seen = set()
        while True:
            page = expect(self.client.get(path, params=query).body, dict, 'GET', path)
            for entry in expect(page.get('entries'), list, 'GET', path):
                yield with_iso_times(entry)
            following = (page.get('meta') or {}).get('next') if isinstance(page.get('meta'), dict) else None
            if following is None:
                return
            if following in seen:
                raise ApiError('the answer names the page after %s again (meta.next); stopping' % following,
                               method='GET', path=path)
            seen.add(following)
            query['after'] = following

    def get(self, path):
        return with_iso_times(super(DeployBotAPI, self).get(path))

    def all(self, kind, **filters):
        """Every ``kind`` (``repositories``...) matching the API filters, read once per task."""
        key = (kind,) + tuple(sorted(filters.items()))
        return self.cached(key, lambda: [item for item in self.list('/' + kind, filters) if isinstance(item, dict)])

    def read(self, kind, object_id, what):
        found = self.cached((kind, '%s' % object_id), lambda: self.get('/%s/%s' % (kind, object_id)))
        if not found:
            raise ParentMissing('%s with id %s was not found' % (what, object_id))
        return found

    # ---- finding by name ------------------------------------------------------------------------

    def repository(self, ref):
        """A repository by id, or by name or title (an ambiguous one fails listing the ids)."""
        if is_id(ref):
            return self.read('repositories', ref, 'repository')
        by_name = [r for r in self.all('repositories') if r.get('name') == ref]
        return self.one('repository', ref, by_name or [r for r in self.all('repositories') if r.get('title') == ref])

    def environment(self, ref, repository_ref=None):
        """An environment by id, or by name within a repository."""
        if is_id(ref):
            environment = self.read('environments', ref, 'environment')
            if repository_ref is not None and not same_id(
                    environment.get('repository_id'), self.repository(repository_ref).get('id')):
                raise ParentMissing('environment %s is not in repository %r' % (ref, repository_ref))
            return environment
        if repository_ref is None:
            raise EngineError('repository is required to find environment %r by name' % ref,
                              errors={'repository': ['is required when environment is a name']})
        repository = self.repository(repository_ref)
        matches = [e for e in self.all('environments', repository_id=repository['id']) if e.get('name') == ref
                   and same_id(e.get('repository_id'), repository['id'])]
        return self.one('environment', ref, matches, where='in repository %r' % repository_ref)

    def server(self, ref, environment_ref=None, repository_ref=None):
        """A server by id, or by name within an environment."""
        if is_id(ref):
            return self.read('servers', ref, 'server')
        if environment_ref is None:
            raise EngineError('environment (and repository) are required to find server %r by name' % ref,
                              errors={'environment': ['is required when server is a name']})
        environment = self.environment(environment_ref, repository_ref)
        matches = [s for s in self.all('servers', environment_id=environment['id']) if s.get('name') == ref
                   and same_id(s.get('environment_id'), environment['id'])]
        return self.one('server', ref, matches, where='in environment %r' % environment_ref)

    def user(self, ref):
        """A user by id, e-mail address, or full name (first and last)."""
        if is_id(ref):
            return self.read('users', ref, 'user')
        users = self.all('users')
        matches = [u for u in users if (u.get('email') or '').lower() == ('%s' % ref).lower()]
        return self.one('user', ref, matches or [u for u in users if full_name(u) == ref], missing=EngineError)

    def scope(self, resource, params):
        """The filters of a list (``repository_id``, ``environment_id``) from names or ids."""
        kind = resource.scope
        if kind is None:
            return {}
        repository, environment = params.get('repository'), params.get('environment')
        scope = {'repository_id': None, 'environment_id': None}
        if kind in ('repository', 'environment') and repository is not None:
            scope['repository_id'] = self.repository(repository)['id']
        if kind == 'environment' and environment is not None:
            found = self.environment(environment, repository)
            scope['environment_id'] = found['id']
        return scope

    # ---- the one write: deployments ----------------------------------------------------------------

    def trigger(self, body):
        """``POST /deployments``; the deployment as it started."""
        return with_iso_times(expect(self.client.post('/deployments', body).body, dict, 'POST', '/deployments'))

    def deployment(self, deployment_id):
        return with_iso_times(expect(self.client.get('/deployments/%s' % deployment_id).body, dict, 'GET',
                                     '/deployments/%s' % deployment_id))

    def wait_deployment(self, deployment_id, timeout):
        """Poll the deployment until it is ``success``, ``failed`` or ``skipped``."""
        try:
            return poll(lambda: self.deployment(deployment_id),
                        lambda d: (d or {}).get('state') in DEPLOYMENT_DONE, timeout,
                        what='deployment %s' % deployment_id, first_delay=0.2, max_delay=4.0)
        except WaitTimeout as exc:
            last = exc.last or {}
            raise EngineError('%s (last state: %s)' % (exc, last.get('state')), deployment=last)

    def refresh_repository(self, repository):
        """GET the repository's refresh webhook, so that DeployBot learns of commits pushed since it last
        looked. The webhook carries its own secret: the API token is not sent to it, and its URL is never
        shown (only the repository)."""
        url = repository.get('refresh_webhook_url')
        what = 'the refresh webhook of repository %s' % (repository.get('name') or repository.get('id'))
        if not url:
            raise EngineError('%s is not known: the API did not return refresh_webhook_url' % what)
        try:
            response = self.client.session.get(url, headers={'X-Api-Token': None}, timeout=self.client.timeout,
                                               verify=self.client.verify)
        except (IOError, OSError, ValueError) as exc:  # requests' exceptions are IOErrors
            # Only the kind of failure: the text could quote the URL, whose secret is never shown.
            raise EngineError('%s failed: %s' % (what, type(exc).__name__))
        if response.status_code >= 400:
            raise EngineError('%s failed with HTTP %s' % (what, response.status_code))
        return response.text.strip()


def full_name(user):
    return ('%s %s' % (user.get('first_name') or '', user.get('last_name') or '')).strip()
