#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_network_rule_info
short_description: List Devopness network rules
version_added: 0.1.0
description:
  - List the network rules of an environment, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
  - deployops.platforms.resource.NAME_FILTER'''

EXAMPLES = r'''
- name: List the network rules of an environment
  deployops.platforms.devopness_network_rule_info:
    project: webshop
    environment: production
  register: result

- name: Get one network rule by name
  deployops.platforms.devopness_network_rule_info:
    project: webshop
    environment: production
    name: https-in
  register: result
'''

RETURN = r'''
network_rules:
  description:
    - The matching network rules. Listed rules are the API's list items, which have no C(servers); with O(id), the full rule.
    - Each element has the keys that RV(deployops.platforms.devopness_network_rule#module:network_rule) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import NETWORK_RULE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(NETWORK_RULE, dict(
        name=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, NETWORK_RULE)


if __name__ == '__main__':
    main()
