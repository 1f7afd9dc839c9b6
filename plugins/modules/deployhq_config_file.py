#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_config_file
short_description: Manage DeployHQ config files (files written to servers on every deployment)
version_added: 0.1.0
description:
  - Create, update and delete config files of a DeployHQ project, or of the account with O(global=true) (available
    to every project).
  - A config file is found by its exact O(path) inside its scope, or by O(id) (its identifier, a UUID).
  - Project config files go to O(servers) or to O(all_servers); a server group stands for its servers.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.deployhq.TARGETS
options:
  project:
    description:
      - Name, permalink or identifier of the project the file belongs to. Required unless O(global=true).
    type: str
  global:
    description:
      - Manage a config file of the account (C(/global_config_files)) rather than of O(project).
      - Account config files have no O(servers).
    type: bool
    default: false
  path:
    description:
      - Path of the file on the servers, relative to the deployment path; its natural key. Required unless O(id)
        is given.
    type: str
  body:
    description:
      - Content of the file.
    type: str
  description:
    description:
      - What the file is for.
    type: str
  build:
    description:
      - Also make the file available to the build pipeline.
    type: bool
  language:
    description:
      - Syntax of the file, for highlighting in DeployHQ (for example C(yaml)). Not returned by the API (set at
        creation only).
    type: str
'''

EXAMPLES = r'''
- name: The database settings of the web servers
  deployops.platforms.deployhq_config_file:
    project: Shop
    path: config/database.yml
    body: "{{ lookup('ansible.builtin.template', 'database.yml.j2') }}"
    servers: [web]

- name: A file every project can use
  deployops.platforms.deployhq_config_file:
    global: true
    path: .npmrc
    body: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"

- name: Remove it
  deployops.platforms.deployhq_config_file:
    project: Shop
    path: config/database.yml
    state: absent
'''

RETURN = r'''
config_file:
  description: The config file as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: The file's identifier (UUID).
      type: str
      sample: 9f0e6a2f-6c1e-4b5e-1f3b-0b5c3d527c11
    path:
      description: Path on the servers.
      type: str
      sample: config/database.yml
    body:
      description: Content.
      type: str
      sample: "production:\n  adapter: postgresql\n"
    description:
      description: Description.
      type: str
      sample: Database settings
    build:
      description: Whether the build pipeline gets it too.
      type: bool
      sample: false
    servers:
      description: The servers it is written to.
      type: list
      elements: dict
      sample: [{"identifier": "0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11", "name": "web-1"}]
    all_servers:
      description: Whether it goes to every server of the project (derived by the module; project files only).
      type: bool
      sample: false
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import CONFIG_FILE, GLOBAL_CONFIG_FILE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(CONFIG_FILE, dict(
        project=dict(type='str'),
        path=dict(type='str'),
        body=dict(type='str'),
        description=dict(type='str'),
        build=dict(type='bool'),
        language=dict(type='str'),
        servers=dict(type='list', elements='str'),
        all_servers=dict(type='bool'),
        **{'global': dict(type='bool', default=False)}
    ), required_one_of=[('path', 'id')])
    run_resource(module, GLOBAL_CONFIG_FILE if module.params['global'] else CONFIG_FILE)


if __name__ == '__main__':
    main()
