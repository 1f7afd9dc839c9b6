#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_deployment_info
short_description: List DeployBot deployments
version_added: 0.1.0
description:
  - List the deployments of a O(repository) or of an O(environment)
    (C(GET /deployments?repository_id=&environment_id=); the API lists them for one or the other),
    or get one by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.deploybot.REPOSITORY_FILTER
  - deployops.platforms.deploybot.ENVIRONMENT_FILTER
options:
  repository:
    description:
      - Name, title or ID of the repository. A name or title that several repositories have fails listing
        their IDs.
      - One of O(repository) and O(environment) is required unless O(id) is given.
  state:
    description:
      - Return only the deployments in this state.
    type: str
    choices: [pending, waiting, success, failed, skipped]
  deployed_version:
    description:
      - Return only the deployments of this commit SHA (the full SHA, as the API gives it).
    type: str
'''

EXAMPLES = r'''
- name: The failed deployments of production
  deployops.platforms.deploybot_deployment_info:
    account: example
    repository: website
    environment: production
    state: failed
  register: failed

- name: One deployment
  deployops.platforms.deploybot_deployment_info:
    account: example
    id: 1042
  register: one
'''

RETURN = r'''
deployments:
  description: The matching deployments, oldest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Deployment ID.
      type: int
      sample: 1042
    repository_id:
      description: ID of the repository.
      type: int
      sample: 1
    environment_id:
      description: ID of the environment.
      type: int
      sample: 2
    user_id:
      description: ID of the user it was started as.
      type: int
      sample: 1
    author_name:
      description: Name of that user.
      type: str
      sample: Ada Owner
    deployed_version:
      description: The commit SHA deployed.
      type: str
      sample: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
    state:
      description: C(pending) and C(waiting) while it runs, then C(success), C(failed) or C(skipped).
      type: str
      sample: success
    deploy_from_scratch:
      description: Whether every file was uploaded, not only the changed ones.
      type: bool
      sample: false
    trigger_notifications:
      description: Whether notifications were sent.
      type: bool
      sample: true
    is_automatic:
      description: Whether a push started it (never for deployments started through the API).
      type: bool
      sample: false
    comment:
      description: The deployment's comment.
      type: str
      sample: Deploy via Ansible
    retries:
      description: How many times it was retried.
      type: int
      sample: 0
    created_at:
      description: When it was started, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:22:49 +0000
    created_at_iso:
      description: RV(deployments[].created_at) in ISO 8601.
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    deployed_at:
      description: When it ended, as DeployBot gives it (null while it runs).
      type: str
    deployed_at_iso:
      description: RV(deployments[].deployed_at) in ISO 8601.
      type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import DEPLOYMENT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info

STATES = ['pending', 'waiting', 'success', 'failed', 'skipped']


def main():
    module = info_module(DEPLOYMENT, dict(repository=dict(type='str'), environment=dict(type='str'),
                                          state=dict(type='str', choices=STATES), deployed_version=dict(type='str')))
    run_info(module, DEPLOYMENT)


if __name__ == '__main__':
    main()
