#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_actions import compact
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import ACTION_STATUSES
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task

FILTERS = ('project_id', 'environment_id', 'resource_type', 'resource_id', 'status', 'operation')


def main():
    module = platform_module(DevopnessAPI, dict(
        id=dict(type='int'),
        project_id=dict(type='int'),
        environment_id=dict(type='int'),
        resource_type=dict(type='str'),
        resource_id=dict(type='int'),
        status=dict(type='str', choices=ACTION_STATUSES),
        operation=dict(type='str'),
        limit=dict(type='int', default=50),
    ), required_by=dict(resource_id='resource_type'))
    params = module.params
    for option in ('id', 'project_id', 'environment_id', 'resource_id', 'limit'):
        if params[option] is not None and params[option] < 1:
            module.fail_json(msg='%s must be a positive integer, got %s' % (option, params[option]),
                             errors={option: ['must be a positive integer']})

    def work(api):
        if params['id']:
            action = api.get('/actions/%s' % params['id'])
            if action is None:
                raise EngineError('no action with id %s was found' % params['id'])
            return dict(changed=False, actions=[action])
        query = compact(dict(('filter[%s]' % name, params[name]) for name in FILTERS))
        actions = [a for a in itertools.islice(api.list('/actions', query), params['limit']) if a]
        return dict(changed=False, actions=actions)

    run_task(module, DevopnessAPI, work)


if __name__ == '__main__':
    main()
