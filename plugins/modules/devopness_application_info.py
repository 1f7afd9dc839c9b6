#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_application_info
short_description: List Devopness applications
version_added: 0.1.0
description:
  - List the applications of an environment, or get one by O(id) or by exact O(name).
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
      - Return only the application with this ID (its full representation).
    type: str
  name:
    description:
      - Return only the applications with this exact name.
    type: str
  repository:
    description:
      - Return only the applications built from this repository (C(owner/name)).
    type: str
'''

EXAMPLES = r'''
- name: List the applications of an environment
  deployops.platforms.devopness_application_info:
    project: webshop
    environment: production
  register: result

- name: Get one application by name
  deployops.platforms.devopness_application_info:
    project: webshop
    environment: production
    name: storefront
  register: result
'''

RETURN = r'''
applications:
  description: The matching applications (list items of the API, or the full application when O(id) is given).
  returned: always
  type: list
  elements: dict
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
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import APPLICATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(APPLICATION, dict(
        name=dict(type='str'),
        repository=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, APPLICATION, filters=['name', 'repository'])


if __name__ == '__main__':
    main()
