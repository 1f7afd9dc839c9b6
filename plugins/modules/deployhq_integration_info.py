#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_integration_info
short_description: List DeployHQ integrations
version_added: 0.1.0
description:
  - List the integrations of a project, or get one by O(id) or by exact O(name) and O(hook_type).
  - Their properties are never returned.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose integrations to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
  name:
    description:
      - Return only the integration with this exact name.
    type: str
  hook_type:
    description:
      - Return only the integrations of this kind (for example C(slack)).
    type: str
'''

EXAMPLES = r'''
- name: List the integrations
  deployops.platforms.deployhq_integration_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_integration_info:
    project: Shop
    name: ops channel
  register: result
'''

RETURN = r'''
integrations:
  description:
    - The matching integrations.
    - Each element has the keys that RV(deployops.platforms.deployhq_integration#module:integration) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import INTEGRATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(INTEGRATION, dict(
        project=dict(type='str', required=True),
        name=dict(type='str'),
        hook_type=dict(type='str')
    ))
    run_info(module, INTEGRATION, filters=['name', 'hook_type'])


if __name__ == '__main__':
    main()
