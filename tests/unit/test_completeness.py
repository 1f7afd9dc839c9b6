# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each Devopness resource module offers every field of the vendor's create and update request schemas
(the OpenAPI document in ../shared/reference/devopness/), except the few left out on purpose below."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.deployops.platforms.tests.unit.module_docs import (
    documentation, resource_module_names, vendor_document)


# module: (create operationId, update operationId or None)
OPERATIONS = {
    'devopness_project': ('addOrganizationProject', 'updateProject'),
    'devopness_environment': ('addProjectEnvironment', 'updateEnvironment'),
    'devopness_credential': ('addOrganizationCredential', 'updateCredential'),
    'devopness_server': ('addEnvironmentServer', 'updateServer'),
    'devopness_application': ('addEnvironmentApplication', 'updateApplication'),
    'devopness_variable': ('addVariable', 'updateVariable'),
    'devopness_daemon': ('addEnvironmentDaemon', 'updateDaemon'),
    'devopness_virtual_host': ('addEnvironmentVirtualHost', 'updateVirtualHost'),
    'devopness_ssl_certificate': ('addEnvironmentSslCertificate', None),
    'devopness_service': ('addEnvironmentService', 'updateService'),
    'devopness_cron_job': ('addEnvironmentCronJob', 'updateCronJob'),
    'devopness_ssh_key': ('addEnvironmentSshKey', 'updateSshKey'),
    'devopness_network_rule': ('addEnvironmentNetworkRule', 'updateNetworkRule'),
    'devopness_pipeline': ('addPipeline', 'updatePipeline'),
    'devopness_hook': ('addPipelineHook', 'updateHook'),
    'devopness_deployment': ('addApplicationDeployment', None),
    'devopness_pipeline_run': ('addPipelineAction', None),
}

# Fields left out on purpose, and why.
LEFT_OUT = {
    # Links are made after creation through the resource-links endpoints by the `servers` option,
    # which also reconciles them on later runs; linking at creation time only would be a second way.
    'linked_resources': 'replaced by the servers option',
    # A base64 image upload; logo_url covers the need without putting binary data in playbooks.
    'logo_image': 'logo_url instead',
}


@pytest.fixture(scope='module')
def request_fields():
    with open(vendor_document('devopness', 'openapi.json')) as handle:
        spec = json.load(handle)
    schemas = spec['components']['schemas']
    fields = {}
    for item in spec['paths'].values():
        for operation in item.values():
            if not isinstance(operation, dict) or 'operationId' not in operation:
                continue
            schema = operation.get('requestBody', {}).get('content', {}).get('application/json', {}).get('schema', {})
            if '$ref' in schema:
                schema = schemas[schema['$ref'].rsplit('/', 1)[1]]
            fields[operation['operationId']] = set(schema.get('properties', {}))
    return fields


def documented_options(module):
    """The options the module documents, including those of the doc fragments it extends."""
    return set(documentation(module)['options'])


@pytest.mark.parametrize('module', sorted(OPERATIONS))
def test_module_offers_every_request_field(module, request_fields):
    create, update = OPERATIONS[module]
    wanted = request_fields[create] | (request_fields[update] if update else set())
    wanted.discard('id')  # the path names the object; the engine puts it in update bodies
    options = documented_options(module)
    # A reference field is offered by name or id under the name without `_id` (credential_id → credential).
    missing = sorted(field for field in wanted
                     if field not in options and field[:-3] not in options and field not in LEFT_OUT)
    assert missing == [], '%s lacks options for %s' % (module, ', '.join(missing))


def test_every_resource_module_is_checked():
    modules = resource_module_names('devopness')
    unchecked = sorted(set(modules) - set(OPERATIONS) - {'devopness_action_wait'})
    assert unchecked == []
