#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_environment_variable_info
short_description: List DeployHQ environment variables
version_added: 0.1.0
description:
  - List the environment variables of a project or of the account, or get one by O(id) or by exact O(name).
  - Values are never returned, only a mask.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose environment variables to list. Required unless O(global=true).
    type: str
  global:
    description:
      - List the account's environment variables rather than a project's.
    type: bool
    default: false
  id:
    description:
      - Return only the variable with this integer identifier.
  name:
    description:
      - Return only the variable with this exact name.
    type: str
'''

EXAMPLES = r'''
- name: List the environment variables
  deployops.platforms.deployhq_environment_variable_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_environment_variable_info:
    project: Shop
    name: STRIPE_KEY
  register: result
'''

RETURN = r'''
environment_variables:
  description:
    - The matching environment variables.
    - Each element has the keys that RV(deployops.platforms.deployhq_environment_variable#module:environment_variable) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import ENVIRONMENT_VARIABLE, GLOBAL_ENVIRONMENT_VARIABLE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(ENVIRONMENT_VARIABLE, dict(
        project=dict(type='str'),
        name=dict(type='str'),
        **{'global': dict(type='bool', default=False)}
    ))
    run_info(module, GLOBAL_ENVIRONMENT_VARIABLE if module.params['global'] else ENVIRONMENT_VARIABLE, filters=['name'])


if __name__ == '__main__':
    main()
