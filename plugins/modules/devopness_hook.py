#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
