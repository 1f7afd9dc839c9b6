#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_auto_deployment_info
short_description: Show which DeployHQ servers and server groups deploy on a push
version_added: 0.1.0
description:
  - Return the webhook URL of a DeployHQ project and, for each of its servers and server groups, whether it deploys
    automatically on a push.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.deployhq.PROJECT_REQUIRED
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: This action does not modify state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details: This action does not modify state.
'''

EXAMPLES = r'''
- name: Read the webhook URL
  deployops.platforms.deployhq_auto_deployment_info:
    project: Shop
  register: auto

- name: Show it
  ansible.builtin.debug:
    msg: "{{ auto.webhook_url }}"
'''

RETURN = r'''
webhook_url:
  description: The URL a repository calls to start automatic deployments.
  returned: always
  type: str
  sample: https://acme.deployhq.com/deploy/shop/to/auto/5f0c3d52
deployables:
  description:
    - Every server and group of the project with its setting.
    - The elements are described by RV(deployops.platforms.deployhq_auto_deployment#module:deployables).
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task


def run(module):
    def work(api):
        project = api.project(module.params['project'])['permalink']
        current = api.client.get('/projects/%s/auto_deployments' % project).body
        return dict(changed=False, webhook_url=current.get('webhook_url'), deployables=current.get('deployables') or [])

    run_task(module, DeployHQAPI, work)


def main():
    module = platform_module(DeployHQAPI, dict(project=dict(type='str', required=True)))
    run(module)


if __name__ == '__main__':
    main()
