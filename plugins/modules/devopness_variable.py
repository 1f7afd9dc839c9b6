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
  - With O(variables), one task converges a whole set of variables of the resource (and with O(prune=true) removes
    the others). The resource is resolved and its variables listed once, which is far faster than a C(loop).
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
      - Required when O(state=present) (unless O(variables) is given), because the API requires it in every update.
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
      - V(always) sends it on every run, without reporting a change.
      - With O(variables), it applies to every variable of the list.
  variables:
    description:
      - A set of variables of the resource, converged by this one task instead of one task per variable.
      - Each is found by its O(variables[].target) and O(variables[].key) in one list of the resource's variables,
        then created, updated or deleted as a task of its own would.
      - Cannot be used with O(id), O(key), O(target), O(value), O(type), O(hidden) or O(description).
      - O(state) is the state of every variable of the list that does not set its own.
      - The values of hidden variables are masked wherever they would appear in the task's output.
    type: list
    elements: dict
    suboptions:
      key:
        description: Name of the variable (see O(key)).
        type: str
        required: true
      target:
        description: Where the variable goes (see O(target)).
        type: str
        required: true
        choices: [my-cnf, newrelic-infra-yml, nginx-http-server, nginx-http, nginx-main, os-env-var, php-cli_php-ini,
                  php-fpm_php-fpm-conf, php-fpm_php-ini, php-fpm_pool-d-www-conf, redis-conf, resource-config-file,
                  resource-symlink, supervisord-conf, sysctl-conf]
      value:
        description: The variable's value (see O(value)). Required unless the variable's state is V(absent).
        type: str
      type:
        description: The kind of variable (see O(type)).
        type: str
        choices: [variable, file, symlink]
      hidden:
        description: Whether the value is hidden (see O(hidden)).
        type: bool
      description:
        description: Free text describing the variable.
        type: str
      update_secrets:
        description: When to send a hidden value (see O(update_secrets), its default).
        type: str
        choices: [always, on_create]
      state:
        description: V(absent) deletes the variable. Defaults to O(state).
        type: str
        choices: [present, absent]
  prune:
    description:
      - With O(variables), delete the variables of the resource that the list does not name (virtual variables,
        which Devopness computes, are never touched).
      - Only with O(variables).
    type: bool
    default: false'''

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

- name: The whole set of environment variables of an application, one task; others are removed
  deployops.platforms.devopness_variable:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    prune: true
    variables:
      - target: os-env-var
        key: DJANGO_SETTINGS_MODULE
        value: storefront.settings.production
      - target: os-env-var
        key: DATABASE_PASSWORD
        value: "{{ vault_database_password }}"
        hidden: true

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
variables:
  description:
    - With O(variables), the variables of the list as the API returns them after the task (those deleted are left
      out), each as RV(variable) describes it. The value of a hidden variable is never returned.
  returned: when O(variables) is set
  type: list
  elements: dict
  sample: [{"id": 88, "key": "DJANGO_SETTINGS_MODULE", "target": "os-env-var", "value": "storefront.settings.production"}]
created:
  description: With O(variables), the variables the task created, as C(<target>/<key>).
  returned: when O(variables) is set
  type: list
  elements: str
  sample: [os-env-var/DJANGO_SETTINGS_MODULE]
updated:
  description: With O(variables), the variables the task changed, as C(<target>/<key>).
  returned: when O(variables) is set
  type: list
  elements: str
  sample: []
deleted:
  description: With O(variables), the variables the task deleted (O(prune), or C(state=absent)), as C(<target>/<key>).
  returned: when O(variables) is set
  type: list
  elements: str
  sample: [os-env-var/OLD_SETTING]
variable:
  description:
    - The variable as the API returns it after the task (empty when deleted).
    - The value of a hidden variable is never returned.
  returned: when O(variables) is not set
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

from ansible_collections.deployops.platforms.plugins.module_utils.bulk import run_bulk
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    VARIABLE, VARIABLE_RESOURCE_TYPES, VARIABLE_TARGETS, VARIABLE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource

SINGLE_OPTIONS = ('id', 'key', 'target', 'value', 'type', 'hidden', 'description')


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
        variables=dict(type='list', elements='dict', options=dict(
            key=dict(type='str', required=True, no_log=False),
            target=dict(type='str', required=True, choices=VARIABLE_TARGETS),
            value=dict(type='str', no_log=False),
            type=dict(type='str', choices=VARIABLE_TYPES),
            hidden=dict(type='bool'),
            description=dict(type='str'),
            update_secrets=dict(type='str', choices=['always', 'on_create'], no_log=False),
            state=dict(type='str', choices=['present', 'absent']),
        )),
        prune=dict(type='bool', default=False),
        **parent_options('project', 'environment', 'organization')
    ), mutually_exclusive=[('variables', name) for name in SINGLE_OPTIONS])
    params = module.params
    if params['variables'] is None:
        if params['prune']:
            module.fail_json(msg='prune: only with variables', errors={'prune': ['only with variables']})
        if params['state'] == 'present' and params['value'] is None:
            module.fail_json(msg='state is present but all of the following are missing: value')
        if params['hidden'] and params['value']:
            # Only a hidden value is a secret: it is then masked wherever it would appear in the output.
            module.no_log_values.add(params['value'])
        run_resource(module, VARIABLE)
        return
    for index, item in enumerate(params['variables']):
        if item['hidden'] and item['value']:
            module.no_log_values.add(item['value'])
        if (item['state'] or params['state']) == 'present' and item['value'] is None:
            problem = 'value is required unless the state of the variable is absent'
            module.fail_json(msg='variables[%d] (%s): %s' % (index, item['key'], problem),
                             errors={'variables[%d].value' % index: [problem]})
    run_bulk(module, VARIABLE, 'variables', prune=params['prune'])


if __name__ == '__main__':
    main()
