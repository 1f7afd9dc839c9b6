#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_virtual_host_info
short_description: List Devopness virtual hosts
version_added: 0.1.0
description:
  - List the virtual hosts of an environment, filtered by exact O(name) or O(type), or get one by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
  - deployops.platforms.resource.NAME_FILTER
options:
  type:
    description:
      - Return only the virtual hosts of this type.
    type: str
    choices: [name-based, ip-based]
'''

EXAMPLES = r'''
- name: List the virtual hosts of an environment
  deployops.platforms.devopness_virtual_host_info:
    project: webshop
    environment: production
  register: result

- name: Get one virtual host by name
  deployops.platforms.devopness_virtual_host_info:
    project: webshop
    environment: production
    name: shop.example.com
  register: result
'''

RETURN = r'''
virtual_hosts:
  description:
    - The matching virtual hosts (list items of the API, or the full virtual host when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_virtual_host#module:virtual_host) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    VIRTUAL_HOST, VIRTUAL_HOST_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(VIRTUAL_HOST, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=VIRTUAL_HOST_TYPES),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, VIRTUAL_HOST, filters=['name', 'type'])


if __name__ == '__main__':
    main()
