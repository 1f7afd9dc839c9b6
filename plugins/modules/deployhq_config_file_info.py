#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_config_file_info
short_description: List DeployHQ config files
version_added: 0.1.0
description:
  - List the config files of a project or of the account, or get one by O(id) or by exact O(path).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose config files to list. Required unless O(global=true).
    type: str
  global:
    description:
      - List the account's config files rather than a project's.
    type: bool
    default: false
  id:
    description:
      - Return only the object with this identifier (UUID).
  path:
    description:
      - Return only the file with this exact path.
    type: str
'''

EXAMPLES = r'''
- name: List the config files
  deployops.platforms.deployhq_config_file_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_config_file_info:
    project: Shop
    path: config/database.yml
  register: result
'''

RETURN = r'''
config_files:
  description:
    - The matching config files.
    - Each element has the keys that RV(deployops.platforms.deployhq_config_file#module:config_file) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import CONFIG_FILE, GLOBAL_CONFIG_FILE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(CONFIG_FILE, dict(
        project=dict(type='str'),
        path=dict(type='str'),
        **{'global': dict(type='bool', default=False)}
    ))
    run_info(module, GLOBAL_CONFIG_FILE if module.params['global'] else CONFIG_FILE, filters=['path'])


if __name__ == '__main__':
    main()
