#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec

FLAGS = ('copy_config_files', 'run_build_commands', 'use_build_cache', 'config_files_deployment')
RUNNING = ('pending', 'running', 'preview_pending')


def check_ids(api, params):
    for option in ('id', 'rollback_of'):
        problem = api.id_problem('uuid', params[option]) if params.get(option) else None
        if problem:
            raise EngineError('%s: %s' % (option, problem), errors={option: [problem]})


def finish(module, api, project, deployment):
    if module.params['wait'] and deployment.get('identifier'):
        deployment = api.wait_deployment(project, deployment['identifier'], module.params['wait_timeout'])
    return dict(changed=True, deployment=deployment)


def abort(module, api, project):
    deployment = api.deployment(project, module.params['id'])
    if deployment.get('status') not in RUNNING:
        ended = 'deployment %s has already ended (%s)' % (deployment.get('identifier'), deployment.get('status'))
        return dict(changed=False, deployment=deployment, skipped_reason=ended)
    if module.check_mode:
        return dict(changed=True, deployment=deployment)
    api.client.post('/projects/%s/deployments/%s/abort' % (project, module.params['id']), {})
    return dict(changed=True, deployment=api.deployment(project, module.params['id']))


def rollback(module, api, project):
    params = module.params
    earlier = api.deployment(project, params['rollback_of'])
    if module.check_mode:
        return dict(changed=True, deployment=dict(rollback_of=earlier.get('identifier'),
                                                  end_revision=earlier.get('end_revision')))
    body = dict((key, params[key]) for key in ('copy_config_files', 'run_build_commands') if params[key] is not None)
    body['mode'] = params['mode']
    started = api.client.post('/projects/%s/deployments/%s/rollback' % (project, params['rollback_of']), body).body
    return finish(module, api, project, started)


def deploy(module, api, project):
    params = module.params
    ref = params['server'] or params['server_group']
    target = api.target(ref, project)
    branch = params['branch'] or target.get('preferred_branch') or target.get('branch')
    end = params['end_revision']
    if not end:
        end = api.client.get('/projects/%s/repository/latest_revision' % project, params={'branch': branch}).body.get('ref')
    start = params['start_revision']
    if start is None:
        start = target.get('last_revision') or ''
    if params['only_if_changed'] and target.get('last_revision') == end:
        return dict(changed=False, deployment={}, skipped_reason='%s already has revision %s' % (ref, end))
    fields = dict(parent_identifier=target['identifier'], branch=branch, start_revision=start, end_revision=end,
                  mode=params['mode'])
    fields.update((key, params[key]) for key in FLAGS if params[key] is not None)
    if params['notification_addresses']:
        fields['notification_addresses'] = ', '.join(params['notification_addresses'])
    if module.check_mode:
        return dict(changed=True, deployment=fields)
    started = api.client.post('/projects/%s/deployments' % project, {'deployment': fields}).body
    return finish(module, api, project, started)


def run(module):
    params = module.params

    def work(api):
        check_ids(api, params)
        if params['state'] == 'present' and not (params['server'] or params['server_group'] or params['rollback_of']):
            raise EngineError('one of server, server_group or rollback_of is required to start a deployment',
                              errors={'server': ['is required']})
        project = api.project(params['project'])['permalink']
        if params['state'] == 'aborted':
            return abort(module, api, project)
        if params['rollback_of']:
            return rollback(module, api, project)
        return deploy(module, api, project)

    run_task(module, DeployHQAPI, work)


def build_module():
    spec = wait_options_spec()
    spec.update(
        project=dict(type='str', required=True),
        state=dict(type='str', default='present', choices=['present', 'aborted']),
        id=dict(type='str'),
        server=dict(type='str'),
        server_group=dict(type='str'),
        branch=dict(type='str'),
        start_revision=dict(type='str'),
        end_revision=dict(type='str'),
        mode=dict(type='str', default='queue', choices=['queue', 'preview']),
        copy_config_files=dict(type='bool'),
        run_build_commands=dict(type='bool'),
        use_build_cache=dict(type='bool'),
        config_files_deployment=dict(type='bool'),
        notification_addresses=dict(type='list', elements='str'),
        only_if_changed=dict(type='bool', default=False),
        rollback_of=dict(type='str'),
    )
    return platform_module(DeployHQAPI, spec, mutually_exclusive=[('server', 'server_group', 'rollback_of')],
                           required_if=[('state', 'aborted', ('id',))])


def main():
    module = build_module()
    run(module)


if __name__ == '__main__':
    main()
