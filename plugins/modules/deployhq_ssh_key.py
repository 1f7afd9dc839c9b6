#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSH_KEY, dict(
        title=dict(type='str'),
        key_type=dict(type='str', choices=['ED25519', 'RSA', 'ECDSA']),
        use_custom_key=dict(type='bool'),
        custom_private_key=dict(type='str', no_log=True),
    ), required_one_of=[('title', 'id')])
    run_resource(module, SSH_KEY)


if __name__ == '__main__':
    main()
