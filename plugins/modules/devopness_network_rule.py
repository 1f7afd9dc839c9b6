#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_network_rule
short_description: Manage Devopness network rules (firewall rules of servers)
version_added: 0.1.0
description:
  - Create, update, deploy and delete network rules in an environment of a Devopness project.
  - A network rule is found by its exact O(name) inside O(environment), or by O(id).
  - Creating or updating a rule only records it on the platform; when the task changed the rule
    (its fields or its O(servers)), the module deploys it to its linked servers (C(POST /network-rules/{id}/deploy)) and
    waits for that action, unless O(deploy=false).
  - The API cannot change a rule's O(port). A different O(port) fails the task, naming the option, unless
    O(recreate=true), which deletes the rule and creates it again.
  - Deleting a rule is asynchronous on the platform; the module waits for it unless O(wait=false).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.IN_ENVIRONMENT
  - deployops.platforms.devopness.SERVERS
  - deployops.platforms.resource.DEPLOY
  - deployops.platforms.resource.RECREATE
options:
  name:
    description:
      - Name of the rule, its natural key inside O(environment) (3 to 60 characters). Required unless O(id) is given.
      - Changing the name of an existing rule needs O(id).
    type: str
  direction:
    description:
      - Whether the rule applies to inbound or outbound traffic. Required to create a rule.
    type: str
    choices: [inbound, outbound]
  protocol:
    description:
      - The protocol the rule applies to. Required to create a rule.
    type: str
    choices: [any, icmp, tcp, udp]
  port:
    description:
      - The port the rule applies to (1 to 65535). Required to create a rule.
      - Cannot be changed on an existing rule; see O(recreate).
    type: int
  cidr_block:
    description:
      - The addresses the rule applies to, in CIDR notation, for example V(0.0.0.0/0) or V(10.0.0.0/8).
        Required to create a rule. Checked before any request is sent.
    type: str
  recreate:
    description:
      - When O(port) differs from the existing rule's, delete the rule and create it again with the requested values.
        Without it, such a change fails the task.
      - Re-creating needs every option required to create a rule (O(direction), O(protocol), O(port), O(cidr_block)),
        checked before the delete. The new rule is linked to O(servers) (give them, or it has no servers) and deployed.
  state:
    description:
      - V(present) creates or updates the rule (and deploys it when it changed, see O(deploy)); V(absent) deletes it.
    choices: [present, absent]
notes:
  - Only the options that are set are compared and sent; an update also carries the current values of the
    fields the API requires in every update (O(name), O(direction), O(cidr_block)) and of O(protocol).
'''

EXAMPLES = r'''
- name: Allow HTTPS from anywhere on the web servers
  deployops.platforms.devopness_network_rule:
    project: webshop
    environment: production
    name: https-in
    direction: inbound
    protocol: tcp
    port: 443
    cidr_block: 0.0.0.0/0
    servers: [web-1, web-2]

- name: Move the rule to another port (delete and re-create)
  deployops.platforms.devopness_network_rule:
    project: webshop
    environment: production
    name: https-in
    direction: inbound
    protocol: tcp
    port: 8443
    cidr_block: 0.0.0.0/0
    servers: [web-1, web-2]
    recreate: true

- name: Delete it
  deployops.platforms.devopness_network_rule:
    project: webshop
    environment: production
    name: https-in
    state: absent
'''

RETURN = r'''
network_rule:
  description: The network rule as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Network rule ID.
      type: int
      sample: 6
    name:
      description: Rule name.
      type: str
      sample: https-in
    direction:
      description: C(inbound) or C(outbound).
      type: str
      sample: inbound
    protocol:
      description: C(any), C(icmp), C(tcp) or C(udp).
      type: str
      sample: tcp
    port:
      description: The port.
      type: int
      sample: 443
    cidr_block:
      description: The addresses, in CIDR notation.
      type: str
      sample: 0.0.0.0/0
    servers:
      description: The servers the rule is linked to.
      type: list
      elements: dict
      sample: [{"id": 5, "hostname": "web-1"}]
    last_action:
      description: The rule's most recent action, with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "deploy", "status": "completed"}
    is_auto_generated:
      description: Whether the platform created the rule itself.
      type: bool
      sample: false
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: The last action the task ran (deploy or delete); only its C(id) when O(wait=false).
  returned: when an action ran
  type: dict
  sample: {"id": 81, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import NETWORK_RULE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(NETWORK_RULE, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        direction=dict(type='str', choices=['inbound', 'outbound']),
        protocol=dict(type='str', choices=['any', 'icmp', 'tcp', 'udp']),
        port=dict(type='int'),
        cidr_block=dict(type='str'),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, NETWORK_RULE)


if __name__ == '__main__':
    main()
