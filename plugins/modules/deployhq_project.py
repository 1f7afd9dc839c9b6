#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_project
short_description: Manage DeployHQ projects and their repository
version_added: 0.1.0
description:
  - Create, update and delete projects of a DeployHQ account, with the repository they deploy from.
  - A project is found by its exact O(name), or by O(id) (its identifier, a UUID).
  - The API takes only O(name), O(zone), O(ssh_key) and O(template) when a project is created; the module sets the
    other settings with an update right after the creation.
  - Notification settings (O(email_notify_on), O(notification_email), O(notify_committer)) and the flags
    O(check_undeployed_changes) and O(store_artifacts_enabled) are never returned by the API, so they cannot be
    compared; they are set when the project is created and never reported as a difference.
  - Deleting a project is queued by DeployHQ; it is refused while deployments are running.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
options:
  name:
    description:
      - Name of the project, its natural key in the account. Required unless O(id) is given.
      - Changing the name of an existing project needs O(id).
    type: str
  permalink:
    description:
      - The project's permalink, used in URLs and accepted by the API in place of the identifier.
      - DeployHQ derives one from the name at creation.
    type: str
  zone:
    description:
      - Identifier of the zone the project's deployments run in, as C(GET /zones) lists them (for example C(uk)).
    type: str
  email_notify_on:
    description:
      - When DeployHQ e-mails about deployments. Not returned by the API (set at creation only).
    type: str
    choices: [never, failure, always]
  notification_email:
    description:
      - Address the deployment notifications go to. Not returned by the API (set at creation only).
    type: str
  notify_committer:
    description:
      - Also notify the author of the deployed commits. Not returned by the API (set at creation only).
    type: bool
  check_undeployed_changes:
    description:
      - Check the project for changes that were not deployed. Not returned by the API (set at creation only).
    type: bool
  store_artifacts_enabled:
    description:
      - Keep the build artifacts of deployments. Not returned by the API (set at creation only).
    type: bool
  ssh_key:
    description:
      - Title or identifier of an account SSH key (see M(deployops.platforms.deployhq_ssh_key)) the project uses
        instead of generating its own key pair. Taken at creation only.
    type: str
  template:
    description:
      - Identifier or permalink of a project template to create the project from. Taken at creation only.
    type: str
  repository:
    description:
      - The repository the project deploys from. The module compares O(repository.scm_type), O(repository.url),
        O(repository.branch), O(repository.port) and O(repository.username) with what the API returns.
      - A change of the URL, the type, the user or the port replaces the repository (C(POST .../repository)),
        as the API requires, and the diff says so (C(repository_change)); a change of the branch or
        O(repository.root_path) alone updates it.
    type: dict
    suboptions:
      scm_type:
        description:
          - Kind of repository.
        type: str
        choices: [git, subversion, mercurial]
        default: git
      url:
        description:
          - URL of the repository, for example C(git@github.com:acme/shop.git). Required to create the repository.
        type: str
        required: true
      branch:
        description:
          - Branch deployed by default.
        type: str
      port:
        description:
          - Port of the repository server, when it is not the protocol's default.
        type: int
      username:
        description:
          - User to authenticate to the repository with (HTTP repositories).
        type: str
      password:
        description:
          - Password of O(repository.username). Write-only, never returned or shown; sent when the repository is
            created or replaced (see O(repository)).
        type: str
      root_path:
        description:
          - Sub-directory of the repository to deploy. Not returned by the API, so never compared.
        type: str
      hosting_service_type:
        description:
          - The hosting service of the repository (for example C(github)), for links in the DeployHQ interface.
        type: str
      manual_config:
        description:
          - Configure access to the repository manually rather than through a hosting service integration.
        type: bool
'''

EXAMPLES = r'''
- name: A project deploying the main branch of a GitHub repository
  deployops.platforms.deployhq_project:
    account: acme
    username: ops@example.com
    api_key: "{{ deployhq_api_key }}"
    name: Shop
    zone: uk
    email_notify_on: failure
    notification_email: ops@example.com
    repository:
      scm_type: git
      url: git@github.com:acme/shop.git
      branch: main

- name: Rename it (found by its identifier)
  deployops.platforms.deployhq_project:
    id: 5f0c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    name: Shop (production)

- name: Delete it
  deployops.platforms.deployhq_project:
    name: Shop
    state: absent
'''

RETURN = r'''
project:
  description: The project as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    identifier:
      description: The project's identifier (UUID).
      type: str
      sample: 5f0c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    name:
      description: Name.
      type: str
      sample: Shop
    permalink:
      description: Permalink, usable in place of the identifier.
      type: str
      sample: shop
    zone:
      description: Zone the deployments run in.
      type: str
      sample: uk
    public_key:
      description: Public key of the project's key pair, to authorize on servers and repositories.
      type: str
      sample: ssh-rsa AAAAB3NzaC1yc2E... deployhq
    repository:
      description: The repository (never with its password).
      type: dict
      sample: {"scm_type": "git", "url": "git@github.com:acme/shop.git", "branch": "main", "port": null,
               "username": null, "cached": false}
    last_deployed_at:
      description: When the project was last deployed (ISO 8601), or empty.
      type: str
      sample: "2026-12-06T04:00:00+00:00"
    auto_deploy_url:
      description: The webhook URL that starts automatic deployments.
      type: str
      sample: https://acme.deployhq.com/deploy/shop/to/auto/5f0c3d52
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROJECT
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(PROJECT, dict(
        name=dict(type='str'),
        permalink=dict(type='str'),
        zone=dict(type='str'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        notification_email=dict(type='str'),
        notify_committer=dict(type='bool'),
        check_undeployed_changes=dict(type='bool'),
        store_artifacts_enabled=dict(type='bool'),
        ssh_key=dict(type='str', no_log=False),
        template=dict(type='str'),
        repository=dict(type='dict', options=dict(
            scm_type=dict(type='str', default='git', choices=['git', 'subversion', 'mercurial']),
            url=dict(type='str', required=True),
            branch=dict(type='str'),
            port=dict(type='int'),
            username=dict(type='str'),
            password=dict(type='str', no_log=True),
            root_path=dict(type='str'),
            hosting_service_type=dict(type='str'),
            manual_config=dict(type='bool'),
        )),
    ), required_one_of=[('name', 'id')])
    run_resource(module, PROJECT)


if __name__ == '__main__':
    main()
