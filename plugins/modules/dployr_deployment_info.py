#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_deployment_info
short_description: List the deployments of a dployr cluster
version_added: 0.1.0
description:
  - List the deployments of a dployr cluster (C(GET /v1/deployments?clusterId=)), optionally of one service or in one status.
  - O(id) is looked up in that list too, because the running Base answers C(GET /v1/deployments/{id}) with HTTP 403.
  - A redeploy keeps the service's deployment record (its ID) and updates its status; the task ID a deployment
    answered is not always the deployment's ID.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  service:
    description:
      - Name or ID of the service whose deployments to list.
    type: str
  status:
    description:
      - Return only the deployments in this status.
    type: str
    choices: [pending, running, success, failed]
'''

EXAMPLES = r'''
- name: Failed deployments of the cluster
  deployops.platforms.dployr_deployment_info:
    cluster: production
    status: failed
  register: failed

- name: Deployments of one service
  deployops.platforms.dployr_deployment_info:
    service: shop-api
'''

RETURN = r'''
deployments:
  description: The matching deployment records.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the deployment record.
      type: str
    serviceId:
      description: ID of the service.
      type: str
    name:
      description: Name of the service.
      type: str
    status:
      description: V(pending), V(running), V(success) or V(failed).
      type: str
    source:
      description: V(remote) or V(image).
      type: str
    image:
      description: The image deployed (for a remote source, the image Base built).
      type: str
    logs:
      description: The deployment's logs, once it ended.
      type: str
    createdAt:
      description: When the record was created (Unix milliseconds).
      type: int
    finishedAt:
      description: When the last deployment ended (Unix milliseconds).
      type: int
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    DEPLOYMENT, DEPLOYMENT_STATUSES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(DEPLOYMENT, dict(service=dict(type='str'), status=dict(type='str', choices=DEPLOYMENT_STATUSES)))
    run_info(module, DEPLOYMENT, filters=['status'])


if __name__ == '__main__':
    main()
