#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_ssh_command_info
short_description: List DeployHQ SSH commands
version_added: 0.1.0
description:
  - List the SSH commands of a project, or get one by O(id) or by exact O(description).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose SSH commands to list.
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
- name: List the SSH commands
  deployops.platforms.deployhq_ssh_command_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_ssh_command_info:
    project: Shop
    description: Migrate the database
  register: result
'''

RETURN = r'''
ssh_commands:
  description:
    - The matching SSH commands.
    - Each element has the keys that RV(deployops.platforms.deployhq_ssh_command#module:ssh_command) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SSH_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str')
    ))
    run_info(module, SSH_COMMAND, filters=['description'])


if __name__ == '__main__':
    main()
