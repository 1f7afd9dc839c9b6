#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import run_info_module


def main():
    run_info_module(SSH_KEY, dict(
        title=dict(type='str')
    ), filters=['title'])


if __name__ == '__main__':
    main()
