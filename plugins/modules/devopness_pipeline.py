#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_pipeline
short_description: Manage Devopness pipelines and their steps
version_added: 0.1.0
description:
  - Create, update and delete the pipelines of a Devopness resource (an application, a daemon, a server...),
    and keep a pipeline's custom steps exactly as listed in O(steps), in that order.
  - A pipeline is found by its O(operation) and O(name) on the resource given by O(resource_type) and
    O(resource), or by O(id).
  - Default steps (the steps Devopness adds to a resource's own pipelines, C(is_default_step=true)) cannot
    be changed or removed through the API. The module leaves them alone where they are, never lists them
    in the diff, and returns them in RV(default_steps).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.devopness.PIPELINE_RESOURCE
  - deployops.platforms.devopness.RESOURCE_SCOPE
  - deployops.platforms.devopness.ORGANIZATION_SCOPE
  - deployops.platforms.resource.RECREATE
options:
  operation:
    description:
      - The operation the pipeline runs, for example V(deploy), V(start), V(restart) or V(get-status)
        (at most 20 characters). The valid operations depend on O(resource_type).
      - With O(name), the natural key of the pipeline. Required unless O(id) is given.
      - The API cannot change the operation of an existing pipeline; see O(recreate).
    type: str
  name:
    description:
      - Name of the pipeline (3 to 80 characters).
      - With O(operation), the natural key of the pipeline. Required unless O(id) is given.
      - Renaming a pipeline needs O(id); without it, another O(name) means another pipeline.
    type: str
  max_parallel_actions:
    description:
      - How many runs of the pipeline may run at the same time (0 to 10).
    type: int
  trigger_when:
    description:
      - Conditions under which an incoming hook request runs the pipeline, as the API takes them
        (a C(conditions) list of C(type), C(path), C(accepted_values) and optional C(name)).
      - "Example: C({\"conditions\": [{\"type\": \"request_body\", \"path\": \"ref\", \"accepted_values\": [\"refs/heads/main\"]}]})."
      - Only the keys given are compared.
    type: dict
  steps:
    description:
      - The pipeline's custom steps, in the order they run. The module adds, updates, reorders and removes
        (unlinks) custom steps so that the pipeline holds exactly these, in this order.
      - Steps are matched by O(steps[].name), which must be unique in the list.
      - Default steps are never touched and must not be listed; custom steps keep their places around them as far
        as the order allows (a step placed first goes right before the first other custom step).
      - Unset, the steps are left as they are. An empty list removes every custom step.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the step (4 to 60 characters); it identifies the step.
        type: str
        required: true
      command:
        description:
          - The command the step runs (10 to 300 characters).
        type: str
        required: true
      runner:
        description:
          - What runs O(steps[].command).
        type: str
        choices: [custom, composer, npm, pip, yarn]
        default: custom
      run_as_user:
        description:
          - The operating system user running the command (at most 60 characters). Unset, the API's default;
            an existing step keeps its user.
        type: str
      type:
        description:
          - The step's type (at most 20 characters). Unset, the API's default; an existing step keeps its type.
        type: str
      description:
        description:
          - Free text describing the step.
        type: str
  recreate:
    description:
      - When O(operation) differs from the existing pipeline's (found by O(id)), delete the pipeline and create it
        again. Its steps are then created anew, and its hooks are lost.
      - Without it, such a change fails and names the option.
notes:
  - Steps are read from the pipeline (C(GET /pipelines/{id})); there is no step list of their own.
    A moved step is placed with C(trigger_after), the position of the step it must follow (V(0) for the first place).
  - Removing a step unlinks it from the pipeline (C(DELETE /pipelines/{id}/steps/{step_id}/unlink)).
  - In check mode nothing is sent; the diff shows the custom steps (name, command and the options you set)
    before and after.
'''

EXAMPLES = r'''
- name: A pipeline of three steps on an application
  deployops.platforms.devopness_pipeline:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    operation: deploy
    name: Deploy with checks
    max_parallel_actions: 1
    steps:
      - name: Lint code
        command: make lint --quiet
      - name: Run tests
        command: make test --quiet
      - name: Warm caches
        command: curl -fsS https://shop.example.com/warm
    api_token: "{{ vault_devopness_token }}"

- name: Run the tests first, drop the cache warming
  deployops.platforms.devopness_pipeline:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    operation: deploy
    name: Deploy with checks
    steps:
      - name: Run tests
        command: make test --quiet
      - name: Lint code
        command: make lint --quiet
  register: pipeline

- name: Show the default steps the module left alone
  ansible.builtin.debug:
    msg: "{{ pipeline.default_steps | map(attribute='name') | list }}"

- name: Delete a pipeline
  deployops.platforms.devopness_pipeline:
    resource_type: application
    resource: 34
    operation: deploy
    name: Deploy with checks
    state: absent
'''

RETURN = r'''
pipeline:
  description: The pipeline as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Pipeline ID.
      type: int
      sample: 7
    name:
      description: Pipeline name.
      type: str
      sample: Deploy with checks
    operation:
      description: The operation the pipeline runs.
      type: str
      sample: deploy
    resource_type:
      description: Kind of resource the pipeline belongs to.
      type: str
      sample: application
    resource_id:
      description: ID of the resource the pipeline belongs to.
      type: int
      sample: 34
    environment_id:
      description: ID of the environment of the resource.
      type: int
      sample: 3
    project_id:
      description: ID of the project of the resource.
      type: int
      sample: 1
    max_parallel_actions:
      description: How many runs may run at the same time.
      type: int
      sample: 1
    trigger_when:
      description: Conditions under which an incoming hook request runs the pipeline.
      type: dict
      sample: null
    steps:
      description: All the pipeline's steps (default and custom) as the API lists them; they run in increasing RV(pipeline.steps[].trigger_order).
      type: list
      elements: dict
      contains:
        id:
          description: Step ID.
          type: int
          sample: 12
        name:
          description: Step name.
          type: str
          sample: Run tests
        command:
          description: The command the step runs.
          type: str
          sample: make test --quiet
        runner:
          description: What runs the command.
          type: str
          sample: custom
        run_as_user:
          description: The user running the command.
          type: str
          sample: devopness
        trigger_order:
          description: The step's position; steps run in increasing order.
          type: int
          sample: 3000
        is_default_step:
          description: Whether it is a default step, which the module never changes.
          type: bool
          sample: false
default_steps:
  description:
    - The pipeline's default steps (C(is_default_step=true)) after the task, in order. The module never
      updates, moves or removes them.
  returned: when O(state=present)
  type: list
  elements: dict
  sample: [{"id": 1, "name": "Clone repository", "command": "git clone ...", "trigger_order": 1000, "is_default_step": true}]
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    PIPELINE, PIPELINE_RESOURCE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(PIPELINE, dict(
        resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES),
        resource=dict(type='str'),
        operation=dict(type='str'),
        name=dict(type='str'),
        max_parallel_actions=dict(type='int'),
        trigger_when=dict(type='dict'),
        **parent_options('organization', 'project', 'environment')
    ), required_together=[('resource_type', 'resource')], required_one_of=[('resource', 'id')])
    run_resource(module, PIPELINE)


if __name__ == '__main__':
    main()
