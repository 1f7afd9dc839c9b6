#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_scheduled_deployment
short_description: Manage DeployHQ scheduled deployments
version_added: 0.1.0
description:
  - Create, update and cancel the scheduled deployments of a DeployHQ project.
  - A schedule is found by its O(server) inside O(project) (one schedule per server), or by O(id) (its identifier,
    a UUID).
  - Each O(frequency) needs its own options (checked before any request); the server and the revisions are taken
    at creation only (a change fails, or re-creates the schedule with O(recreate=true)).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  server:
    description:
      - Name or identifier of the server deployed to; the schedule's natural key. Required unless O(id) is given.
    type: str
  frequency:
    description:
      - How often it deploys. V(daily) needs O(at); V(weekly) O(weekday) and O(at); V(monthly) O(day) and O(at);
        V(future) (once) O(year), O(month), O(day) and O(at); V(custom) O(schedule).
      - Required to create a schedule.
    type: str
    choices: [future, daily, weekly, monthly, custom]
  at:
    description:
      - Time of day, C(HH:MM).
    type: str
  weekday:
    description:
      - Day of the week (for example C(monday)).
    type: str
  day:
    description:
      - Day of the month.
    type: int
  month:
    description:
      - Month (1-12), for a V(future) deployment.
    type: int
  year:
    description:
      - Year, for a V(future) deployment.
    type: int
  schedule:
    description:
      - A cron expression, for a V(custom) frequency.
    type: str
  copy_config_files:
    description:
      - Write the config files.
    type: bool
  run_build_commands:
    description:
      - Run the build commands.
    type: bool
  use_build_cache:
    description:
      - Use the build cache.
    type: bool
  skip_if_not_changes:
    description:
      - Skip the deployment when there is nothing new to deploy.
    type: bool
  start_revision:
    description:
      - Revision the deployments start from (DeployHQ's default, C(___PREVIOUS___), is the last deployed one).
        Taken at creation only.
    type: str
  end_revision:
    description:
      - Revision deployed (DeployHQ's default, C(__CURRENT__), is the latest one). Taken at creation only.
    type: str
  use_latest:
    description:
      - Deploy the latest revision of the branch at the time. Taken at creation only.
    type: bool
  deploy_entire_repository:
    description:
      - Deploy every file, not only the changes. Taken at creation only.
    type: bool
'''

EXAMPLES = r'''
- name: Deploy the staging server every night
  deployops.platforms.deployhq_scheduled_deployment:
    project: Shop
    server: staging
    frequency: daily
    at: "03:00"
    skip_if_not_changes: true

- name: Cancel it
  deployops.platforms.deployhq_scheduled_deployment:
    project: Shop
    server: staging
    state: absent
'''

RETURN = r'''
scheduled_deployment:
  description: The schedule as the API returns it after the task (empty when cancelled).
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    server:
      description: The server deployed to (C(identifier), C(name)).
      type: dict
      sample: {"identifier": "6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11", "name": "staging"}
    frequency:
      description: Frequency.
      type: str
      sample: daily
    at:
      description: Time of day.
      type: str
      sample: "03:00"
    next_deployment_at:
      description: When it deploys next (ISO 8601).
      type: str
      sample: "2026-12-07T03:00:00+00:00"
    start_revision:
      description: Start revision.
      type: str
      sample: ___PREVIOUS___
    end_revision:
      description: End revision.
      type: str
      sample: __CURRENT__
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import (
    FREQUENCIES, SCHEDULED_DEPLOYMENT)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SCHEDULED_DEPLOYMENT, dict(
        project=dict(type='str', required=True),
        server=dict(type='str'),
        frequency=dict(type='str', choices=FREQUENCIES),
        at=dict(type='str'),
        weekday=dict(type='str'),
        day=dict(type='int'),
        month=dict(type='int'),
        year=dict(type='int'),
        schedule=dict(type='str'),
        copy_config_files=dict(type='bool'),
        run_build_commands=dict(type='bool'),
        use_build_cache=dict(type='bool'),
        skip_if_not_changes=dict(type='bool'),
        start_revision=dict(type='str'),
        end_revision=dict(type='str'),
        use_latest=dict(type='bool'),
        deploy_entire_repository=dict(type='bool'),
    ), required_one_of=[('server', 'id')])
    run_resource(module, SCHEDULED_DEPLOYMENT)


if __name__ == '__main__':
    main()
