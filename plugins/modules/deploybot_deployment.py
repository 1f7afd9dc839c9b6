#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_deployment
short_description: Deploy a DeployBot environment
version_added: 0.1.0
description:
  - Triggers a deployment of an environment (C(POST /deployments), the one write the DeployBot API has) and,
    with O(wait), waits until it is C(success), C(failed) or C(skipped).
  - Idempotent by default. When O(deployed_version) is set and the environment's C(current_version) (the commit
    it last deployed) is already that commit, no deployment is started and the task reports no change;
    O(force=true) deploys anyway.
  - Without O(deployed_version), DeployBot deploys the newest commit of the environment's branch, which the API
    does not tell in advance, so every run starts a deployment. A deployment that ends C(skipped) (DeployBot
    found nothing to deploy) reports no change.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.wait
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: In check mode nothing is sent but reads (the refresh webhook is not called either); the task reports
      what would be deployed.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
    details: The environment's C(current_version) before and after (after is the requested version, or
      C(latest of <branch>) without O(deployed_version)).
options:
  environment:
    description:
      - Name or ID of the environment to deploy. A name is looked up in O(repository).
    type: str
    required: true
  repository:
    description:
      - Name, title or ID of the repository of O(environment). Required when O(environment) is a name.
        A name that several repositories have fails listing their IDs.
    type: str
  deployed_version:
    description:
      - The commit SHA to deploy (7 to 40 hexadecimal digits; a short SHA matches the C(current_version)
        that starts with it). Without it, the newest commit of the environment's branch.
    type: str
  force:
    description:
      - Deploy even when the environment's C(current_version) already is O(deployed_version).
    type: bool
    default: false
  deploy_from_scratch:
    description:
      - Upload every file rather than only those changed since the last deployment. Not set, the API's default
        (V(false)).
    type: bool
  trigger_notifications:
    description:
      - Send the account's deployment notifications. Not set, the API's default (V(true)).
    type: bool
  skip_build:
    description:
      - Passed to the API as C(skip_build); DeployBot documents it as whether the build commands run, with an
        ambiguous default. Not set, it is not sent.
    type: bool
  comment:
    description:
      - The deployment's comment.
    type: str
  user:
    description:
      - ID, e-mail address or full name of the user to deploy as. Not set, the API deploys as the account owner.
    type: str
  refresh_repository:
    description:
      - Before deploying, call the repository's refresh webhook so that DeployBot knows of commits pushed since it
        last looked (for example the commit in O(deployed_version), pushed a moment ago). It is called only when
        a deployment is started, never in check mode; the API token is not sent to it.
    type: bool
    default: false
  wait:
    description:
      - Wait until the deployment ends. A C(failed) deployment fails the task with what the API says of it.
notes:
  - When the answer to the trigger is lost (a timeout, HTTP 502 or 504), the request is not sent again blindly. The
    environment's deployments are read, and the newest one still running (of O(deployed_version) when set) is taken
    as the one started. When there is none and O(deployed_version) is set (and the environment does not run it),
    nothing was started and the trigger is sent again, five times at most; without O(deployed_version) the task
    fails saying a deployment may have started.
'''

EXAMPLES = r'''
- name: Deploy a commit to production and wait; nothing happens when it is already deployed
  deployops.platforms.deploybot_deployment:
    account: example
    repository: website
    environment: production
    deployed_version: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
    comment: Deploy via Ansible

- name: Deploy the newest commit of staging's branch, just pushed
  deployops.platforms.deploybot_deployment:
    account: example
    repository: website
    environment: staging
    refresh_repository: true

- name: Upload everything again, even though the commit is deployed
  deployops.platforms.deploybot_deployment:
    account: example
    environment: 2
    deployed_version: 3d6c20b
    force: true
    deploy_from_scratch: true
    trigger_notifications: false
'''

RETURN = r'''
deployment:
  description:
    - The deployment. With O(wait=true), as it ended; with O(wait=false), as it was started.
    - Empty when no deployment was started.
    - Its keys are those RV(deployops.platforms.deploybot_deployment_info#module:deployments) describes.
  returned: always
  type: dict
  contains:
    id:
      description: Deployment ID.
      type: int
      sample: 1042
    state:
      description: C(success), C(failed) or C(skipped) once ended; C(pending) or C(waiting) without O(wait).
      type: str
      sample: success
    deployed_version:
      description: The commit SHA deployed.
      type: str
      sample: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
    environment_id:
      description: ID of the environment.
      type: int
      sample: 2
    created_at_iso:
      description: When it was started, in ISO 8601 (C(created_at) as DeployBot gives it).
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    deployed_at_iso:
      description: When it ended, in ISO 8601 (C(deployed_at) as DeployBot gives it).
      type: str
environment:
  description:
    - The environment. After a deployment waited for, as read again (its new C(current_version)).
    - Its keys are those RV(deployops.platforms.deploybot_environment_info#module:environments) describes; like there,
      its C(deploy_webhook_url) (a credential) is never returned.
  returned: always
  type: dict
  contains:
    id:
      description: Environment ID.
      type: int
      sample: 2
    name:
      description: Environment name.
      type: str
      sample: production
    current_version:
      description: The commit SHA the environment last deployed successfully.
      type: str
      sample: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
skipped_reason:
  description: Why no deployment was started.
  returned: when no deployment was started
  type: str
  sample: environment production already runs 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
would_deploy:
  description: In check mode, the request body that would be sent (C(POST /deployments)).
  returned: in check mode, when a deployment would be started
  type: dict
  sample: {environment_id: 2, deployed_version: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2}
refreshed:
  description: Whether the repository's refresh webhook was called.
  returned: always
  type: bool
  sample: false
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DeployBotAPI
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_deploy import deploy
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec


def main():
    spec = wait_options_spec()
    spec.update(
        environment=dict(type='str', required=True),
        repository=dict(type='str'),
        deployed_version=dict(type='str'),
        force=dict(type='bool', default=False),
        deploy_from_scratch=dict(type='bool'),
        trigger_notifications=dict(type='bool'),
        skip_build=dict(type='bool'),
        comment=dict(type='str'),
        user=dict(type='str'),
        refresh_repository=dict(type='bool', default=False),
    )
    module = platform_module(DeployBotAPI, spec)
    run_task(module, DeployBotAPI, lambda api: deploy(module, api))


if __name__ == '__main__':
    main()
