# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: devopness
short_description: Devopness servers as an inventory source
version_added: 0.1.0
description:
  - Lists the servers of the Devopness projects and environments the token can see.
  - The configuration file must end in C(.devopness.yml) or C(.devopness.yaml).
  - Projects, then their environments, then their servers are fetched with O(max_workers) requests
    at a time and C(per_page=100); a project or environment the token may not read (HTTP 403) is
    skipped with a warning.
  - Every field of a server becomes a host variable prefixed with O(hostvars_prefix); of the server's credential,
    only its C(id) and C(name) are kept.
    Hosts are grouped by project, environment, environment type, provider and status.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - deployops.platforms.inventory
  - deployops.platforms.inventory.filters
options:
  plugin:
    choices: [deployops.platforms.devopness]
  api_url:
    description:
      - Base URL of the Devopness API. May be a template.
    type: str
    default: https://api.devopness.com
    env:
      - name: DEVOPNESS_API_URL
  api_token:
    description:
      - A Devopness personal access token or project API token.
      - May be a template, so that vaulted variables and extra vars can be used.
    type: str
    required: true
    env:
      - name: DEVOPNESS_API_TOKEN
  projects:
    description:
      - Only list servers of these projects (names or IDs). All projects when empty.
    type: list
    elements: str
    default: []
  environments:
    description:
      - Only list servers of these environments (names or IDs). All environments when empty.
    type: list
    elements: str
    default: []
  status:
    description:
      - Only list servers in one of these states (for example V(running), V(stopped)).
    type: list
    elements: str
    default: []
  providers:
    description:
      - Only list servers of these providers (the server's C(provider_name), for example V(hetzner), V(aws), V(self_hosted)).
    type: list
    elements: str
    default: []
  hostname:
    description:
      - Template of the inventory host name, evaluated on the host variables (named with O(hostvars_prefix)),
        for example C({{ devopness_project_name }}-{{ devopness_hostname }}).
      - When not set, the server's hostname.
    type: str
  hostname_collisions:
    description:
      - What happens when two servers get the same inventory host name (the same hostname in two environments
        or projects). Hosts are never merged silently.
      - V(qualify) names every server of a colliding name C(<name>.<environment>), then C(<name>.<environment>.<project>)
        where that still collides, then appends the server ID; the other hosts keep their plain name. Each host's
        O(hostvars_prefix)C(environment_name) and C(project_name) say where it lives.
      - V(error) fails the inventory run, naming the servers that collide.
    type: str
    choices: [qualify, error]
    default: qualify
  connect_with:
    description:
      - What C(ansible_host) is set to.
    type: str
    choices: [ip_address, hostname]
    default: ip_address
  hostvars_prefix:
    default: devopness_
  group_prefix:
    default: devopness_
  max_workers:
    description:
      - How many API requests run at the same time. The servers of an environment are requested as soon as
        its project's environments are known.
      - With the default, the 121 pages of 10,000 servers in 100 environments arrive in 9 rounds of the API's
        latency, against 121 one after another.
    type: int
    default: 16
'''

EXAMPLES = r'''
# inventory.devopness.yml
plugin: deployops.platforms.devopness
api_token: "{{ lookup('ansible.builtin.env', 'DEVOPNESS_API_TOKEN') }}"
projects: [webshop]
status: [running]
keyed_groups:
  - key: devopness_os_version_code | default('unknown')
    prefix: os
compose:
  ansible_user: "'root'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-devopness
'''

import concurrent.futures

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.plugin_utils.inventory import PlatformInventory, named


class InventoryModule(PlatformInventory):

    NAME = 'deployops.platforms.devopness'
    API = DevopnessAPI
    ONLY_IF = (('status', 'status'), ('providers', 'provider_name'))
    HOST_NAME_FIELD = 'hostname'
    QUALIFIERS = ('environment_name', 'project_name', 'id')
    COLLIDING_HOST = 'server {id} in {project_name}/{environment_name}'
    GROUPED_BY = (('project', 'project_name'), ('environment', 'environment_name'),
                  ('environment_type', 'environment_type'), ('provider', 'provider_name'), ('status', 'status'))

    def _fetch(self):
        api = self._api()
        with self._failing_as('could not list Devopness projects'):
            projects = [p for p in api.list('/projects') if p]
        wanted = self.get_option('projects')
        if wanted:
            projects = [p for p in projects if named(p, wanted, ('name', 'id'))]
        wanted = self.get_option('environments')
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, self.get_option('max_workers'))) as pool:
            # The servers of each environment are requested as soon as its project's list arrives, so the
            # pool never waits for the slowest project before the servers' lists start.
            listed_environments = [pool.submit(self._list, api, '/projects/%s/environments' % p['id'],
                                               'project %s' % p['name']) for p in projects]
            listed_servers = []
            for project, future in zip(projects, listed_environments):
                for environment in future.result():
                    if wanted and not named(environment, wanted, ('name', 'id')):
                        continue
                    listed_servers.append((project, environment, pool.submit(
                        self._list, api, '/environments/%s/servers' % environment['id'],
                        'environment %s' % environment['name'])))
            servers = []
            for project, environment, future in listed_servers:
                where = dict(project_id=project.get('id'), project_name=project.get('name'),
                             environment_id=environment.get('id'), environment_name=environment.get('name'),
                             environment_type=environment.get('type'))
                servers.extend(_host_record(server, where) for server in future.result())
        return servers

    def _connection_vars(self, record):
        address_key = 'ip_address' if self.get_option('connect_with') == 'ip_address' else 'hostname'
        connection = {}
        if record.get(address_key):
            connection['ansible_host'] = record[address_key]
        if record.get('ssh_port'):
            connection['ansible_port'] = record['ssh_port']
        return connection


def _host_record(server, where):
    """The server's own fields plus ``where`` it lives; plain data, so it can be cached as JSON. The server
    (decoded for this run alone) becomes the record: copying each of 10,000 cost a fifth of the fetch's CPU."""
    credential = server.get('credential')
    if isinstance(credential, dict):
        # The credential's provider, owner and timestamps were half of every host's variables: its id and name do.
        server['credential'] = {'id': credential.get('id'), 'name': credential.get('name')}
    server.update(where)
    return server
