#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_daemon_info
short_description: List Devopness daemons
version_added: 0.1.0
description:
  - List the daemons of an environment, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.devopness.ACTIONGROUPS
  - deployops.platforms.attributes.INFO_MODULE
  - deployops.platforms.devopness.ENVIRONMENT_FILTER
  - deployops.platforms.devopness.PROJECT_OF_ENVIRONMENT
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  id:
    description:
      - Return only the daemon with this ID (its full representation, with its C(servers)).
    type: str
  name:
    description:
      - Return only the daemons with this exact name.
    type: str
'''

EXAMPLES = r'''
- name: List the daemons of an environment
  deployops.platforms.devopness_daemon_info:
    project: webshop
    environment: production
  register: result

- name: Get one daemon by name
  deployops.platforms.devopness_daemon_info:
    project: webshop
    environment: production
    name: queue-worker
  register: result
'''

RETURN = r'''
daemons:
  description:
    - The matching daemons. Listed daemons are the API's list items, which have no C(servers);
      with O(id), the full daemon.
  returned: always
  type: list
  elements: dict
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
      description: Directory the command runs in, or null.
      type: str
      sample: null
    run_as_user:
      description: User the processes run as.
      type: str
      sample: devopness
    application:
      description: The application the daemon belongs to, or null.
      type: dict
      sample: null
    last_action:
      description: The daemon's most recent action, with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "start", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(DAEMON, dict(
        name=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, DAEMON)


if __name__ == '__main__':
    main()
