#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_ssh_key_info
short_description: List Devopness SSH keys
version_added: 0.1.0
description:
  - List the SSH keys of an environment, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.devopness.ACTIONGROUPS
  - deployops.platforms.attributes.INFO_MODULE
  - deployops.platforms.devopness.ENVIRONMENT_FILTER
  - deployops.platforms.devopness.PROJECT_OF_ENVIRONMENT
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  id:
    description:
      - Return only the SSH key with this ID (its full representation, with its C(servers)).
    type: str
  name:
    description:
      - Return only the SSH keys with this exact name.
    type: str
'''

EXAMPLES = r'''
- name: List the SSH keys of an environment
  deployops.platforms.devopness_ssh_key_info:
    project: webshop
    environment: production
  register: result

- name: Get one SSH key by name
  deployops.platforms.devopness_ssh_key_info:
    project: webshop
    environment: production
    name: ci-deploy
  register: result
'''

RETURN = r'''
ssh_keys:
  description:
    - The matching SSH keys (never with their public key). Listed keys are the API's list items, which have no
      C(servers); with O(id), the full key.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: SSH key ID.
      type: int
      sample: 9
    name:
      description: Key name.
      type: str
      sample: ci-deploy
    fingerprint:
      description: The key's fingerprint, as the API computes it.
      type: str
      sample: "SHA256:W/eO/+Oco43WJjJpwFZiUttFuE4kKh0sTHMZBQLRWfU"
    last_action:
      description: The key's most recent action, with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SSH_KEY, dict(
        name=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, SSH_KEY)


if __name__ == '__main__':
    main()
