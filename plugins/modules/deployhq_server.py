#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: deployhq_server
short_description: Manage DeployHQ servers (deployment targets of every protocol)
version_added: 0.1.0
description:
  - Create, update and delete the servers a DeployHQ project deploys to, over any protocol the API offers
    (SSH, FTP, FTPS, rsync, Amazon S3 and compatible stores, Rackspace, DigitalOcean, Hetzner Cloud, Heroku,
    Netlify, Shopify, shell, ...) and the managed ones DeployHQ hosts itself (C(managed_vps), C(static_hosting)).
  - A server is found by its exact O(name) inside O(project), or by O(id) (its identifier, a UUID).
  - Each protocol takes its own options (listed with each option); an option of another protocol fails the task
    before any request, naming it. O(protocol_type) is sent with every update, as the API requires.
  - Secrets (O(password), O(secret_access_key), O(personal_access_token), O(api_token),
    O(api_key_heroku), O(access_token), O(rackspace_api_key)) are never returned; see O(update_secrets).
  - A managed server is provisioned by DeployHQ; after creating one the module waits until it is active
    (unless O(wait=false)), and a failed provisioning fails the task.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.deployhq
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.deployhq.PROJECT_REQUIRED
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  name:
    description:
      - Name of the server, its natural key inside O(project). Required unless O(id) is given.
    type: str
  protocol_type:
    description:
      - How DeployHQ reaches the server. Required to create a server; always sent on update.
    type: str
    choices: [ssh, ftp, ftps, rsync, s3, s3_compatible, rackspace, shopify, elastic_beanstalk, heroku, netlify,
              docker_build, digital_ocean, hetzner_cloud, shell, custom_action, pterodactyl, managed_vps, static_hosting]
  server_path:
    description:
      - Directory on the server the files are deployed to.
    type: str
  root_path:
    description:
      - Sub-directory of the repository deployed to this server.
    type: str
  branch:
    description:
      - Branch deployed to this server, when it is not the repository's default.
    type: str
  environment:
    description:
      - Environment label of the server (for example C(production)).
    type: str
  enabled:
    description:
      - Whether deployments go to this server.
    type: bool
  auto_deploy:
    description:
      - Deploy automatically when the repository receives a push.
    type: bool
  notification_email:
    description:
      - Address notified about deployments to this server.
    type: str
  email_notify_on:
    description:
      - When DeployHQ e-mails about deployments to this server. Not returned by the API (set at creation only).
    type: str
    choices: [never, failure, always]
  server_group:
    description:
      - Name or identifier of the server group (see M(deployops.platforms.deployhq_server_group)) the server is in.
    type: str
  agent_id:
    description:
      - Identifier of the DeployHQ agent that reaches the server. Not returned by the API (set at creation only).
    type: str
  global_key_pair:
    description:
      - Title or identifier of an account SSH key the server uses. Not returned by the API (set at creation only).
    type: str
  hostname:
    description:
      - Host name or address of the server. Protocols C(ssh), C(rsync), C(ftp), C(ftps); required to create them.
    type: str
  server_username:
    description:
      - User to log in to the server as (the API's C(username); O(username) is the DeployHQ user).
        Protocols C(ssh), C(rsync), C(ftp), C(ftps) (required to create them), C(rackspace).
    type: str
  password:
    description:
      - Password of O(server_username). Protocols C(ssh), C(rsync), C(ftp), C(ftps) (required to create FTP servers).
        Write-only.
    type: str
  port:
    description:
      - Port of the server (1-65535). Protocols C(ssh), C(rsync), C(ftp), C(ftps); DeployHQ defaults it to 22 or 21.
    type: int
  use_ssh_keys:
    description:
      - Log in with the project's SSH key rather than a password. Protocols C(ssh), C(rsync).
    type: bool
  atomic:
    description:
      - Deploy into a new release directory and switch a symlink at the end (zero-downtime). Protocol C(ssh).
    type: bool
  atomic_strategy:
    description:
      - How an atomic release is prepared. Protocol C(ssh).
    type: str
    choices: [copy_release, copy_cache]
  passive:
    description:
      - Use passive FTP. Protocols C(ftp), C(ftps).
    type: bool
  force_hidden_files:
    description:
      - List hidden files on servers that hide them. Protocols C(ftp), C(ftps).
    type: bool
  implicit:
    description:
      - Use implicit rather than explicit TLS. Protocol C(ftps).
    type: bool
  ignore_certificate_errors:
    description:
      - Accept a certificate that cannot be verified. Protocol C(ftps).
    type: bool
  bucket_name:
    description:
      - Bucket the files are deployed to. Protocols C(s3), C(s3_compatible); required to create them.
    type: str
  access_key_id:
    description:
      - Access key ID. Protocols C(s3), C(s3_compatible); required to create them.
    type: str
  secret_access_key:
    description:
      - Secret access key. Protocols C(s3), C(s3_compatible); required to create them. Write-only.
    type: str
  custom_endpoint:
    description:
      - Endpoint URL of the S3-compatible store (for example Cloudflare R2). Protocol C(s3_compatible).
    type: str
  rackspace_api_key:
    description:
      - Rackspace API key (the API's C(api_key); O(api_key) is the DeployHQ key). Protocol C(rackspace). Write-only.
    type: str
  region:
    description:
      - Region. Protocols C(rackspace) and C(managed_vps) (for a managed VPS it is taken at creation only).
    type: str
  container_name:
    description:
      - Cloud Files container. Protocol C(rackspace).
    type: str
  personal_access_token:
    description:
      - DigitalOcean personal access token. Protocol C(digital_ocean). Write-only.
    type: str
  droplet_name:
    description:
      - Name of the droplet. Protocol C(digital_ocean).
    type: str
  api_token:
    description:
      - Hetzner Cloud API token. Protocol C(hetzner_cloud). Write-only.
    type: str
  hetzner_server_name:
    description:
      - Name of the Hetzner Cloud server. Protocol C(hetzner_cloud).
    type: str
  app_name:
    description:
      - Heroku application name. Protocol C(heroku).
    type: str
  api_key_heroku:
    description:
      - Heroku API key. Protocol C(heroku). Write-only.
    type: str
  site_id:
    description:
      - Netlify site ID. Protocol C(netlify).
    type: str
  access_token:
    description:
      - Netlify access token. Protocol C(netlify). Write-only.
    type: str
  store_url:
    description:
      - URL of the Shopify store. Protocol C(shopify).
    type: str
  theme_name:
    description:
      - Shopify theme deployed to. Protocol C(shopify).
    type: str
  size:
    description:
      - Size of the managed VPS (for example C(s-1vcpu-1gb)). Protocol C(managed_vps); taken at creation only
        (a change needs O(recreate=true)).
    type: str
  os_image:
    description:
      - Operating system image of the managed VPS (for example C(ubuntu-24-04-x64)). Protocol C(managed_vps);
        taken at creation only and not returned.
    type: str
  hosted_website_attributes:
    description:
      - Settings of a static hosting site. Protocol C(static_hosting); taken at creation only and not returned.
    type: dict
    suboptions:
      subdomain:
        description:
          - Sub-domain the site is served on.
        type: str
      spa_mode:
        description:
          - Serve the index page for unknown paths (single-page applications).
        type: bool
      subdirectory:
        description:
          - Directory of the repository that holds the site.
        type: str
  wait:
    description:
      - After creating a managed server (C(managed_vps), C(static_hosting)), wait until DeployHQ reports it active.
'''

EXAMPLES = r'''
- name: An SSH server deployed atomically
  deployops.platforms.deployhq_server:
    project: Shop
    name: web-1
    protocol_type: ssh
    hostname: web-1.example.com
    server_username: deploy
    use_ssh_keys: true
    server_path: /var/www/shop
    atomic: true
    environment: production
    server_group: web

- name: An S3 bucket
  deployops.platforms.deployhq_server:
    project: Shop
    name: assets
    protocol_type: s3
    bucket_name: shop-assets
    access_key_id: AKIAEXAMPLE
    secret_access_key: "{{ vault_s3_secret }}"

- name: Send a new password to an FTP server
  deployops.platforms.deployhq_server:
    project: Shop
    name: legacy
    protocol_type: ftp
    password: "{{ vault_ftp_password }}"
    update_secrets: always

- name: A managed VPS, awaited until active
  deployops.platforms.deployhq_server:
    project: Shop
    name: vps
    protocol_type: managed_vps
    region: lon1
    size: s-1vcpu-1gb
    os_image: ubuntu-24-04-x64

- name: Remove a server
  deployops.platforms.deployhq_server:
    project: Shop
    name: legacy
    state: absent
'''

RETURN = r'''
server:
  description: The server as the API returns it after the task (empty when deleted); never with its secrets.
  returned: always
  type: dict
  contains:
    identifier:
      description: The server's identifier (UUID).
      type: str
      sample: 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11
    id:
      description: The server's integer id.
      type: int
      sample: 12
    name:
      description: Name.
      type: str
      sample: web-1
    protocol_type:
      description: Protocol.
      type: str
      sample: ssh
    hostname:
      description: Host name (SSH, rsync and FTP servers).
      type: str
      sample: web-1.example.com
    username:
      description: Login user (O(server_username)).
      type: str
      sample: deploy
    port:
      description: Port.
      type: int
      sample: 22
    server_path:
      description: Directory deployed to.
      type: str
      sample: /var/www/shop
    last_revision:
      description: The revision last deployed to the server, or null.
      type: str
      sample: 4b825dc642cb6eb9a060e54bf8d69288fbee4904
    server_group_identifier:
      description: Identifier of the server's group, or null.
      type: str
      sample: 6a2f1f3b-6c1e-4b5e-9f0e-0b5c3d527c11
    environment:
      description: Environment label.
      type: str
      sample: production
    preferred_branch:
      description: The branch deployed to the server.
      type: str
      sample: main
    managed_vps:
      description: Provisioning state of a managed VPS (C(status), C(ip_address), C(region), C(size)).
      type: dict
      sample: {"status": "active", "ip_address": "203.0.113.4", "region": "lon1", "size": "s-1vcpu-1gb"}
    static_hosting:
      description: State of a static hosting site (C(status), C(url), C(subdomain), ...).
      type: dict
      sample: {"status": "active", "url": "https://shop.deployhq.site"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq_resources import PROTOCOL_TYPES, SERVER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVER, dict(
        name=dict(type='str'),
        project=dict(type='str', required=True),
        protocol_type=dict(type='str', choices=PROTOCOL_TYPES),
        server_path=dict(type='str'),
        root_path=dict(type='str'),
        branch=dict(type='str'),
        environment=dict(type='str'),
        enabled=dict(type='bool'),
        auto_deploy=dict(type='bool'),
        notification_email=dict(type='str'),
        email_notify_on=dict(type='str', choices=['never', 'failure', 'always']),
        server_group=dict(type='str'),
        agent_id=dict(type='str'),
        global_key_pair=dict(type='str', no_log=False),
        hostname=dict(type='str'),
        server_username=dict(type='str'),
        password=dict(type='str', no_log=True),
        port=dict(type='int'),
        use_ssh_keys=dict(type='bool'),
        atomic=dict(type='bool'),
        atomic_strategy=dict(type='str', choices=['copy_release', 'copy_cache']),
        passive=dict(type='bool'),
        force_hidden_files=dict(type='bool'),
        implicit=dict(type='bool'),
        ignore_certificate_errors=dict(type='bool'),
        bucket_name=dict(type='str'),
        access_key_id=dict(type='str', no_log=False),
        secret_access_key=dict(type='str', no_log=True),
        custom_endpoint=dict(type='str'),
        rackspace_api_key=dict(type='str', no_log=True),
        region=dict(type='str'),
        container_name=dict(type='str'),
        personal_access_token=dict(type='str', no_log=True),
        droplet_name=dict(type='str'),
        api_token=dict(type='str', no_log=True),
        hetzner_server_name=dict(type='str'),
        app_name=dict(type='str'),
        api_key_heroku=dict(type='str', no_log=True),
        site_id=dict(type='str'),
        access_token=dict(type='str', no_log=True),
        store_url=dict(type='str'),
        theme_name=dict(type='str'),
        size=dict(type='str'),
        os_image=dict(type='str'),
        hosted_website_attributes=dict(type='dict', options=dict(
            subdomain=dict(type='str'), spa_mode=dict(type='bool'), subdirectory=dict(type='str'))),
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, SERVER)


if __name__ == '__main__':
    main()
