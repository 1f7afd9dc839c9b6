#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_environment_info
short_description: List Devopness environments
version_added: 0.1.0
description:
  - List the environments of a project, or get one by O(id).
  - Archived environments are left out unless O(include_archived) is set.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
  - deployops.platforms.resource.NAME_FILTER
options:
  id:
    description:
      - Return only the environment with this ID (archived or not); O(project) is then not needed.
  project:
    description:
      - Name or ID of the project whose environments to list. Required unless O(id) is given.
    type: str
  type:
    description:
      - Return only environments of this kind.
    type: str
    choices: [development, staging, production]
  include_archived:
    description:
      - Also return the project's archived environments.
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: List the environments of a project
  deployops.platforms.devopness_environment_info:
    project: webshop
  register: result

- name: Find the production environments, archived ones included
  deployops.platforms.devopness_environment_info:
    project: webshop
    type: production
    include_archived: true
  register: result
'''

RETURN = r'''
environments:
  description:
    - The matching environments (list items of the API, or the full environment when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_environment#module:environment) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    ENVIRONMENT_TYPES, LISTED_ENVIRONMENTS)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(LISTED_ENVIRONMENTS, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=ENVIRONMENT_TYPES),
        include_archived=dict(type='bool', default=False),
        **parent_options('project', 'organization')
    ), required_one_of=[('project', 'id')])
    run_info(module, LISTED_ENVIRONMENTS, filters=['name', 'type'])


if __name__ == '__main__':
    main()
