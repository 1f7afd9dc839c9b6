#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(PROJECT, dict(
        name=dict(type='str'),
        permalink=dict(type='str'),
        zone=dict(type='str'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        notification_email=dict(type='str'),
        notify_committer=dict(type='bool'),
        check_undeployed_changes=dict(type='bool'),
        store_artifacts_enabled=dict(type='bool'),
        ssh_key=dict(type='str', no_log=False),
        template=dict(type='str'),
        repository=dict(type='dict', options=dict(
            scm_type=dict(type='str', default='git', choices=['git', 'subversion', 'mercurial']),
            url=dict(type='str', required=True),
            branch=dict(type='str'),
            port=dict(type='int'),
            username=dict(type='str'),
            password=dict(type='str', no_log=True),
            root_path=dict(type='str'),
            hosting_service_type=dict(type='str'),
            manual_config=dict(type='bool'),
        )),
    ), required_one_of=[('name', 'id')])
    run_resource(module, PROJECT)


if __name__ == '__main__':
    main()
