#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_scheduled_deployment_info
short_description: List DeployHQ scheduled deployments
version_added: 0.1.0
description:
  - List the scheduled deployments of a project, or get one by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  project:
    description:
      - Name, permalink or identifier of the project whose scheduled deployments to list.
    type: str
    required: true
  id:
    description:
      - Return only the object with this identifier (UUID).
'''

EXAMPLES = r'''
- name: List the scheduled deployments
  deployops.platforms.deployhq_scheduled_deployment_info:
    project: Shop
  register: result

- name: Get one
  deployops.platforms.deployhq_scheduled_deployment_info:
    project: Shop
    id: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
  register: result
'''

RETURN = r'''
scheduled_deployments:
  description:
    - The matching scheduled deployments.
    - Each element has the keys that RV(deployops.platforms.deployhq_scheduled_deployment#module:scheduled_deployment) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SCHEDULED_DEPLOYMENT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SCHEDULED_DEPLOYMENT, dict(
        project=dict(type='str', required=True)
    ))
    run_info(module, SCHEDULED_DEPLOYMENT, filters=[])


if __name__ == '__main__':
    main()
