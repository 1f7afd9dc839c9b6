#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
