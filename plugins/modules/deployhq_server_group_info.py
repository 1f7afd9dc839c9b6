#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_server_group_info
short_description: List DeployHQ server groups
version_added: 0.1.0
description:
  - List the server groups of a project, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose server groups to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
  name:
    description:
      - Return only the group with this exact name.
    type: str
'''

EXAMPLES = r'''
- name: List the server groups
  deployops.platforms.deployhq_server_group_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_server_group_info:
    project: Shop
    name: web
  register: result
'''

RETURN = r'''
server_groups:
  description:
    - The matching server groups.
    - Each element has the keys that RV(deployops.platforms.deployhq_server_group#module:server_group) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SERVER_GROUP
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SERVER_GROUP, dict(
        project=dict(type='str', required=True),
        name=dict(type='str')
    ))
    run_info(module, SERVER_GROUP, filters=['name'])


if __name__ == '__main__':
    main()
