#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_project
short_description: Manage Devopness projects
version_added: 0.1.0
description:
  - Create, update and delete projects in a Devopness organization.
  - A project is found by its O(name) (inside O(organization) when given), or by O(id).
notes:
  - Devopness does not keep project names unique. When several hosts of a play run this task for the same project at the
    same time (forks), each may find none and create one; run it once (C(run_once=true), or C(throttle=1)),
    for example from C(localhost). Objects whose names Devopness keeps unique (applications, variables, SSH keys...)
    converge safely from parallel runs, since a create refused as already taken converges the object another run created.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
options:
  name:
    description:
      - Name of the project, its natural key. Required unless O(id) is given.
      - Changing the name of an existing project needs O(id).
    type: str
  organization:
    description:
      - ID or URL slug of the organization the project belongs to.
      - Required to create a project when the token can access more than one organization.
    type: str
  logo_url:
    description:
      - URL of the project's logo image.
    type: str'''

EXAMPLES = r'''
- name: Create a project
  deployops.platforms.devopness_project:
    name: webshop
    organization: acme
    api_token: "{{ vault_devopness_token }}"

- name: Rename a project found by id
  deployops.platforms.devopness_project:
    id: 42
    name: webshop-legacy

- name: Delete a project
  deployops.platforms.devopness_project:
    name: webshop
    state: absent
'''

RETURN = r'''
project:
  description: The project as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Project ID.
      type: int
      sample: 42
    name:
      description: Project name.
      type: str
      sample: webshop
    logo_url:
      description: URL of the project's logo.
      type: str
      sample: null
    organization:
      description: The organization that owns the project.
      type: dict
      sample: {"id": 1, "name": "Acme", "url_slug": "acme"}
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(PROJECT, dict(
        name=dict(type='str'),
        logo_url=dict(type='str'),
        **parent_options('organization')
    ), required_one_of=[('name', 'id')])
    run_resource(module, PROJECT)


if __name__ == '__main__':
    main()
