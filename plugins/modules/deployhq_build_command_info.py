#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_build_command_info
short_description: List DeployHQ build commands
version_added: 0.1.0
description:
  - List the build commands of a project, or get one by O(id) or by exact O(description).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose build commands to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
  description:
    description:
      - Return only the command with this exact description.
    type: str
'''

EXAMPLES = r'''
- name: List the build commands
  deployops.platforms.deployhq_build_command_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_build_command_info:
    project: Shop
    description: Install dependencies
  register: result
'''

RETURN = r'''
build_commands:
  description:
    - The matching build commands.
    - Each element has the keys that RV(deployops.platforms.deployhq_build_command#module:build_command) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import BUILD_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(BUILD_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str')
    ))
    run_info(module, BUILD_COMMAND, filters=['description'])


if __name__ == '__main__':
    main()
