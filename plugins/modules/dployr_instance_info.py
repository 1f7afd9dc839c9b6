#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_instance_info
short_description: List the instances of a dployr cluster
version_added: 0.1.0
description:
  - List the instances (servers running dployrd, and build instances) of a dployr cluster, or read one by O(id).
  - Bootstrap tokens are never returned.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  tag:
    description: Return only the instance with this tag.
    type: str
  role:
    description: Return only the instances of this role.
    type: str
    choices: [instance, build]
  status:
    description: Return only the instances in this status.
    type: str
    choices: [healthy, degraded, offline, unreachable, maintenance, provisioning]
'''

EXAMPLES = r'''
- name: Healthy application instances
  deployops.platforms.dployr_instance_info:
    cluster: production
    role: instance
    status: healthy
  register: instances
'''

RETURN = r'''
instances:
  description:
    - The matching instances, each as RV(deployops.platforms.dployr_instance#module:instance) describes it
      (list items also carry C(clusterName)).
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    INSTANCE, INSTANCE_ROLES, INSTANCE_STATUSES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(INSTANCE, dict(
        tag=dict(type='str'),
        role=dict(type='str', choices=INSTANCE_ROLES),
        status=dict(type='str', choices=INSTANCE_STATUSES),
    ))
    run_info(module, INSTANCE, filters=['tag', 'role', 'status'])


if __name__ == '__main__':
    main()
