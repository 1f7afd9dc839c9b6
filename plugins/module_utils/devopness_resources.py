# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Devopness resource, declared once: its paths, natural key, fields (create-only, write-only,
references), links, deploy and lifecycle actions. Each module, its ``_info`` module and the tests
import the declaration from here, so they cannot drift apart.

Value rules (names, cron patterns, address blocks, SSH keys) are in ``devopness_rules``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.children import ChildList
from ansible_collections.deployops.platforms.plugins.module_utils.compare import differs, dig, without_none
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import (
    DevopnessAPI, in_organization, parent_options)
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_rules import (
    all_of, between, cidr_problem, daemon_name_problem, hostname_problem, http_url_problem, ip_address_problem,
    length, name_fits_type, pattern_problem, public_key_differs, public_key_problem, virtual_host_name_problem)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.links import LinkSet
from ansible_collections.deployops.platforms.plugins.module_utils.resource import (
    DeployAction, Field, Resource, StateAction)

# ---- the values options take -------------------------------------------------------------------

#: resource types that have pipelines and hooks
PIPELINE_RESOURCE_TYPES = ['application', 'cronjob', 'daemon', 'network-rule', 'server', 'service', 'ssh-key',
                           'ssl-certificate', 'virtual-host']
#: resource types that have variables
VARIABLE_RESOURCE_TYPES = sorted(PIPELINE_RESOURCE_TYPES + ['environment', 'project'])
VARIABLE_TARGETS = ['my-cnf', 'newrelic-infra-yml', 'nginx-http-server', 'nginx-http', 'nginx-main', 'os-env-var',
                    'php-cli_php-ini', 'php-fpm_php-fpm-conf', 'php-fpm_php-ini', 'php-fpm_pool-d-www-conf',
                    'redis-conf', 'resource-config-file', 'resource-symlink', 'supervisord-conf', 'sysctl-conf']
VARIABLE_TYPES = ['variable', 'file', 'symlink']
ENVIRONMENT_TYPES = ['development', 'staging', 'production']
PROVIDER_TYPES = {
    'aws': 'cloud_provider', 'azure': 'cloud_provider', 'digitalocean': 'cloud_provider', 'gcp': 'cloud_provider',
    'hetzner': 'cloud_provider', 'github': 'source_provider', 'gitlab': 'source_provider',
    'bitbucket': 'source_provider',
}
CLOUD_SERVICE_CODES = ['aws-ec2', 'azure-rm', 'digitalocean-droplet', 'gcp-gce', 'hetzner-hcloud',
                       'self-hosted-custom']
OS_VERSION_CODES = ['centos_7', 'ubuntu_18_04', 'ubuntu_20_04', 'ubuntu_22_04', 'ubuntu_24_04', 'ubuntu_26_04']
SERVICE_TYPES = ['docker', 'mysql', 'newrelic-infra', 'nginx', 'php', 'postgresql', 'redis', 'supervisor', 'ufw']
SERVER_STATUSES = ['pending', 'provisioning', 'provisioned', 'configuring', 'running', 'stopped', 'restarting',
                   'failed']
VIRTUAL_HOST_TYPES = ['name-based', 'ip-based']
SSL_ISSUERS = ['lets-encrypt', 'custom']
SSL_TYPES = ['single-domain', 'multi-domain', 'wildcard']
HOOK_TYPES = {'in': 'incoming', 'out': 'outgoing'}
ACTION_TYPES = ['check_provisioned', 'configure', 'delete', 'deploy', 'get_status', 'provision', 'reload',
                'remove', 'restart', 'rotate_key', 'start', 'stop']
ACTION_STATUSES = ['pending', 'waiting', 'queued', 'in-progress', 'completed', 'failed', 'skipped']

# ---- declaration helpers -------------------------------------------------------------------------


def devopness(name, **declaration):
    return Resource(name, platform=DevopnessAPI, **declaration)


def in_environment(name, collection, **declaration):
    """A resource listed under ``/environments/{id}/<collection>`` and read at ``/<collection>/{id}``:
    its module names the environment (inside a project and organization), finds the object by its
    natural key or id, and waits for the actions its changes start."""
    declaration.setdefault('key', ['name'])
    declaration.setdefault('options', dict(environment=dict(type='str', required=True),
                                           **parent_options('project', 'organization')))
    declaration.setdefault('waits', True)
    return devopness(name, scope='environment', list_path='/environments/{environment_id}/' + collection,
                     item_path='/%s/{id}' % collection, **declaration)


def linked_resource(label='name'):
    """``LinkSet.from_item`` for a ``ResourceLinkRelation`` of ``GET /resource-links/{type}/{id}/{link_type}``:
    ``{'id': resource_id, label: linked_resource_data.name}``."""
    def from_item(item):
        data = item.get('linked_resource_data') or {}
        return {'id': item.get('resource_id', data.get('id')), label: data.get('name')}
    return from_item


def linked_servers(resource_type, listed=False):
    """The servers linked to a ``resource_type`` (the parent side of the link, as in
    ``POST /resource-links/{resource_type}/{id}/server/{server_id}/link``); ``listed`` for resources
    whose representation has no ``servers``: they are listed through the resource-links endpoint."""
    base = '/resource-links/%s/{id}' % resource_type
    extra = dict(list_path=base + '/child', list_params={'linked_resource_type': 'server'},
                 from_item=linked_resource('hostname')) if listed else {}
    return LinkSet('servers', ref='server', read='servers', label='hostname',
                   link=base + '/server/{other}/link', unlink=base + '/server/{other}/unlink', **extra)


LIFECYCLE_FAILED = ('failed', 'skipped')


def last_action_not(*reached_by):
    """``StateAction.needed`` for resources without a status field (daemons, services; endpoints.md §9.15).

    Their runtime state shows only through ``last_action``: the state is taken as reached,
    and the action not needed, when the last action is of one of the ``reached_by`` types
    (e.g. ``start``, ``restart``, ``deploy`` for ``started``) and did not fail or get skipped
    (a pending or running one counts, so it is not queued twice). Any other last action,
    including ``get_status`` or none at all, means the action runs.
    """
    def needed(current):
        last = (current or {}).get('last_action') or {}
        return not (last.get('type') in reached_by and last.get('status') not in LIFECYCLE_FAILED)
    return needed


def deployed_by_last_action(current):
    """``DeployAction.owed`` for Devopness: a deploy is owed when the object has no action yet, when its
    last deploy failed or was skipped, or when it was updated after its last action started (a change
    whose deploy never ran, e.g. because the deploy request itself failed)."""
    last = current.get('last_action') or {}
    if not last:
        return True
    if last.get('type') == 'deploy' and last.get('status') in LIFECYCLE_FAILED:
        return True
    updated, acted = current.get('updated_at'), last.get('created_at')
    return bool(updated and acted and updated > acted)


def deploy(path):
    return DeployAction(path, owed=deployed_by_last_action, reads=('last_action', 'updated_at'))


def application_ref(**options):
    return Field('application', api='application_id', read='application.id', ref='application', **options)


# ---- organization and project level --------------------------------------------------------------

PROJECT = devopness(
    'project',
    scope='organization',
    list_path='/projects',
    create_path='/organizations/{organization_id}/projects',
    item_path='/projects/{id}',
    listed_full=True,
    match=lambda item, scope, params: in_organization(item, params.get('organization')),
    fields=[
        Field('name', required_on_update=True, validate=length(1, 60)),
        Field('logo_url', validate=http_url_problem),
    ],
    options=parent_options('organization'),
)

ENVIRONMENT = devopness(
    'environment',
    scope='project',
    list_path='/projects/{project_id}/environments',
    extra_list_paths=['/projects/{project_id}/environments/archived'],
    item_path='/environments/{id}',
    fields=[
        Field('name', required_on_update=True, validate=length(1, 60)),
        Field('type', required_on_update=True, required_on_create=True, choices=ENVIRONMENT_TYPES),
        Field('description', validate=length(0, 255)),
        Field('archived', read='is_archived',
              set_by={True: '/environments/{id}/archive', False: '/environments/{id}/unarchive'}, type='bool'),
    ],
    links=[LinkSet('credentials', ref='credential', read='credentials', label='name',
                   link='/environments/{id}/credentials/{other}/link',
                   unlink='/environments/{id}/credentials/{other}/unlink',
                   list_path='/environments/{id}/credentials')],
    options=parent_options('project', 'organization'),
    option_rules=dict(required_one_of=[('name', 'id'), ('project', 'id')]),
)
#: environments as ``devopness_environment_info`` lists them: archived ones only when asked
LISTED_ENVIRONMENTS = ENVIRONMENT.variant(extra_list_paths=lambda params: (
    ['/projects/{project_id}/environments/archived'] if params.get('include_archived') else []))

CREDENTIAL = devopness(
    'credential',
    scope='organization',
    list_path='/organizations/{organization_id}/credentials',
    item_path='/credentials/{id}',
    # Match by name only among the credentials of ``provider_code`` when it is given.
    match=lambda item, scope, params: (params.get('provider_code') is None
                                       or dig(item, 'provider.code') == params['provider_code']),
    fields=[
        Field('name', required_on_update=True, validate=length(1, 60)),
        Field('provider_code', read='provider.code', create_only=True, required_on_create=True,
              choices=sorted(PROVIDER_TYPES)),
        Field('provider_type', create_only=True,
              create_default=lambda params: PROVIDER_TYPES.get(params.get('provider_code')),
              choices=sorted(set(PROVIDER_TYPES.values()))),
        Field('active', create_only=True, create_default=True, type='bool'),
        Field('settings', type='dict', write_only=True, required_on_create=True,
              to_api=lambda value: {'credential': value}),
    ],
    options=parent_options('organization'),
)
#: the credentials linked to an environment (``devopness_credential_info`` with ``environment``)
ENVIRONMENT_CREDENTIALS = CREDENTIAL.variant(scope='environment',
                                             list_path='/environments/{environment_id}/credentials')

# ---- servers and what runs on them ----------------------------------------------------------------


def blueprint_differs(desired, server):
    blueprint = server.get('blueprint') or {}
    services = dig(blueprint, 'spec.services')
    if services is None:
        services = blueprint.get('services')
    return services is not None and differs(desired, services, unordered=True)


def provisioned(server):
    if server.get('status') == 'failed':
        raise EngineError('server %s failed to provision (status: failed)' % server.get('hostname'), server=server)
    return server.get('status') == 'running'


def status_is(status):
    return lambda server: server.get('status') == status


def destroy_disks_query(params):
    if params.get('destroy_server_disks') is None:
        return None
    return {'destroy_server_disks': 'true' if params['destroy_server_disks'] else 'false'}


SERVER = in_environment(
    'server', 'servers',
    bulk='servers',
    bulk_options=('destroy_server_disks',),
    key=['hostname'],
    fields=[
        Field('hostname', create_only=True, validate=hostname_problem),
        Field('provision_input', create_only=True, to_api=without_none, type='dict', options=dict(
            cloud_service_code=dict(type='str', required=True, choices=CLOUD_SERVICE_CODES),
            settings=dict(type='dict', options=dict(
                instance_type=dict(type='str'),
                region=dict(type='str'),
                storage_size=dict(type='int'),
                os_version_code=dict(type='str', choices=OS_VERSION_CODES),
            )),
            subnet_id=dict(type='int'),
        )),
        Field('credential', api='credential_id', read='credential.id', ref='credential', to_api=str),
        Field('ip_address', validate=ip_address_problem),
        Field('ssh_port', type='int', validate=between(22, 65535)),
        Field('max_parallel_actions', type='int', validate=between(0, 10)),
        Field('blueprint', create_only=True, to_api=without_none, compare=blueprint_differs,
              type='list', elements='dict', options=dict(
                  type=dict(type='str', required=True, choices=SERVICE_TYPES),
                  version=dict(type='str', required=True),
                  auto_start=dict(type='bool'),
                  initial_state=dict(type='str', choices=['started', 'stopped']),
              )),
    ],
    options=dict(environment=dict(type='str', required=True), destroy_server_disks=dict(type='bool'),
                 **parent_options('project')),
    ready=provisioned,
    delete_params=destroy_disks_query,
    states={
        'started': StateAction('/servers/{id}/start', needed=lambda s: s.get('status') != 'running',
                               reached=status_is('running')),
        'stopped': StateAction('/servers/{id}/stop', needed=lambda s: s.get('status') != 'stopped',
                               reached=status_is('stopped')),
        'restarted': StateAction('/servers/{id}/restart', reached=status_is('running')),
    },
)

APPLICATION = in_environment(
    'application', 'applications',
    bulk='applications',
    key_kept_unique=True,  # "The application's unique name" (ApplicationEnvironmentCreate)
    fields=[
        Field('name', required_on_update=True, required_on_create=True, validate=length(1, 60)),
        Field('repository', required_on_create=True, validate=length(1, 100)),
        Field('credential', api='credential_id', read='credential.id', ref='credential',
              required_on_create=True, required_with=('repository',)),
        Field('default_branch', required_on_update=True, required_on_create=True, validate=length(1, 200)),
        Field('programming_language', required_on_update=True, required_on_create=True, validate=length(1, 30)),
        Field('framework', required_on_update=True, required_on_create=True, validate=length(1, 30)),
        Field('engine_version', required_on_update=True, required_on_create=True, validate=length(1, 10)),
        Field('root_directory', validate=length(1, 255)),
        Field('build_command'),
        Field('install_dependencies_command'),
        Field('deployments_keep', validate=between(1, 10), type='int'),
    ],
    links=[linked_servers('application')],
)

DAEMON = in_environment(
    'daemon', 'daemons',
    bulk='daemons',
    key_kept_unique=True,  # "to uniquely identify the daemon" (DaemonEnvironmentCreate)
    fields=[
        Field('name', required_on_update=True, required_on_create=True, validate=daemon_name_problem),
        Field('command', required_on_update=True, required_on_create=True, validate=length(1, 255)),
        Field('process_count', required_on_update=True, required_on_create=True, validate=between(1, 99), type='int'),
        Field('working_directory', required_on_update=True, nullable=True, validate=length(1, 255)),
        Field('run_as_user', required_on_update=True, required_on_create=True, validate=length(1, 60)),
        application_ref(required_on_update=True),
    ],
    links=[linked_servers('daemon')],
    deploy=deploy('/daemons/{id}/deploy'),
    states={
        'started': StateAction('/daemons/{id}/start', needed=last_action_not('start', 'restart', 'deploy')),
        'stopped': StateAction('/daemons/{id}/stop', needed=last_action_not('stop')),
        'restarted': StateAction('/daemons/{id}/restart'),
    },
)

CRON_JOB = in_environment(
    'cron_job', 'cron-jobs',
    bulk='cron_jobs',
    fields=[
        Field('name', required_on_update=True, required_on_create=True, validate=length(1, 60)),
        Field('pattern', required_on_update=True, required_on_create=True, validate=pattern_problem),
        Field('command', required_on_update=True, required_on_create=True, validate=length(5, 255)),
        Field('run_as_user', required_on_update=True, required_on_create=True, validate=length(1, 60)),
        application_ref(required_on_update=True),
    ],
    links=[linked_servers('cronjob')],
    deploy=deploy('/cron-jobs/{id}/deploy'),
)

NETWORK_RULE = in_environment(
    'network_rule', 'network-rules',
    bulk='network_rules',
    fields=[
        Field('name', required_on_update=True, required_on_create=True, validate=length(3, 60)),
        Field('direction', required_on_update=True, required_on_create=True, choices=['inbound', 'outbound']),
        Field('protocol', required_on_update=True, required_on_create=True, choices=['any', 'icmp', 'tcp', 'udp']),
        Field('port', create_only=True, required_on_create=True, validate=between(1, 65535), type='int'),
        Field('cidr_block', required_on_update=True, required_on_create=True, validate=cidr_problem),
    ],
    links=[linked_servers('network-rule')],
    deploy=deploy('/network-rules/{id}/deploy'),
)

SSH_KEY = in_environment(
    'ssh_key', 'ssh-keys',
    bulk='ssh_keys',
    fields=[
        Field('name', required_on_update=True, required_on_create=True, validate=length(1, 60)),
        Field('public_key', read='fingerprint', create_only=True, required_on_create=True,
              compare=public_key_differs, validate=public_key_problem, no_log=False),
    ],
    links=[linked_servers('ssh-key')],
    deploy=deploy('/ssh-keys/{id}/deploy'),
)


def needed_unless(state, *reached_by):
    """``StateAction.needed`` for services: ``reached_by`` last actions reach ``state``, and so does a
    deploy when the service's ``initial_state`` is ``state`` (a deploy leaves it in its initial state)."""
    def needed(current):
        deploys = ('deploy',) if (current or {}).get('initial_state', 'started') == state else ()
        return last_action_not(*(reached_by + deploys))(current)
    return needed


SERVICE = in_environment(
    'service', 'services',
    bulk='services',
    key=['type', 'version'],
    fields=[
        Field('type', create_only=True, required_on_create=True, choices=SERVICE_TYPES),
        Field('version', create_only=True, required_on_create=True, validate=length(1, 30)),
        Field('auto_start', create_only=True, type='bool'),
        Field('initial_state', create_only=True, choices=['started', 'stopped']),
    ],
    links=[linked_servers('service')],
    deploy=deploy('/services/{id}/deploy'),
    states={
        'started': StateAction('/services/{id}/start', needed=needed_unless('started', 'start', 'restart', 'reload')),
        'stopped': StateAction('/services/{id}/stop', needed=needed_unless('stopped', 'stop')),
        'restarted': StateAction('/services/{id}/restart'),
        'reloaded': StateAction('/services/{id}/reload'),
    },
    option_rules=dict(required_one_of=[('type', 'id')], required_together=[('type', 'version')]),
)

VIRTUAL_HOST = in_environment(
    'virtual_host', 'virtual-hosts',
    bulk='virtual_hosts',
    key_kept_unique=True,  # "unique within the environment" (VirtualHostEnvironmentCreate)
    listed_full=True,
    validate=name_fits_type,
    fields=[
        Field('name', required_on_update=True, validate=virtual_host_name_problem),
        Field('type', create_only=True, required_on_create=True, choices=VIRTUAL_HOST_TYPES),
        Field('root_directory', validate=length(1, 255)),
        application_ref(),
        Field('application_listen_address', validate=all_of(length(1, 255), http_url_problem)),
    ],
    # The virtual host's representation has no servers: its links are listed through resource-links.
    links=[linked_servers('virtual-host', listed=True)],
    deploy=deploy('/virtual-hosts/{id}/deploy'),
)


def through_virtual_host(api, scope, params):
    """``Resource.locate`` for a certificate: the one its virtual host names (``ssl_certificate``)."""
    vhost_id = api.resolve_ref('virtual-host', params['virtual_host'], scope)
    vhost = api.get('/virtual-hosts/%s' % vhost_id)
    if vhost is None:
        raise ParentMissing('virtual host %r was not found' % params['virtual_host'])
    found = vhost.get('ssl_certificate')
    if found is None:
        return []
    return [found if isinstance(found, dict) else {'id': found}]


SSL_CERTIFICATE = in_environment(
    'ssl_certificate', 'ssl-certificates',
    key=['virtual_host'],
    locate=through_virtual_host,
    fields=[
        # Found through its virtual host, which the certificate itself does not name: never a difference.
        Field('virtual_host', api='virtual_host_id', ref='virtual-host', create_only=True,
              compare=lambda desired, current: False),
        Field('issuer', create_only=True, required_on_create=True, choices=SSL_ISSUERS),
        Field('type', create_only=True, choices=SSL_TYPES),
        Field('validation_level', create_only=True, choices=['DV', 'OV', 'EV']),
        Field('custom_certificate', create_only=True, write_only=True, validate=length(100, 4096), no_log=True),
        Field('custom_private_key', create_only=True, write_only=True, validate=length(100, 4096), no_log=True),
    ],
    deploy=deploy('/ssl-certificates/{id}/deploy'),
    option_rules=dict(required_one_of=[('virtual_host', 'id')],
                      required_if=[('issuer', 'custom', ('custom_certificate', 'custom_private_key'))]),
)

# ---- variables, pipelines and hooks of any resource ------------------------------------------------


def value_is_secret(params):
    """The value of a hidden variable is write-only: the API answers ``value: null``."""
    return params.get('hidden') is True


def value_differs(desired, current):
    """A hidden variable's value is unknown (the task did not set ``hidden``): never a difference."""
    if current.get('hidden'):
        return False
    return differs(desired, current.get('value'))


VARIABLE_FIELDS = [
    Field('key', required_on_update=True, validate=length(1, 100), no_log=False),
    # a secret only when hidden: the module then masks it (no_log_values)
    Field('value', required_on_update=True, update_from='params', write_only=value_is_secret, no_log=False,
          compare=value_differs, validate=length(0, 21504), kept_secret_by=lambda current: current.get('hidden')),
    Field('target', required_on_update=True, choices=VARIABLE_TARGETS),
    Field('type', required_on_update=True, create_default='variable', choices=VARIABLE_TYPES),
    Field('hidden', required_on_update=True, create_default=False, type='bool'),
    Field('description', validate=length(0, 255)),
]

VARIABLE = devopness(
    'variable',
    scope='resource',
    list_path='/variables/{resource_type}/{resource_id}',
    item_path='/variables/{id}',
    key=['target', 'key'],
    key_kept_unique=True,  # "The unique key used to identify the variable on the target" (VariableCreate)
    listed_full=True,
    list_params={'include_virtual_variables': 'false'},
    fields=VARIABLE_FIELDS,
    options=dict(
        resource_type=dict(type='str', required=True, choices=VARIABLE_RESOURCE_TYPES),
        resource=dict(type='str'),
        **parent_options('project', 'environment', 'organization')
    ),
    # the items of a ``variables`` list may each name their resource instead
    option_rules=dict(required_one_of=[('resource', 'variables')]),
    bulk='variables',
    bulk_parents=('resource_type', 'resource'),
)

#: the resource a pipeline belongs to, and where to find it
PIPELINE_OWNER_OPTIONS = dict(resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES), resource=dict(type='str'),
                              **parent_options('organization', 'project', 'environment'))

STEP_OPTIONS = dict(
    name=dict(type='str', required=True),
    command=dict(type='str', required=True),
    runner=dict(type='str', default='custom', choices=['custom', 'composer', 'npm', 'pip', 'yarn']),
    run_as_user=dict(type='str'),
    type=dict(type='str'),
    description=dict(type='str'),
)

PIPELINE = devopness(
    'pipeline',
    scope='resource',
    list_path='/pipelines/{resource_type}/{resource_id}',
    item_path='/pipelines/{id}',
    key=['operation', 'name'],
    info_full=True,
    fields=[
        Field('name', required_on_update=True, validate=length(3, 80)),
        Field('operation', create_only=True, validate=length(1, 20)),
        Field('max_parallel_actions', validate=between(0, 10), type='int'),
        Field('trigger_when', type='dict'),
    ],
    children=[
        ChildList(
            option='steps',
            options=STEP_OPTIONS,
            read='steps',
            key='name',
            position='trigger_order',
            add='/pipelines/{id}/steps',
            update='/pipelines/{id}/steps/{child}',
            remove='/pipelines/{id}/steps/{child}/unlink',
            # A step moves right after the step whose ``trigger_order`` it names (0: the first place).
            move=lambda previous: {'trigger_after': previous['trigger_order'] if previous else 0},
            required_on_update=('command', 'runner'),
            fixed=lambda step: bool(step.get('is_default_step')),
            fixed_result='default_steps',
            label=('name', 'command'),
        ),
    ],
    options=PIPELINE_OWNER_OPTIONS,
    option_rules=dict(required_together=[('resource_type', 'resource')], required_one_of=[('resource', 'id')]),
    bulk='pipelines',
    bulk_parents=('resource_type', 'resource'),
)


def hook_type(hook):
    """Responses say ``in``/``out``; paths and the option say ``incoming``/``outgoing``."""
    return HOOK_TYPES.get(hook.get('type'), hook.get('type'))


HOOK = devopness(
    'hook',
    scope='pipeline',
    list_path='/pipelines/{pipeline_id}/hooks',
    create_path='/pipelines/{pipeline_id}/hooks/{hook_type}',
    item_path='/hooks/{hook_type}/{id}',
    id_kind='uuid',
    key=['type', 'name'],
    path_values=lambda params: {'hook_type': params.get('type')},
    returned_once=('secret',),
    fields=[
        Field('name', required_on_update=True, validate=length(1, 60)),
        Field('type', read=hook_type, send=False, required=True, choices=['incoming', 'outgoing']),
        Field('active', type='bool'),
        Field('target_url', validate=http_url_problem),
        Field('requires_secret', type='bool', no_log=False),
        Field('secret_algorithm', validate=length(1, 20), no_log=False),
        Field('secret_header_name', validate=length(1, 64), no_log=False),
        Field('trigger_when', type='dict'),
        Field('settings', type='dict'),
    ],
    options=dict(pipeline=dict(type='str'), pipeline_operation=dict(type='str'), **PIPELINE_OWNER_OPTIONS),
    option_rules=dict(required_together=[('resource_type', 'resource')], required_one_of=[('name', 'id')]),
)
#: the hooks of every pipeline of an application (``devopness_hook_info`` without a pipeline)
APPLICATION_HOOKS = HOOK.variant(scope='resource', list_path='/applications/{resource_id}/hooks')
