#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    APPLICATION_HOOKS, HOOK, PIPELINE_RESOURCE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(APPLICATION_HOOKS, dict(
        pipeline=dict(type='str'),
        pipeline_operation=dict(type='str'),
        resource_type=dict(type='str', choices=PIPELINE_RESOURCE_TYPES),
        resource=dict(type='str'),
        type=dict(type='str', choices=['incoming', 'outgoing']),
        name=dict(type='str'),
        **parent_options('organization', 'project', 'environment')
    ), required_together=[('resource_type', 'resource')], required_by=dict(id='type'),
        required_one_of=[('pipeline', 'pipeline_operation', 'resource', 'id')])
    params = module.params
    by_application = not (params['pipeline'] or params['pipeline_operation'] or params['id'])
    if by_application and params['resource_type'] != 'application':
        module.fail_json(msg='pipeline or pipeline_operation is required to list the hooks of a %s; '
                             'only an application lists the hooks of all its pipelines' % params['resource_type'])
    run_info(module, APPLICATION_HOOKS if by_application else HOOK)


if __name__ == '__main__':
    main()
