#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_server
short_description: Manage Devopness servers
version_added: 0.1.0
description:
  - Provision, update, start, stop, restart and delete servers in a Devopness environment.
  - A server is found by its O(hostname) inside O(environment), or by O(id).
  - Creating a server starts a provision action on the platform. With O(wait=true) (the default)
    the task waits for that action and until the server's status is C(running); a failed provision
    fails the task with the action's reason.
  - O(hostname), O(provision_input) and O(blueprint) cannot be changed on an existing server.
    Changing them fails, unless O(recreate=true), which deletes the server and provisions a new one.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.ENVIRONMENT_SCOPE
  - deployops.platforms.devopness.PROJECT_OF_ENVIRONMENT
  - deployops.platforms.resource.RECREATE
options:
  hostname:
    description:
      - Hostname of the server, its natural key inside the environment. Required unless O(id) is given.
      - Up to 60 characters among digits, lower-case letters V(a-z) and V(-); other values fail
        before any request is sent.
      - Cannot be changed on an existing server (see O(recreate)).
    type: str
  id:
    description:
      - ID of an existing server. The server is then found by ID rather than by O(hostname).
  provision_input:
    description:
      - How to launch the server. Required to create one.
      - Compared with what the API reports as a subset, so values the API adds (for example a human
        readable region) never count as a change.
      - Cannot be changed on an existing server (see O(recreate)).
    type: dict
    suboptions:
      cloud_service_code:
        description:
          - The cloud service that runs the server. V(self-hosted-custom) is a machine of your own,
            which also needs O(ip_address) and O(ssh_port), and no O(credential).
        type: str
        required: true
        choices: [aws-ec2, azure-rm, digitalocean-droplet, gcp-gce, hetzner-hcloud, self-hosted-custom]
      settings:
        description:
          - Provider settings. AWS, Azure and Hetzner need O(provision_input.settings.instance_type),
            O(provision_input.settings.region), O(provision_input.settings.storage_size) and
            O(provision_input.settings.os_version_code); DigitalOcean and GCP all but
            O(provision_input.settings.storage_size); self-hosted servers only
            O(provision_input.settings.os_version_code).
        type: dict
        suboptions:
          instance_type:
            description:
              - Instance type (size) on the cloud provider, for example V(t3.micro) or V(s-1vcpu-1gb).
            type: str
          region:
            description:
              - Data center region on the cloud provider, for example V(us-east-1) or V(nyc1).
            type: str
          storage_size:
            description:
              - Disk size in GB.
            type: int
          os_version_code:
            description:
              - Operating system to install.
            type: str
            choices: [centos_7, ubuntu_18_04, ubuntu_20_04, ubuntu_22_04, ubuntu_24_04, ubuntu_26_04]
      subnet_id:
        description:
          - ID of the subnet to create the server in; the provider's default subnet when not set.
        type: int
  credential:
    description:
      - Name or ID of the cloud provider credential (of the project's organization) used to
        provision and manage the server. Required for every O(provision_input.cloud_service_code)
        except V(self-hosted-custom).
    type: str
  ip_address:
    description:
      - Public IPv4 address to reach the server. Required for self-hosted servers.
    type: str
  ssh_port:
    description:
      - Port of the server's SSH daemon (22 to 65535). Required for self-hosted servers.
    type: int
  max_parallel_actions:
    description:
      - How many actions may run at the same time on the server (0 to 10); V(0) means no limit.
    type: int
  blueprint:
    description:
      - Services to install while provisioning. Cannot be changed on an existing server (see O(recreate));
        compared only when the API reports the server's blueprint.
    type: list
    elements: dict
    suboptions:
      type:
        description:
          - The service.
        type: str
        required: true
        choices: [docker, mysql, newrelic-infra, nginx, php, postgresql, redis, supervisor, ufw]
      version:
        description:
          - The version of the service, for example V(8.3) for PHP.
        type: str
        required: true
      auto_start:
        description:
          - Whether the service starts when the server boots.
        type: bool
      initial_state:
        description:
          - Whether the service runs once installed.
        type: str
        choices: [started, stopped]
  destroy_server_disks:
    description:
      - With O(state=absent), whether the cloud provider also destroys the server's disks
        (sent as the C(destroy_server_disks) query parameter). Not set, the API decides.
    type: bool
  recreate:
    description:
      - When O(hostname) (with O(id)), O(provision_input) or O(blueprint) differ from the existing
        server, delete it and provision a new one. Without it such a change fails the task.
  state:
    description:
      - V(present) provisions or updates the server.
      - V(absent) deletes it and waits for the deletion when O(wait=true).
      - V(started) and V(stopped) also start or stop the server when its status is not already
        C(running) or C(stopped).
      - V(restarted) restarts the server B(every time), so the task always reports a change.
    choices: [present, absent, restarted, started, stopped]
notes:
  - The API takes the credential ID as a string (the vendor's schema types it so) and reports it as a
    number; the module sends a string and compares the values.
  - A self-hosted server only reaches the C(running) status once the connect command of
    C(GET /servers/{id}/commands) was run on the machine; use O(wait=false) to create it without waiting.
'''

EXAMPLES = r'''
- name: Provision a server on AWS
  deployops.platforms.devopness_server:
    project: webshop
    environment: production
    hostname: web-1
    credential: aws-main
    provision_input:
      cloud_service_code: aws-ec2
      settings:
        instance_type: t3.small
        region: us-east-1
        storage_size: 30
        os_version_code: ubuntu_24_04
    blueprint:
      - type: nginx
        version: "1.26"
    api_token: "{{ vault_devopness_token }}"

- name: Add a self-hosted server, without waiting for it to connect
  deployops.platforms.devopness_server:
    project: webshop
    environment: production
    hostname: db-1
    ip_address: 203.0.113.10
    ssh_port: 2222
    provision_input:
      cloud_service_code: self-hosted-custom
      settings:
        os_version_code: ubuntu_22_04
    wait: false
  register: db

- name: Limit the server to one action at a time
  deployops.platforms.devopness_server:
    project: webshop
    environment: production
    hostname: web-1
    max_parallel_actions: 1

- name: Stop the server
  deployops.platforms.devopness_server:
    project: webshop
    environment: production
    hostname: web-1
    state: stopped

- name: Delete the server and its disks
  deployops.platforms.devopness_server:
    project: webshop
    environment: production
    hostname: web-1
    destroy_server_disks: true
    state: absent
'''

RETURN = r'''
server:
  description:
    - The server as the API returns it after the task (empty when deleted).
    - In check mode, what would be sent for a new server.
  returned: always
  type: dict
  contains:
    id:
      description: Server ID.
      type: int
      sample: 17
    hostname:
      description: Hostname of the server.
      type: str
      sample: web-1
    name:
      description: Name of the server (the API sets it from the hostname).
      type: str
      sample: web-1
    status:
      description: Lifecycle status, one of C(pending), C(provisioning), C(provisioned), C(configuring),
        C(running), C(stopped), C(restarting) or C(failed).
      type: str
      sample: running
    active:
      description: Whether the server is active.
      type: bool
      sample: true
    ip_address:
      description: Public IPv4 address (absent while the provider has not assigned one).
      type: str
      sample: 203.0.113.10
    ssh_port:
      description: SSH port.
      type: int
      sample: 22
    max_parallel_actions:
      description: How many actions may run on the server at the same time (0 is no limit).
      type: int
      sample: 0
    cloud_service_code:
      description: The cloud service running the server.
      type: str
      sample: aws-ec2
    provision_input:
      description: How the server was launched.
      type: dict
      sample: {"cloud_service_code": "aws-ec2", "settings": {"instance_type": "t3.small", "region": "us-east-1",
               "storage_size": 30, "os_version_code": "ubuntu_24_04"}}
    credential:
      description: The cloud provider credential (null for self-hosted servers).
      type: dict
      sample: {"id": 7, "name": "aws-main", "provider_type": "cloud_provider"}
    blueprint:
      description: The services installed while provisioning.
      type: dict
    environment:
      description: The environment of the server.
      type: dict
      sample: {"id": 3, "name": "production", "type": "production"}
    project:
      description: The project of the server.
      type: dict
      sample: {"id": 2, "name": "webshop"}
    last_action:
      description: The last action run on the server.
      type: dict
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description:
    - The last action the task started (provision, start, stop, restart or delete).
    - With O(wait=false), only its C(id), to follow it with P(deployops.platforms.devopness_action_info#module).
  returned: when the task started an action
  type: dict
  contains:
    id:
      description: Action ID.
      type: int
      sample: 301
    type:
      description: Action type (when waited for).
      type: str
      sample: provision
    status:
      description: Final status (when waited for).
      type: str
      sample: completed
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    CLOUD_SERVICE_CODES, OS_VERSION_CODES, SERVER, SERVICE_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    parents = parent_options('project', 'environment')
    parents['environment']['required'] = True
    module = resource_module(SERVER, dict(
        hostname=dict(type='str'),
        provision_input=dict(type='dict', options=dict(
            cloud_service_code=dict(type='str', required=True, choices=CLOUD_SERVICE_CODES),
            settings=dict(type='dict', options=dict(
                instance_type=dict(type='str'),
                region=dict(type='str'),
                storage_size=dict(type='int'),
                os_version_code=dict(type='str', choices=OS_VERSION_CODES),
            )),
            subnet_id=dict(type='int'),
        )),
        credential=dict(type='str'),
        ip_address=dict(type='str'),
        ssh_port=dict(type='int'),
        max_parallel_actions=dict(type='int'),
        blueprint=dict(type='list', elements='dict', options=dict(
            type=dict(type='str', required=True, choices=SERVICE_TYPES),
            version=dict(type='str', required=True),
            auto_start=dict(type='bool'),
            initial_state=dict(type='str', choices=['started', 'stopped']),
        )),
        destroy_server_disks=dict(type='bool'),
        **parents
    ), waits=True, required_one_of=[('hostname', 'id')])
    run_resource(module, SERVER)


if __name__ == '__main__':
    main()
