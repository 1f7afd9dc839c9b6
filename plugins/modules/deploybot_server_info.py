#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import run_info_module

PROTOCOLS = ['ftp', 'sftp', 'shell', 'dreamobjects', 'heroku', 's3', 'cloud_files', 'digital_ocean', 'shopify',
             'elastic_beanstalk', 'atomic', 'atomic_digital_ocean']


def main():
    run_info_module(SERVER, dict(name=dict(type='str'), protocol=dict(type='str', choices=PROTOCOLS),
                    repository=dict(type='str'), environment=dict(type='str')))


if __name__ == '__main__':
    main()
