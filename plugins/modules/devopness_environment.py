#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_environment
short_description: Manage Devopness environments
version_added: 0.1.0
description:
  - Create, update, archive, unarchive and delete environments of a Devopness project.
  - An environment is found by its O(name) inside O(project), or by O(id). Archived environments are
    found too (the API lists them apart), so an archived environment is never created a second time.
notes:
  - Devopness does not keep environment names unique. When several hosts of a play run this task for the same environment at the
    same time (forks), each may find none and create one; run it once (C(run_once=true), or C(throttle=1)),
    for example from C(localhost). Objects whose names Devopness keeps unique (applications, variables, SSH keys...)
    converge safely from parallel runs, since a create refused as already taken converges the object another run created.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  name:
    description:
      - Name of the environment, its natural key inside O(project). Required unless O(id) is given.
      - Changing the name of an existing environment needs O(id).
      - At most 60 characters.
    type: str
  id:
    description:
      - ID of an existing environment. With O(id), O(name) is the name to set and O(project) is not needed.
  project:
    description:
      - Name or ID of the project the environment belongs to. Required unless O(id) is given.
    type: str
  type:
    description:
      - Kind of environment. Required to create one.
    type: str
    choices: [development, staging, production]
  description:
    description:
      - Free text describing the environment (at most 255 characters).
    type: str
  archived:
    description:
      - V(true) archives the environment, V(false) unarchives it; unset leaves it as it is.
      - Archiving and unarchiving happen after the environment is created or updated.
    type: bool
  credentials:
    description:
      - Names or IDs of the organization's credentials linked to the environment (the cloud credentials its
        servers are provisioned with, the source credentials its applications are deployed from).
      - The environment is linked to exactly these credentials; when not set, its links are left as they are.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the environment, V(absent) deletes it (with everything it contains).
    choices: [present, absent]'''

EXAMPLES = r'''
- name: Create a staging environment
  deployops.platforms.devopness_environment:
    project: webshop
    name: staging
    type: staging
    description: Pre-production
    api_token: "{{ vault_devopness_token }}"

- name: Archive it
  deployops.platforms.devopness_environment:
    project: webshop
    name: staging
    archived: true

- name: Rename an environment found by id
  deployops.platforms.devopness_environment:
    id: 12
    name: qa

- name: Delete an environment
  deployops.platforms.devopness_environment:
    project: webshop
    name: qa
    state: absent
'''

RETURN = r'''
environment:
  description: The environment as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Environment ID.
      type: int
      sample: 12
    name:
      description: Environment name.
      type: str
      sample: staging
    type:
      description: Kind of environment.
      type: str
      sample: staging
    type_human_readable:
      description: Human readable form of RV(environment.type).
      type: str
      sample: Staging
    description:
      description: The environment's description.
      type: str
      sample: Pre-production
    is_archived:
      description: Whether the environment is archived.
      type: bool
      sample: false
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    updated_at:
      description: Time of the last change (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    credentials:
      description: The credentials linked to the environment (C(id), C(name), C(provider)...); present when O(credentials) is set.
      type: list
      elements: dict
      sample: [{"id": 3, "name": "hetzner-main"}]
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    ENVIRONMENT, ENVIRONMENT_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(ENVIRONMENT, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=ENVIRONMENT_TYPES),
        description=dict(type='str'),
        archived=dict(type='bool'),
        **parent_options('project', 'organization')
    ), required_one_of=[('name', 'id'), ('project', 'id')])
    run_resource(module, ENVIRONMENT)


if __name__ == '__main__':
    main()
