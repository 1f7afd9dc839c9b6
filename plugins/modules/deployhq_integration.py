#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import HOOK_TYPES, INTEGRATION
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(INTEGRATION, dict(
        project=dict(type='str', required=True),
        name=dict(type='str'),
        hook_type=dict(type='str', choices=HOOK_TYPES),
        send_on_start=dict(type='bool'),
        send_on_completion=dict(type='bool'),
        send_on_failure=dict(type='bool'),
        send_on_check_failed=dict(type='bool'),
        properties=dict(type='dict', no_log=True),
    ), required_one_of=[('name', 'id')])
    run_resource(module, INTEGRATION)


if __name__ == '__main__':
    main()
