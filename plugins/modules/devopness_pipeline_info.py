#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_pipeline_info
short_description: List Devopness pipelines and their steps
version_added: 0.1.0
description:
  - List the pipelines of a Devopness resource, each with its steps, or get one pipeline by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.PIPELINE_RESOURCE
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
  - deployops.platforms.resource.NAME_FILTER
options:
  operation:
    description:
      - Return only the pipelines running this operation (for example V(deploy)).
    type: str
notes:
  - The API lists pipelines without their steps; the module gets each matching pipeline (one request each)
    to return its steps.
'''

EXAMPLES = r'''
- name: List an application's pipelines
  deployops.platforms.devopness_pipeline_info:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
  register: result

- name: The order of the steps of the deploy pipeline
  ansible.builtin.debug:
    msg: "{{ result.pipelines | selectattr('operation', '==', 'deploy') | map(attribute='steps') | first | map(attribute='name') | list }}"

- name: Get one pipeline by id
  deployops.platforms.devopness_pipeline_info:
    id: 7
  register: result
'''

RETURN = r'''
pipelines:
  description:
    - The matching pipelines, each as C(GET /pipelines/{id}) returns it, with its steps.
    - Each element has the keys that RV(deployops.platforms.devopness_pipeline#module:pipeline) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    PIPELINE, PIPELINE_RESOURCE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(PIPELINE, dict(
        resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES),
        resource=dict(type='str'),
        operation=dict(type='str'),
        name=dict(type='str'),
        **parent_options('organization', 'project', 'environment')
    ), required_together=[('resource_type', 'resource')], required_one_of=[('resource', 'id')])
    run_info(module, PIPELINE)


if __name__ == '__main__':
    main()
