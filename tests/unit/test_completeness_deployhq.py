# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each DeployHQ module offers every field of the vendor's create and update request bodies (the
OpenAPI document in ../shared/reference/deployhq/: the fields of the root object and its top-level
siblings), under the API's name or the option name below, except the few left out on purpose."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.deployops.platforms.tests.unit.module_docs import (
    documentation, resource_module_names, vendor_document)


# module: operationIds whose request bodies it covers
OPERATIONS = {
    'deployhq_project': ('createProject', 'replaceProject', 'createProjectRepository', 'replaceProjectRepository'),
    'deployhq_server': ('createProjectServer', 'replaceProjectServer'),
    'deployhq_server_group': ('createProjectServerGroup', 'replaceProjectServerGroup'),
    'deployhq_config_file': ('createProjectConfigFile', 'replaceProjectConfigFile', 'createGlobalConfigFile'),
    'deployhq_environment_variable': ('createProjectEnvironmentVariable', 'replaceProjectEnvironmentVariable',
                                      'createGlobalEnvironmentVariable'),
    'deployhq_ssh_command': ('createProjectSshCommand', 'replaceProjectSshCommand'),
    'deployhq_build_command': ('createProjectBuildCommand', 'replaceProjectBuildCommand'),
    'deployhq_excluded_file': ('createProjectExcludedFile', 'replaceProjectExcludedFile'),
    'deployhq_integration': ('createProjectIntegration', 'replaceProjectIntegration'),
    'deployhq_ssh_key': ('createSshKey',),
    'deployhq_scheduled_deployment': ('createProjectScheduledDeployment', 'replaceProjectScheduledDeployment'),
    'deployhq_deployment': ('createProjectDeployment',),
    'deployhq_auto_deployment': ('createProjectAutoDeployment',),
}

# API field -> the option that sets it, where the names differ (references by name, or an option name the
# credential and connection options already take)
OPTION_FOR = {
    'zone_id': 'zone', 'keypair_identifier': 'ssh_key', 'template_id': 'template',
    'server_group_identifier': 'server_group', 'global_key_pair_id': 'global_key_pair',
    'server_identifier': 'server', 'parent_identifier': 'server', 'timeout': 'command_timeout',
    'deployables': 'servers',
}
# the repository's fields are sub-options of deployhq_project's repository option
SUBOPTIONS = {'deployhq_project': 'repository'}

# Fields left out on purpose, and why.
LEFT_OUT = {
    # A private key in playbook variables, never returned and so never comparable; an account key pair
    # (ssh_key, managed by deployhq_ssh_key) gives a project its key instead.
    ('deployhq_project', 'custom_private_key'): 'ssh_key instead',
    # Deferred and recurring deployments are managed as objects by deployhq_scheduled_deployment.
    ('deployhq_deployment', 'schedule'): 'deployhq_scheduled_deployment instead',
    ('deployhq_deployment', 'use_latest'): 'a schedule setting: deployhq_scheduled_deployment',
    # only_if_changed decides before anything is started, and says so; the API's flag decides later, silently.
    ('deployhq_deployment', 'skip_if_not_changes'): 'only_if_changed instead',
    # Whether to store the branch on the server, and an AI-written summary: not deployment parameters.
    ('deployhq_deployment', 'save_server_branch'): 'not a deployment parameter',
    ('deployhq_deployment', 'deployment_overview'): 'not a deployment parameter',
}


@pytest.fixture(scope='module')
def request_fields():
    with open(vendor_document('deployhq', 'openapi.json')) as handle:
        spec = json.load(handle)

    def deref(node):
        while isinstance(node, dict) and '$ref' in node:
            target = spec
            for part in node['$ref'][2:].split('/'):
                target = target[part]
            node = target
        return node

    fields = {}
    for item in spec['paths'].values():
        for operation in item.values():
            if not isinstance(operation, dict) or 'operationId' not in operation:
                continue
            body = deref(operation.get('requestBody') or {})
            schema = deref(body.get('content', {}).get('application/json', {}).get('schema') or {})
            names = set()
            for key, value in (schema.get('properties') or {}).items():
                inner = deref(value)
                if inner.get('properties') and key in ('project', 'server', 'server_group', 'config_file', 'command',
                                                       'environment_variable', 'build_command', 'excluded_file',
                                                       'integration', 'key_pair', 'scheduled_deployment', 'deployment',
                                                       'repository'):
                    names.update(inner['properties'])
                else:
                    names.add(key)
            fields[operation['operationId']] = names
    return fields


def offered(module):
    options = documentation(module)['options']
    names = set(options)
    parent = SUBOPTIONS.get(module)
    if parent:
        names.update(options[parent].get('suboptions') or {})
    return names


@pytest.mark.parametrize('module', sorted(OPERATIONS))
def test_module_offers_every_request_field(module, request_fields):
    wanted = set()
    for operation in OPERATIONS[module]:
        wanted |= request_fields[operation]
    options = offered(module)
    missing = sorted(field for field in wanted if field not in options and OPTION_FOR.get(field) not in options
                     and (module, field) not in LEFT_OUT)
    assert missing == [], '%s lacks options for %s' % (module, ', '.join(missing))


def test_every_left_out_field_is_really_in_the_vendor_document(request_fields):
    for module, field in LEFT_OUT:
        assert any(field in request_fields[operation] for operation in OPERATIONS[module]), (module, field)


def test_every_deployhq_resource_module_is_checked():
    modules = resource_module_names('deployhq')
    assert sorted(set(modules) - set(OPERATIONS)) == []
