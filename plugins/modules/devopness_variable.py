#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_variable
short_description: Manage Devopness variables
version_added: 0.1.0
description:
  - Create, update and delete the variables (environment variables, configuration files, symlinks)
    of a Devopness resource such as an application, a server or an environment.
  - A variable is found by its O(target) and O(key) on the resource given by O(resource_type) and
    O(resource), or by O(id). Virtual variables (read-only ones Devopness computes) are never matched.
  - A variable takes effect at the next deployment of its resource.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.devopness.VARIABLE_RESOURCE
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  id:
    description:
      - ID of an existing variable. With O(id), O(key) and O(target) are the values to set, which
        renames the variable or moves it to another target.
  key:
    description:
      - Name of the variable, or for O(target=resource-config-file) the file's path relative to the resource
        (for example C(.env)), or for O(target=resource-symlink) the link's path. At most 100 characters.
      - With O(target), the natural key of the variable. Required unless O(id) is given.
      - Changing the key of an existing variable needs O(id); without it, another O(key) means another variable.
    type: str
  target:
    description:
      - Where the variable goes on the servers.
      - With O(key), the natural key of the variable. Required unless O(id) is given.
      - Moving an existing variable to another target needs O(id); without it, another O(target) means another variable.
    type: str
    choices: [my-cnf, newrelic-infra-yml, nginx-http-server, nginx-http, nginx-main, os-env-var, php-cli_php-ini, php-fpm_php-fpm-conf,
              php-fpm_php-ini, php-fpm_pool-d-www-conf, redis-conf, resource-config-file, resource-symlink, supervisord-conf, sysctl-conf]
  value:
    description:
      - The variable's value (at most 21504 characters), the file's content or the symlink's target.
      - Required when O(state=present), because the API requires it in every update.
      - When the variable is hidden (O(hidden=true)), the API never returns its value, so it cannot be
        compared. It is sent when the variable is created, when O(update_secrets=always), and whenever
        another option of the variable changes; a different value alone never reports a change.
      - A visible variable's value is compared and shown in the diff and the result.
      - The value of a hidden variable (O(hidden=true)) is masked wherever it would appear in the task's output.
    type: str
  type:
    description:
      - The kind of variable. Defaults to V(variable) when the variable is created; unset, an existing variable keeps its type.
    type: str
    choices: [variable, file, symlink]
  hidden:
    description:
      - Whether the value is hidden. The API then never returns it and masks it in logs.
      - Defaults to V(false) when the variable is created; unset, an existing variable keeps its setting.
      - Set it to V(true) on every task that manages a hidden variable, so that the module knows its value
        cannot be compared.
      - Setting it to V(false) on a hidden variable makes the value visible again; O(value) is sent with the change.
    type: bool
  description:
    description:
      - Free text describing the variable.
    type: str
  update_secrets:
    description:
      - When to send the value of a hidden variable (O(hidden=true)), which the API never returns.
      - V(on_create) sends it only when the variable is created (and with any other change of the variable).
      - V(always) sends it on every run, without reporting a change.'''

EXAMPLES = r'''
- name: An environment variable of an application found by name
  deployops.platforms.devopness_variable:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    target: os-env-var
    key: DJANGO_SETTINGS_MODULE
    value: storefront.settings.production
    api_token: "{{ vault_devopness_token }}"

- name: A hidden secret, re-sent on every run
  deployops.platforms.devopness_variable:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    target: os-env-var
    key: DATABASE_PASSWORD
    value: "{{ vault_database_password }}"
    hidden: true
    update_secrets: always

- name: A .env file of an application given by id
  deployops.platforms.devopness_variable:
    resource_type: application
    resource: 34
    target: resource-config-file
    type: file
    key: .env
    value: "{{ lookup('ansible.builtin.file', 'storefront.env') }}"

- name: A variable of an environment
  deployops.platforms.devopness_variable:
    project: webshop
    resource_type: environment
    resource: production
    target: os-env-var
    key: TZ
    value: UTC

- name: Delete a variable
  deployops.platforms.devopness_variable:
    project: webshop
    resource_type: environment
    resource: production
    target: os-env-var
    key: TZ
    state: absent
'''

RETURN = r'''
variable:
  description:
    - The variable as the API returns it after the task (empty when deleted).
    - The value of a hidden variable is never returned.
  returned: always
  type: dict
  contains:
    id:
      description: Variable ID.
      type: int
      sample: 88
    key:
      description: The variable's key.
      type: str
      sample: DJANGO_SETTINGS_MODULE
    value:
      description:
        - The variable's value; V(null) for a hidden variable.
        - A visible variable's value is shown; a hidden one is never returned.
      type: str
      sample: null
    target:
      description: Where the variable goes.
      type: str
      sample: os-env-var
    type:
      description: The kind of variable.
      type: str
      sample: variable
    hidden:
      description: Whether the value is hidden.
      type: bool
      sample: true
    description:
      description: The variable's description.
      type: str
      sample: Settings module
    resource_type:
      description: Kind of resource the variable belongs to.
      type: str
      sample: application
    resource_id:
      description: ID of the resource the variable belongs to.
      type: int
      sample: 34
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    updated_at:
      description: Time of the last change (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    VARIABLE, VARIABLE_RESOURCE_TYPES, VARIABLE_TARGETS, VARIABLE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(VARIABLE, dict(
        resource_type=dict(type='str', required=True, choices=VARIABLE_RESOURCE_TYPES),
        resource=dict(type='str', required=True),
        key=dict(type='str', no_log=False),
        value=dict(type='str', no_log=False),
        target=dict(type='str', choices=VARIABLE_TARGETS),
        type=dict(type='str', choices=VARIABLE_TYPES),
        hidden=dict(type='bool'),
        description=dict(type='str'),
        **parent_options('project', 'environment', 'organization')
    ), required_if=[('state', 'present', ['value'])])
    if module.params['hidden'] and module.params['value']:
        # Only a hidden value is a secret: it is then masked wherever it would appear in the output.
        module.no_log_values.add(module.params['value'])
    run_resource(module, VARIABLE)


if __name__ == '__main__':
    main()
