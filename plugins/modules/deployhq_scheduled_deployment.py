#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import (
    FREQUENCIES, SCHEDULED_DEPLOYMENT)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SCHEDULED_DEPLOYMENT, dict(
        project=dict(type='str', required=True),
        server=dict(type='str'),
        frequency=dict(type='str', choices=FREQUENCIES),
        at=dict(type='str'),
        weekday=dict(type='str'),
        day=dict(type='int'),
        month=dict(type='int'),
        year=dict(type='int'),
        schedule=dict(type='str'),
        copy_config_files=dict(type='bool'),
        run_build_commands=dict(type='bool'),
        use_build_cache=dict(type='bool'),
        skip_if_not_changes=dict(type='bool'),
        start_revision=dict(type='str'),
        end_revision=dict(type='str'),
        use_latest=dict(type='bool'),
        deploy_entire_repository=dict(type='bool'),
    ), required_one_of=[('server', 'id')])
    run_resource(module, SCHEDULED_DEPLOYMENT)


if __name__ == '__main__':
    main()
