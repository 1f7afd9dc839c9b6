#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_COMMAND
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSH_COMMAND, dict(
        project=dict(type='str', required=True),
        description=dict(type='str'),
        command=dict(type='str'),
        cback=dict(type='str', choices=['before_changes', 'after_changes']),
        timing=dict(type='str', choices=['all', 'first', 'after_first']),
        command_timeout=dict(type='int', choices=[300, 1800, 3600, 5400]),
        halt_on_error=dict(type='bool'),
        position=dict(type='int'),
        enabled=dict(type='bool'),
        servers=dict(type='list', elements='str'),
        all_servers=dict(type='bool'),
    ), required_one_of=[('description', 'id')])
    run_resource(module, SSH_COMMAND)


if __name__ == '__main__':
    main()
