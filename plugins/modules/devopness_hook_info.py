#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_hook_info
short_description: List Devopness hooks
version_added: 0.1.0
description:
  - List the hooks of a Devopness pipeline, or every hook of an application, or get one hook by O(id) and O(type).
  - The pipeline is given by O(pipeline) (an ID), or by O(resource_type) and O(resource) with O(pipeline_operation)
    and/or O(pipeline) as the pipeline's name. Without either, the hooks of the application given by
    O(resource_type=application) and O(resource) are listed.
  - Hook secrets are never returned (the API returns a secret only when the hook is created).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
  - deployops.platforms.resource.NAME_FILTER
options:
  pipeline:
    description:
      - ID of the pipeline whose hooks to list, or its name on the resource given by O(resource_type) and O(resource).
    type: str
  pipeline_operation:
    description:
      - List the hooks of the pipeline running this operation (for example V(deploy)) on the resource given by
        O(resource_type) and O(resource).
    type: str
  resource_type:
    description:
      - Kind of resource of the pipeline. Without O(pipeline) and O(pipeline_operation), only V(application) is
        possible, listing the hooks of all the application's pipelines.
    type: str
    choices: [application, cronjob, daemon, network-rule, server, service, ssh-key, ssl-certificate, virtual-host]
  resource:
    description:
      - Name or ID of the resource; a name is looked up inside O(environment) of O(project).
    type: str
  id:
    description:
      - Return only the hook with this ID (a UUID). Needs O(type).
  type:
    description:
      - Return only V(incoming) or V(outgoing) hooks.
    type: str
    choices: [incoming, outgoing]'''

EXAMPLES = r'''
- name: List the hooks of an application's deploy pipeline
  deployops.platforms.devopness_hook_info:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    pipeline_operation: deploy
  register: result

- name: List every incoming hook of an application
  deployops.platforms.devopness_hook_info:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    type: incoming
  register: result

- name: Get one hook
  deployops.platforms.devopness_hook_info:
    id: 0b6f2d1e-0c5f-4a3e-9a57-4b8f3b0c9d10
    type: outgoing
  register: result
'''

RETURN = r'''
hooks:
  description:
    - The matching hooks (list items of the API, or the full hook when O(id) is given), without secrets.
    - Each element has the keys that RV(deployops.platforms.devopness_hook#module:hook) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    APPLICATION_HOOKS, HOOK, PIPELINE_RESOURCE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(APPLICATION_HOOKS, dict(
        pipeline=dict(type='str'),
        pipeline_operation=dict(type='str'),
        resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES),
        resource=dict(type='str'),
        type=dict(type='str', choices=['incoming', 'outgoing']),
        name=dict(type='str'),
        **parent_options('organization', 'project', 'environment')
    ), required_together=[('resource_type', 'resource')], required_by=dict(id='type'),
        required_one_of=[('pipeline', 'pipeline_operation', 'resource', 'id')])
    params = module.params
    by_application = not (params['pipeline'] or params['pipeline_operation'] or params['id'])
    if by_application and params['resource_type'] != 'application':
        module.fail_json(msg='pipeline or pipeline_operation is required to list the hooks of a %s; '
                             'only an application lists the hooks of all its pipelines' % params['resource_type'])
    run_info(module, APPLICATION_HOOKS if by_application else HOOK)


if __name__ == '__main__':
    main()
