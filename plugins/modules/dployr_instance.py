#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_instance
short_description: Register dployr instances (servers running dployrd) in a cluster
version_added: 0.1.0
description:
  - Register a server of yours as an instance of a dployr cluster by its IPv4 O(address) and O(tag)
    (C(POST /v1/instances)), or remove it (C(DELETE /v1/instances/{id})).
  - Registering returns a one-time bootstrap token (RV(token)) for C(install.sh --token) on the server;
    Base returns it only then.
  - An instance is found by its O(tag) inside O(cluster) (tags and addresses are unique on Base), or by O(id).
  - Base cannot update an instance; a different O(address) or O(region) fails unless O(recreate=true), which
    removes the instance and registers it again (with a new bootstrap token).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
options:
  tag:
    description:
      - Unique name of the instance (3 to 15 characters). Required unless O(id) is given.
    type: str
  address:
    description:
      - IPv4 address of the server. Required to register it; create-only.
    type: str
  region:
    description:
      - Region of the instance; create-only.
    type: str
    choices: [us-east, us-west, us-central, eu-west, eu-central, eu-north, ap-south, ap-southeast, ap-northeast,
              af-south, me-central, sa-east]
notes:
  - Register the task with C(no_log) or keep RV(token) out of logs yourself; it is a credential for the server.
'''

EXAMPLES = r'''
- name: Register a server
  deployops.platforms.dployr_instance:
    cluster: production
    tag: web-1
    address: 203.0.113.10
    region: eu-west
  register: web1
  no_log: true

- name: Install dployrd on it with the bootstrap token
  ansible.builtin.shell: curl -fsSL https://get.dployr.io/install.sh | sh -s -- --token "{{ web1.token }}"
  delegate_to: 203.0.113.10
  when: web1.token is defined
  no_log: true
  changed_when: true

- name: Remove it
  deployops.platforms.dployr_instance:
    tag: web-1
    state: absent
'''

RETURN = r'''
instance:
  description: The instance as Base returns it (empty when removed).
  returned: always
  type: dict
  contains:
    id:
      description: ID of the instance.
      type: str
    tag:
      description: Unique name of the instance.
      type: str
      sample: web-1
    address:
      description: IPv4 address.
      type: str
      sample: 203.0.113.10
    status:
      description: V(healthy), V(degraded), V(offline), V(unreachable), V(maintenance) or V(provisioning).
      type: str
    role:
      description: V(instance) (runs services) or V(build) (builds remote sources).
      type: str
    kind:
      description: V(dedicated) (yours) or V(pool) (managed by dployr).
      type: str
    region:
      description: Region of the instance.
      type: str
    clusterId:
      description: ID of the cluster.
      type: str
token:
  description: The one-time bootstrap token for C(install.sh --token); only when the task registered the instance.
  returned: when the instance was registered by this task
  type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import INSTANCE, REGIONS
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(INSTANCE, dict(
        tag=dict(type='str'),
        address=dict(type='str'),
        region=dict(type='str', choices=REGIONS),
    ), required_one_of=[('tag', 'id')])
    run_resource(module, INSTANCE)


if __name__ == '__main__':
    main()
