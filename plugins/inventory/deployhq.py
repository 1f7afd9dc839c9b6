# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: deployhq
short_description: DeployHQ servers as an inventory source
version_added: 0.1.0
description:
  - Lists the servers of all, or the listed, projects of a DeployHQ account.
  - The configuration file must end in C(.deployhq.yml) or C(.deployhq.yaml).
  - The projects are listed once, then the servers and server groups of each project are fetched with
    O(max_workers) requests at a time; a project the user may not read (HTTP 403) is skipped with a warning.
  - Every field of a server becomes a host variable prefixed with O(hostvars_prefix), with the project's
    C(project_name), C(project_permalink), C(project_identifier) and the C(server_group_name).
    SSH and rsync servers get C(ansible_host), C(ansible_port) and C(ansible_user).
  - Hosts are grouped by project, server group, environment and protocol.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - deployops.platforms.inventory
  - deployops.platforms.inventory.filters
options:
  plugin:
    choices: [deployops.platforms.deployhq]
  account:
    description:
      - The DeployHQ account, as in C(https://<account>.deployhq.com). Required unless O(api_url) is set.
        May be a template.
    type: str
    env:
      - name: DEPLOYHQ_ACCOUNT
  api_url:
    description:
      - Full base URL of the API, instead of the one O(account) gives. May be a template.
    type: str
    env:
      - name: DEPLOYHQ_API_URL
  username:
    description:
      - E-mail address of the DeployHQ user the API key belongs to. May be a template.
    type: str
    required: true
    env:
      - name: DEPLOYHQ_USERNAME
  api_key:
    description:
      - The user's API key. May be a template, so that vaulted variables and extra vars can be used.
    type: str
    required: true
    env:
      - name: DEPLOYHQ_API_KEY
  projects:
    description:
      - Only list servers of these projects (names, permalinks or identifiers). All projects when empty.
    type: list
    elements: str
    default: []
  protocols:
    description:
      - Only list servers of these protocols (for example V(ssh)). All protocols when empty.
    type: list
    elements: str
    default: []
  environments:
    description:
      - Only list servers with one of these environment labels. All when empty.
    type: list
    elements: str
    default: []
  hostname:
    description:
      - Template of the inventory host name, evaluated on the host variables (named with O(hostvars_prefix)),
        for example C({{ deployhq_project_permalink }}-{{ deployhq_name }}).
      - When not set, the server's name.
    type: str
  hostname_collisions:
    description:
      - What happens when two servers get the same inventory host name (servers of two projects with the same
        name). Hosts are never merged silently.
      - V(qualify) names every server of a colliding name C(<name>.<project permalink>), then appends the server's
        identifier where that still collides; V(error) fails the inventory run, naming the servers.
    type: str
    choices: [qualify, error]
    default: qualify
  hostvars_prefix:
    default: deployhq_
  group_prefix:
    default: deployhq_
  max_workers:
    description: How many projects are read at the same time.
    type: int
    default: 4
'''

EXAMPLES = r'''
# inventory.deployhq.yml
plugin: deployops.platforms.deployhq
account: acme
username: ops@example.com
api_key: "{{ lookup('ansible.builtin.env', 'DEPLOYHQ_API_KEY') }}"
projects: [shop]
protocols: [ssh]
keyed_groups:
  - key: deployhq_environment | default('none')
    prefix: env
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-deployhq
'''

import concurrent.futures

from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.plugin_utils.inventory import PlatformInventory, named

SSH_PROTOCOLS = ('ssh', 'rsync')


class InventoryModule(PlatformInventory):

    NAME = 'deployops.platforms.deployhq'
    API = DeployHQAPI
    CREDENTIAL_HOLDER = 'user'
    ONLY_IF = (('protocols', 'protocol_type'), ('environments', 'environment'))
    QUALIFIERS = ('project_permalink', 'identifier')
    COLLIDING_HOST = 'server {identifier} in project {project_permalink}'
    GROUPED_BY = (('project', 'project_permalink'), ('server_group', 'server_group_name'),
                  ('environment', 'environment'), ('protocol', 'protocol_type'))

    def _fetch(self):
        api = self._api()
        with self._failing_as('could not list DeployHQ projects'):
            projects = [p for p in api.list('/projects') if p]
        wanted = self.get_option('projects')
        if wanted:
            projects = [p for p in projects if named(p, wanted, ('name', 'permalink', 'identifier'))]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, self.get_option('max_workers'))) as pool:
            listed = list(pool.map(lambda project: self._project_servers(api, project), projects))
        return [server for servers in listed for server in servers]

    def _project_servers(self, api, project):
        base = '/projects/%s' % project['permalink']
        servers = self._list(api, base + '/servers', 'project %s' % project['name'])
        groups = dict((g.get('identifier'), g.get('name'))
                      for g in self._list(api, base + '/server_groups', 'project %s' % project['name']))
        return [host_record(server, project, groups) for server in servers]

    def _connection_vars(self, record):
        if record.get('protocol_type') not in SSH_PROTOCOLS:
            return {}
        return dict((variable, record[key]) for variable, key in (
            ('ansible_host', 'hostname'), ('ansible_port', 'port'), ('ansible_user', 'username')) if record.get(key))


def host_record(server, project, groups):
    """The server's own fields plus where it lives; plain data, so it can be cached as JSON."""
    record = dict(server)
    record.update(project_name=project.get('name'), project_permalink=project.get('permalink'),
                  project_identifier=project.get('identifier'),
                  server_group_name=groups.get(server.get('server_group_identifier')))
    return record
