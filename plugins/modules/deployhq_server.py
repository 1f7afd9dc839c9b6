#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROTOCOL_TYPES, SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVER, dict(
        name=dict(type='str'),
        project=dict(type='str', required=True),
        protocol_type=dict(type='str', choices=PROTOCOL_TYPES),
        server_path=dict(type='str'),
        root_path=dict(type='str'),
        branch=dict(type='str'),
        environment=dict(type='str'),
        enabled=dict(type='bool'),
        auto_deploy=dict(type='bool'),
        notification_email=dict(type='str'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        server_group=dict(type='str'),
        agent_id=dict(type='str'),
        global_key_pair=dict(type='str', no_log=False),
        hostname=dict(type='str'),
        server_username=dict(type='str'),
        password=dict(type='str', no_log=True),
        port=dict(type='int'),
        use_ssh_keys=dict(type='bool'),
        atomic=dict(type='bool'),
        atomic_strategy=dict(type='str', choices=['copy_release', 'copy_cache']),
        passive=dict(type='bool'),
        force_hidden_files=dict(type='bool'),
        implicit=dict(type='bool'),
        ignore_certificate_errors=dict(type='bool'),
        bucket_name=dict(type='str'),
        access_key_id=dict(type='str', no_log=False),
        secret_access_key=dict(type='str', no_log=True),
        custom_endpoint=dict(type='str'),
        rackspace_api_key=dict(type='str', no_log=True),
        region=dict(type='str'),
        container_name=dict(type='str'),
        personal_access_token=dict(type='str', no_log=True),
        droplet_name=dict(type='str'),
        api_token=dict(type='str', no_log=True),
        hetzner_server_name=dict(type='str'),
        app_name=dict(type='str'),
        api_key_heroku=dict(type='str', no_log=True),
        site_id=dict(type='str'),
        access_token=dict(type='str', no_log=True),
        store_url=dict(type='str'),
        theme_name=dict(type='str'),
        size=dict(type='str'),
        os_image=dict(type='str'),
        hosted_website_attributes=dict(type='dict', options=dict(
            subdomain=dict(type='str'), spa_mode=dict(type='bool'), subdirectory=dict(type='str'))),
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, SERVER)


if __name__ == '__main__':
    main()
