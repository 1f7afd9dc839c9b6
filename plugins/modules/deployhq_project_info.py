#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_project_info
short_description: List DeployHQ projects
version_added: 0.1.0
description:
  - List the projects of a DeployHQ account, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.resource.NAME_FILTER
options:
  id:
    description:
      - Return only the project with this identifier (UUID).
'''

EXAMPLES = r'''
- name: List every project
  deployops.platforms.deployhq_project_info:
    account: acme
    username: ops@example.com
    api_key: "{{ deployhq_api_key }}"
  register: result

- name: Get one project by name
  deployops.platforms.deployhq_project_info:
    name: Shop
  register: result
'''

RETURN = r'''
projects:
  description:
    - The matching projects.
    - Each element has the keys that RV(deployops.platforms.deployhq_project#module:project) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(PROJECT, dict(name=dict(type='str')))
    run_info(module, PROJECT)


if __name__ == '__main__':
    main()
