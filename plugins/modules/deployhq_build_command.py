#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_build_command
short_description: Manage DeployHQ build commands (run in the build pipeline before files are deployed)
version_added: 0.1.0
description:
  - Create, update and delete the build commands of a DeployHQ project.
  - A build command is found by its exact O(description) inside O(project), or by O(id) (its identifier, a UUID;
    the API addresses build commands by UUID, not by their integer id).
  - O(command) is sent with every update, as the API requires.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  description:
    description:
      - What the command does; its natural key. Required unless O(id) is given.
    type: str
  command:
    description:
      - The shell command. Required to create one.
    type: str
  halt_on_error:
    description:
      - Stop the build when the command fails.
    type: bool
  enabled:
    description:
      - Whether the command runs.
    type: bool
  template_name:
    description:
      - Name of the DeployHQ build command template it comes from.
    type: str
  watch_files:
    description:
      - Files (glob patterns) whose change makes the command run; it runs on every build when empty.
    type: str
'''

EXAMPLES = r'''
- name: Install the dependencies
  deployops.platforms.deployhq_build_command:
    project: Shop
    description: Install dependencies
    command: npm ci
    watch_files: package-lock.json
'''

RETURN = r'''
build_command:
  description: The build command as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    id:
      description: Integer id.
      type: int
      sample: 7
    description:
      description: Description.
      type: str
      sample: Install dependencies
    command:
      description: The command.
      type: str
      sample: npm ci
    position:
      description: Order in the build.
      type: int
      sample: 1
    halt_on_error:
      description: Whether a failure stops the build.
      type: bool
      sample: true
    enabled:
      description: Whether it runs.
      type: bool
      sample: true
    watch_files:
      description: Files whose change makes it run.
      type: str
      sample: package-lock.json
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import BUILD_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(BUILD_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str'),
        command=dict(type='str'),
        halt_on_error=dict(type='bool'),
        enabled=dict(type='bool'),
        template_name=dict(type='str'),
        watch_files=dict(type='str'),
    ), required_one_of=[('description', 'id')])
    run_resource(module, BUILD_COMMAND)


if __name__ == '__main__':
    main()
