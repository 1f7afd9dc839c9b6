#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI, parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_actions import compact, server_ids, start_action
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec


def find_application(api, params):
    scope = api.resource_scope(dict(params, resource_type='application', resource=params['application']))
    application = api.get('/applications/%s' % scope['resource_id'])
    if application is None:
        raise EngineError('application with id %s was not found' % scope['resource_id'])
    return application


def live_ref(api, application):
    """The source reference the application's newest successful deployment deployed, if any."""
    live = (application.get('last_deployments') or {}).get('live')
    if not live:
        return None, None
    action = api.get_action(live['id'])
    deployment = ((action or {}).get('action_data') or {}).get('deployment') or {}
    return live['id'], deployment.get('source_ref')


def deploy(module):
    params = module.params

    def work(api):
        application = find_application(api, params)
        if params['only_if_changed']:
            wanted = params['source_ref'] or application.get('default_branch')
            live_id, deployed = live_ref(api, application)
            if deployed is not None and deployed == wanted:
                return dict(changed=False, action={}, skipped_reason='live deployment %s already deployed %s' % (
                    live_id, deployed))
        body = compact(dict(
            type=params['type'], source_type=params['source_type'], source_ref=params['source_ref'],
            pipeline_id=params['pipeline_id'],
            servers=server_ids(api, params['servers'], application.get('environment_id')),
        ))
        return start_action(module, api, '/applications/%s/deployments' % application['id'], body)

    run_task(module, DevopnessAPI, work)


def main():
    spec = wait_options_spec()
    spec.update(parent_options('project', 'environment'))
    spec.update(
        application=dict(type='str', required=True),
        type=dict(type='str', default='deploy', choices=['deploy', 'redeploy', 'rollback']),
        source_type=dict(type='str', choices=['branch', 'tag', 'commit']),
        source_ref=dict(type='str'),
        servers=dict(type='list', elements='str'),
        pipeline_id=dict(type='int'),
        only_if_changed=dict(type='bool', default=False),
    )
    module = platform_module(DevopnessAPI, spec, required_together=[('source_type', 'source_ref')])
    deploy(module)


if __name__ == '__main__':
    main()
