#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_daemon
short_description: Manage Devopness daemons (long-running processes on servers)
version_added: 0.1.0
description:
  - Create, update, deploy, start, stop, restart and delete daemons in an environment of a Devopness project.
  - A daemon is found by its exact O(name) inside O(environment), or by O(id).
  - Creating or updating a daemon only records its configuration on the platform; when the task changed the daemon
    (its fields or its O(servers)), the module deploys it to its linked servers (C(POST /daemons/{id}/deploy)) and
    waits for that action, unless O(deploy=false).
  - Deleting a daemon and every lifecycle action are asynchronous on the platform; the module waits for them unless O(wait=false).
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
      - Name of the daemon, its natural key inside O(environment). Letters, digits, C(-) and C(_) only, at most 60 characters.
        Required unless O(id) is given.
      - Changing the name of an existing daemon needs O(id).
    type: str
  command:
    description:
      - The command the daemon runs (at most 255 characters). Required to create a daemon.
    type: str
  process_count:
    description:
      - How many processes of O(command) to run (1 to 99). Required to create a daemon.
    type: int
  working_directory:
    description:
      - Directory O(command) runs in. Relative to the application's directory when O(application) is set,
        otherwise an absolute path.
      - The API requires this field but accepts C(null); when it is not set, a new daemon is created with C(null)
        (no working directory) and an existing daemon keeps its current value.
    type: str
  run_as_user:
    description:
      - The operating system user the processes run as (at most 60 characters). Required to create a daemon.
    type: str
  application:
    description:
      - Name or ID of an application of O(environment) the daemon belongs to (sent as C(application_id),
        compared by ID).
      - The module cannot unlink an application from a daemon.
    type: str
  state:
    description:
      - V(present) creates or updates the daemon (and deploys it when it changed, see O(deploy)); V(absent) deletes it.
      - V(started), V(stopped) and V(restarted) also make sure it exists as described, then run the lifecycle action.
      - The daemon has no status field; the module decides from the daemon's C(last_action) (see the notes).
        V(started) is not needed when the last action is a C(start), C(restart) or C(deploy) that did not fail
        or get skipped (a pending or running one counts); V(stopped) is not needed when the last action is
        such a C(stop). Any other last action (none, a failed one, C(get_status), ...) makes the module act.
      - V(restarted) always restarts the daemon and always reports a change.
    choices: [present, absent, restarted, started, stopped]
notes:
  - Only the options that are set are compared and sent; an update also carries the current values of the
    fields the API requires in every update (O(name), O(command), O(process_count), O(working_directory),
    O(run_as_user), O(application)).
  - The daemon's runtime state is only known through its C(last_action) (endpoints.md 9.15). When the daemon was
    changed outside this module, or its last action was C(get_status), the module starts or stops it again
    to be sure. When the task deploys a changed daemon and O(state=started), the start runs after the deploy.
'''

EXAMPLES = r'''
- name: Run a queue worker on two servers
  deployops.platforms.devopness_daemon:
    project: webshop
    environment: production
    name: queue-worker
    command: php artisan queue:work
    process_count: 2
    run_as_user: devopness
    application: storefront
    working_directory: .
    servers: [web-1, web-2]

- name: Stop it
  deployops.platforms.devopness_daemon:
    project: webshop
    environment: production
    name: queue-worker
    state: stopped

- name: Restart it (always acts)
  deployops.platforms.devopness_daemon:
    project: webshop
    environment: production
    name: queue-worker
    state: restarted

- name: Delete it
  deployops.platforms.devopness_daemon:
    project: webshop
    environment: production
    name: queue-worker
    state: absent
'''

RETURN = r'''
daemon:
  description: The daemon as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Daemon ID.
      type: int
      sample: 12
    name:
      description: Daemon name.
      type: str
      sample: queue-worker
    command:
      description: The command the daemon runs.
      type: str
      sample: php artisan queue:work
    process_count:
      description: How many processes run.
      type: int
      sample: 2
    working_directory:
      description: Directory the command runs in (relative to the application when one is set), or null.
      type: str
      sample: null
    run_as_user:
      description: User the processes run as.
      type: str
      sample: devopness
    application:
      description: The application the daemon belongs to, or null.
      type: dict
      sample: {"id": 3, "name": "storefront"}
    servers:
      description: The servers the daemon is linked to.
      type: list
      elements: dict
      sample: [{"id": 5, "hostname": "web-1"}]
    last_action:
      description: The daemon's most recent action (deploy, start, stop, restart, ...), with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "deploy", "status": "completed"}
    is_auto_generated:
      description: Whether the platform created the daemon itself.
      type: bool
      sample: false
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: The last action the task ran (deploy, start, stop, restart or delete); only its C(id) when O(wait=false).
  returned: when an action ran
  type: dict
  sample: {"id": 81, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(DAEMON, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        command=dict(type='str'),
        process_count=dict(type='int'),
        working_directory=dict(type='str'),
        run_as_user=dict(type='str'),
        application=dict(type='str'),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, DAEMON)


if __name__ == '__main__':
    main()
