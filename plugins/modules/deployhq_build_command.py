#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import BUILD_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(BUILD_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str'),
        command=dict(type='str'),
        halt_on_error=dict(type='bool'),
        enabled=dict(type='bool'),
        template_name=dict(type='str'),
        watch_files=dict(type='str'),
    ), required_one_of=[('description', 'id')])
    run_resource(module, BUILD_COMMAND)


if __name__ == '__main__':
    main()
