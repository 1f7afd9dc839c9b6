#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DeployBotAPI
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_deploy import deploy
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec


def main():
    spec = wait_options_spec()
    spec.update(
        environment=dict(type='str', required=True),
        repository=dict(type='str'),
        deployed_version=dict(type='str'),
        force=dict(type='bool', default=False),
        deploy_from_scratch=dict(type='bool'),
        trigger_notifications=dict(type='bool'),
        skip_build=dict(type='bool'),
        comment=dict(type='str'),
        user=dict(type='str'),
        refresh_repository=dict(type='bool', default=False),
    )
    module = platform_module(DeployBotAPI, spec)
    run_task(module, DeployBotAPI, lambda api: deploy(module, api))


if __name__ == '__main__':
    main()
