#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_environment_variable
short_description: Manage DeployHQ environment variables (project or account)
version_added: 0.1.0
description:
  - Create, update and delete environment variables of a DeployHQ project, or of the account with O(global=true).
  - A variable is found by its exact O(name) inside its scope, or by O(id) (its integer identifier).
  - The API never returns a value (only a mask), so O(value) is write-only; see O(update_secrets).
  - O(locked) is one-way in DeployHQ; the module refuses to unlock a variable, before any request, with a message
    that says how to do it (delete and re-create it).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  id:
    description:
      - The variable's integer identifier (for example C(125)).
  project:
    description:
      - Name, permalink or identifier of the project the variable belongs to. Required unless O(global=true).
    type: str
  global:
    description:
      - Manage a variable of the account (C(/global_environment_variables)) rather than of O(project).
    type: bool
    default: false
  name:
    description:
      - Name of the variable, its natural key. A letter, then letters, digits or underscores (checked before any
        request). Required unless O(id) is given.
    type: str
  value:
    description:
      - The value. Required to create a variable. Write-only, never returned or shown.
    type: str
  locked:
    description:
      - Lock the variable, hiding its value from users of DeployHQ. Cannot be undone; O(locked=false) on a locked
        variable fails the task.
    type: bool
  build_pipeline:
    description:
      - Also give the variable to the build pipeline (DeployHQ's default is C(true)).
    type: bool
  update_secrets:
    description:
      - O(value) is never returned, so it cannot be compared with what DeployHQ holds.
      - V(on_create) sends it only when the variable is created (and with any other update of it).
      - V(always) also sends it when the variable exists, without reporting a change (the API does not say what
        it holds).
'''

EXAMPLES = r'''
- name: A secret for the build and the servers
  deployops.platforms.deployhq_environment_variable:
    project: Shop
    name: STRIPE_KEY
    value: "{{ vault_stripe_key }}"
    locked: true

- name: Rotate it (the value cannot be compared, so send it)
  deployops.platforms.deployhq_environment_variable:
    project: Shop
    name: STRIPE_KEY
    value: "{{ vault_stripe_key_2027 }}"
    update_secrets: always

- name: A variable of the account
  deployops.platforms.deployhq_environment_variable:
    global: true
    name: NODE_ENV
    value: production
'''

RETURN = r'''
environment_variable:
  description: The variable as the API returns it after the task (empty when deleted); never with its value.
  returned: always
  type: dict
  contains:
    identifier:
      description: The variable's integer identifier.
      type: int
      sample: 125
    name:
      description: Name.
      type: str
      sample: STRIPE_KEY
    masked_value:
      description: A mask of the value.
      type: str
      sample: "********"
    locked:
      description: Whether the variable is locked.
      type: bool
      sample: true
    build_pipeline:
      description: Whether the build pipeline gets it.
      type: bool
      sample: true
    created_at:
      description: Creation time (ISO 8601).
      type: str
      sample: "2026-12-06T04:00:00+00:00"
    updated_at:
      description: Last change (ISO 8601).
      type: str
      sample: "2026-12-06T04:00:00+00:00"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import (
    ENVIRONMENT_VARIABLE, GLOBAL_ENVIRONMENT_VARIABLE)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(ENVIRONMENT_VARIABLE, dict(
        project=dict(type='str'),
        name=dict(type='str'),
        value=dict(type='str', no_log=True),
        locked=dict(type='bool'),
        build_pipeline=dict(type='bool'),
        **{'global': dict(type='bool', default=False)}
    ), required_one_of=[('name', 'id')])
    run_resource(module, GLOBAL_ENVIRONMENT_VARIABLE if module.params['global'] else ENVIRONMENT_VARIABLE)


if __name__ == '__main__':
    main()
