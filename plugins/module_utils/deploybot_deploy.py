# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``deploybot_deployment``: trigger a deployment of an environment unless it already runs the
requested commit, optionally refreshing the repository first, and wait for it to end."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import check_version
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

#: options sent as they are when the task sets them (the API's defaults apply otherwise)
PASSED_AS_IS = ('deploy_from_scratch', 'trigger_notifications', 'skip_build', 'comment')


def runs_version(environment, version):
    """Whether the environment's last deployed commit is ``version`` (a full or short SHA)."""
    current = ('%s' % (environment.get('current_version') or '')).lower()
    return bool(current) and bool(version) and current.startswith(version)


def deployment_body(api, params, environment, version):
    body = {'environment_id': environment['id']}
    if params.get('user') is not None:
        body['user_id'] = api.user(params['user'])['id']
    if version is not None:
        body['deployed_version'] = version
    for name in PASSED_AS_IS:
        if params.get(name) is not None:
            body[name] = params[name]
    return body


def describe_failure(deployment, environment):
    text = 'deployment %s of %s to environment %s (id %s) ended %s' % (
        deployment.get('id'), deployment.get('deployed_version') or 'the newest commit',
        environment.get('name'), environment.get('id'), deployment.get('state'))
    details = ', '.join('%s: %s' % (key, deployment[key]) for key in ('retries', 'deployed_at', 'comment')
                        if deployment.get(key) not in (None, ''))
    return text + (' (%s)' % details if details else '') + '; the DeployBot web app shows its log'


def deploy(module, api):
    params = module.params
    version = check_version('deployed_version', params.get('deployed_version'))
    environment = api.environment(params['environment'], params.get('repository'))
    current = environment.get('current_version')
    result = dict(changed=False, deployment={}, environment=environment, refreshed=False)
    if version is not None and not params['force'] and runs_version(environment, version):
        result['skipped_reason'] = 'environment %s already runs %s' % (environment.get('name'), current)
        return result
    body = deployment_body(api, params, environment, version)
    after = version or 'latest of %s' % (environment.get('branch_name') or 'its branch')
    result['changed'] = True
    if module._diff:
        result['diff'] = dict(before={'current_version': current}, after={'current_version': after})
    if module.check_mode:
        result['would_deploy'] = body
        return result
    if params['refresh_repository']:
        api.refresh_repository(api.repository(environment.get('repository_id')))
        result['refreshed'] = True
    deployment = api.trigger(body)
    result['deployment'] = deployment
    if not params['wait']:
        return result
    deployment = api.wait_deployment(deployment.get('id'), params['wait_timeout'])
    result['deployment'] = deployment
    result['environment'] = api.get('/environments/%s' % environment['id']) or environment
    if deployment.get('state') == 'failed':
        raise EngineError(describe_failure(deployment, environment), changed=True, deployment=deployment,
                          environment=result['environment'])
    if deployment.get('state') == 'skipped':
        result['changed'] = False
        result['skipped_reason'] = 'DeployBot skipped deployment %s: nothing to deploy' % deployment.get('id')
        result.pop('diff', None)
    return result
