#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SERVER_GROUP
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVER_GROUP, dict(
        name=dict(type='str'),
        project=dict(type='str', required=True),
        branch=dict(type='str'),
        environment=dict(type='str'),
        auto_deploy=dict(type='bool'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        notification_email=dict(type='str'),
        transfer_order=dict(type='str', choices=['parallel', 'sequential']),
    ), required_one_of=[('name', 'id')])
    run_resource(module, SERVER_GROUP)


if __name__ == '__main__':
    main()
