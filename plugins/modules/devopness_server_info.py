#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_server_info
short_description: List Devopness servers
version_added: 0.1.0
description:
  - List the servers of a Devopness environment, optionally only those with a given O(hostname)
    or O(status), or get one server by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.ENVIRONMENT_FILTER
  - deployops.platforms.devopness.PROJECT_OF_ENVIRONMENT
options:
  hostname:
    description:
      - Return only the server with this exact hostname.
    type: str
  status:
    description:
      - Return only servers with this status.
    type: str
    choices: [pending, provisioning, provisioned, configuring, running, stopped, restarting, failed]
'''

EXAMPLES = r'''
- name: List the servers of an environment
  deployops.platforms.devopness_server_info:
    project: webshop
    environment: production
  register: result

- name: Find the stopped servers
  deployops.platforms.devopness_server_info:
    project: webshop
    environment: production
    status: stopped
  register: stopped

- name: Get one server by hostname
  deployops.platforms.devopness_server_info:
    project: webshop
    environment: production
    hostname: web-1
  register: result
'''

RETURN = r'''
servers:
  description:
    - The matching servers, as the API lists them (without C(provision_input)), or the full server when O(id) is given.
    - Each element has the keys that RV(deployops.platforms.devopness_server#module:server) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SERVER, SERVER_STATUSES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SERVER, dict(
        hostname=dict(type='str'),
        status=dict(type='str', choices=SERVER_STATUSES),
        **parent_options('environment', 'project')
    ), required_one_of=[('id', 'environment')])
    run_info(module, SERVER, filters=['hostname', 'status'])


if __name__ == '__main__':
    main()
