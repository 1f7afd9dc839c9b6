#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_deployment
short_description: Deploy a Devopness application
version_added: 0.1.0
description:
  - Triggers a deployment of an application (C(POST /applications/{id}/deployments)) and, with O(wait),
    waits for the deployment action to finish.
  - Each run starts a new deployment and reports a change, unless O(only_if_changed=true) finds that
    the application's live deployment already has the requested source reference.
  - To start several deployments and wait for them later, use O(wait=false) and
    M(deployops.platforms.devopness_action_wait).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.wait
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: In check mode no deployment is started; the task reports what it would do.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
options:
  application:
    description:
      - Name or ID of the application. A name is looked up in O(environment) of O(project).
    type: str
    required: true
  project:
    description: Name or ID of the project (to find O(environment) by name).
    type: str
  environment:
    description: Name or ID of the environment (to find O(application) by name).
    type: str
  type:
    description: The kind of deployment.
    type: str
    choices: [deploy, redeploy, rollback]
    default: deploy
  source_type:
    description:
      - What O(source_ref) names. Both or neither of O(source_type) and O(source_ref) must be set;
        without them the application's default branch is deployed.
    type: str
    choices: [branch, tag, commit]
  source_ref:
    description: The branch, tag or commit hash to deploy.
    type: str
  servers:
    description:
      - Hostnames or IDs of the servers to deploy to (in the application's environment).
        Without it, the servers linked to the application.
    type: list
    elements: str
  pipeline_id:
    description: ID of the deploy pipeline to run, when the application has more than one.
    type: int
  only_if_changed:
    description:
      - Start no deployment when the application's live deployment (its newest successful one)
        already deployed the requested O(source_ref) (or the default branch when O(source_ref) is not set).
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Deploy the main branch and wait
  deployops.platforms.devopness_deployment:
    project: webshop
    environment: production
    application: storefront
    source_type: branch
    source_ref: main

- name: Deploy a tag only when it is not live yet
  deployops.platforms.devopness_deployment:
    project: webshop
    environment: production
    application: storefront
    source_type: tag
    source_ref: v1.4.2
    only_if_changed: true

- name: Start deployments of every application without waiting
  deployops.platforms.devopness_deployment:
    project: webshop
    environment: production
    application: "{{ item }}"
    wait: false
  loop: [storefront, api, worker]
  register: started

- name: Wait for them all
  deployops.platforms.devopness_action_wait:
    ids: "{{ started.results | map(attribute='action.id') | list }}"
'''

RETURN = r'''
action:
  description:
    - The deployment action. With O(wait=true), as it finished (status, targets and their steps);
      with O(wait=false), as it was started (at least its C(id)). Empty when no deployment was started.
  returned: always
  type: dict
  contains:
    id:
      description: Action ID.
      type: int
      sample: 8812
    status:
      description: Action status (C(completed), C(failed), C(skipped), or a running state without O(wait)).
      type: str
      sample: completed
    type:
      description: Action type.
      type: str
      sample: deploy
    targets:
      description: One entry per server, each with its C(status) and C(steps) (C(order), C(name), C(status)).
      type: list
      elements: dict
    url_web_permalink:
      description: Link to the action in the Devopness web app.
      type: str
skipped_reason:
  description: Why no deployment was started (only with O(only_if_changed=true)).
  returned: when no deployment was started
  type: str
  sample: live deployment 8790 already deployed main
'''

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
