# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every dployr Base resource, declared once: services (created by a deployment, changed by a redeploy),
deployments, clusters, instances, custom domains and notification integrations. Each module, its
``_info`` module and the tests import the declaration from here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.deployops.platforms.plugins.module_utils.compare import differs
from ansible_collections.deployops.platforms.plugins.module_utils.dployr import DployrAPI
from ansible_collections.deployops.platforms.plugins.module_utils.resource import (
    DeployAction, Field, Resource, StateAction)

SERVICE_TYPES = ['static', 'web', 'worker', 'job']
SOURCES = ['remote', 'image']
RUNTIMES = ['golang', 'php', 'python', 'nodejs', 'ruby', 'dotnet', 'java']
DEPLOYMENT_STATUSES = ['pending', 'running', 'success', 'failed']
REGIONS = ['us-east', 'us-west', 'us-central', 'eu-west', 'eu-central', 'eu-north', 'ap-south', 'ap-southeast',
           'ap-northeast', 'af-south', 'me-central', 'sa-east']
INSTANCE_ROLES = ['instance', 'build']
INSTANCE_STATUSES = ['healthy', 'degraded', 'offline', 'unreachable', 'maintenance', 'provisioning']
INTEGRATIONS = ['discord', 'slack', 'webhook', 'email']
NOTIFICATION_EVENTS = ['instance.created', 'instance.modified', 'instance.deleted', 'cluster.modified',
                       'cluster.user_invited', 'cluster.invite_revoked', 'cluster.invite_accepted',
                       'cluster.invite_declined', 'cluster.removed_user', 'cluster.user_role_changed',
                       'cluster.ownership_transferred', 'auth.session_created', 'billing.payment_successful',
                       'billing.payment_failed', 'billing.subscription_canceled', 'billing.subscription_expired']

_NAME = re.compile(r'^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')
_HOSTNAME = re.compile(r'^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$')


def dployr(name, **declaration):
    return Resource(name, platform=DployrAPI, **declaration)


# ---- value rules, checked before any request ---------------------------------------------------

def service_name_problem(value):
    if not _NAME.match(value or ''):
        return 'must be lower-case letters, digits and dashes (at most 63, not starting or ending with a dash), got %r' % (value,)
    return None


def port_problem(value):
    return None if 1 <= value <= 65535 else 'must be from 1 to 65535, got %s' % value


def url_problem(value):
    if not re.match(r'^(https?|ssh|git)://[^/\s]+', value or '') and not re.match(r'^git@[^:\s]+:\S+$', value or ''):
        return 'must be a repository URL (https://, ssh://, git:// or git@host:path), got %r' % (value,)
    return None


def http_url_problem(value):
    return None if re.match(r'^https?://[^/\s]+', value or '') else 'must be an http(s) URL'


def ipv4_problem(value):
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        address = None
    return None if address is not None and address.version == 4 else 'must be an IPv4 address, got %r' % (value,)


def hostname_problem(value):
    return None if _HOSTNAME.match(value or '') else 'must be a domain name such as app.example.com, got %r' % (value,)


def tag_problem(value):
    return None if 3 <= len(value or '') <= 15 else 'must be 3 to 15 characters, got %r' % (value,)


def service_rules(params):
    """Rules across options: what each source needs."""
    source = params.get('source')
    if source == 'remote' and params.get('image'):
        return 'image', 'applies to source image only (a remote source is built into an image by dployr)'
    if source == 'image' and params.get('remote_url'):
        return 'remote_url', 'applies to source remote only'
    return None


def env_vars_differ(desired, current):
    """``env_vars`` replaces the whole set on the API: any variable added, changed or removed is a change."""
    have = (current or {}).get('envVars') or {}
    return set(desired) != set(have) or any(differs('%s' % value, have.get(key)) for key, value in desired.items())


def as_strings(values):
    """Base takes env vars and secrets as strings only (a YAML number or boolean is sent as its text)."""
    return dict((key, value if isinstance(value, str) else '%s' % (value,)) for key, value in values.items())


def is_asleep(service):
    return bool((service or {}).get('icedAt'))


def is_awake(service):
    return not is_asleep(service)


STOP = '/v1/services/{id}/stop'
START = '/v1/services/{id}/start'

SERVICE = dployr(
    'service',
    scope='cluster',
    list_path='/v1/services?clusterId={cluster_id}',
    item_path='/v1/services/{id}',
    create_path='/v1/deployments?clusterId={cluster_id}',
    info_full=True,
    validate=service_rules,
    fields=[
        Field('name', create_only=True, validate=service_name_problem),
        Field('type', create_only=True, required_on_create=True, choices=SERVICE_TYPES),
        Field('source', create_only=True, read='deployment.source', required_on_create=True, choices=SOURCES),
        Field('runtime', read='deployment.runtimeType', choices=RUNTIMES),
        Field('version', read='deployment.runtimeVersion'),
        Field('remote_url', read='deployment.remoteUrl', validate=url_problem),
        Field('remote_branch', read='deployment.remoteBranch'),
        # PATCH takes no commit: pinning another one re-creates the service (recreate)
        Field('remote_commit_hash', read='deployment.remoteCommitHash', create_only=True),
        Field('image', read='deployment.image'),
        Field('build_cmd', read='deployment.buildCmd'),
        Field('run_cmd', read='deployment.runCmd'),
        Field('port', read='deployment.port', validate=port_problem, type='int'),
        Field('working_dir', read='deployment.workingDir'),
        Field('static_dir', read='deployment.staticDir'),
        Field('domain', read='deployment.domain', validate=hostname_problem),
        Field('health_check', read='deployment.healthCheck'),
        Field('description', read='deployment.description'),
        Field('env_vars', read='envVars', compare=env_vars_differ, to_api=as_strings, type='dict'),
        Field('secrets', write_only=True, to_api=as_strings, type='dict', no_log=True),
        # Where a redeploy runs (PATCH requires it); never compared, found by tag or id
        Field('instance', api='instanceName', returned=False, required_on_update=True, update_from='params'),
    ],
    # Every create and update is a deployment; a failed one is deployed again by the next run.
    deploy=DeployAction('/v1/services/{id}', by_write=True,
                        owed=lambda service: (service.get('deployment') or {}).get('status') == 'failed',
                        body=lambda params, service: dict(instanceName=params.get('instance'),
                                                          clusterId=service.get('clusterId'))),
    states={
        'started': StateAction(START, needed=is_asleep, reached=is_awake),
        'stopped': StateAction(STOP, needed=is_awake, reached=is_asleep),
        # Base has no restart: stop, then start once the service sleeps
        'restarted': StateAction(STOP, reached=is_asleep, then=StateAction(START, reached=is_awake)),
    },
    waits=True,
)

DEPLOYMENT = dployr(
    'deployment',
    scope='cluster',
    list_path='/v1/deployments?clusterId={cluster_id}',
    item_path='/v1/deployments/{id}?clusterId={cluster_id}',
    key=('service',),
    match=lambda item, scope, params: (
        params.get('service') in (None, item.get('name'), item.get('serviceId'))
        and params.get('status') in (None, item.get('status'))),
    fields=[Field('service', read='name', send=False)],
)

CLUSTER = dployr(
    'cluster',
    list_path='/v1/clusters',
    item_path='/v1/clusters/{id}',
)

INSTANCE = dployr(
    'instance',
    scope='cluster',
    list_path='/v1/instances?clusterId={cluster_id}',
    item_path='/v1/instances/{id}',
    create_path='/v1/instances?clusterId={cluster_id}',
    key=('tag',),
    returned_once=('token',),
    fields=[
        Field('tag', create_only=True, validate=tag_problem),
        Field('address', create_only=True, required_on_create=True, validate=ipv4_problem),
        Field('region', create_only=True, choices=REGIONS),
    ],
)

DOMAIN = dployr(
    'domain',
    scope='cluster',
    list_path='/v1/domains?clusterId={cluster_id}',
    item_path='/v1/domains/{id}',
    create_path='/v1/domains?clusterId={cluster_id}',
    key=('domain',),
    id_field='domain',
    id_kind='domain',
    fields=[
        Field('domain', create_only=True, validate=hostname_problem, required=True),
        Field('instance', api='instanceId', create_only=True, required_on_create=True, returned=False),
        Field('verified', read=lambda d: (d or {}).get('status') == 'active',
              set_by={True: '/v1/domains/{id}/verify'}, type='bool'),
    ],
)

NOTIFICATION = dployr(
    'notification',
    scope='cluster',
    list_path='/v1/clusters/{cluster_id}/integrations',
    item_path='/v1/clusters/{cluster_id}/notifications/{id}',
    create_path='/v1/clusters/{cluster_id}/notifications',
    key=('integration',),
    id_field='integration',
    id_kind='integration',
    hidden_result_keys=('webhookUrl',),
    locate=lambda api, scope, params: [
        n for n in [api.notification(scope['cluster_id'], params['integration'])] if n and n.get('enabled')],
    validate=lambda params: ('webhook_url', 'is required for %s' % params['integration']) if (
        params.get('integration') != 'email' and not params.get('webhook_url')) else None,
    fields=[
        Field('integration', required=True, choices=INTEGRATIONS),
        Field('webhook_url', api='webhookUrl', write_only=True, required_on_update=True, update_from='params',
              validate=http_url_problem, no_log=True),
        Field('events', unordered=True, type='list', elements='str', choices=NOTIFICATION_EVENTS),
    ],
)
