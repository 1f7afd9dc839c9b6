# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every DeployHQ resource, declared once: paths, natural key, fields (create-only, write-only,
references, values the API never returns). Each module, its ``_info`` module and the tests import
the declaration from here.

Values the API takes but never returns (a project's notification settings, a group's
``transfer_order`` ...) cannot be compared: they are sent when the object is created and never
reported as a difference (``Field(returned=False)``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.deployops.platforms.plugins.module_utils.compare import differs, without_none
from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI, replaces_repository
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field, Resource

# ---- the values options take -------------------------------------------------------------------

PROTOCOL_TYPES = ['ssh', 'ftp', 'ftps', 'rsync', 's3', 's3_compatible', 'rackspace', 'shopify', 'elastic_beanstalk',
                  'heroku', 'netlify', 'docker_build', 'digital_ocean', 'hetzner_cloud', 'shell', 'custom_action',
                  'pterodactyl', 'managed_vps', 'static_hosting']
MANAGED_PROTOCOLS = ('managed_vps', 'static_hosting')
# ``server_username`` and ``rackspace_api_key`` are sent as ``username`` and ``api_key``: the plain names are the
# options of the DeployHQ credentials every module takes
_FTP = ('hostname', 'server_username', 'password', 'port', 'passive', 'force_hidden_files')
_S3 = ('bucket_name', 'access_key_id', 'secret_access_key')
#: protocol -> the options only it takes ([DOC] create-a-new-server, [SDK] ServerCreateRequest)
PROTOCOL_OPTIONS = {
    'ftp': _FTP,
    'ftps': _FTP + ('implicit', 'ignore_certificate_errors'),
    'ssh': ('hostname', 'server_username', 'password', 'port', 'use_ssh_keys', 'atomic', 'atomic_strategy'),
    'rsync': ('hostname', 'server_username', 'password', 'port', 'use_ssh_keys'),
    's3': _S3,
    's3_compatible': _S3 + ('custom_endpoint',),
    'rackspace': ('server_username', 'rackspace_api_key', 'region', 'container_name'),
    'digital_ocean': ('personal_access_token', 'droplet_name'),
    'hetzner_cloud': ('api_token', 'hetzner_server_name'),
    'heroku': ('app_name', 'api_key_heroku'),
    'netlify': ('site_id', 'access_token'),
    'shopify': ('store_url', 'theme_name'),
    'managed_vps': ('region', 'size', 'os_image'),
    'static_hosting': ('hosted_website_attributes',),
}
ALL_PROTOCOL_OPTIONS = sorted(set(name for names in PROTOCOL_OPTIONS.values() for name in names))
SERVER_SECRETS = ('password', 'secret_access_key', 'rackspace_api_key', 'personal_access_token', 'api_token', 'api_key_heroku',
                  'access_token')
EMAIL_NOTIFY_ON = ['never', 'failure', 'always']
ENV_NAME = re.compile(r'^[A-Za-z][A-Za-z0-9_]*$')
COMMAND_TIMEOUTS = [300, 1800, 3600, 5400]
HOOK_TYPES = ['slack', 'discord', 'microsoft_teams', 'google_chat', 'webhook', 'email']
FREQUENCIES = ['future', 'daily', 'weekly', 'monthly', 'custom']
FREQUENCY_NEEDS = {'daily': ('at',), 'weekly': ('weekday', 'at'), 'monthly': ('day', 'at'),
                   'future': ('year', 'month', 'day', 'at'), 'custom': ('schedule',)}


# ---- declaration helpers -------------------------------------------------------------------------

def deployhq(name, **declaration):
    return Resource(name, platform=DeployHQAPI, **declaration)


def in_project(name, collection, **declaration):
    """A resource listed under ``/projects/{project}/<collection>`` and read at ``.../{id}``."""
    return deployhq(name, scope='project', list_path='/projects/{project_id}/' + collection,
                    item_path='/projects/{project_id}/%s/{id}' % collection, **declaration)


def server_identifiers(obj):
    return sorted(s.get('identifier') for s in (obj or {}).get('servers') or [])


def servers_differ(desired, current):
    return differs(sorted(desired or []), server_identifiers(current))


def one_of(choices):
    def problem(value):
        return None if value in choices else 'must be one of %s, got %r' % (', '.join(map(str, choices)), value)
    return problem


# ---- projects ------------------------------------------------------------------------------------------

REPOSITORY_COMPARED = ('scm_type', 'url', 'branch', 'port', 'username')


def repository_differs(desired, current):
    """The repository settings the API returns (its URL, type, branch, port and user) differ; the
    password and ``root_path`` are never returned, so never compared. A change the API makes by
    replacing the repository says so."""
    wanted = dict((key, value) for key, value in (desired or {}).items() if key in REPOSITORY_COMPARED)
    existing = (current or {}).get('repository') or {}
    if not differs(wanted, existing):
        return False
    if existing.get('url') and replaces_repository(desired, existing):
        return 'replaced: a new %s needs a new repository (POST .../repository)' % ', '.join(
            key for key in ('url', 'scm_type', 'username', 'port') if differs(desired.get(key), existing.get(key)))
    return True


REPOSITORY_OPTIONS = dict(
    scm_type=dict(type='str', default='git', choices=['git', 'subversion', 'mercurial']),
    url=dict(type='str', required=True),
    branch=dict(type='str'),
    port=dict(type='int'),
    username=dict(type='str'),
    password=dict(type='str', no_log=True),
    root_path=dict(type='str'),
    hosting_service_type=dict(type='str'),
    manual_config=dict(type='bool'),
)

PROJECT = deployhq(
    'project',
    list_path='/projects',
    item_path='/projects/{id}',
    fields=[
        Field('name', required_on_create=True),
        Field('permalink', send=True),
        Field('zone', api='zone_id', read='zone'),
        Field('email_notify_on', returned=False, choices=EMAIL_NOTIFY_ON),
        Field('notification_email', returned=False),
        Field('notify_committer', returned=False, type='bool'),
        Field('check_undeployed_changes', returned=False, to_api=lambda v: '1' if v else '0', type='bool'),
        Field('store_artifacts_enabled', returned=False, to_api=lambda v: '1' if v else '0', type='bool'),
        # taken only by the POST that creates the project
        Field('ssh_key', api='keypair_identifier', ref='ssh_key', returned=False, create_only=True, no_log=False),
        Field('template', api='template_id', returned=False, create_only=True),
        Field('repository', compare=repository_differs, to_api=without_none, secret_keys=('password',),
              type='dict', options=REPOSITORY_OPTIONS),
    ],
)


# ---- servers and groups ---------------------------------------------------------------------------------


def managed_ready(obj):
    """A managed server (VPS, static hosting) is ready once provisioned; a failed provisioning fails."""
    protocol = (obj or {}).get('protocol_type')
    if protocol not in MANAGED_PROTOCOLS:
        return True
    status = ((obj or {}).get(protocol) or {}).get('status')
    if status == 'error':
        raise EngineError('the %s server %s could not be provisioned (status: error)' % (protocol, obj.get('name')))
    return status == 'active'


def server_options_fit_protocol(params):
    """Per-protocol options belong to O(protocol_type)."""
    protocol = params.get('protocol_type')
    if not protocol:
        return None
    allowed = PROTOCOL_OPTIONS.get(protocol, ())
    for name in ALL_PROTOCOL_OPTIONS:
        if params.get(name) is not None and name not in allowed:
            return name, 'is not an option of the %s protocol (it takes: %s)' % (
                protocol, ', '.join(allowed) or 'no protocol options')
    return None


API_NAMES = {'server_username': 'username', 'rackspace_api_key': 'api_key'}


PROTOCOL_SWITCHES = ('use_ssh_keys', 'atomic', 'passive', 'force_hidden_files', 'implicit', 'ignore_certificate_errors')


def protocol_field(name):
    if name in API_NAMES:
        return Field(name, api=API_NAMES[name], write_only=name in SERVER_SECRETS)
    if name in SERVER_SECRETS:
        return Field(name, write_only=True)
    if name in PROTOCOL_SWITCHES:
        return Field(name, type='bool')
    if name == 'access_key_id':
        return Field(name, no_log=False)  # S3's key id names the key, it is not a secret
    if name == 'atomic_strategy':
        return Field(name, choices=['copy_release', 'copy_cache'])
    if name in ('size', 'os_image'):
        return Field(name, create_only=True, read='managed_vps.' + name if name == 'size' else name,
                     returned=name != 'os_image')
    if name == 'hosted_website_attributes':
        return Field(name, create_only=True, returned=False, to_api=without_none, type='dict', options=dict(
            subdomain=dict(type='str'), spa_mode=dict(type='bool'), subdirectory=dict(type='str')))
    if name == 'region':
        # a Rackspace server's region, or a managed VPS's (returned inside managed_vps)
        return Field(name, read=lambda obj: (obj or {}).get('region') or ((obj or {}).get('managed_vps') or {}).get(
            'region'))
    if name == 'port':
        return Field(name, type='int', validate=lambda v: None if 0 < v < 65536 else 'must be a port number (1-65535)')
    return Field(name)


SERVER = in_project(
    'server', 'servers',
    fields=[
        Field('name'),
        Field('protocol_type', required_on_update=True, required_on_create=True, validate=one_of(PROTOCOL_TYPES),
              choices=PROTOCOL_TYPES),
        Field('server_path'),
        Field('root_path'),
        Field('branch'),
        Field('environment'),
        Field('enabled', type='bool'),
        Field('auto_deploy', type='bool', to_api=lambda v: 'true' if v else 'false'),
        Field('notification_email', read='notify_email'),
        Field('email_notify_on', returned=False, choices=EMAIL_NOTIFY_ON),
        Field('server_group', api='server_group_identifier', read='server_group_identifier', ref='server_group'),
        Field('agent_id', returned=False),
        Field('global_key_pair', returned=False, api='global_key_pair_id', ref='ssh_key', no_log=False),
    ] + [protocol_field(name) for name in ALL_PROTOCOL_OPTIONS],
    ready=managed_ready,
    validate=server_options_fit_protocol,
    options=dict(project=dict(type='str', required=True)),
    waits=True,
)

SERVER_GROUP = in_project(
    'server_group', 'server_groups',
    fields=[
        Field('name'),
        Field('branch', read='preferred_branch'),
        Field('environment'),
        Field('auto_deploy', returned=False, type='bool'),
        Field('email_notify_on', returned=False, choices=EMAIL_NOTIFY_ON),
        Field('notification_email', returned=False),
        Field('transfer_order', returned=False, choices=['parallel', 'sequential']),
    ],
    options=dict(project=dict(type='str', required=True)),
)

# ---- configuration -----------------------------------------------------------------------------------

TARGETS = [
    Field('servers', api='server_identifiers', ref='servers', read=server_identifiers, compare=servers_differ,
          type='list', elements='str'),
    Field('all_servers', type='bool'),
]


def targets_not_both(params):
    if params.get('all_servers') and params.get('servers'):
        return 'servers', 'cannot be combined with all_servers: true'
    return None


def no_targets(params):
    for name in ('servers', 'all_servers'):
        if params.get(name) is not None:
            return name, 'account (global) objects have no servers'
    return None


CONFIG_FILE = in_project(
    'config_file', 'config_files',
    key=('path',),
    fields=[
        Field('path'),
        Field('body'),
        Field('description'),
        Field('build', type='bool'),
        Field('language', returned=False),
    ] + TARGETS,
    validate=targets_not_both,
    options=dict(project=dict(type='str'), **{'global': dict(type='bool', default=False)}),
)
GLOBAL_CONFIG_FILE = CONFIG_FILE.variant(scope=None, list_path='/global_config_files',
                                         item_path='/global_config_files/{id}', validate=no_targets)


def refuse_unlock(desired, current):
    """``locked`` is one-way: the API cannot unlock a variable."""
    if not desired and (current or {}).get('locked'):
        raise EngineError('locked: the environment variable %s is locked, and DeployHQ cannot unlock a variable; '
                          'delete it (state: absent) and create it again to unlock it' % current.get('name'),
                          errors={'locked': ['cannot be unset once set']})
    return differs(desired, (current or {}).get('locked'))


ENVIRONMENT_VARIABLE = in_project(
    'environment_variable', 'environment_variables',
    id_kind='int',
    fields=[
        Field('name', validate=lambda v: None if ENV_NAME.match(v) else
              'must start with a letter and contain only letters, digits and underscores'),
        Field('value', write_only=True, required_on_create=True, no_log=True),
        Field('locked', compare=refuse_unlock, type='bool'),
        Field('build_pipeline', type='bool'),
    ],
    options=dict(project=dict(type='str'), **{'global': dict(type='bool', default=False)}),
)
GLOBAL_ENVIRONMENT_VARIABLE = ENVIRONMENT_VARIABLE.variant(
    scope=None, list_path='/global_environment_variables', item_path='/global_environment_variables/{id}')

SSH_COMMAND = in_project(
    'ssh_command', 'ssh_commands',
    key=('description',),
    fields=[
        Field('description'),
        Field('command', required_on_create=True),
        Field('cback', choices=['before_changes', 'after_changes']),
        Field('timing', choices=['all', 'first', 'after_first']),
        # ``timeout`` is the connection option of every module
        Field('command_timeout', api='timeout', type='int', choices=COMMAND_TIMEOUTS),
        Field('halt_on_error', type='bool'),
        Field('position', type='int', validate=lambda v: None if v >= 1 else 'must be 1 or more'),
        Field('enabled', type='bool'),
    ] + TARGETS,
    validate=targets_not_both,
    options=dict(project=dict(type='str', required=True)),
)

BUILD_COMMAND = in_project(
    'build_command', 'build_commands',
    key=('description',),
    order_field='id',  # the API keeps descriptions apart only by this counter
    fields=[
        Field('description'),
        Field('command', required_on_create=True, required_on_update=True),
        Field('halt_on_error', type='bool'),
        Field('enabled', type='bool'),
        Field('template_name'),
        Field('watch_files'),
    ],
    options=dict(project=dict(type='str', required=True)),
)

EXCLUDED_FILE = in_project(
    'excluded_file', 'excluded_files',
    key=('path',),
    fields=[Field('path')],
    options=dict(project=dict(type='str', required=True)),
)

INTEGRATION = in_project(
    'integration', 'integrations',
    fields=[
        Field('name'),
        Field('hook_type', create_only=True, required_on_create=True, validate=one_of(HOOK_TYPES), choices=HOOK_TYPES),
        Field('send_on_start', type='bool'),
        Field('send_on_completion', type='bool'),
        Field('send_on_failure', type='bool'),
        Field('send_on_check_failed', type='bool'),
        Field('properties', write_only=True, to_api=without_none, type='dict', no_log=True),
    ],
    options=dict(project=dict(type='str', required=True)),
)

SSH_KEY = deployhq(
    'ssh_key',
    list_path='/ssh_keys',
    item_path='/ssh_keys/{id}',
    key=('title',),
    fields=[
        Field('title', create_only=True),
        Field('key_type', create_only=True, choices=['ED25519', 'RSA', 'ECDSA']),
        Field('use_custom_key', create_only=True, returned=False, type='bool'),
        Field('custom_private_key', create_only=True, write_only=True, no_log=True),
    ],
)


def schedule_fits_frequency(params):
    needs = FREQUENCY_NEEDS.get(params.get('frequency'), ())
    for name in needs:
        if params.get(name) in (None, ''):
            return name, 'is required for a %s schedule' % params['frequency']
    return None


SCHEDULED_DEPLOYMENT = in_project(
    'scheduled_deployment', 'scheduled_deployments',
    key=('server',),
    fields=[
        Field('server', api='server_identifier', read='server.identifier', ref='server', create_only=True),
        Field('frequency', required_on_create=True, validate=one_of(FREQUENCIES), choices=FREQUENCIES),
        Field('at'),
        Field('weekday'),
        Field('day', type='int'),
        Field('month', type='int'),
        Field('year', type='int'),
        Field('schedule'),
        Field('copy_config_files', type='bool'),
        Field('run_build_commands', type='bool'),
        Field('use_build_cache', type='bool'),
        Field('skip_if_not_changes', type='bool'),
        Field('start_revision', create_only=True),
        Field('end_revision', create_only=True),
        Field('use_latest', create_only=True, type='bool'),
        Field('deploy_entire_repository', create_only=True, type='bool'),
    ],
    validate=schedule_fits_frequency,
    options=dict(project=dict(type='str', required=True)),
)

DEPLOYMENT = in_project('deployment', 'deployments', key=())
