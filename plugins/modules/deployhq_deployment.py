#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_deployment
short_description: Deploy a DeployHQ project to a server or server group, abort or roll back a deployment
version_added: 0.1.0
description:
  - Start a deployment of a DeployHQ project to a O(server) or a O(server_group), and by default wait until it
    has completed, failed or been cancelled. A failed deployment fails the task with its failed step and the
    tail of that step's log.
  - Without O(end_revision), the latest revision of the branch is asked from the API; without O(start_revision),
    the deployment starts from the revision the target last received (a first deployment sends the whole branch).
  - With O(only_if_changed=true), nothing is started (and nothing is changed) when the target already has that
    end revision.
  - O(state=aborted) aborts the running deployment O(id); O(rollback_of) deploys again the revision an earlier
    completed deployment deployed.
  - Check mode sends no write request and reports what would be started.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.wait
  - deployops.platforms.deployhq.PROJECT_REQUIRED
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: Check mode sends no write request.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
options:
  state:
    description:
      - V(present) starts a deployment (or the rollback of O(rollback_of)); V(aborted) aborts the deployment O(id)
        if it is still pending or running.
    type: str
    choices: [present, aborted]
    default: present
  id:
    description:
      - Identifier (UUID) of the deployment to abort. Required with O(state=aborted).
    type: str
  server:
    description:
      - Name or identifier of the server to deploy to.
    type: str
  server_group:
    description:
      - Name or identifier of the server group to deploy to.
    type: str
  branch:
    description:
      - Branch to deploy. Default, the target's preferred branch.
    type: str
  start_revision:
    description:
      - Revision the deployment starts from (the changes after it are deployed); an empty string deploys the whole
        branch. Default, the target's last deployed revision.
      - DeployHQ refuses a start revision that was never deployed to the target (C(parent must exist)).
    type: str
  end_revision:
    description:
      - Revision to deploy. Default, the latest revision of O(branch) (asked from the API).
    type: str
  mode:
    description:
      - V(queue) deploys; V(preview) only computes what a deployment would change (it ends C(preview_ready)).
    type: str
    choices: [queue, preview]
    default: queue
  copy_config_files:
    description:
      - Write the project's config files to the servers.
    type: bool
  run_build_commands:
    description:
      - Run the project's build commands.
    type: bool
  use_build_cache:
    description:
      - Use the build cache.
    type: bool
  config_files_deployment:
    description:
      - Deploy only the config files (needs O(copy_config_files=true)).
    type: bool
  notification_addresses:
    description:
      - E-mail addresses notified about this deployment.
    type: list
    elements: str
  only_if_changed:
    description:
      - Start nothing, and report no change, when the target already has the end revision.
    type: bool
    default: false
  rollback_of:
    description:
      - Identifier of an earlier, completed deployment whose end revision to deploy again, to the same target.
    type: str
  wait:
    description:
      - Wait until the deployment has completed, failed or been cancelled (a preview, until it is ready or failed).
'''

EXAMPLES = r'''
- name: Deploy the latest commit of the main branch to the web servers, when they do not have it yet
  deployops.platforms.deployhq_deployment:
    project: Shop
    server_group: web
    branch: main
    only_if_changed: true

- name: Deploy a given revision without waiting
  deployops.platforms.deployhq_deployment:
    project: Shop
    server: web-1
    end_revision: 4b825dc642cb6eb9a060e54bf8d69288fbee4904
    wait: false
  register: started

- name: Abort it
  deployops.platforms.deployhq_deployment:
    project: Shop
    id: "{{ started.deployment.identifier }}"
    state: aborted

- name: Deploy again what an earlier deployment deployed
  deployops.platforms.deployhq_deployment:
    project: Shop
    rollback_of: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
'''

RETURN = r'''
deployment:
  description:
    - The deployment as the API returns it (after waiting, its final state). Empty when nothing was started.
    - In check mode, the deployment that would be started (C(parent_identifier), C(branch), the revisions).
  returned: always
  type: dict
  contains:
    identifier:
      description: The deployment's identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    status:
      description: C(pending), C(running), C(completed), C(failed), C(cancelled), or for a preview
        C(preview_pending), C(preview_ready), C(preview_failed).
      type: str
      sample: completed
    branch:
      description: Branch deployed.
      type: str
      sample: main
    start_revision:
      description: The revision the deployment started from (C(ref), C(author), C(message) ...).
      type: dict
      sample: {"ref": "4b825dc642cb6eb9a060e54bf8d69288fbee4904"}
    end_revision:
      description: The revision deployed.
      type: dict
      sample: {"ref": "9f0e6a2f1f3b7c110b5c3d526c1e4b5e9f0e6a2f"}
    servers:
      description: The servers deployed to.
      type: list
      elements: dict
      sample: [{"identifier": "6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11", "name": "web-1"}]
    steps:
      description: The steps (C(step), C(stage), C(description), C(status), C(identifier)).
      type: list
      elements: dict
      sample: [{"step": "transfer", "stage": "transferring", "status": "completed"}]
    timestamps:
      description: C(queued_at), C(started_at), C(completed_at), C(duration).
      type: dict
      sample: {"queued_at": "2026-12-06T04:00:00+00:00", "duration": 12.5}
skipped_reason:
  description: Why nothing was started (O(only_if_changed), or a deployment that had already ended).
  returned: when nothing was started
  type: str
  sample: web-1 already has revision 4b825dc642cb6eb9a060e54bf8d69288fbee4904
'''

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
