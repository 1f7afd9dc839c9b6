#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_ssh_command
short_description: Manage DeployHQ SSH commands (run on servers before or after the changes are deployed)
version_added: 0.1.0
description:
  - Create, update and delete the SSH commands of a DeployHQ project.
  - An SSH command is found by its exact O(description) inside O(project) (DeployHQ has no other name for it), or by
    O(id) (its identifier, a UUID).
  - Commands run in O(position) order within their O(cback) stage.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.deployhq.PROJECT_REQUIRED
  - deployops.platforms.deployhq.TARGETS
options:
  description:
    description:
      - What the command does; its natural key. Required unless O(id) is given.
    type: str
  command:
    description:
      - The shell command. Required to create one.
    type: str
  cback:
    description:
      - Run it before the changed files are uploaded, or after.
    type: str
    choices: [before_changes, after_changes]
  timing:
    description:
      - On which servers of a deployment it runs (all of them, the first one, or all but the first).
    type: str
    choices: [all, first, after_first]
  command_timeout:
    description:
      - Seconds the command may run (the API's C(timeout); O(timeout) is the connection option).
    type: int
    choices: [300, 1800, 3600, 5400]
  halt_on_error:
    description:
      - Stop the deployment when the command fails.
    type: bool
  position:
    description:
      - Its place among the commands of its stage (1 runs first).
    type: int
  enabled:
    description:
      - Whether the command runs.
    type: bool
'''

EXAMPLES = r'''
- name: Migrate the database on the first web server after the upload
  deployops.platforms.deployhq_ssh_command:
    project: Shop
    description: Migrate the database
    command: cd %path% && bin/rails db:migrate
    cback: after_changes
    timing: first
    servers: [web]
    position: 1

- name: Remove it
  deployops.platforms.deployhq_ssh_command:
    project: Shop
    description: Migrate the database
    state: absent
'''

RETURN = r'''
ssh_command:
  description: The SSH command as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    description:
      description: Description.
      type: str
      sample: Migrate the database
    command:
      description: The command.
      type: str
      sample: bin/rails db:migrate
    cback:
      description: Stage.
      type: str
      sample: after_changes
    timing:
      description: Which servers it runs on.
      type: str
      sample: first
    timeout:
      description: Seconds it may run.
      type: int
      sample: 300
    position:
      description: Order in its stage.
      type: int
      sample: 1
    halt_on_error:
      description: Whether a failure stops the deployment.
      type: bool
      sample: true
    enabled:
      description: Whether it runs.
      type: bool
      sample: true
    servers:
      description: The servers it runs on.
      type: list
      elements: dict
      sample: [{"identifier": "6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11", "name": "web-1"}]
    all_servers:
      description: Whether it runs on every server of the project (derived by the module).
      type: bool
      sample: false
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSH_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str'),
        command=dict(type='str'),
        cback=dict(type='str', choices=['before_changes', 'after_changes']),
        timing=dict(type='str', choices=['all', 'first', 'after_first']),
        command_timeout=dict(type='int', choices=[300, 1800, 3600, 5400]),
        halt_on_error=dict(type='bool'),
        position=dict(type='int'),
        enabled=dict(type='bool'),
        servers=dict(type='list', elements='str'),
        all_servers=dict(type='bool'),
    ), required_one_of=[('description', 'id')])
    run_resource(module, SSH_COMMAND)


if __name__ == '__main__':
    main()
