#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_service_info
short_description: List Devopness services
version_added: 0.1.0
description:
  - List the services of an environment, filtered by exact O(name), O(type) or O(version), or get one by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
options:
  name:
    description:
      - Return only the services with this exact name (the platform generates it).
    type: str
  type:
    description:
      - Return only the services of this type.
    type: str
    choices: [docker, mysql, newrelic-infra, nginx, php, postgresql, redis, supervisor, ufw]
  version:
    description:
      - Return only the services of this version.
    type: str
'''

EXAMPLES = r'''
- name: List the services of an environment
  deployops.platforms.devopness_service_info:
    project: webshop
    environment: production
  register: result

- name: Find the Redis services
  deployops.platforms.devopness_service_info:
    project: webshop
    environment: production
    type: redis
  register: result
'''

RETURN = r'''
services:
  description:
    - The matching services (list items of the API, or the full service, with its servers, when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_service#module:service) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SERVICE, SERVICE_TYPES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SERVICE, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=SERVICE_TYPES),
        version=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, SERVICE, filters=['name', 'type', 'version'])


if __name__ == '__main__':
    main()
