#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_ssh_key_info
short_description: List DeployHQ SSH keys
version_added: 0.1.0
description:
  - List the SSH keys of the account, or get one by O(id) or by exact O(title).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
options:
  id:
    description:
      - Return only the object with this identifier (UUID).
  title:
    description:
      - Return only the key with this exact title.
    type: str
'''

EXAMPLES = r'''
- name: List the SSH keys
  deployops.platforms.deployhq_ssh_key_info:
  register: result

- name: Get one
  deployops.platforms.deployhq_ssh_key_info:
    title: web servers
  register: result
'''

RETURN = r'''
ssh_keys:
  description:
    - The matching SSH keys.
    - Each element has the keys that RV(deployops.platforms.deployhq_ssh_key#module:ssh_key) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SSH_KEY, dict(
        title=dict(type='str')
    ))
    run_info(module, SSH_KEY, filters=['title'])


if __name__ == '__main__':
    main()
