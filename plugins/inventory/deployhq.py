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
requirements:
  - requests
options:
  plugin:
    description: Marks the file as a configuration for this plugin.
    type: str
    required: true
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
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the API. V(false) is honoured even when E(REQUESTS_CA_BUNDLE)
        or E(CURL_CA_BUNDLE) is set.
    type: bool
    default: true
  ca_path:
    description: A PEM file of CA certificates to verify the API's certificate with.
    type: path
  timeout:
    description:
      - Seconds to wait for the server each time (to connect, for an answer, for the next part of it); a whole
        answer must arrive within this time. Retries stop after 4 times this since a request began.
    type: int
    default: 30
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
  filters:
    description:
      - Jinja2 conditions (without braces) a host must meet to be listed, evaluated on its host variables.
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
    description: Prefix of every host variable taken from the server.
    type: str
    default: deployhq_
  group_prefix:
    description: Prefix of every group the plugin creates.
    type: str
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
import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.deployhq import DeployHQAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 trusts every template string
    def trust_as_template(value):
        return value

SSH_PROTOCOLS = ('ssh', 'rsync')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'deployops.platforms.deployhq'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('deployhq.yml', 'deployhq.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        servers = None
        if use_cache:
            try:
                servers = self._cache[cache_key]
            except KeyError:
                servers = None
        from_cache = servers is not None
        if not from_cache:
            servers = self._fetch()
        self._populate(servers)
        # A cache hit is not written back: that would reset the cache's expiry.
        if self.get_option('cache') and not from_cache:
            self._cache[cache_key] = servers

    # ---- fetching ------------------------------------------------------------------------

    def _templated_option(self, name):
        value = self.get_option(name)
        if isinstance(value, str) and self.templar.is_template(value):
            self.templar.available_variables = self._vars
            value = self.templar.template(trust_as_template(value))
        return value

    def _api(self):
        params = dict((name, self._templated_option(name)) for name in ('account', 'api_url', 'username', 'api_key'))
        for name in ('username', 'api_key'):
            if not params[name]:
                raise AnsibleError('%s is required (or set DEPLOYHQ_%s)' % (name, name.upper()))
        params.update(ca_path=self.get_option('ca_path'), validate_certs=self.get_option('validate_certs'),
                      timeout=self.get_option('timeout'))
        try:
            return DeployHQAPI.from_params(params)
        except (ApiError, EngineError) as exc:
            raise AnsibleError(to_native(exc))

    def _fetch(self):
        api = self._api()
        try:
            projects = [p for p in api.list('/projects') if p]
        except ApiError as exc:
            raise AnsibleError('could not list DeployHQ projects: %s' % DeployHQAPI.explain(exc))
        wanted = [str(w) for w in self.get_option('projects')]
        if wanted:
            projects = [p for p in projects if wanted_project(p, wanted)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, self.get_option('max_workers'))) as pool:
            listed = list(pool.map(lambda project: self._project_servers(api, project), projects))
        return [server for servers in listed for server in servers]

    def _project_servers(self, api, project):
        base = '/projects/%s' % project['permalink']
        servers = self._list(api, base + '/servers', 'project %s' % project['name'])
        groups = dict((g.get('identifier'), g.get('name'))
                      for g in self._list(api, base + '/server_groups', 'project %s' % project['name']))
        return [host_record(server, project, groups) for server in servers]

    def _list(self, api, path, what):
        try:
            return [item for item in api.list(path) if item]
        except ApiError as exc:
            if exc.status == 403:
                self.display.warning('skipping %s: the user may not read it (%s)' % (what, exc.message))
                return []
            raise AnsibleError('could not list %s: %s' % (what, DeployHQAPI.explain(exc)))

    # ---- populating ----------------------------------------------------------------------

    def _populate(self, servers):
        prefix = self.get_option('hostvars_prefix')
        group_prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        protocols = self.get_option('protocols')
        environments = self.get_option('environments')
        listed = []
        for server in servers:
            if protocols and server.get('protocol_type') not in protocols:
                continue
            if environments and server.get('environment') not in environments:
                continue
            hostvars = dict((prefix + key, value) for key, value in server.items())
            if not self._passes_filters(hostvars):
                continue
            listed.append((self._hostname(hostvars, server), server, hostvars))
        for hostname, server, hostvars in self._unique_names(listed):
            self.inventory.add_host(hostname)
            for key, value in hostvars.items():
                self.inventory.set_variable(hostname, key, value)
            if server.get('protocol_type') in SSH_PROTOCOLS:
                for variable, key in (('ansible_host', 'hostname'), ('ansible_port', 'port'), ('ansible_user', 'username')):
                    if server.get(key):
                        self.inventory.set_variable(hostname, variable, server[key])
            for kind, value in (('project', server.get('project_permalink')),
                                ('server_group', server.get('server_group_name')),
                                ('environment', server.get('environment')),
                                ('protocol', server.get('protocol_type'))):
                if value:
                    group = self.inventory.add_group(group_name('%s%s_%s' % (group_prefix, kind, value)))
                    self.inventory.add_child(group, hostname)
            host_vars = self.inventory.get_host(hostname).get_vars()
            self._set_composite_vars(self.get_option('compose'), host_vars, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, hostname, strict=strict)

    def _unique_names(self, listed):
        names = [name for name, dummy, dummy in listed]
        colliding = set(name for name in names if names.count(name) > 1)
        if colliding and self.get_option('hostname_collisions') == 'error':
            raise AnsibleError('several servers would be the inventory host %s: %s. Set hostname (a template) or '
                               'hostname_collisions: qualify.' % (', '.join(sorted(colliding)), '; '.join(
                                   'server %s in project %s' % (s.get('identifier'), s.get('project_permalink'))
                                   for name, s, dummy in listed if name in colliding)))
        qualifiers = (lambda s: [s.get('project_permalink')],
                      lambda s: [s.get('project_permalink'), s.get('identifier')])
        named = list(listed)
        for qualify in qualifiers:
            names = [name for name, dummy, dummy in named]
            clash = set(name for name in names if names.count(name) > 1)
            if not clash:
                break
            named = [('.'.join(['%s' % part for part in [base] + qualify(server) if part not in (None, '')])
                      if name in clash else name, server, hostvars)
                     for (name, server, hostvars), (base, dummy, dummy) in zip(named, listed)]
        return named

    def _passes_filters(self, hostvars):
        for condition in self.get_option('filters'):
            self.templar.available_variables = hostvars
            expression = trust_as_template('{%% if %s %%}true{%% else %%}false{%% endif %%}' % condition)
            try:
                if self.templar.template(expression) not in (True, 'true', 'True'):
                    return False
            except Exception as exc:  # pylint: disable=broad-exception-caught
                raise AnsibleError('could not evaluate filter %r: %s' % (condition, to_native(exc)))
        return True

    def _hostname(self, hostvars, server):
        template = self.get_option('hostname')
        if not template:
            return server['name']
        self.templar.available_variables = hostvars
        return self.templar.template(trust_as_template(template)) or server['name']


def wanted_project(project, wanted):
    return any(value in wanted for value in (project.get('name'), project.get('permalink'), project.get('identifier')))


def group_name(name):
    return re.sub(r'[^A-Za-z0-9_]', '_', name)


def host_record(server, project, groups):
    """The server's own fields plus where it lives; plain data, so it can be cached as JSON."""
    record = dict(server)
    record.update(project_name=project.get('name'), project_permalink=project.get('permalink'),
                  project_identifier=project.get('identifier'),
                  server_group_name=groups.get(server.get('server_group_identifier')))
    return record
