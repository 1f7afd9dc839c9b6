#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task


def run(module):
    def work(api):
        project = api.project(module.params['project'])['permalink']
        current = api.client.get('/projects/%s/auto_deployments' % project).body
        return dict(changed=False, webhook_url=current.get('webhook_url'), deployables=current.get('deployables') or [])

    run_task(module, DeployHQAPI, work)


def main():
    module = platform_module(DeployHQAPI, dict(project=dict(type='str', required=True)))
    run(module)


if __name__ == '__main__':
    main()
