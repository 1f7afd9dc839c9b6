# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each dployr module offers every field of the dployr Base request bodies it sends (base-openapi.yaml in
../shared/reference/dployr/), except the few left out on purpose below. The deployment body is read from the
document's ``payload`` (Base reads it flat)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


import pytest
import yaml

from ansible_collections.deployops.platforms.tests.unit.module_docs import (
    documentation, resource_module_names, vendor_document)


# module: [(path, method, where the fields are: None for the body, or a property of it)]
OPERATIONS = {
    'dployr_service': [('/v1/deployments', 'post', 'payload'), ('/v1/services/{serviceId}', 'patch', None)],
    'dployr_instance': [('/v1/instances', 'post', None)],
    'dployr_domain': [('/v1/domains', 'post', None)],
    'dployr_notification': [('/v1/notifications/discord/setup', 'post', None),
                            ('/v1/notifications/webhook/setup', 'post', None),
                            ('/v1/notifications/email/setup', 'post', None)],
}

# Fields the modules fill in themselves or leave out on purpose, and why.
LEFT_OUT = {
    'clusterId': 'the cluster option, resolved by name or id',
    'instanceName': 'the instance option (a tag or id), or the only application instance',
    'keep_secret_keys': 'secrets is the complete set: none is kept from before',
    'force_rebuild': 'a one-shot flag: a task that rebuilds an unchanged service on every run is not idempotent',
    'remote': 'remote_url, remote_branch and remote_commit_hash',
    'webhookUrl': 'webhook_url',
    'enabled': 'state (present enables, absent disables)',
}


@pytest.fixture(scope='module')
def spec():
    with open(vendor_document('dployr', 'base-openapi.yaml')) as handle:
        return yaml.safe_load(handle)


def request_fields(spec, path, method, inside):
    schema = spec['paths'][path][method]['requestBody']['content']['application/json']['schema']
    if inside:
        schema = schema['properties'][inside]
    return set(schema.get('properties', {}))


@pytest.mark.parametrize('module', sorted(OPERATIONS))
def test_module_offers_every_request_field(module, spec):
    wanted = set()
    for path, method, inside in OPERATIONS[module]:
        wanted |= request_fields(spec, path, method, inside)
    options = set(documentation(module)['options'])
    missing = sorted(field for field in wanted if field not in options and field not in LEFT_OUT)
    assert missing == [], '%s lacks options for %s' % (module, ', '.join(missing))


def test_every_dployr_resource_module_is_checked():
    modules = resource_module_names('dployr')
    assert sorted(set(modules) - set(OPERATIONS)) == []
