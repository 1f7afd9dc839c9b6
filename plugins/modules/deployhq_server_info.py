#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import run_info_module


def main():
    run_info_module(SERVER, dict(
        project=dict(type='str', required=True),
        name=dict(type='str'),
        protocol_type=dict(type='str'),
        environment=dict(type='str')
    ), filters=['name', 'protocol_type', 'environment'])


if __name__ == '__main__':
    main()
