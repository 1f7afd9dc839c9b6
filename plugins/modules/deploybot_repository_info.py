#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_repository_info
short_description: List DeployBot repositories
version_added: 0.1.0
description:
  - List the repositories of the DeployBot account (every page of C(GET /repositories)), or get one
    by O(id), or those with a given O(name) or title.
  - The API cannot add, change or remove repositories; that is done in the DeployBot web app.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  name:
    description:
      - Return only the repositories whose name or title is exactly this.
    type: str
'''

EXAMPLES = r'''
- name: List every repository
  deployops.platforms.deploybot_repository_info:
    account: example
  register: result

- name: Get the repository named website
  deployops.platforms.deploybot_repository_info:
    account: example
    name: website
  register: website
'''

RETURN = r'''
repositories:
  description: The matching repositories.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Repository ID.
      type: int
      sample: 1
    name:
      description: The repository's short name.
      type: str
      sample: website
    title:
      description: The repository's title.
      type: str
      sample: Website
    color_label:
      description: The colour label shown in the web app.
      type: str
      sample: blue
    type:
      description: The kind of repository.
      type: str
      sample: GitRepository
    url:
      description: The URL DeployBot clones the repository from.
      type: str
      sample: git@github.com:acme/website.git
    refresh_webhook_url:
      description:
        - A URL that makes DeployBot refresh its copy of the repository when requested (C(GET)), for example
          after a push. M(deployops.platforms.deploybot_deployment) calls it with O(deployops.platforms.deploybot_deployment#module:refresh_repository=true).
      type: str
    created_at:
      description: When the repository was added, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:22:49 +0000
    created_at_iso:
      description: RV(repositories[].created_at) in ISO 8601.
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    updated_at:
      description: When the repository was last changed, as DeployBot gives it.
      type: str
    updated_at_iso:
      description: RV(repositories[].updated_at) in ISO 8601.
      type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import REPOSITORY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(REPOSITORY, dict(name=dict(type='str')))
    run_info(module, REPOSITORY)


if __name__ == '__main__':
    main()
