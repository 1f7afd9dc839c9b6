#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_server_info
short_description: List DeployHQ servers
version_added: 0.1.0
description:
  - List the servers of a project, or get one by O(id) or by exact O(name) and O(protocol_type) and O(environment).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose servers to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
  name:
    description:
      - Return only the server with this exact name.
    type: str
  protocol_type:
    description:
      - Return only the servers of this protocol (for example C(ssh)).
    type: str
  environment:
    description:
      - Return only the servers with this environment label.
    type: str
'''

EXAMPLES = r'''
- name: List the servers
  deployops.platforms.deployhq_server_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_server_info:
    project: Shop
    name: web-1
  register: result
'''

RETURN = r'''
servers:
  description:
    - The matching servers.
    - Each element has the keys that RV(deployops.platforms.deployhq_server#module:server) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SERVER, dict(
        project=dict(type='str', required=True),
        name=dict(type='str'),
        protocol_type=dict(type='str'),
        environment=dict(type='str')
    ))
    run_info(module, SERVER, filters=['name', 'protocol_type', 'environment'])


if __name__ == '__main__':
    main()
