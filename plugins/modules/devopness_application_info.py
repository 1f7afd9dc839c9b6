#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_application_info
short_description: List Devopness applications
version_added: 0.1.0
description:
  - List the applications of an environment, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
  - deployops.platforms.resource.NAME_FILTER
options:
  repository:
    description:
      - Return only the applications built from this repository (C(owner/name)).
    type: str
'''

EXAMPLES = r'''
- name: List the applications of an environment
  deployops.platforms.devopness_application_info:
    project: webshop
    environment: production
  register: result

- name: Get one application by name
  deployops.platforms.devopness_application_info:
    project: webshop
    environment: production
    name: storefront
  register: result
'''

RETURN = r'''
applications:
  description:
    - The matching applications (list items of the API, or the full application when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_application#module:application) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(APPLICATION, dict(
        name=dict(type='str'),
        repository=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, APPLICATION, filters=['name', 'repository'])


if __name__ == '__main__':
    main()
