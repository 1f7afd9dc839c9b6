#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_notification
short_description: Set up dployr cluster notifications to Discord, Slack, a webhook or e-mail
version_added: 0.1.0
description:
  - Set up one notification integration of a dployr cluster and the events it sends
    (C(POST /v1/notifications/{discord,slack,webhook,email}/setup)). These are dployr's only webhooks,
    outgoing notifications, one set-up per integration and cluster.
  - The current set-up is read from C(GET /v1/clusters/{id}/integrations); O(events) are compared with it.
  - Base has no DELETE for an integration; V(absent) sets it up disabled.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  integration:
    description:
      - Where the notifications go. V(webhook) is a custom webhook (Base's C(customWebhook)).
    type: str
    required: true
    choices: [discord, slack, webhook, email]
  id:
    description:
      - An integration's identifier is its name (V(discord), V(slack), V(webhook), V(email)); O(integration) names
        it, so this option is rarely needed.
  webhook_url:
    description:
      - The incoming-webhook URL of the Discord or Slack channel, or the URL of the custom webhook. Required for
        every integration but V(email).
      - Such URLs carry a credential, so the value is treated as a secret (never returned, never in the diff);
        a changed URL is sent with O(update_secrets=always).
    type: str
  events:
    description:
      - The events to send. Base's default for a new Discord, Slack or webhook set-up is C(instance.created) and
        C(instance.deleted).
    type: list
    elements: str
    choices: [instance.created, instance.modified, instance.deleted, cluster.modified, cluster.user_invited,
              cluster.invite_revoked, cluster.invite_accepted, cluster.invite_declined, cluster.removed_user,
              cluster.user_role_changed, cluster.ownership_transferred, auth.session_created,
              billing.payment_successful, billing.payment_failed, billing.subscription_canceled,
              billing.subscription_expired]
  update_secrets:
    description:
      - O(webhook_url) is treated as write-only and cannot be compared.
      - V(on_create) sends it when the integration is set up and with any other change of it.
      - V(always) also sends it when nothing else changed, without reporting a change.
  state:
    description:
      - V(present) sets the integration up, enabled; V(absent) disables it.
'''

EXAMPLES = r'''
- name: Instance events to a Slack channel
  deployops.platforms.dployr_notification:
    cluster: production
    integration: slack
    webhook_url: "{{ vault_slack_webhook_url }}"
    events: [instance.created, instance.deleted, instance.modified]

- name: Billing events by e-mail
  deployops.platforms.dployr_notification:
    integration: email
    events: [billing.payment_failed, billing.subscription_expired]

- name: Stop the Slack notifications
  deployops.platforms.dployr_notification:
    integration: slack
    webhook_url: "{{ vault_slack_webhook_url }}"
    state: absent
'''

RETURN = r'''
notification:
  description: The integration's set-up as Base returns it, without its URL (empty when disabled).
  returned: always
  type: dict
  contains:
    integration:
      description: The integration.
      type: str
      sample: slack
    enabled:
      description: Whether it sends notifications.
      type: bool
    events:
      description: The events it sends.
      type: list
      elements: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    INTEGRATIONS, NOTIFICATION, NOTIFICATION_EVENTS)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(NOTIFICATION, dict(
        integration=dict(type='str', required=True, choices=INTEGRATIONS),
        webhook_url=dict(type='str', no_log=True),
        events=dict(type='list', elements='str', choices=NOTIFICATION_EVENTS),
    ))
    run_resource(module, NOTIFICATION)


if __name__ == '__main__':
    main()
