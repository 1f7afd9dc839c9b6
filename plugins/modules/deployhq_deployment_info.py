#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
    run(build_module())


if __name__ == '__main__':
    main()
