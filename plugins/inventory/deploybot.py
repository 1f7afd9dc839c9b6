# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: deploybot
short_description: DeployBot servers as an inventory source
version_added: 0.1.0
description:
  - Lists the servers (deployment targets) of a DeployBot account as inventory hosts.
  - The configuration file must end in C(.deploybot.yml) or C(.deploybot.yaml).
  - Three lists are read, each 50 entries at a time (the API's maximum) until the last page
    (C(GET /repositories), C(/environments), C(/servers)); a read-only token is enough.
  - Every field of a server becomes a host variable prefixed with O(hostvars_prefix), with where it
    lives (C(repository_name), C(environment_name)), the environment's branch (C(environment_branch)) and
    the commit it runs (C(environment_current_version)). Hosts are grouped by repository, environment and protocol.
  - The API gives no address for a server (a server is an SFTP, shell, S3... target configured in the web app),
    so C(ansible_host) is not set; set it with O(compose) when the hosts are to be reached.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - deployops.platforms.inventory
  - deployops.platforms.inventory.filters
options:
  plugin:
    choices: [deployops.platforms.deploybot]
  account:
    description:
      - The DeployBot account (the subdomain of C(https://<account>.deploybot.com)). May be a template.
      - One of O(account) and O(api_url) is required; O(api_url) wins when both are set, except that an
        O(account) set in the file wins over an O(api_url) taken from E(DEPLOYBOT_API_URL).
    type: str
    env:
      - name: DEPLOYBOT_ACCOUNT
  api_url:
    description:
      - Base URL of the DeployBot API, for example C(https://example.deploybot.com/api/v1). May be a template.
    type: str
    env:
      - name: DEPLOYBOT_API_URL
  api_token:
    description:
      - A DeployBot API token (read-only is enough), sent in the C(X-Api-Token) header only.
      - May be a template, so that vaulted variables and extra vars can be used.
    type: str
    required: true
    env:
      - name: DEPLOYBOT_API_TOKEN
  repositories:
    description:
      - Only list servers of these repositories (names, titles or IDs). All repositories when empty.
    type: list
    elements: str
    default: []
  environments:
    description:
      - Only list servers of these environments (names or IDs). All environments when empty.
    type: list
    elements: str
    default: []
  protocols:
    description:
      - Only list servers deployed to with one of these protocols (for example V(sftp), V(shell), V(s3)).
    type: list
    elements: str
    default: []
  hostname:
    description:
      - Template of the inventory host name, evaluated on the host variables (named with O(hostvars_prefix)),
        for example C({{ deploybot_repository_name }}-{{ deploybot_environment_name }}-{{ deploybot_name }}).
      - When not set, the server's name.
    type: str
  hostname_collisions:
    description:
      - What happens when two servers get the same inventory host name (server names repeat across environments).
        Hosts are never merged silently.
      - V(qualify) names every server of a colliding name C(<name>.<environment>), then
        C(<name>.<environment>.<repository>) where that still collides, then appends the server ID; the other
        hosts keep their plain name.
      - V(error) fails the inventory run, naming the servers that collide.
    type: str
    choices: [qualify, error]
    default: qualify
  hostvars_prefix:
    default: deploybot_
  group_prefix:
    default: deploybot_
'''

EXAMPLES = r'''
# inventory.deploybot.yml
plugin: deployops.platforms.deploybot
account: example
api_token: "{{ lookup('ansible.builtin.env', 'DEPLOYBOT_API_TOKEN') }}"
repositories: [website]
protocols: [shell, sftp]
keyed_groups:
  - key: deploybot_environment_branch
    prefix: branch
compose:
  ansible_host: deploybot_name ~ '.example.com'
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-deploybot
'''

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DeployBotAPI
from ansible_collections.deployops.platforms.plugins.plugin_utils.inventory import PlatformInventory, named


class InventoryModule(PlatformInventory):

    NAME = 'deployops.platforms.deploybot'
    API = DeployBotAPI
    ONLY_IF = (('protocols', 'protocol'),)
    QUALIFIERS = ('environment_name', 'repository_name', 'id')
    COLLIDING_HOST = 'server {id} in {repository_name}/{environment_name}'
    GROUPED_BY = (('repository', 'repository_name'), ('environment', 'environment_name'), ('protocol', 'protocol'))

    def _fetch(self):
        api = self._api()
        with self._failing_as('could not read the DeployBot account'):
            repositories = dict((r['id'], r) for r in api.all('repositories'))
            environments = dict((e['id'], e) for e in api.all('environments'))
            servers = api.all('servers')
        wanted_repositories = self.get_option('repositories')
        wanted_environments = self.get_option('environments')
        records = []
        for server in servers:
            environment = environments.get(_as_int(server.get('environment_id'))) or {}
            repository = repositories.get(_as_int(server.get('repository_id'))) or repositories.get(
                _as_int(environment.get('repository_id'))) or {}
            if wanted_repositories and not named(repository, wanted_repositories, ('name', 'title', 'id')):
                continue
            if wanted_environments and not named(environment, wanted_environments, ('name', 'id')):
                continue
            records.append(_host_record(server, repository, environment))
        return records


def _as_int(value):
    """DeployBot gives some ids as strings (an environment's ``repository_id``)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _host_record(server, repository, environment):
    """The server's own fields plus where it lives and what it runs; plain data, cached as JSON."""
    record = dict(server)
    record.update(
        repository_id=repository.get('id', server.get('repository_id')), repository_name=repository.get('name'),
        repository_title=repository.get('title'),
        environment_id=environment.get('id', server.get('environment_id')), environment_name=environment.get('name'),
        environment_branch=environment.get('branch_name'),
        environment_current_version=environment.get('current_version'),
    )
    return record
