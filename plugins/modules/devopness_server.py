#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    CLOUD_SERVICE_CODES, OS_VERSION_CODES, SERVER, SERVICE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    parents = parent_options('project', 'environment')
    parents['environment']['required'] = True
    module = resource_module(SERVER, dict(
        hostname=dict(type='str'),
        provision_input=dict(type='dict', options=dict(
            cloud_service_code=dict(type='str', required=True, choices=CLOUD_SERVICE_CODES),
            settings=dict(type='dict', options=dict(
                instance_type=dict(type='str'),
                region=dict(type='str'),
                storage_size=dict(type='int'),
                os_version_code=dict(type='str', choices=OS_VERSION_CODES),
            )),
            subnet_id=dict(type='int'),
        )),
        credential=dict(type='str'),
        ip_address=dict(type='str'),
        ssh_port=dict(type='int'),
        max_parallel_actions=dict(type='int'),
        blueprint=dict(type='list', elements='dict', options=dict(
            type=dict(type='str', required=True, choices=SERVICE_TYPES),
            version=dict(type='str', required=True),
            auto_start=dict(type='bool'),
            initial_state=dict(type='str', choices=['started', 'stopped']),
        )),
        destroy_server_disks=dict(type='bool'),
        **parents
    ), waits=True, required_one_of=[('hostname', 'id')])
    run_resource(module, SERVER)


if __name__ == '__main__':
    main()
