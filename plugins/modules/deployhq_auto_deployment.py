#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_auto_deployment
short_description: Choose which DeployHQ servers and server groups deploy on a push
version_added: 0.1.0
description:
  - Turn automatic deployment (a deployment on every push to the repository, through the project's webhook) on or
    off for servers and server groups of a DeployHQ project.
  - Only the deployables whose setting differs are sent; a second identical run reports no change.
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
    details: Check mode sends no write request.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
options:
  servers:
    description:
      - Names or identifiers of servers to set.
    type: list
    elements: str
    default: []
  server_groups:
    description:
      - Names or identifiers of server groups to set.
    type: list
    elements: str
    default: []
  auto_deploy:
    description:
      - Whether the listed servers and groups deploy on a push.
    type: bool
    default: true
  exclusive:
    description:
      - Also set every other server and group of the project to the opposite of O(auto_deploy).
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Only the staging server deploys on a push
  deployops.platforms.deployhq_auto_deployment:
    project: Shop
    servers: [staging]
    exclusive: true

- name: Stop the web group from deploying on a push
  deployops.platforms.deployhq_auto_deployment:
    project: Shop
    server_groups: [web]
    auto_deploy: false
'''

RETURN = r'''
webhook_url:
  description: The URL a repository calls to start automatic deployments.
  returned: always
  type: str
  sample: https://acme.deployhq.com/deploy/shop/to/auto/5f0c3d52
deployables:
  description: Every server and group of the project with its setting after the task.
  returned: always
  type: list
  elements: dict
  sample: [{"identifier": "6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11", "name": "staging", "type": "Server",
            "auto_deploy": true, "preferred_branch": "main"}]
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task


def build_module():
    return platform_module(DeployHQAPI, dict(
        project=dict(type='str', required=True),
        servers=dict(type='list', elements='str', default=[]),
        server_groups=dict(type='list', elements='str', default=[]),
        auto_deploy=dict(type='bool', default=True),
        exclusive=dict(type='bool', default=False),
    ))


def wanted_settings(api, params, project, deployables):
    """``{identifier: bool}`` of every deployable the task sets."""
    wanted = {}
    for kind, refs in (('servers', params['servers']), ('server_groups', params['server_groups'])):
        for ref in refs:
            wanted[api.project_child(kind, ref, project)['identifier']] = params['auto_deploy']
    if params['exclusive']:
        for item in deployables:
            wanted.setdefault(item['identifier'], not params['auto_deploy'])
    if not wanted:
        raise EngineError('servers or server_groups is required (or exclusive: true)', errors={'servers': ['is empty']})
    return wanted


def run(module):
    params = module.params

    def work(api):
        project = api.project(params['project'])['permalink']
        path = '/projects/%s/auto_deployments' % project
        current = api.client.get(path).body
        deployables = current.get('deployables') or []
        by_id = dict((item['identifier'], item) for item in deployables)
        changes = dict((identifier, enabled) for identifier, enabled in wanted_settings(
            api, params, project, deployables).items() if bool(by_id[identifier].get('auto_deploy')) != enabled)
        result = dict(changed=bool(changes), webhook_url=current.get('webhook_url'), deployables=deployables)
        if module._diff:
            result['diff'] = dict(before=dict((by_id[i]['name'], not v) for i, v in changes.items()),
                                  after=dict((by_id[i]['name'], v) for i, v in changes.items()))
        if changes and not module.check_mode:
            result['deployables'] = api.client.post(path, {'deployables': changes}).body.get('deployables')
        return result

    run_task(module, DeployHQAPI, work)


def main():
    module = build_module()
    run(module)


if __name__ == '__main__':
    main()
