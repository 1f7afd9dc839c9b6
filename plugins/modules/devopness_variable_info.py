#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_variable_info
short_description: List Devopness variables
version_added: 0.1.0
description:
  - List the variables of a Devopness resource (application, server, environment...), or get one by O(id).
  - Virtual variables (read-only ones Devopness computes) are left out.
  - The value of a hidden variable is never returned by the API (V(null)).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.VARIABLE_RESOURCE
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  key:
    description:
      - Return only the variables with this exact key.
    type: str
  target:
    description:
      - Return only the variables of this target.
    type: str
    choices: [my-cnf, newrelic-infra-yml, nginx-http-server, nginx-http, nginx-main, os-env-var, php-cli_php-ini, php-fpm_php-fpm-conf,
              php-fpm_php-ini, php-fpm_pool-d-www-conf, redis-conf, resource-config-file, resource-symlink, supervisord-conf, sysctl-conf]
'''

EXAMPLES = r'''
- name: List the variables of an application
  deployops.platforms.devopness_variable_info:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
  register: result

- name: Get the environment variables of an environment
  deployops.platforms.devopness_variable_info:
    project: webshop
    resource_type: environment
    resource: production
    target: os-env-var
  register: result
'''

RETURN = r'''
variables:
  description:
    - The matching variables.
    - Each element has the keys that RV(deployops.platforms.devopness_variable#module:variable) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    VARIABLE, VARIABLE_RESOURCE_TYPES, VARIABLE_TARGETS)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(VARIABLE, dict(
        resource_type=dict(type='str', required=True, choices=VARIABLE_RESOURCE_TYPES),
        resource=dict(type='str', required=True),
        key=dict(type='str', no_log=False),
        target=dict(type='str', choices=VARIABLE_TARGETS),
        **parent_options('project', 'environment', 'organization')
    ))
    run_info(module, VARIABLE)


if __name__ == '__main__':
    main()
