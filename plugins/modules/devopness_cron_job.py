#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_cron_job
short_description: Manage Devopness cron jobs
version_added: 0.1.0
description:
  - Create, update, deploy and delete cron jobs in an environment of a Devopness project.
  - A cron job is found by its exact O(name) inside O(environment), or by O(id).
  - Creating or updating a cron job only records it on the platform; when the task changed the cron job
    (its fields or its O(servers)), the module deploys it to its linked servers (C(POST /cron-jobs/{id}/deploy)) and
    waits for that action, unless O(deploy=false).
  - Deleting a cron job is asynchronous on the platform; the module waits for it unless O(wait=false).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.IN_ENVIRONMENT
  - deployops.platforms.devopness.SERVERS
  - deployops.platforms.resource.DEPLOY
options:
  name:
    description:
      - Name of the cron job, its natural key inside O(environment) (at most 60 characters). Required unless O(id) is given.
      - Changing the name of an existing cron job needs O(id).
    type: str
  pattern:
    description:
      - When the job runs, as a 5-field cron expression (minute, hour, day of month, month, day of week),
        for example V(*/5 * * * *). Macros such as C(@hourly) are not accepted. Required to create a cron job.
      - Checked before any request is sent.
    type: str
  command:
    description:
      - The command to run (5 to 255 characters). Required to create a cron job.
    type: str
  run_as_user:
    description:
      - The operating system user the command runs as (at most 60 characters). Required to create a cron job.
    type: str
  application:
    description:
      - Name or ID of an application of O(environment) the cron job belongs to (sent as C(application_id),
        compared by ID).
      - The module cannot unlink an application from a cron job.
    type: str
  state:
    description:
      - V(present) creates or updates the cron job (and deploys it when it changed, see O(deploy)); V(absent) deletes it.
    choices: [present, absent]
notes:
  - Only the options that are set are compared and sent; an update also carries the current values of the
    fields the API requires in every update (O(name), O(pattern), O(command), O(run_as_user), O(application)).
'''

EXAMPLES = r'''
- name: Run the scheduler every minute on a server
  deployops.platforms.devopness_cron_job:
    project: webshop
    environment: production
    name: scheduler
    pattern: "* * * * *"
    command: php artisan schedule:run
    run_as_user: devopness
    application: storefront
    servers: [web-1]

- name: Delete it
  deployops.platforms.devopness_cron_job:
    project: webshop
    environment: production
    name: scheduler
    state: absent
'''

RETURN = r'''
cron_job:
  description: The cron job as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Cron job ID.
      type: int
      sample: 4
    name:
      description: Cron job name.
      type: str
      sample: scheduler
    pattern:
      description: The 5-field cron expression.
      type: str
      sample: "* * * * *"
    pattern_human_readable:
      description: The pattern in words (C(Every minute), C(Hourly), C(Daily), ..., C(Custom)).
      type: str
      sample: Every minute
    command:
      description: The command that runs.
      type: str
      sample: php artisan schedule:run
    run_as_user:
      description: User the command runs as.
      type: str
      sample: devopness
    application:
      description: The application the cron job belongs to, or null.
      type: dict
      sample: {"id": 3, "name": "storefront"}
    servers:
      description: The servers the cron job is linked to.
      type: list
      elements: dict
      sample: [{"id": 5, "hostname": "web-1"}]
    last_action:
      description: The cron job's most recent action, with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "deploy", "status": "completed"}
    is_auto_generated:
      description: Whether the platform created the cron job itself.
      type: bool
      sample: false
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: The last action the task ran (deploy or delete); only its C(id) when O(wait=false).
  returned: when an action ran
  type: dict
  sample: {"id": 81, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import CRON_JOB
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(CRON_JOB, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        pattern=dict(type='str'),
        command=dict(type='str'),
        run_as_user=dict(type='str'),
        application=dict(type='str'),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, CRON_JOB)


if __name__ == '__main__':
    main()
