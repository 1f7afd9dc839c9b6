#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_integration
short_description: Manage DeployHQ integrations (notifications to Slack, Discord, webhooks ...)
version_added: 0.1.0
description:
  - Create, update and delete the integrations of a DeployHQ project, which report deployments elsewhere.
  - An integration is found by its exact O(name) inside O(project), or by O(id) (its identifier, a UUID).
  - O(hook_type) cannot be changed by the API (a change fails, or re-creates with O(recreate=true)); only some
    types can be created through the API.
  - O(properties) (webhook URLs, tokens) are never returned; see O(update_secrets).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.UPDATE_SECRETS
  - deployops.platforms.deployhq.PROJECT_REQUIRED
options:
  name:
    description:
      - Name of the integration; its natural key. Required unless O(id) is given.
    type: str
  hook_type:
    description:
      - Kind of integration. Required to create one; cannot be changed.
    type: str
    choices: [slack, discord, microsoft_teams, google_chat, webhook, email]
  send_on_start:
    description:
      - Report deployments that start.
    type: bool
  send_on_completion:
    description:
      - Report deployments that complete.
    type: bool
  send_on_failure:
    description:
      - Report deployments that fail.
    type: bool
  send_on_check_failed:
    description:
      - Report failed deployment checks.
    type: bool
  properties:
    description:
      - Settings of the integration type (for example C(webhook_url)). Write-only, never returned or shown.
    type: dict
'''

EXAMPLES = r'''
- name: Tell the team on Slack about failed deployments
  deployops.platforms.deployhq_integration:
    project: Shop
    name: ops channel
    hook_type: slack
    send_on_failure: true
    send_on_completion: false
    properties:
      webhook_url: "{{ vault_slack_webhook }}"
'''

RETURN = r'''
integration:
  description: The integration as the API returns it after the task (empty when deleted); never its properties.
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    name:
      description: Name.
      type: str
      sample: ops channel
    hook_type:
      description: Kind.
      type: str
      sample: slack
    send_on_start:
      description: Reports starts.
      type: bool
      sample: false
    send_on_completion:
      description: Reports completions.
      type: bool
      sample: false
    send_on_failure:
      description: Reports failures.
      type: bool
      sample: true
    send_on_check_failed:
      description: Reports failed checks.
      type: bool
      sample: false
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import HOOK_TYPES, INTEGRATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(INTEGRATION, dict(
        project=dict(type='str', required=True),
        name=dict(type='str'),
        hook_type=dict(type='str', choices=HOOK_TYPES),
        send_on_start=dict(type='bool'),
        send_on_completion=dict(type='bool'),
        send_on_failure=dict(type='bool'),
        send_on_check_failed=dict(type='bool'),
        properties=dict(type='dict', no_log=True),
    ), required_one_of=[('name', 'id')])
    run_resource(module, INTEGRATION)


if __name__ == '__main__':
    main()
