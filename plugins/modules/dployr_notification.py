#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    INTEGRATIONS, NOTIFICATION, NOTIFICATION_EVENTS)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(NOTIFICATION, dict(
        integration=dict(type='str', required=True, choices=INTEGRATIONS),
        webhook_url=dict(type='str', no_log=True),
        events=dict(type='list', elements='str', choices=NOTIFICATION_EVENTS),
    ))
    run_resource(module, NOTIFICATION)


if __name__ == '__main__':
    main()
