#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import CREDENTIAL, PROVIDER_TYPES
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(CREDENTIAL, dict(
        name=dict(type='str'),
        provider_code=dict(type='str', choices=sorted(PROVIDER_TYPES)),
        provider_type=dict(type='str', choices=['cloud_provider', 'source_provider']),
        active=dict(type='bool'),
        settings=dict(type='dict', no_log=True),
        **parent_options('organization')
    ), required_one_of=[('name', 'id')])
    run_resource(module, CREDENTIAL)


if __name__ == '__main__':
    main()
