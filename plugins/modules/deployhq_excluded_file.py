#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_excluded_file
short_description: Manage DeployHQ excluded files (paths never deployed)
version_added: 0.1.0
description:
  - Add and remove the paths a DeployHQ project never deploys.
  - An excluded file is found by its exact O(path) inside O(project), or by O(id) (its identifier, a UUID); with
    O(id), O(path) is the new path.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  path:
    description:
      - The path or glob pattern, relative to the repository root; its natural key. Required unless O(id) is given.
    type: str
'''

EXAMPLES = r'''
- name: Never deploy the tests
  deployops.platforms.deployhq_excluded_file:
    project: Shop
    path: spec/
'''

RETURN = r'''
excluded_file:
  description: The excluded file as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    path:
      description: The path.
      type: str
      sample: spec/
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import EXCLUDED_FILE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(EXCLUDED_FILE, dict(
        project=dict(type='str', required=True),
        path=dict(type='str'),
    ), required_one_of=[('path', 'id')])
    run_resource(module, EXCLUDED_FILE)


if __name__ == '__main__':
    main()
