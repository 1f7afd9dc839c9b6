#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    CREDENTIAL, ENVIRONMENT_CREDENTIALS, PROVIDER_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(CREDENTIAL, dict(
        name=dict(type='str'),
        provider_code=dict(type='str', choices=sorted(PROVIDER_TYPES)),
        provider_type=dict(type='str', choices=['cloud_provider', 'source_provider']),
        **parent_options('organization', 'project', 'environment')
    ))
    resource = ENVIRONMENT_CREDENTIALS if module.params['environment'] is not None else CREDENTIAL
    run_info(module, resource, filters=['name', 'provider_code', 'provider_type'])


if __name__ == '__main__':
    main()
