#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_application
short_description: Manage Devopness applications
version_added: 0.1.0
description:
  - Create, update and delete applications in an environment of a Devopness project.
  - An application is found by its exact O(name) inside O(environment), or by O(id).
  - Creating an application only records it; deploy it with M(deployops.platforms.devopness_deployment).
  - Deleting an application is asynchronous on the platform; the module waits for it unless O(wait=false).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.IN_ENVIRONMENT
  - deployops.platforms.devopness.SERVERS
options:
  name:
    description:
      - Name of the application, its natural key inside O(environment). Required unless O(id) is given.
      - Changing the name of an existing application needs O(id).
    type: str
  repository:
    description:
      - The source repository, as C(owner/name) (at most 100 characters). Required to create an application.
      - When it changes, the credential is sent with it (O(credential), or the application's current one), as the API requires.
    type: str
  credential:
    description:
      - Name or ID of the source provider credential (GitHub, GitLab, Bitbucket) of the organization
        that gives access to O(repository). Required to create an application.
      - Compared by ID with the credential the application uses.
    type: str
  default_branch:
    description:
      - The branch deployed by default (at most 200 characters). Required to create an application.
    type: str
  programming_language:
    description:
      - The application's language runtime, for example V(python), V(nodejs) or V(php) (at most 30 characters).
        Valid combinations of language, framework and engine version are listed by C(GET /static/application-options).
      - Required to create an application.
    type: str
  framework:
    description:
      - The application's framework, for example V(none), V(html), V(django) or V(laravel) (at most 30 characters).
      - Required to create an application.
    type: str
  engine_version:
    description:
      - Version of the language runtime, for example V(3.12) (at most 10 characters).
      - Required to create an application.
    type: str
  root_directory:
    description:
      - Directory of the application inside the repository; must start with C(/).
    type: str
  build_command:
    description:
      - Command that builds the application during a deployment.
    type: str
  install_dependencies_command:
    description:
      - Command that installs the application's dependencies during a deployment.
    type: str
  deployments_keep:
    description:
      - How many deployed releases to keep on the servers (1 to 10).
    type: int
notes:
  - Only the options that are set are compared and sent; an update also carries the current values of the
    fields the API requires in every update (O(name), O(default_branch), O(programming_language),
    O(framework), O(engine_version)).
'''

EXAMPLES = r'''
- name: Create an application
  deployops.platforms.devopness_application:
    project: webshop
    environment: production
    name: storefront
    repository: acme/storefront
    credential: github-acme
    default_branch: main
    programming_language: python
    framework: django
    engine_version: "3.12"
    root_directory: /app
    build_command: make build
    deployments_keep: 5
    api_token: "{{ vault_devopness_token }}"

- name: Change the default branch
  deployops.platforms.devopness_application:
    project: webshop
    environment: production
    name: storefront
    default_branch: release

- name: Rename an application found by id
  deployops.platforms.devopness_application:
    environment: 12
    id: 34
    name: shop

- name: Delete an application without waiting for the removal to finish
  deployops.platforms.devopness_application:
    project: webshop
    environment: production
    name: shop
    state: absent
    wait: false
'''

RETURN = r'''
application:
  description: The application as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Application ID.
      type: int
      sample: 34
    name:
      description: Application name.
      type: str
      sample: storefront
    repository:
      description: The source repository (C(owner/name)).
      type: str
      sample: acme/storefront
    default_branch:
      description: The branch deployed by default.
      type: str
      sample: main
    programming_language:
      description: Language runtime.
      type: str
      sample: python
    framework:
      description: Framework.
      type: str
      sample: django
    engine_version:
      description: Version of the language runtime.
      type: str
      sample: "3.12"
    root_directory:
      description: Directory of the application inside the repository.
      type: str
      sample: /app
    build_command:
      description: Build command.
      type: str
      sample: make build
    install_dependencies_command:
      description: Command installing dependencies.
      type: str
      sample: pip install -r requirements.txt
    deployments_keep:
      description: How many releases are kept.
      type: int
      sample: 5
    credential:
      description: The source provider credential (without its settings).
      type: dict
      sample: {"id": 3, "name": "github-acme", "provider_type": "source_provider"}
    environment_id:
      description: ID of the environment.
      type: int
      sample: 12
    project_id:
      description: ID of the project.
      type: int
      sample: 5
    last_deployments:
      description: The newest (C(latest)) and the newest successful (C(live)) deploy actions.
      type: dict
      sample: {"latest": null, "live": null}
    servers:
      description: Servers linked to the application.
      type: list
      elements: dict
      sample: []
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    updated_at:
      description: Time of the last change (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: The delete action, when the task deleted the application (only its C(id) when O(wait=false)).
  returned: when an action ran
  type: dict
  sample: {"id": 77, "type": "delete", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(APPLICATION, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        repository=dict(type='str'),
        credential=dict(type='str'),
        default_branch=dict(type='str'),
        programming_language=dict(type='str'),
        framework=dict(type='str'),
        engine_version=dict(type='str'),
        root_directory=dict(type='str'),
        build_command=dict(type='str'),
        install_dependencies_command=dict(type='str'),
        deployments_keep=dict(type='int'),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, APPLICATION)


if __name__ == '__main__':
    main()
