#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_excluded_file_info
short_description: List DeployHQ excluded files
version_added: 0.1.0
description:
  - List the excluded files of a project, or get one by O(id) or by exact O(path).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose excluded files to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
  path:
    description:
      - Return only the entry with this exact path.
    type: str
'''

EXAMPLES = r'''
- name: List the excluded files
  deployops.platforms.deployhq_excluded_file_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_excluded_file_info:
    project: Shop
    path: spec/
  register: result
'''

RETURN = r'''
excluded_files:
  description:
    - The matching excluded files.
    - Each element has the keys that RV(deployops.platforms.deployhq_excluded_file#module:excluded_file) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import EXCLUDED_FILE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(EXCLUDED_FILE, dict(
        project=dict(type='str', required=True),
        path=dict(type='str')
    ))
    run_info(module, EXCLUDED_FILE, filters=['path'])


if __name__ == '__main__':
    main()
