#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_server_info
short_description: List DeployBot servers
version_added: 0.1.0
description:
  - List the servers (deployment targets) of the account, of a O(repository) or of an O(environment)
    (C(GET /servers?repository_id=&environment_id=)), or get one by O(id), or by O(name) within an environment.
  - The API cannot add, change or remove servers; that is done in the DeployBot web app.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.deploybot.REPOSITORY_FILTER
  - deployops.platforms.deploybot.ENVIRONMENT_FILTER
options:
  name:
    description:
      - Return only the servers with this exact name.
    type: str
  protocol:
    description:
      - Return only the servers deployed to with this protocol.
    type: str
    choices: [ftp, sftp, shell, dreamobjects, heroku, s3, cloud_files, digital_ocean, shopify, elastic_beanstalk,
              atomic, atomic_digital_ocean]
'''

EXAMPLES = r'''
- name: The servers of website's production environment
  deployops.platforms.deploybot_server_info:
    account: example
    repository: website
    environment: production
  register: result

- name: Every SFTP server of the account
  deployops.platforms.deploybot_server_info:
    account: example
    protocol: sftp
  register: sftp
'''

RETURN = r'''
servers:
  description: The matching servers.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Server ID.
      type: int
      sample: 3
    name:
      description: Server name.
      type: str
      sample: web
    protocol:
      description: How DeployBot deploys to it.
      type: str
      sample: shell
    repository_id:
      description: ID of the repository.
      type: int
      sample: 1
    environment_id:
      description: ID of the environment.
      type: int
      sample: 2
    pre_deploy_hook:
      description: Commands run before a deployment.
      type: str
    post_deploy_hook:
      description: Commands run after a deployment.
      type: str
      sample: systemctl reload nginx
    created_at:
      description: When the server was added, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:22:49 +0000
    created_at_iso:
      description: RV(servers[].created_at) in ISO 8601.
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    updated_at:
      description: When the server was last changed, as DeployBot gives it.
      type: str
    updated_at_iso:
      description: RV(servers[].updated_at) in ISO 8601.
      type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info

PROTOCOLS = ['ftp', 'sftp', 'shell', 'dreamobjects', 'heroku', 's3', 'cloud_files', 'digital_ocean', 'shopify',
             'elastic_beanstalk', 'atomic', 'atomic_digital_ocean']


def main():
    module = info_module(SERVER, dict(name=dict(type='str'), protocol=dict(type='str', choices=PROTOCOLS),
                                      repository=dict(type='str'), environment=dict(type='str')))
    run_info(module, SERVER)


if __name__ == '__main__':
    main()
