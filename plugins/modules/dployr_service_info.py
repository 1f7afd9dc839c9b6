#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_service_info
short_description: List dployr services with their settings, env vars, secret names and last deployments
version_added: 0.1.0
description:
  - List the services of a dployr cluster, or read one by O(id) or O(name).
  - Each service carries its deployment record (its current settings), its env vars, the names of its secrets
    (values are never readable) and its last deployments.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.resource.NAME_FILTER
'''

EXAMPLES = r'''
- name: All services of the cluster
  deployops.platforms.dployr_service_info:
    cluster: production
  register: services

- name: One service by name
  deployops.platforms.dployr_service_info:
    name: shop-api
  register: shop_api

- name: Show its env var names and its last deployment's status
  ansible.builtin.debug:
    msg: "{{ shop_api.services[0].envVars.keys() | list }} {{ shop_api.services[0].deployments[0].status }}"
'''

RETURN = r'''
services:
  description:
    - The matching services, each as RV(deployops.platforms.dployr_service#module:service) describes it
      (with C(deployment), C(deployments), C(envVars) and C(secretKeys)).
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import SERVICE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SERVICE, dict(name=dict(type='str')))
    run_info(module, SERVICE)


if __name__ == '__main__':
    main()
