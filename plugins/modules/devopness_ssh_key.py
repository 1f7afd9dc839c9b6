#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_ssh_key
short_description: Manage Devopness SSH keys (public keys authorized on servers)
version_added: 0.1.0
description:
  - Create, rename, deploy and delete SSH public keys in an environment of a Devopness project.
  - An SSH key is found by its exact O(name) inside O(environment), or by O(id).
  - Creating a key or changing its O(servers) only records it on the platform; when the task changed the key,
    the module deploys it to its linked servers (C(POST /ssh-keys/{id}/deploy)) and waits for that action,
    unless O(deploy=false).
  - The API never returns O(public_key) and cannot change it; only the name is updatable.
    See O(public_key) for how a different key is detected, and O(recreate).
  - Deleting a key is asynchronous on the platform; the module waits for it unless O(wait=false).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.IN_ENVIRONMENT
  - deployops.platforms.devopness.SERVERS
  - deployops.platforms.resource.DEPLOY
  - deployops.platforms.resource.RECREATE
options:
  name:
    description:
      - Name of the key, its natural key inside O(environment). Required unless O(id) is given.
      - Changing the name of an existing key needs O(id).
    type: str
  public_key:
    description:
      - The public key, as an OpenSSH public key line C(<type> <base64 key> [comment]), for example the content of
        C(~/.ssh/id_ed25519.pub). Required to create a key. Its format is checked before any request is sent.
      - A public key is not a secret, but the API never returns it, only a C(fingerprint). The module compares the key
        with that fingerprint, computed locally the OpenSSH way (C(SHA256:) and unpadded base64 of the SHA-256 of the
        decoded key, as C(ssh-keygen -l) prints it), and also accepts the C(MD5:) form and the SHA-256 of the whole
        line. When the API gives no fingerprint, or one in another format, the key is treated as set once, at creation,
        and never compared.
      - A different key cannot be updated; it fails the task, naming the option, unless O(recreate=true).
    type: str
  recreate:
    description:
      - When O(public_key) differs from the existing key's (by fingerprint), delete the key and create it again
        with the new one. Without it, such a change fails the task.
      - The new key is linked to O(servers) (give them, or it has no servers) and deployed.
  state:
    description:
      - V(present) creates the key or renames it (and deploys it when it changed, see O(deploy)); V(absent) deletes it.
    choices: [present, absent]
notes:
  - In diff output and in the message of a refused key change, the current value of O(public_key) is the key's fingerprint.
'''

EXAMPLES = r'''
- name: Authorize a deploy key on two servers
  deployops.platforms.devopness_ssh_key:
    project: webshop
    environment: production
    name: ci-deploy
    public_key: "{{ lookup('ansible.builtin.file', 'files/ci_deploy.pub') }}"
    servers: [web-1, web-2]

- name: Replace the key material (delete and re-create)
  deployops.platforms.devopness_ssh_key:
    project: webshop
    environment: production
    name: ci-deploy
    public_key: "{{ lookup('ansible.builtin.file', 'files/ci_deploy_2026.pub') }}"
    servers: [web-1, web-2]
    recreate: true

- name: Remove it
  deployops.platforms.devopness_ssh_key:
    project: webshop
    environment: production
    name: ci-deploy
    state: absent
'''

RETURN = r'''
ssh_key:
  description: The SSH key as the API returns it after the task (empty when deleted). It never contains the public key.
  returned: always
  type: dict
  contains:
    id:
      description: SSH key ID.
      type: int
      sample: 9
    name:
      description: Key name.
      type: str
      sample: ci-deploy
    fingerprint:
      description: The key's fingerprint, as the API computes it.
      type: str
      sample: "SHA256:W/eO/+Oco43WJjJpwFZiUttFuE4kKh0sTHMZBQLRWfU"
    environment_id:
      description: ID of the environment.
      type: int
      sample: 12
    project_id:
      description: ID of the project.
      type: int
      sample: 5
    servers:
      description: The servers the key is linked to.
      type: list
      elements: dict
      sample: [{"id": 5, "hostname": "web-1"}]
    last_action:
      description: The key's most recent action, with its C(type) and C(status).
      type: dict
      sample: {"id": 81, "type": "deploy", "status": "completed"}
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: The last action the task ran (deploy or delete); only its C(id) when O(wait=false).
  returned: when an action ran
  type: dict
  sample: {"id": 81, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSH_KEY, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        public_key=dict(type='str', no_log=False),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, SSH_KEY)


if __name__ == '__main__':
    main()
