#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_deployment_info
short_description: List the deployments of a DeployHQ project
version_added: 0.1.0
description:
  - List the deployments of a DeployHQ project, newest first (the API's one paged list; every page is read
    unless O(limit) is set), or get one by O(id) with its steps.
  - Previews are not listed by the API; get them by O(id).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  id:
    description:
      - Return only the deployment with this identifier (UUID), with its steps.
  server:
    description:
      - Return only deployments to this server (name or identifier).
    type: str
  server_group:
    description:
      - Return only deployments to this server group (name or identifier).
    type: str
  currently_running:
    description:
      - Return only the deployments that are pending or running.
    type: bool
    default: false
  limit:
    description:
      - Return at most this many deployments (the newest), reading no more pages than needed.
    type: int
'''

EXAMPLES = r'''
- name: The deployments running now
  deployops.platforms.deployhq_deployment_info:
    project: Shop
    currently_running: true
  register: running

- name: The last five deployments to the web servers
  deployops.platforms.deployhq_deployment_info:
    project: Shop
    server_group: web
    limit: 5
  register: recent
'''

RETURN = r'''
deployments:
  description:
    - The matching deployments, newest first.
    - Each element has the keys that RV(deployops.platforms.deployhq_deployment#module:deployment) describes.
  returned: always
  type: list
  elements: dict
'''

import itertools

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task


def build_module():
    return platform_module(DeployHQAPI, dict(
        project=dict(type='str', required=True),
        id=dict(type='str'),
        server=dict(type='str'),
        server_group=dict(type='str'),
        currently_running=dict(type='bool', default=False),
        limit=dict(type='int'),
    ), mutually_exclusive=[('server', 'server_group')])


def run(module):
    params = module.params

    def work(api):
        if params['id']:
            problem = api.id_problem('uuid', params['id'])
            if problem:
                raise EngineError('id: %s' % problem, errors={'id': [problem]})
        if params['limit'] is not None and params['limit'] < 1:
            raise EngineError('limit: must be 1 or more', errors={'limit': ['must be 1 or more']})
        project = api.project(params['project'])['permalink']
        if params['id']:
            found = api.get('/projects/%s/deployments/%s' % (project, params['id']))
            return dict(changed=False, deployments=[found] if found else [])
        query = {}
        target = params['server'] or params['server_group']
        if target:
            query['to'] = api.target(target, project)['identifier']
        if params['currently_running']:
            query['currently_running'] = 1
        items = api.list('/projects/%s/deployments' % project, query)
        return dict(changed=False, deployments=list(itertools.islice(items, params['limit'])))

    run_task(module, DeployHQAPI, work)


def main():
    module = build_module()
    run(module)


if __name__ == '__main__':
    main()
