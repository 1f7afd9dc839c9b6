#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
    run(build_module())


if __name__ == '__main__':
    main()
