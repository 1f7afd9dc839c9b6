#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_ssh_key
short_description: Manage the SSH key pairs of a DeployHQ account
version_added: 0.1.0
description:
  - Create and delete SSH key pairs of a DeployHQ account. DeployHQ generates the pair (or takes
    O(custom_private_key)) and returns its public key, to authorize on servers and repositories.
  - A key is found by its exact O(title), or by O(id) (its identifier, a UUID).
  - The API cannot change a key; a different O(key_type) fails the task, or re-creates the key with
    O(recreate=true) (a new key pair).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  title:
    description:
      - Title of the key; its natural key. Required unless O(id) is given.
    type: str
  key_type:
    description:
      - Kind of key DeployHQ generates.
    type: str
    choices: [ED25519, RSA, ECDSA]
  use_custom_key:
    description:
      - Use O(custom_private_key) rather than a generated key. Taken at creation only.
    type: bool
  custom_private_key:
    description:
      - A private key of your own (PEM or OpenSSH). Write-only; taken at creation only, so sending another one
        needs O(update_secrets=always) and O(recreate=true).
    type: str
'''

EXAMPLES = r'''
- name: A key pair for the web servers
  deployops.platforms.deployhq_ssh_key:
    title: web servers
    key_type: ED25519
  register: key

- name: Authorize it
  ansible.posix.authorized_key:
    user: deploy
    key: "{{ key.ssh_key.public_key }}"
  delegate_to: web-1
'''

RETURN = r'''
ssh_key:
  description: The key as the API returns it after the task (empty when deleted); never the private key.
  returned: always
  type: dict
  contains:
    identifier:
      description: Identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    title:
      description: Title.
      type: str
      sample: web servers
    key_type:
      description: Kind of key.
      type: str
      sample: ED25519
    public_key:
      description: The public key, as an OpenSSH line.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI... deployhq
    fingerprint:
      description: Fingerprint of the public key.
      type: str
      sample: "SHA256:W/eO/+Oco43WJjJpwFZiUttFuE4kKh0sTHMZBQLRWfU"
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSH_KEY, dict(
        title=dict(type='str'),
        key_type=dict(type='str', choices=['ED25519', 'RSA', 'ECDSA']),
        use_custom_key=dict(type='bool'),
        custom_private_key=dict(type='str', no_log=True),
    ), required_one_of=[('title', 'id')])
    run_resource(module, SSH_KEY)


if __name__ == '__main__':
    main()
