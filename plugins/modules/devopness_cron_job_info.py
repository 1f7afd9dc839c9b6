#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_cron_job_info
short_description: List Devopness cron jobs
version_added: 0.1.0
description:
  - List the cron jobs of an environment, or get one by O(id) or by exact O(name).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
  - deployops.platforms.resource.NAME_FILTER'''

EXAMPLES = r'''
- name: List the cron jobs of an environment
  deployops.platforms.devopness_cron_job_info:
    project: webshop
    environment: production
  register: result

- name: Get one cron job by name
  deployops.platforms.devopness_cron_job_info:
    project: webshop
    environment: production
    name: scheduler
  register: result
'''

RETURN = r'''
cron_jobs:
  description:
    - The matching cron jobs. Listed cron jobs are the API's list items, which have no C(servers); with O(id), the full cron job.
    - Each element has the keys that RV(deployops.platforms.devopness_cron_job#module:cron_job) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import CRON_JOB
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(CRON_JOB, dict(
        name=dict(type='str'),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, CRON_JOB)


if __name__ == '__main__':
    main()
