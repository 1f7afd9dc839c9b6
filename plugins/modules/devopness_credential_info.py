#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_credential_info
short_description: List Devopness credentials
version_added: 0.1.0
description:
  - List the credentials of an organization, the credentials linked to an environment (O(project) and O(environment)),
    or get one credential by O(id).
  - Credential settings are secret and never returned.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.resource.NAME_FILTER
options:
  organization:
    description:
      - ID or URL slug of the organization whose credentials to list.
      - Required when the token can access more than one organization and O(environment) is not given.
    type: str
  project:
    description:
      - Name or ID of the project of O(environment), to find the environment by name.
    type: str
  environment:
    description:
      - Name or ID of an environment; list only the credentials linked to it instead of the organization's.
    type: str
  provider_code:
    description:
      - Return only credentials of this provider.
    type: str
    choices: [aws, azure, bitbucket, digitalocean, gcp, github, gitlab, hetzner]
  provider_type:
    description:
      - Return only credentials of this kind of provider.
    type: str
    choices: [cloud_provider, source_provider]
'''

EXAMPLES = r'''
- name: List the organization's cloud credentials
  deployops.platforms.devopness_credential_info:
    organization: acme
    provider_type: cloud_provider
  register: result

- name: List the credentials linked to an environment
  deployops.platforms.devopness_credential_info:
    project: webshop
    environment: production
  register: result
'''

RETURN = r'''
credentials:
  description:
    - The matching credentials (list items of the API, or the full credential when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_credential#module:credential) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    CREDENTIAL, ENVIRONMENT_CREDENTIALS, PROVIDER_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(CREDENTIAL, dict(
        name=dict(type='str'),
        provider_code=dict(type='str', choices=sorted(PROVIDER_TYPES)),
        provider_type=dict(type='str', choices=['cloud_provider', 'source_provider']),
        **parent_options('organization', 'project', 'environment')
    ))
    resource = ENVIRONMENT_CREDENTIALS if module.params['environment'] is not None else CREDENTIAL
    run_info(module, resource, filters=['name', 'provider_code', 'provider_type'])


if __name__ == '__main__':
    main()
