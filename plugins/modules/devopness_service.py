#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SERVICE, SERVICE_TYPES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVICE, dict(
        type=dict(type='str', choices=SERVICE_TYPES),
        version=dict(type='str'),
        environment=dict(type='str', required=True),
        auto_start=dict(type='bool'),
        initial_state=dict(type='str', choices=['started', 'stopped']),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('type', 'id')], required_together=[('type', 'version')])
    run_resource(module, SERVICE)


if __name__ == '__main__':
    main()
