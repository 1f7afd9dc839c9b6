#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_pipeline_run
short_description: Run a Devopness pipeline
version_added: 0.1.0
description:
  - Starts a run of a pipeline (C(POST /pipelines/{id}/actions)), the generic way to run any operation
    (deploy, restart, ...) on any resource.
  - This is an action, not an idempotent resource; every run starts new work and reports a change.
  - With O(wait), waits for the run to finish and returns it with the status of every target and step;
    a failed run fails the task with the failing step and an excerpt of its log.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.wait
  - deployops.platforms.devopness.RESOURCE_SCOPE
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: In check mode the pipeline is looked up but not run.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: none
options:
  pipeline_id:
    description: ID of the pipeline. Alternatively name it with O(resource_type), O(resource) and O(operation).
    type: int
  resource_type:
    description: Type of the resource the pipeline belongs to (for example V(application), V(server), V(daemon)).
    type: str
  resource:
    description: Name or ID of that resource; a name is looked up in O(environment) of O(project).
    type: str
  operation:
    description: Operation of the pipeline to run (for example V(deploy)).
    type: str
  name:
    description: Name of the pipeline, when the resource has several for O(operation).
    type: str
  source_type:
    description: What O(source_ref) names; set both or neither.
    type: str
    choices: [branch, tag, commit]
  source_ref:
    description: Branch, tag or commit to run with.
    type: str
  servers:
    description: Hostnames or IDs of the servers to run on (in the resource's environment).
    type: list
    elements: str
  trigger_comment:
    description: A comment stored with the run.
    type: str
'''

EXAMPLES = r'''
- name: Run the deploy pipeline of an application on one server
  deployops.platforms.devopness_pipeline_run:
    project: webshop
    environment: production
    resource_type: application
    resource: storefront
    operation: deploy
    source_type: tag
    source_ref: v1.4.2
    servers: [web-1]
    trigger_comment: release 1.4.2
  register: run

- name: Show which steps ran
  ansible.builtin.debug:
    msg: "{{ run.action.targets | map(attribute='steps') | list }}"
'''

RETURN = r'''
action:
  description: The pipeline run (an action); finished when O(wait=true).
  returned: always
  type: dict
  contains:
    id:
      description: Action ID.
      type: int
    status:
      description: Status of the run.
      type: str
      sample: completed
    targets:
      description: One entry per server with its C(status) and C(steps) (C(order), C(name), C(status)).
      type: list
      elements: dict
pipeline:
  description: The pipeline that was run (C(id), C(name), C(operation)).
  returned: always
  type: dict
  sample: {"id": 31, "name": "Deploy", "operation": "deploy"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI, parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_actions import compact, server_ids, start_action
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec


def find_pipeline(api, params):
    if params['pipeline_id']:
        pipeline = api.get('/pipelines/%s' % params['pipeline_id'])
        if pipeline is None:
            raise EngineError('pipeline with id %s was not found' % params['pipeline_id'])
        return pipeline
    scope = api.resource_scope(params)
    candidates = [p for p in api.list('/pipelines/%(resource_type)s/%(resource_id)s' % scope) if p
                  and p.get('operation') == params['operation']
                  and (params['name'] is None or p.get('name') == params['name'])]
    if not candidates:
        raise EngineError('%s %r has no %r pipeline%s' % (
            params['resource_type'], params['resource'], params['operation'],
            ' named %r' % params['name'] if params['name'] else ''))
    if len(candidates) > 1:
        raise EngineError('%s %r has several %r pipelines (%s): set name or pipeline_id' % (
            params['resource_type'], params['resource'], params['operation'],
            ', '.join('%s (id %s)' % (p.get('name'), p.get('id')) for p in candidates)))
    return candidates[0]


def main():
    spec = wait_options_spec()
    spec.update(parent_options('project', 'environment'))
    spec.update(
        pipeline_id=dict(type='int'),
        resource_type=dict(type='str'),
        resource=dict(type='str'),
        operation=dict(type='str'),
        name=dict(type='str'),
        source_type=dict(type='str', choices=['branch', 'tag', 'commit']),
        source_ref=dict(type='str'),
        servers=dict(type='list', elements='str'),
        trigger_comment=dict(type='str'),
    )
    module = platform_module(
        DevopnessAPI, spec,
        required_one_of=[('pipeline_id', 'operation')],
        mutually_exclusive=[('pipeline_id', 'operation')],
        required_by=dict(operation=('resource_type', 'resource')),
        required_together=[('source_type', 'source_ref')],
    )
    params = module.params

    def work(api):
        pipeline = find_pipeline(api, params)
        environment_id = pipeline.get('environment_id')
        body = compact(dict(
            source_type=params['source_type'], source_ref=params['source_ref'],
            trigger_comment=params['trigger_comment'], servers=server_ids(api, params['servers'], environment_id),
        ))
        result = start_action(module, api, '/pipelines/%s/actions' % pipeline['id'], body)
        result['pipeline'] = dict((key, pipeline.get(key)) for key in ('id', 'name', 'operation', 'resource_type', 'resource_id'))
        return result

    run_task(module, DevopnessAPI, work)


if __name__ == '__main__':
    main()
