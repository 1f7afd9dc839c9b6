#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_server_group
short_description: Manage DeployHQ server groups
version_added: 0.1.0
description:
  - Create, update and delete server groups of a DeployHQ project. A group is deployed to as one target; servers
    join it with the O(deployops.platforms.deployhq_server#module:server_group) option of their module.
  - A group is found by its exact O(name) inside O(project), or by O(id) (its identifier, a UUID).
  - O(auto_deploy), O(email_notify_on), O(notification_email) and O(transfer_order) are never returned by the API,
    so they are set when the group is created and never reported as a difference.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  name:
    description:
      - Name of the group, its natural key inside O(project). Required unless O(id) is given.
    type: str
  branch:
    description:
      - Branch deployed to the group, when it is not the repository's default (compared with the group's
        preferred branch).
    type: str
  environment:
    description:
      - Environment label of the group (for example C(production)).
    type: str
  auto_deploy:
    description:
      - Deploy the group automatically on a push. Not returned by the API (set at creation only); see
        M(deployops.platforms.deployhq_auto_deployment) to change it later.
    type: bool
  email_notify_on:
    description:
      - When DeployHQ e-mails about deployments to the group. Not returned by the API (set at creation only).
    type: str
    choices: [never, failure, always]
  notification_email:
    description:
      - Address notified about deployments to the group. Not returned by the API (set at creation only).
    type: str
  transfer_order:
    description:
      - Deploy to the group's servers all at once or one after another. Not returned by the API (set at creation
        only).
    type: str
    choices: [parallel, sequential]
'''

EXAMPLES = r'''
- name: A group of web servers deployed one after another
  deployops.platforms.deployhq_server_group:
    project: Shop
    name: web
    environment: production
    transfer_order: sequential

- name: Remove it (its servers stay, outside any group)
  deployops.platforms.deployhq_server_group:
    project: Shop
    name: web
    state: absent
'''

RETURN = r'''
server_group:
  description: The group as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: The group's identifier (UUID).
      type: str
      sample: 6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11
    name:
      description: Name.
      type: str
      sample: web
    servers:
      description: The servers in the group (see RV(deployops.platforms.deployhq_server#module:server)).
      type: list
      elements: dict
      sample: [{"identifier": "0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11", "name": "web-1"}]
    preferred_branch:
      description: The branch deployed to the group.
      type: str
      sample: main
    last_revision:
      description: The revision last deployed to the group (empty when never deployed).
      type: str
      sample: 4b825dc642cb6eb9a060e54bf8d69288fbee4904
    environment:
      description: Environment label, or null.
      type: str
      sample: production
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SERVER_GROUP
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVER_GROUP, dict(
        name=dict(type='str'),
        project=dict(type='str', required=True),
        branch=dict(type='str'),
        environment=dict(type='str'),
        auto_deploy=dict(type='bool'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        notification_email=dict(type='str'),
        transfer_order=dict(type='str', choices=['parallel', 'sequential']),
    ), required_one_of=[('name', 'id')])
    run_resource(module, SERVER_GROUP)


if __name__ == '__main__':
    main()
