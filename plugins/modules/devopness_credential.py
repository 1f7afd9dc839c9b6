#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_credential
short_description: Manage Devopness credentials
version_added: 0.1.0
description:
  - Create, update and delete the credentials of a Devopness organization, which give Devopness access to
    a cloud provider (AWS, Azure, DigitalOcean, Google Cloud, Hetzner) or a source provider (GitHub, GitLab, Bitbucket).
  - A credential is found by its O(name) in O(organization) (only among credentials of O(provider_code) when it is given),
    or by O(id).
  - The provider's secret O(settings) are never returned by the API, so they are not compared; they are sent on create,
    and on update only with O(update_secrets=always).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  name:
    description:
      - Name of the credential, its natural key inside O(organization). Required unless O(id) is given.
      - Changing the name of an existing credential needs O(id). At most 60 characters.
    type: str
  organization:
    description:
      - ID or URL slug of the organization the credential belongs to.
      - Required when the token can access more than one organization.
    type: str
  provider_code:
    description:
      - The provider the credential is for. Required to create a credential.
      - When given, only credentials of this provider are matched by O(name).
      - Cannot be changed on an existing credential (see O(recreate)).
    type: str
    choices: [aws, azure, bitbucket, digitalocean, gcp, github, gitlab, hetzner]
  provider_type:
    description:
      - Kind of provider. When not set, a new credential gets the type of O(provider_code)
        (V(source_provider) for V(github), V(gitlab) and V(bitbucket), V(cloud_provider) otherwise).
      - Cannot be changed on an existing credential (see O(recreate)).
    type: str
    choices: [cloud_provider, source_provider]
  active:
    description:
      - Whether the credential is active. When not set, a new credential is created active
        and an existing one is not compared.
      - The API cannot change it on an existing credential (see O(recreate)).
    type: bool
  settings:
    description:
      - The provider's secret settings, sent to the API as C(settings.credential). Required to create a credential.
      - V(aws) takes C(access_key_id) and C(secret_access_key); V(azure) C(tenant_id), C(subscription_id), C(client_id)
        and C(client_secret); V(digitalocean) and V(hetzner) C(api_token); V(gcp) C(service_account_key);
        source providers C(auth_type) (V(oauth), V(application) or V(api_credentials)) and optionally
        C(callback_code), C(installation_id) and C(setup_action).
      - Write-only, never returned and never compared; see O(update_secrets).
    type: dict
  recreate:
    description:
      - Delete and re-create the credential when O(provider_code), O(provider_type) or O(active) differ,
        which the API cannot update. Without it such a change fails. O(settings) must be given.
  update_secrets:
    description:
      - V(on_create) sends O(settings) only when creating the credential.
      - V(always) also sends them in an update of an existing credential. This never reports a change by itself,
        since the API does not say which settings it holds.'''

EXAMPLES = r'''
- name: Add a Hetzner credential
  deployops.platforms.devopness_credential:
    organization: acme
    name: hetzner-main
    provider_code: hetzner
    settings:
      api_token: "{{ vault_hetzner_token }}"
    api_token: "{{ vault_devopness_token }}"

- name: Rotate the AWS keys of a credential
  deployops.platforms.devopness_credential:
    name: aws-prod
    provider_code: aws
    settings:
      access_key_id: "{{ vault_aws_key_id }}"
      secret_access_key: "{{ vault_aws_secret }}"
    update_secrets: always

- name: Delete a credential
  deployops.platforms.devopness_credential:
    name: hetzner-main
    state: absent
'''

RETURN = r'''
credential:
  description: The credential as the API returns it after the task (empty when deleted). Its settings are never returned.
  returned: always
  type: dict
  contains:
    id:
      description: Credential ID.
      type: int
      sample: 7
    name:
      description: Credential name.
      type: str
      sample: hetzner-main
    active:
      description: Whether the credential is active.
      type: bool
      sample: true
    provider:
      description: The provider, with its C(code), C(code_human_readable), C(type) and C(active).
      type: dict
      sample: {"code": "hetzner", "code_human_readable": "Hetzner", "type": "cloud_provider", "active": true}
    provider_type:
      description: Kind of provider.
      type: str
      sample: cloud_provider
    provider_auth_type:
      description: How Devopness authenticates to the provider.
      type: str
      sample: api_credentials
    organization:
      description: The organization that owns the credential.
      type: dict
      sample: {"id": 1, "name": "Acme", "url_slug": "acme"}
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import CREDENTIAL, PROVIDER_TYPES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(CREDENTIAL, dict(
        name=dict(type='str'),
        provider_code=dict(type='str', choices=sorted(PROVIDER_TYPES)),
        provider_type=dict(type='str', choices=['cloud_provider', 'source_provider']),
        active=dict(type='bool'),
        settings=dict(type='dict', no_log=True),
        **parent_options('organization')
    ), required_one_of=[('name', 'id')])
    run_resource(module, CREDENTIAL)


if __name__ == '__main__':
    main()
