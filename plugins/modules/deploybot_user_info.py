#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deploybot_user_info
short_description: List DeployBot users
version_added: 0.1.0
description:
  - List the users of the DeployBot account (every page of C(GET /users)), or get one by O(id),
    by O(name) or by O(email).
  - The API cannot create, change or remove users; that is done in the DeployBot web app.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deploybot
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  name:
    description:
      - Return only the users with this full name (first and last name, separated by a space).
    type: str
  email:
    description:
      - Return only the user with this e-mail address (compared without regard to case).
    type: str
'''

EXAMPLES = r'''
- name: List every user of the account
  deployops.platforms.deploybot_user_info:
    account: example
  register: result

- name: Find a user by e-mail address, with the token from DEPLOYBOT_API_TOKEN
  deployops.platforms.deploybot_user_info:
    account: example
    email: grace@example.com
  register: grace
'''

RETURN = r'''
users:
  description: The matching users.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: User ID.
      type: int
      sample: 2
    first_name:
      description: First name.
      type: str
      sample: Grace
    last_name:
      description: Last name.
      type: str
      sample: Developer
    email:
      description: E-mail address.
      type: str
      sample: grace@example.com
    timezone:
      description: The user's time zone.
      type: str
      sample: UTC
    is_admin:
      description: Whether the user is an administrator of the account.
      type: bool
      sample: false
    created_at:
      description: When the user was created, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:22:49 +0000
    created_at_iso:
      description: RV(users[].created_at) in ISO 8601 (null when the API's value cannot be read).
      type: str
      sample: "2015-02-24T15:22:49+00:00"
    updated_at:
      description: When the user was last changed, as DeployBot gives it.
      type: str
      sample: 2015/02/24 15:23:49 +0000
    updated_at_iso:
      description: RV(users[].updated_at) in ISO 8601.
      type: str
      sample: "2015-02-24T15:23:49+00:00"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_resources import USER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(USER, dict(name=dict(type='str'), email=dict(type='str')))
    run_info(module, USER)


if __name__ == '__main__':
    main()
