#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_environment_info
short_description: List DeployBot environments
version_added: 0.1.0
description:
  - List the environments of the account or of one O(repository) (C(GET /environments?repository_id=)),
    or get one by O(id), or by O(name) within O(repository).
  - Each environment carries the branch it deploys and its C(current_version), the commit it last deployed.
  - The API cannot create, change or remove environments; that is done in the DeployBot web app.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.deploybot.REPOSITORY_FILTER
options:
  name:
    description:
      - Return only the environments with this exact name (several repositories may have one of that name;
        set O(repository) to look in one).
    type: str
notes:
  - The C(deploy_webhook_url) of an environment is not returned. Anyone who has it can start a deployment
    without a token, so it is a credential; the web app shows it.
'''

EXAMPLES = r'''
- name: The environments of the website repository
  deployops.platforms.deploybot_environment_info:
    account: example
    repository: website
  register: result

- name: What production runs
  deployops.platforms.deploybot_environment_info:
    account: example
    repository: website
    name: production
  register: production

- name: Show it
  ansible.builtin.debug:
    msg: "production runs {{ production.environments[0].current_version }}"
'''

RETURN = r'''
environments:
  description: The matching environments.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Environment ID.
      type: int
      sample: 2
    name:
      description: Environment name.
      type: str
      sample: production
    repository_id:
      description: ID of the repository (DeployBot gives it as a string here).
      type: str
      sample: "1"
    branch_name:
      description: The branch the environment deploys.
      type: str
      sample: main
    current_version:
      description: The commit SHA the environment last deployed successfully.
      type: str
      sample: 3d6c20b1c8a7f0e5b1b0c2f1a9e8d7c6b5a4f3e2
    is_automatic:
      description: Whether a push to the branch deploys automatically.
      type: bool
      sample: false
    status_badge_png_url:
      description: URL of the environment's status badge (PNG).
      type: str
    status_badge_svg_url:
      description: URL of the environment's status badge (SVG).
      type: str
    created_at:
      description: When the environment was created, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:22:49 +0000
    created_at_iso:
      description: RV(environments[].created_at) in ISO 8601.
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    updated_at:
      description: When the environment was last changed, as DeployBot gives it.
      type: str
    updated_at_iso:
      description: RV(environments[].updated_at) in ISO 8601.
      type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import ENVIRONMENT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(ENVIRONMENT, dict(name=dict(type='str'), repository=dict(type='str')))
    run_info(module, ENVIRONMENT)


if __name__ == '__main__':
    main()
