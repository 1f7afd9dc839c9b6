# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is specific to dployr Base (the ``/v1`` API of the dployr control plane): a ``dpat_`` personal
access token sent as a bearer token, the cluster every request is scoped by (``clusterId``), the
``{success, data}`` envelope and its two error shapes, ``page``/``pageSize`` paging, the rate limit
announced in ``X-RateLimit-*`` headers, and deployments that run after a 202 and are polled through the
deployments list (``GET /v1/deployments/{id}`` answers 403 on the running server).

Its resources are declared in ``dployr_resources.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from urllib.parse import parse_qsl, urlencode

from ansible.module_utils.basic import env_fallback

from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    ApiError, Client, check_url, clean_secret, describe_text)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, expect, id_problem
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

DEFAULT_API_URL = 'https://base.dployr.io'
PAGE_SIZE = 100
#: the longest wait for a rate-limit window to reset before the next request
MAX_RATE_LIMIT_WAIT = 120
DEPLOYMENT_DONE = ('success', 'failed')
LOG_EXCERPT_LINES = 20
#: how many of a service's deployments a read of the service carries
SERVICE_DEPLOYMENTS = 5
NODE_HINT = ('no node of the cluster is connected: start dployrd on an instance of the cluster '
             '(and a build instance for source remote), or check it with dployr_instance_info')
#: routes that take ``clusterId`` in the JSON body (their create paths carry it as a query value)
CLUSTER_IN_BODY = ('/v1/instances', '/v1/domains')

_SERVICE_PATH = re.compile(r'^/v1/services/([^/?]+)$')
_DEPLOYMENT_PATH = re.compile(r'^/v1/deployments/([^/?]+)\?clusterId=([^&]+)$')
_CLUSTER_PATH = re.compile(r'^/v1/clusters/([^/?]+)$')
_NOTIFICATION_PATH = re.compile(r'^/v1/clusters/([^/?]+)/notifications/([a-z]+)$')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
_HOSTNAME = re.compile(r'^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$')


def parse_error(status, body, text):
    """Both error shapes of Base, read into one message that carries the code: the flat ``{error, code}``
    of its auth and permission layer, and ``{success: false, error: {message, code, details}}`` of its
    route handlers (``details`` become the field errors)."""
    errors = {}
    if isinstance(body, dict) and body.get('error'):
        error = body['error']
        if isinstance(error, dict):
            message, code = error.get('message') or 'HTTP %s' % status, error.get('code')
            for detail in error.get('details') or []:
                if isinstance(detail, dict) and detail.get('field'):
                    errors.setdefault(str(detail['field']), []).append(str(detail.get('message')))
        else:
            message, code = str(error), body.get('code')
        if code:
            message = '%s (%s)' % (str(message).rstrip('.'), code)
        if code == 'runtime.node_not_connected':
            message += ': ' + NODE_HINT
        return message, errors
    if status == 404:
        return 'not found', {}
    return describe_text(text) if (text or '').strip() else 'HTTP %s' % status, {}


def unwrap(body):
    """``data`` of a ``{success, data}`` envelope; other bodies (health, logs) as they are."""
    if isinstance(body, dict) and 'success' in body:
        return body.get('data')
    return body


def split_query(path):
    """``(path, {query})`` of a path template's result such as ``/v1/services?clusterId=X``."""
    bare, dummy, query = path.partition('?')
    return bare, dict(parse_qsl(query))


class RateLimitedClient(Client):
    """The shared client, which also waits for a new rate-limit window when the last answer said none of
    this one is left (``X-RateLimit-Remaining: 0``), instead of running into HTTP 429."""

    def __init__(self, *args, **kwargs):
        self.sleep = kwargs.pop('sleep', time.sleep)
        self.clock = kwargs.pop('clock', time.time)
        super(RateLimitedClient, self).__init__(*args, **kwargs)
        self.remaining = None
        self.reset_at = None
        self.session.hooks['response'].append(self.note_rate_limit)

    def note_rate_limit(self, response, *args, **kwargs):
        try:
            self.remaining = int(response.headers.get('X-RateLimit-Remaining'))
            self.reset_at = float(response.headers.get('X-RateLimit-Reset'))
        except (TypeError, ValueError):
            self.remaining = self.reset_at = None
        return response

    def request(self, *args, **kwargs):
        if self.remaining is not None and self.remaining <= 0 and self.reset_at:
            delay = self.reset_at - self.clock()
            if delay > 0:
                self.sleep(min(delay, MAX_RATE_LIMIT_WAIT))
            self.remaining = None
        return super(RateLimitedClient, self).request(*args, **kwargs)


class DployrAPI(PlatformAPI):
    """The dployr Base side of the engine's platform interface."""

    name = 'dployr'
    id_kind = 'ulid'
    credential_options = ('api_token', 'DPLOYR_TOKEN')

    @classmethod
    def auth_argument_spec(cls):
        """The options of the ``deployops.platforms.dployr`` doc fragment."""
        return dict(
            api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['DPLOYR_API_URL'])),
            api_token=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DPLOYR_TOKEN'])),
            cluster=dict(type='str', fallback=(env_fallback, ['DPLOYR_CLUSTER'])),
        )

    @classmethod
    def from_params(cls, params):
        token = clean_secret('api_token', params.get('api_token'), env='DPLOYR_TOKEN')
        url = check_url('api_url', params.get('api_url'), env='DPLOYR_API_URL')
        client = RateLimitedClient(
            url, error_parser=parse_error, timeout=params.get('timeout', 30),
            validate_certs=params.get('validate_certs', True), ca_path=params.get('ca_path'),
            pool_size=params.get('max_workers'), auth=lambda session: session.headers.update({'Authorization': 'Bearer %s' % token}))
        api = cls(client)
        api.cluster_ref = params.get('cluster')
        return api

    def id_problem(self, kind, value):
        """Base's ids are ULIDs or UUIDs; a domain is named by its host name."""
        if kind == 'ulid' and _UUID.match('%s' % value):
            return None
        if kind == 'integration':
            return None if value in self.INTEGRATIONS else 'must be one of %s, got %r' % (
                ', '.join(sorted(self.INTEGRATIONS)), value)
        if kind == 'domain':
            return None if _HOSTNAME.match('%s' % value) else 'must be a domain name such as app.example.com, got %r' % (value,)
        return id_problem(kind, value)

    # ---- plain requests ------------------------------------------------------------------

    def list(self, path, params=None):
        """Every item of a list: ``data.items`` page by page (``pageSize=100``) until ``hasNextPage`` is
        false, or the one list a non-paged answer holds (``data.clusters``, ``data.domains``)."""
        bare, query = split_query(path)
        query.update(params or {})
        page = 1
        while True:
            data = unwrap(self.client.get(bare, params=dict(query, page=page, pageSize=PAGE_SIZE)).body)
            if isinstance(data, dict) and 'items' in data:
                yield from expect(data['items'], list, 'GET', bare)
                if not (data.get('pagination') or {}).get('hasNextPage'):
                    return
                page += 1
                continue
            if isinstance(data, dict):
                lists = [value for value in data.values() if isinstance(value, list)]
                data = lists[0] if len(lists) == 1 else data
            yield from expect(data, list, 'GET', bare)
            return

    def get(self, path):
        """The object at ``path`` (``None`` for 404), out of its envelope and root key. Deployments are
        read from the list (``GET /v1/deployments/{id}`` answers 403); a service carries its current
        deployment's settings, its env vars, its secret names and its last deployments."""
        deployment = _DEPLOYMENT_PATH.match(path)
        if deployment:
            return next((d for d in self.deployments(deployment.group(2)) if d.get('id') == deployment.group(1)), None)
        cluster = _CLUSTER_PATH.match(path)
        if cluster:
            return next((c for c in self.clusters() if c.get('id') == cluster.group(1)), None)
        notification = _NOTIFICATION_PATH.match(path)
        if notification:
            return self.notification(notification.group(1), notification.group(2))
        response = self.client.get(path, ok_statuses=(404,))
        if response.status == 404:
            return None
        data = expect(unwrap(response.body), dict, 'GET', path)
        if len(data) == 1 and isinstance(list(data.values())[0], dict):
            data = list(data.values())[0]
        if _SERVICE_PATH.match(path):
            data = self.service_details(data)
        return data

    def create(self, path, payload):
        """POST; a deployment (``POST /v1/deployments``, how a service is created) answers 202 with a task id
        only, so the service it made is looked up by name."""
        bare, query = split_query(path)
        body = dict(payload)
        if bare in CLUSTER_IN_BODY and 'clusterId' in query:
            body['clusterId'] = query.pop('clusterId')
        if bare == '/v1/domains' and body.get('instanceId') is not None:
            query['instanceId'] = self.instance(body.pop('instanceId'), body['clusterId'])['id']
        if bare == '/v1/deployments':
            return self.deploy_service(bare, query, body)
        notifications = re.match(r'^/v1/clusters/([^/]+)/notifications$', bare)
        if notifications:
            integration = body.pop('integration')
            self.setup_notification(notifications.group(1), integration, body, enabled=True)
            return dict(body, integration=integration, enabled=True), None
        response = self.client.post(bare, body, params=query or None)
        data = expect(unwrap(response.body), dict, 'POST', bare)
        if 'instance' in data:  # POST /v1/instances: {instance, token}; the token is returned once
            obj = dict(data['instance'])
            obj['token'] = data.get('token')
            return obj, None
        return data, None

    def deploy_service(self, bare, query, body):
        body.pop('instanceName', None)  # only a redeploy (PATCH) names the instance
        remote = dict((key, body.pop(option)) for key, option in (
            ('url', 'remote_url'), ('branch', 'remote_branch'), ('commit_hash', 'remote_commit_hash'))
            if body.get(option) is not None)
        if remote:
            body['remote'] = remote
        data = expect(unwrap(self.client.post(bare, body, params=query).body), dict, 'POST', bare)
        cluster_id = query['clusterId']
        services = [s for s in self.list('/v1/services?clusterId=%s' % cluster_id) if s.get('name') == body['name']]
        if not services:
            raise EngineError('POST %s answered task %s but no service %r appeared in the cluster' % (
                bare, data.get('taskId'), body['name']))
        # A name another run deployed meanwhile is redeployed, not created again: its deployment record keeps
        # the service's first id and the task id is new, so the record to wait for is the service's.
        job = dict(task=data.get('taskId'), deployment=services[0].get('deploymentId') or data.get('taskId'),
                   cluster=cluster_id, service=services[0]['id'], queued=bool(data.get('queued')))
        return services[0], self.remember(job)

    def update(self, path, payload, current):
        """A service is changed (and redeployed) by PATCH with the instance to deploy on; a notification
        integration by posting its whole set-up again."""
        notification = _NOTIFICATION_PATH.match(path)
        if notification:
            return self.setup_notification(notification.group(1), notification.group(2), payload, enabled=True)
        body = dict(payload)
        if _SERVICE_PATH.match(path) and not body.get('instanceName'):
            body['instanceName'] = self.only_instance(current.get('clusterId'))['tag']
        elif body.get('instanceName'):
            body['instanceName'] = self.instance(body['instanceName'], current.get('clusterId'))['tag']
        data = expect(unwrap(self.client.patch(path, body).body), dict, 'PATCH', path)
        record = data.get('deployment') or {}
        return self.remember(dict(task=data.get('taskId'), deployment=record.get('id'), cluster=current.get('clusterId'),
                                  service=current.get('id'), queued=False))

    def post_action(self, path, body=None):
        """POST to an action endpoint; the redeploy of a service (whose last deployment failed) is a PATCH that
        changes nothing but names the instance."""
        if _SERVICE_PATH.match(path):
            body = dict(body or {})
            return self.update(path, dict((k, v) for k, v in body.items() if k == 'instanceName' and v),
                               dict(id=_SERVICE_PATH.match(path).group(1), clusterId=body.get('clusterId')))
        return super(DployrAPI, self).post_action(path, body)

    def delete(self, path, params=None):
        """DELETE (a 404 is success); a notification integration has no DELETE: it is set up disabled."""
        notification = _NOTIFICATION_PATH.match(path)
        if notification:
            current = self.notification(notification.group(1), notification.group(2)) or {}
            return self.setup_notification(notification.group(1), notification.group(2), {
                'webhookUrl': current.get('webhookUrl'), 'events': current.get('events')}, enabled=False)
        return super(DployrAPI, self).delete(path, params)

    # ---- deployments -----------------------------------------------------------------------

    def remember(self, job):
        """A job handle (the task id) for the engine; what it needs to be awaited is kept here."""
        self._cache[('job', job['task'])] = job
        return job['task']

    def deployments(self, cluster_id, service_id=None):
        query = {'serviceId': service_id} if service_id else {}
        return [d for d in self.list('/v1/deployments?clusterId=%s' % cluster_id, query) if isinstance(d, dict)]

    def wait_action(self, job, timeout):
        """Poll the deployments list until the deployment the task started succeeds or fails; a failed one
        raises with the end of its logs."""
        info = self._cache.get(('job', job)) or dict(task=job, deployment=job, cluster=self.cluster_id(), service=None)
        if info.get('queued'):
            return dict(id=info['deployment'], taskId=job, status='queued')

        def current():
            records = self.deployments(info['cluster'], info.get('service'))
            wanted = [d for d in records if d.get('id') in (info.get('deployment'), job)]
            return (wanted or [None])[0]

        try:
            record = poll(current, lambda d: (d or {}).get('status') in DEPLOYMENT_DONE, timeout,
                          what='deployment %s' % info.get('deployment'))
        except WaitTimeout as exc:
            last = exc.last or {}
            raise EngineError('%s (last status: %s)' % (exc, last.get('status')), deployment=last)
        record = dict(record, taskId=job)
        if record.get('status') == 'failed':
            logs = '\n'.join((record.get('logs') or '').strip().splitlines()[-LOG_EXCERPT_LINES:])
            raise EngineError('deployment %s of service %s failed%s' % (
                record.get('id'), record.get('name'), '; logs:\n' + logs if logs else ' (no logs)'), deployment=record)
        return record

    def service_details(self, service):
        """A service with what its settings are: its deployment record (``deployment``), env vars
        (``envVars``), secret names (``secretKeys``, values are never readable) and last deployments."""
        service = dict(service)
        records = sorted(self.deployments(service.get('clusterId'), service.get('id')),
                         key=lambda d: d.get('updatedAt') or 0, reverse=True)
        current = [d for d in records if d.get('id') == service.get('deploymentId')] or records[:1]
        service['deployment'] = current[0] if current else {}
        service['deployments'] = records[:SERVICE_DEPLOYMENTS]
        envs = unwrap(self.client.get('/v1/services/%s/envs' % service['id'], ok_statuses=(404,)).body) or {}
        service['envVars'] = envs.get('envs') or {}
        try:
            secrets = unwrap(self.client.get('/v1/services/%s/secrets' % service['id'], ok_statuses=(404,)).body) or {}
            service['secretKeys'] = sorted(secrets.get('secrets') or {})
        except ApiError as exc:
            if exc.status != 403:  # a viewer may not list secret names
                raise
            service['secretKeys'] = None
        return service

    # ---- notifications -----------------------------------------------------------------------

    INTEGRATIONS = {'discord': ('discord', 'discord'), 'slack': ('slack', 'slack'),
                    'webhook': ('customWebhook', 'webhook'), 'email': ('email', 'email')}

    def notification(self, cluster_id, integration):
        """The set-up of one notification integration of the cluster (None when it was never set up)."""
        key = self.INTEGRATIONS[integration][0]
        data = unwrap(self.client.get('/v1/clusters/%s/integrations' % cluster_id).body) or {}
        settings = (data.get('notification') or {}).get(key)
        if not settings:
            return None
        return dict(settings, integration=integration, clusterId=cluster_id)

    def setup_notification(self, cluster_id, integration, payload, enabled):
        body = dict((key, value) for key, value in payload.items() if value is not None)
        body['enabled'] = enabled
        self.client.post('/v1/notifications/%s/setup' % self.INTEGRATIONS[integration][1], body,
                         params={'clusterId': cluster_id})
        return None

    # ---- clusters, instances and references ------------------------------------------------------

    def clusters(self):
        return self.cached(('clusters',), lambda: [c for c in self.list('/v1/clusters') if isinstance(c, dict)])

    def cluster_id(self, ref=None):
        """The cluster named by ``ref`` (a name or an id) or the ``cluster`` option; without either, the only
        cluster the token can access."""
        ref = ref if ref is not None else getattr(self, 'cluster_ref', None)
        clusters = self.clusters()
        if ref in (None, ''):
            if len(clusters) == 1:
                return clusters[0]['id']
            raise EngineError('cluster is required (or DPLOYR_CLUSTER): the token can access %s clusters (%s)' % (
                len(clusters), ', '.join('%s (id %s)' % (c.get('name'), c.get('id')) for c in clusters) or 'none'))
        by_id = [c for c in clusters if c.get('id') == ref]
        if by_id:
            return by_id[0]['id']
        named = [c for c in clusters if c.get('name') == ref]
        if not named:
            raise EngineError('cluster %r was not found among the clusters the token can access (%s)' % (
                ref, ', '.join(c.get('name') for c in clusters) or 'none'), errors={'cluster': ['not found']})
        return self.one('cluster', ref, named, missing=EngineError)['id']

    def scope(self, resource, params):
        if resource.scope is None:
            return {}
        if resource.scope == 'cluster':
            return {'cluster_id': self.cluster_id(params.get('cluster'))}
        raise EngineError('unknown scope %r' % resource.scope)

    def instances(self, cluster_id):
        return self.cached(('instances', cluster_id), lambda: [
            i for i in self.list('/v1/instances?clusterId=%s' % cluster_id) if isinstance(i, dict)])

    def instance(self, ref, cluster_id):
        """An instance of the cluster by tag or id."""
        matches = [i for i in self.instances(cluster_id) if ref in (i.get('tag'), i.get('id'))]
        return self.one('instance', ref, matches, where='in the cluster', missing=EngineError)

    def only_instance(self, cluster_id):
        """The instance a redeploy runs on when the task names none: the cluster's only application instance."""
        candidates = [i for i in self.instances(cluster_id) if i.get('role') != 'build']
        if len(candidates) == 1:
            return candidates[0]
        raise EngineError('instance is required to redeploy: the cluster has %s application instances (%s)' % (
            len(candidates), ', '.join(i.get('tag') for i in candidates) or 'none'), errors={'instance': ['required']})

    def service(self, ref, cluster_id):
        """A service of the cluster by name or id (``ParentMissing`` when there is none)."""
        matches = [s for s in self.list('/v1/services?clusterId=%s' % cluster_id) if ref in (s.get('name'), s.get('id'))]
        return self.one('service', ref, matches, where='in the cluster')

    def resolve_ref(self, kind, value, scope):
        if kind == 'instance':
            return self.instance(value, scope['cluster_id'])['id']
        raise EngineError('unknown reference kind %r' % kind)


def query_path(path, **query):
    """``path`` with ``query`` appended (values URL-escaped)."""
    return '%s?%s' % (path, urlencode(query)) if query else path
