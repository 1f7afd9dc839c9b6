#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_hook
short_description: Manage Devopness incoming and outgoing hooks of a pipeline
version_added: 0.1.0
description:
  - Create, update and delete the hooks of a Devopness pipeline. An incoming hook is a URL that runs the pipeline
    when it receives a request (for example a push webhook of a source provider); an outgoing hook sends a
    request to O(target_url) when the pipeline's actions change (for example to a chat service).
  - A hook is found by its O(type) and O(name) inside the pipeline, or by O(id) and O(type).
  - The pipeline is given by O(pipeline) (an ID), or by O(resource_type) and O(resource) with O(pipeline_operation)
    and/or O(pipeline) as the pipeline's name.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
options:
  pipeline:
    description:
      - ID of the pipeline, or its name on the resource given by O(resource_type) and O(resource).
      - Required to create a hook, unless O(pipeline_operation) finds the pipeline.
    type: str
  pipeline_operation:
    description:
      - Find the pipeline by the operation it runs (for example V(deploy)) on the resource given by
        O(resource_type) and O(resource). With O(pipeline) as a name, both must match.
      - Fails when the resource has more than one such pipeline; then set O(pipeline).
    type: str
  resource_type:
    description:
      - Kind of resource the pipeline belongs to, to find the pipeline by name or operation.
    type: str
    choices: [application, cronjob, daemon, network-rule, server, service, ssh-key, ssl-certificate, virtual-host]
  resource:
    description:
      - Name or ID of the resource the pipeline belongs to (a server by hostname); a name is looked up inside
        O(environment) of O(project).
    type: str
  id:
    description:
      - ID (a UUID) of an existing hook. With O(id), O(name) is the name to set. O(type) is still required.
  type:
    description:
      - V(incoming) (the API lists it as C(in)) or V(outgoing) (C(out)).
      - With O(name), the natural key of the hook. A hook cannot change its type; another type means another hook.
    type: str
    required: true
    choices: [incoming, outgoing]
  name:
    description:
      - Name of the hook (at most 60 characters); with O(type), its natural key in the pipeline.
      - Required unless O(id) is given. Renaming a hook needs O(id).
    type: str
  active:
    description:
      - Whether the hook is active. Unset, the API's default (active) on create.
    type: bool
  target_url:
    description:
      - For an outgoing hook, the URL the request is sent to. Required by the API to create an outgoing hook.
      - The API's OpenAPI document lacks this field in its create schema, but the API and its documentation use it.
    type: str
  requires_secret:
    description:
      - Whether requests must be signed with the hook's secret (an incoming hook checks the signature of the
        requests it receives; an outgoing hook signs the requests it sends).
    type: bool
  secret_algorithm:
    description:
      - The signature's algorithm, for example V(sha256) (at most 20 characters).
    type: str
  secret_header_name:
    description:
      - The request header carrying the signature (at most 64 characters).
    type: str
  trigger_when:
    description:
      - When the hook fires, as the API takes it, with C(events) (for example V(action.status_changed) for an
        outgoing hook) and/or C(conditions) (each with C(type), C(path), C(accepted_values) and optional C(name)).
      - Only the keys given are compared.
    type: dict
  settings:
    description:
      - For an incoming hook, C(variables) read from the request (each with C(name), C(type) among V(string),
        V(integer), V(array) and V(boolean), and optional C(path), C(required), C(default_value)).
      - For an outgoing hook, C(request_headers) (a list of C(name)/C(value)) and C(request_body).
      - Only the keys given are compared.
    type: dict
notes:
  - The API returns a hook's secret only once, in the answer to its creation. The task that creates the hook
    returns it as RV(secret); no later task can. Register it and store it safely, and set C(no_log=true) on that
    task so that Ansible does not print or log it. The module never shows it in the diff or in RV(hook).
  - In check mode nothing is sent.
'''

EXAMPLES = r'''
- name: An incoming hook that deploys an application (keep its secret)
  deployops.platforms.devopness_hook:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    pipeline_operation: deploy
    type: incoming
    name: github-push
    requires_secret: true
    secret_algorithm: sha256
    secret_header_name: X-Hub-Signature-256
    trigger_when:
      conditions:
        - type: request_body
          path: ref
          accepted_values: [refs/heads/main]
    api_token: "{{ vault_devopness_token }}"
  register: push_hook
  no_log: true

- name: Store the secret (returned only by the task that created the hook)
  ansible.builtin.copy:
    content: "{{ push_hook.secret }}"
    dest: /etc/ci/devopness-push-hook.secret
    mode: "0600"
  when: push_hook.secret is defined
  no_log: true

- name: An outgoing hook posting to a chat service when actions change
  deployops.platforms.devopness_hook:
    pipeline: 7
    type: outgoing
    name: chat
    target_url: https://chat.example.com/hooks/deploys
    trigger_when:
      events: [action.status_changed]
    settings:
      request_headers:
        - name: Content-Type
          value: application/json
      request_body:
        text: "A deployment changed status"
  no_log: true

- name: Deactivate a hook found by id
  deployops.platforms.devopness_hook:
    id: 0b6f2d1e-0c5f-4a3e-9a57-4b8f3b0c9d10
    type: outgoing
    name: chat
    active: false

- name: Delete a hook
  deployops.platforms.devopness_hook:
    pipeline: 7
    type: outgoing
    name: chat
    state: absent
'''

RETURN = r'''
hook:
  description: The hook as the API returns it after the task (empty when deleted), without its secret.
  returned: always
  type: dict
  contains:
    id:
      description: Hook ID (a UUID).
      type: str
      sample: 0b6f2d1e-0c5f-4a3e-9a57-4b8f3b0c9d10
    name:
      description: Hook name.
      type: str
      sample: github-push
    type:
      description: C(in) for an incoming hook, C(out) for an outgoing one.
      type: str
      sample: in
    url:
      description: For an incoming hook, the public URL that triggers it.
      type: str
      sample: https://api.devopness.com/hooks/0b6f2d1e-0c5f-4a3e-9a57-4b8f3b0c9d10/trigger
    target_url:
      description: For an outgoing hook, where it sends requests.
      type: str
      sample: null
    active:
      description: Whether the hook is active.
      type: bool
      sample: true
    requires_secret:
      description: Whether requests are signed with the secret.
      type: bool
      sample: true
    pipeline_id:
      description: ID of the hook's pipeline.
      type: int
      sample: 7
    resource_type:
      description: Kind of resource of the hook's pipeline.
      type: str
      sample: application
    resource_id:
      description: ID of the resource of the hook's pipeline.
      type: int
      sample: 34
    trigger_when:
      description: When the hook fires.
      type: dict
      sample: {"events": [], "conditions": []}
    settings:
      description: Incoming variables, or outgoing request headers and body.
      type: dict
      sample: {"variables": []}
secret:
  description:
    - The hook's secret, which the API returns only once. Set C(no_log=true) on the task.
  returned: when the task created the hook
  type: str
  sample: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    HOOK, PIPELINE_RESOURCE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(HOOK, dict(
        pipeline=dict(type='str'),
        pipeline_operation=dict(type='str'),
        resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES),
        resource=dict(type='str'),
        type=dict(type='str', required=True, choices=['incoming', 'outgoing']),
        name=dict(type='str'),
        active=dict(type='bool'),
        target_url=dict(type='str'),
        requires_secret=dict(type='bool', no_log=False),
        secret_algorithm=dict(type='str', no_log=False),
        secret_header_name=dict(type='str', no_log=False),
        trigger_when=dict(type='dict'),
        settings=dict(type='dict'),
        **parent_options('organization', 'project', 'environment')
    ), required_together=[('resource_type', 'resource')], required_one_of=[('name', 'id')])
    run_resource(module, HOOK)


if __name__ == '__main__':
    main()
