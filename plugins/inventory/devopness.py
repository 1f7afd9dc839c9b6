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
requirements:
  - requests
options:
  plugin:
    description: Marks the file as a configuration for this plugin.
    type: str
    required: true
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
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url). V(false) is honoured even when E(REQUESTS_CA_BUNDLE)
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
  filters:
    description:
      - Jinja2 conditions (without braces) a host must meet to be listed, evaluated on its host variables.
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
    description: Prefix of every host variable taken from the server.
    type: str
    default: devopness_
  group_prefix:
    description: Prefix of every group the plugin creates.
    type: str
    default: devopness_
  max_workers:
    description:
      - How many API requests run at the same time. The servers of an environment are requested as soon as
        its project's environments are known.
    type: int
    default: 10
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

import collections
import concurrent.futures
import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 trusts every template string
    def trust_as_template(value):
        return value


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'deployops.platforms.devopness'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(
            ('devopness.yml', 'devopness.yaml'))

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
        """Options that may be templates, so that vault and extra vars work."""
        value = self.get_option(name)
        if isinstance(value, str) and self.templar.is_template(value):
            self.templar.available_variables = self._vars
            value = self.templar.template(trust_as_template(value))
        return value

    def _api(self):
        token = self._templated_option('api_token')
        if not token:
            raise AnsibleError('api_token is required (or set DEVOPNESS_API_TOKEN)')
        try:
            return DevopnessAPI.from_params(dict(
                api_url=self._templated_option('api_url'), api_token=token, ca_path=self.get_option('ca_path'),
                validate_certs=self.get_option('validate_certs'), timeout=self.get_option('timeout')))
        except (ApiError, EngineError) as exc:
            raise AnsibleError(to_native(exc))

    def _fetch(self):
        api = self._api()
        try:
            projects = [p for p in api.list('/projects') if p]
        except ApiError as exc:
            raise AnsibleError('could not list Devopness projects: %s' % DevopnessAPI.explain(exc))
        wanted = self.get_option('projects')
        if wanted:
            projects = [p for p in projects if _named(p, wanted)]
        wanted = self.get_option('environments')
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, self.get_option('max_workers'))) as pool:
            # The servers of each environment are requested as soon as its project's list arrives, so the
            # pool never waits for the slowest project before the servers' lists start.
            listed_environments = [pool.submit(self._list, api, '/projects/%s/environments' % p['id'],
                                               'project %s' % p['name']) for p in projects]
            listed_servers = []
            for project, future in zip(projects, listed_environments):
                for environment in future.result():
                    if wanted and not _named(environment, wanted):
                        continue
                    listed_servers.append((project, environment, pool.submit(
                        self._list, api, '/environments/%s/servers' % environment['id'],
                        'environment %s' % environment['name'])))
            servers = []
            for project, environment, future in listed_servers:
                for server in future.result():
                    servers.append(_host_record(server, project, environment))
        return servers

    def _list(self, api, path, what):
        try:
            return [item for item in api.list(path) if item]
        except ApiError as exc:
            if exc.status == 403:
                self.display.warning('skipping %s: the token may not read it (%s)' % (what, exc.message))
                return []
            raise AnsibleError('could not list %s: %s' % (what, DevopnessAPI.explain(exc)))

    # ---- populating ----------------------------------------------------------------------

    def _populate(self, servers):
        prefix = self.get_option('hostvars_prefix')
        group_prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        status = self.get_option('status')
        providers = self.get_option('providers')
        listed = []
        for server in servers:
            if status and server.get('status') not in status:
                continue
            if providers and server.get('provider_name') not in providers:
                continue
            hostvars = dict((prefix + key, value) for key, value in server.items())
            if not self._passes_filters(hostvars):
                continue
            listed.append((self._hostname(hostvars, server), server, hostvars))
        address_key = 'ip_address' if self.get_option('connect_with') == 'ip_address' else 'hostname'
        constructed = self.get_option('compose') or self.get_option('groups') or self.get_option('keyed_groups')
        groups = {}
        for hostname, server, hostvars in self._unique_names(listed):
            self.inventory.add_host(hostname)
            if server.get(address_key):
                hostvars['ansible_host'] = server[address_key]
            if server.get('ssh_port'):
                hostvars['ansible_port'] = server['ssh_port']
            for key, value in hostvars.items():
                self.inventory.set_variable(hostname, key, value)
            for kind, value in (('project', server.get('project_name')), ('environment', server.get('environment_name')),
                                ('environment_type', server.get('environment_type')),
                                ('provider', server.get('provider_name')), ('status', server.get('status'))):
                if value:
                    name = '%s%s_%s' % (group_prefix, kind, value)
                    if name not in groups:
                        groups[name] = self.inventory.add_group(_group_name(name))
                    self.inventory.add_child(groups[name], hostname)
            if not constructed:
                continue  # reading every host's variables back costs as much as setting them
            host_vars = self.inventory.get_host(hostname).get_vars()
            self._set_composite_vars(self.get_option('compose'), host_vars, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, hostname, strict=strict)

    def _unique_names(self, listed):
        """``listed`` with host names that are unique: a name several servers share is qualified by
        environment, then project, then server id (``hostname_collisions: qualify``) or fails (``error``)."""
        counts = collections.Counter(name for name, dummy, dummy in listed)
        colliding = set(name for name, count in counts.items() if count > 1)
        if colliding and self.get_option('hostname_collisions') == 'error':
            raise AnsibleError('several servers would be the inventory host %s: %s. Set hostname (a template) or '
                               'hostname_collisions: qualify.' % (', '.join(sorted(colliding)), '; '.join(
                                   'server %s in %s/%s' % (s.get('id'), s.get('project_name'), s.get('environment_name'))
                                   for name, s, dummy in listed if name in colliding)))
        qualifiers = (lambda s: [s.get('environment_name')],
                      lambda s: [s.get('environment_name'), s.get('project_name')],
                      lambda s: [s.get('environment_name'), s.get('project_name'), s.get('id')])
        named = list(listed)
        for qualify in qualifiers:
            counts = collections.Counter(name for name, dummy, dummy in named)
            clash = set(name for name, count in counts.items() if count > 1)
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
            return server['hostname']
        self.templar.available_variables = hostvars
        return self.templar.template(trust_as_template(template)) or server['hostname']


def _named(item, wanted):
    wanted = [str(w) for w in wanted]
    return item.get('name') in wanted or str(item.get('id')) in wanted


def _group_name(name):
    return re.sub(r'[^A-Za-z0-9_]', '_', name)


def _host_record(server, project, environment):
    """The server's own fields plus where it lives; plain data, so it can be cached as JSON."""
    record = dict(server)
    if isinstance(record.get('credential'), dict):
        # The credential's provider, owner and timestamps were half of every host's variables: its id and name do.
        record['credential'] = dict((key, record['credential'].get(key)) for key in ('id', 'name'))
    record.update(
        project_id=project.get('id'), project_name=project.get('name'),
        environment_id=environment.get('id'), environment_name=environment.get('name'),
        environment_type=environment.get('type'),
    )
    return record
