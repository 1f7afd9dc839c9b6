#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_project_info
short_description: List Devopness projects
version_added: 0.1.0
description:
  - List the projects the token can access, or get one by O(id) or O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.resource.NAME_FILTER
options:
  organization:
    description:
      - Return only projects of this organization (ID or URL slug).
    type: str
'''

EXAMPLES = r'''
- name: List all projects
  deployops.platforms.devopness_project_info:
  register: result

- name: Get one project by name
  deployops.platforms.devopness_project_info:
    name: webshop
  register: result
'''

RETURN = r'''
projects:
  description:
    - The matching projects (list items of the API, or the full project when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_project#module:project) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(PROJECT, dict(name=dict(type='str'), **parent_options('organization')))
    run_info(module, PROJECT)


if __name__ == '__main__':
    main()
