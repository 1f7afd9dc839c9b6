#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    RUNTIMES, SERVICE, SERVICE_TYPES, SOURCES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVICE, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=SERVICE_TYPES),
        source=dict(type='str', choices=SOURCES),
        runtime=dict(type='str', choices=RUNTIMES),
        version=dict(type='str'),
        remote_url=dict(type='str'),
        remote_branch=dict(type='str'),
        remote_commit_hash=dict(type='str'),
        image=dict(type='str'),
        build_cmd=dict(type='str'),
        run_cmd=dict(type='str'),
        port=dict(type='int'),
        working_dir=dict(type='str'),
        static_dir=dict(type='str'),
        domain=dict(type='str'),
        health_check=dict(type='str'),
        description=dict(type='str'),
        env_vars=dict(type='dict'),
        secrets=dict(type='dict', no_log=True),
        instance=dict(type='str'),
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, SERVICE)


if __name__ == '__main__':
    main()
