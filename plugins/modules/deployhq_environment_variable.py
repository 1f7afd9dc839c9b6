#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import ENVIRONMENT_VARIABLE, GLOBAL_ENVIRONMENT_VARIABLE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(ENVIRONMENT_VARIABLE)
    run_resource(module, GLOBAL_ENVIRONMENT_VARIABLE if module.params['global'] else ENVIRONMENT_VARIABLE)


if __name__ == '__main__':
    main()
