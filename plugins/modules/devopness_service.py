#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_service
short_description: Manage Devopness services (nginx, MySQL, Redis, ...)
version_added: 0.1.0
description:
  - Create and delete services (server software such as nginx, MySQL or Redis) in an environment of a Devopness
    project, link them to servers, deploy them, and start, stop, restart or reload them.
  - A service is found by its O(type) and O(version) inside O(environment) (its natural key; the platform
    generates the service's name), or by O(id).
  - The API cannot update a service. O(auto_start) and O(initial_state) are create-only; when one differs
    from the existing service the task fails, unless O(recreate=true), which deletes the service and creates it again.
    Linking servers (O(servers)) is not an update of the service and works at any time.
  - When the task created the service or changed its servers, the module deploys it
    (C(POST /services/{id}/deploy)) and waits for the deploy action, unless O(deploy=false).
  - Deleting a service is asynchronous on the platform; the module waits for it unless O(wait=false).
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
  - deployops.platforms.resource.RECREATE
options:
  type:
    description:
      - The kind of service; with O(version), the service's natural key. Required unless O(id) is given.
      - With O(id), a different value fails the task unless O(recreate=true).
    type: str
    choices: [docker, mysql, newrelic-infra, nginx, php, postgresql, redis, supervisor, ufw]
  version:
    description:
      - The version of the service (1 to 30 characters; the platform lists the supported ones at
        C(GET /static/service-options)). With O(type), the service's natural key. Required unless O(id) is given.
      - With O(id), a different value fails the task unless O(recreate=true).
    type: str
  auto_start:
    description:
      - Whether the service starts when its server boots. The platform's default is V(true).
      - Create-only; a different value fails the task unless O(recreate=true).
    type: bool
  initial_state:
    description:
      - The state the service is left in when it is deployed. The platform's default is V(started).
      - Create-only; a different value fails the task unless O(recreate=true).
    type: str
    choices: [started, stopped]
  recreate:
    description:
      - Delete the service and create it again when a create-only option (O(type), O(version) with O(id),
        O(auto_start), O(initial_state)) differs from the existing service.
  state:
    description:
      - V(present) creates the service when it does not exist (and deploys it, see O(deploy)); V(absent) deletes it.
      - V(started), V(stopped), V(restarted) and V(reloaded) also make sure it exists as described, then run the
        lifecycle action on its servers.
      - The service has no status field; the module decides from the service's C(last_action) (see the notes).
        V(started) is not needed when the last action is a C(start), C(restart) or C(reload), or a C(deploy) of a
        service whose O(initial_state) is V(started), that did not fail or get skipped (a pending or running one
        counts). V(stopped) is not needed when the last action is such a C(stop), or such a C(deploy) of a service
        whose O(initial_state) is V(stopped). Any other last action (none, a failed one, C(get_status), ...) makes
        the module act.
      - V(restarted) and V(reloaded) always restart or reload the service and always report a change.
    choices: [present, absent, reloaded, restarted, started, stopped]
notes:
  - The service's runtime state is only known through its C(last_action) (endpoints.md 9.15). When the service was
    started or stopped outside the platform, or its last action was C(get_status), the module starts or stops it
    again to be sure. When the task creates or deploys the service and O(state=started) or O(state=stopped), the
    lifecycle action runs after the deploy.
'''

EXAMPLES = r'''
- name: Redis on two servers, started
  deployops.platforms.devopness_service:
    project: webshop
    environment: production
    type: redis
    version: "7.2"
    servers: [web-1, web-2]
    state: started
    api_token: "{{ vault_devopness_token }}"

- name: Install MySQL but leave it stopped and off at boot
  deployops.platforms.devopness_service:
    project: webshop
    environment: production
    type: mysql
    version: "8.0"
    auto_start: false
    initial_state: stopped

- name: Reload nginx (always acts)
  deployops.platforms.devopness_service:
    project: webshop
    environment: production
    type: nginx
    version: latest
    state: reloaded

- name: Remove Redis
  deployops.platforms.devopness_service:
    project: webshop
    environment: production
    type: redis
    version: "7.2"
    state: absent
'''

RETURN = r'''
service:
  description: The service as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Service ID.
      type: int
      sample: 8
    name:
      description: The name the platform generated for the service.
      type: str
      sample: redis 7.2
    type:
      description: The kind of service.
      type: str
      sample: redis
    version:
      description: The service's version.
      type: str
      sample: "7.2"
    auto_start:
      description: Whether the service starts when its server boots.
      type: bool
      sample: true
    initial_state:
      description: The state the service is left in when deployed.
      type: str
      sample: started
    servers:
      description: Servers the service is linked to.
      type: list
      elements: dict
      sample: [{"id": 3, "hostname": "web-1"}]
    last_action:
      description: The newest action of the service (deploy, start, stop, ...), from which its runtime state is judged.
      type: dict
      sample: {"id": 92, "type": "start", "status": "completed"}
    is_auto_generated:
      description: Whether the platform created the service (for example from a server blueprint).
      type: bool
      sample: false
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: >-
    The last action the task ran and waited for: the lifecycle action, the deploy after a create or a change
    of servers, or the delete (only its C(id) when O(wait=false)).
  returned: when an action ran
  type: dict
  sample: {"id": 92, "type": "start", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SERVICE, SERVICE_TYPES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVICE, dict(
        type=dict(type='str', choices=SERVICE_TYPES),
        version=dict(type='str'),
        environment=dict(type='str', required=True),
        auto_start=dict(type='bool'),
        initial_state=dict(type='str', choices=['started', 'stopped']),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('type', 'id')], required_together=[('type', 'version')])
    run_resource(module, SERVICE)


if __name__ == '__main__':
    main()
