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
  - deployops.platforms.devopness.ACTIONGROUPS
  - deployops.platforms.attributes.INFO_MODULE
  - deployops.platforms.devopness.ENVIRONMENT_FILTER
  - deployops.platforms.devopness.PROJECT_OF_ENVIRONMENT
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  id:
    description:
      - Return only the virtual host with this ID (its full representation, with its servers).
    type: str
  name:
    description:
      - Return only the virtual host with this exact name.
    type: str
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
  description: The matching virtual hosts (list items of the API, or the full virtual host when O(id) is given).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Virtual host ID.
      type: int
      sample: 21
    name:
      description: The domain name (name-based) or IPv4 address and port (ip-based).
      type: str
      sample: shop.example.com
    type:
      description: V(name-based) or V(ip-based).
      type: str
      sample: name-based
    root_directory:
      description: The directory the virtual host serves.
      type: str
      sample: public
    application_listen_address:
      description: Where the application listens.
      type: str
      sample: http://127.0.0.1:8000
    application:
      description: The application the virtual host serves, or null.
      type: dict
      sample: {"id": 34, "name": "storefront"}
    ssl_certificate:
      description: The virtual host's SSL certificate, or null.
      type: dict
      sample: {"id": 5, "issuer": "lets-encrypt"}
    last_action:
      description: The newest action of the virtual host, or null.
      type: dict
      sample: {"id": 90, "type": "deploy", "status": "completed"}
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
