# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``deploybot_deployment``: trigger a deployment of an environment unless it already runs the
requested commit, optionally refreshing the repository first, and wait for it to end."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.create_once import MAX_CREATE_ATTEMPTS
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DEPLOYMENT_RUNNING, check_version
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import ENVIRONMENT
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

#: options sent as they are when the task sets them (the API's defaults apply otherwise)
PASSED_AS_IS = ('deploy_from_scratch', 'trigger_notifications', 'skip_build', 'comment')


def shown(environment):
    """The environment as a task may return it: without its deploy webhook URL (a credential)."""
    return dict((key, value) for key, value in (environment or {}).items() if key not in ENVIRONMENT.hidden_result_keys)


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


def started_by_lost_trigger(api, environment, version):
    """After a ``POST /deployments`` whose answer was lost (timeout, 502, 504): the deployment it started,
    or ``None``. It is the newest deployment of the environment that still runs (of ``version`` when one was
    requested), or, when the environment already runs ``version``, the newest deployment of it."""
    deployments = [d for d in api.list('/deployments', {'environment_id': environment['id']}) if isinstance(d, dict)]
    of_version = [d for d in deployments if version is None
                  or ('%s' % (d.get('deployed_version') or '')).lower().startswith(version)]
    running = [d for d in of_version if d.get('state') in DEPLOYMENT_RUNNING]
    if running:
        return max(running, key=lambda d: d.get('id') or 0)
    if version is not None and of_version and runs_version(api.get('/environments/%s' % environment['id']) or {}, version):
        return max(of_version, key=lambda d: d.get('id') or 0)
    return None


def trigger(api, body, environment, version):
    """Trigger the deployment; a lost answer is never sent again blindly: the deployment it started is
    looked for first. When none of the requested version runs or ran, nothing was started and the trigger
    is sent again (at most ``MAX_CREATE_ATTEMPTS`` in all); without a version (the newest commit) a finished
    deployment cannot be told from an old one, so the task fails rather than risk a second deployment."""
    for attempt in range(1, MAX_CREATE_ATTEMPTS + 1):
        try:
            return api.trigger(body)
        except ApiError as exc:
            if not exc.maybe_committed:
                raise
            found = started_by_lost_trigger(api, environment, version)
            if found is not None:
                return found
            if version is None or attempt == MAX_CREATE_ATTEMPTS:
                wanted = version or 'the newest commit'
                raise EngineError('%s. It may or may not have started a deployment, and none of %s was found running '
                                  'on environment %s (after %d attempts): check with deploybot_deployment_info before '
                                  'running the task again.' % (exc, wanted, environment.get('name'), attempt),
                                  changed=True, **exc.to_result())
    return None  # not reached: the last attempt returns or raises


def deploy(module, api):
    params = module.params
    version = check_version('deployed_version', params.get('deployed_version'))
    environment = api.environment(params['environment'], params.get('repository'))
    current = environment.get('current_version')
    result = dict(changed=False, deployment={}, environment=shown(environment), refreshed=False)
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
    deployment = trigger(api, body, environment, version)
    result['deployment'] = deployment
    if not params['wait']:
        return result
    deployment = api.wait_deployment(deployment.get('id'), params['wait_timeout'])
    result['deployment'] = deployment
    result['environment'] = shown(api.get('/environments/%s' % environment['id']) or environment)
    if deployment.get('state') == 'failed':
        raise EngineError(describe_failure(deployment, environment), changed=True, deployment=deployment,
                          environment=result['environment'])
    if deployment.get('state') == 'skipped':
        result['changed'] = False
        result['skipped_reason'] = 'DeployBot skipped deployment %s: nothing to deploy' % deployment.get('id')
        result.pop('diff', None)
    return result
