#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    SSL_CERTIFICATE, SSL_ISSUERS, SSL_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSL_CERTIFICATE, dict(
        virtual_host=dict(type='str'),
        environment=dict(type='str', required=True),
        issuer=dict(type='str', choices=SSL_ISSUERS),
        type=dict(type='str', choices=SSL_TYPES),
        validation_level=dict(type='str', choices=['DV', 'OV', 'EV']),
        custom_certificate=dict(type='str', no_log=True),
        custom_private_key=dict(type='str', no_log=True),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('virtual_host', 'id')],
        required_if=[('issuer', 'custom', ('custom_certificate', 'custom_private_key'))])
    run_resource(module, SSL_CERTIFICATE)


if __name__ == '__main__':
    main()
