#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_virtual_host
short_description: Manage Devopness virtual hosts
version_added: 0.1.0
description:
  - Create, update and delete virtual hosts (web server sites) in an environment of a Devopness project,
    link them to servers, and deploy them.
  - A virtual host is found by its exact O(name) inside O(environment) (the API keeps names unique there), or by O(id).
  - Creating or changing a virtual host only records it on the platform; when the task changed it (including
    its linked servers), the module deploys it (C(POST /virtual-hosts/{id}/deploy)) and waits for the deploy
    action, unless O(deploy=false).
  - Deleting a virtual host is asynchronous on the platform; the module waits for it unless O(wait=false).
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
      - The virtual host's name, its natural key inside O(environment) (at most 255 characters).
      - For a V(name-based) virtual host, a domain name such as V(www.example.com); for an V(ip-based) one,
        an IPv4 address with an optional port, such as V(203.0.113.10:8080). Any other form fails before any request.
      - Required unless O(id) is given. Changing the name of an existing virtual host needs O(id).
    type: str
  type:
    description:
      - How the web server selects the virtual host. Required to create one.
      - The API cannot change it; a different value fails the task unless O(recreate=true).
    type: str
    choices: [name-based, ip-based]
  root_directory:
    description:
      - The directory the virtual host serves. Relative to the application's directory when O(application)
        is set, otherwise an absolute path.
    type: str
  application:
    description:
      - Name or ID of the application (in O(environment)) the virtual host serves.
      - Compared by ID with the virtual host's application. A name that is not found fails the task.
    type: str
  application_listen_address:
    description:
      - Where the application listens, for the web server to proxy to, for example
        V(http://127.0.0.1:3000) or V(unix:/var/run/app.sock).
    type: str
  recreate:
    description:
      - Delete and re-create the virtual host when O(type) differs from the existing one's, which the API cannot update.
      - Re-creating drops the SSL certificate of the virtual host and its links.
notes:
  - Only the options that are set are compared and sent; an update always carries the name, as the API requires.
'''

EXAMPLES = r'''
- name: A name-based virtual host for an application, on two servers
  deployops.platforms.devopness_virtual_host:
    project: webshop
    environment: production
    name: shop.example.com
    type: name-based
    application: storefront
    root_directory: public
    application_listen_address: http://127.0.0.1:8000
    servers: [web-1, web-2]
    api_token: "{{ vault_devopness_token }}"

- name: Record a change without deploying it yet
  deployops.platforms.devopness_virtual_host:
    project: webshop
    environment: production
    name: shop.example.com
    application_listen_address: http://127.0.0.1:9000
    deploy: false

- name: An IP-based virtual host serving static files
  deployops.platforms.devopness_virtual_host:
    project: webshop
    environment: production
    name: 203.0.113.10:8080
    type: ip-based
    root_directory: /var/www/static

- name: Delete a virtual host
  deployops.platforms.devopness_virtual_host:
    project: webshop
    environment: production
    name: shop.example.com
    state: absent
'''

RETURN = r'''
virtual_host:
  description: The virtual host as the API returns it after the task (empty when deleted).
  returned: always
  type: dict
  contains:
    id:
      description: Virtual host ID.
      type: int
      sample: 21
    name:
      description: The domain name (name-based) or IPv4 address and port (ip-based).
      type: str
      sample: shop.example.com
    type:
      description: V(name-based) or V(ip-based).
      type: str
      sample: name-based
    root_directory:
      description: The directory the virtual host serves.
      type: str
      sample: public
    application_listen_address:
      description: Where the application listens.
      type: str
      sample: http://127.0.0.1:8000
    application:
      description: The application the virtual host serves, or null.
      type: dict
      sample: {"id": 34, "name": "storefront"}
    ssl_certificate:
      description: The virtual host's SSL certificate, or null.
      type: dict
      sample: {"id": 5, "issuer": "lets-encrypt", "expires_at": "2027-02-21T12:00:00.000000Z"}
    servers:
      description:
        - Servers the virtual host is linked to (C(id) and C(hostname)), listed through the resource-links endpoint
          since the API's virtual host has no servers.
      type: list
      elements: dict
      sample: [{"id": 3, "hostname": "web-1"}]
    last_action:
      description: The newest action of the virtual host (for example its deploy), or null.
      type: dict
      sample: {"id": 90, "type": "deploy", "status": "completed"}
    environment_id:
      description: ID of the environment.
      type: int
      sample: 12
    project_id:
      description: ID of the project.
      type: int
      sample: 5
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    updated_at:
      description: Time of the last change (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: >-
    The last action the task ran and waited for: the deploy after a create or change, or the delete
    (only its C(id) when O(wait=false)).
  returned: when an action ran
  type: dict
  sample: {"id": 90, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    VIRTUAL_HOST, VIRTUAL_HOST_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(VIRTUAL_HOST, dict(
        name=dict(type='str'),
        environment=dict(type='str', required=True),
        type=dict(type='str', choices=VIRTUAL_HOST_TYPES),
        root_directory=dict(type='str'),
        application=dict(type='str'),
        application_listen_address=dict(type='str'),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, VIRTUAL_HOST)


if __name__ == '__main__':
    main()
