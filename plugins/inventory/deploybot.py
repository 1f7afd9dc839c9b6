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
requirements:
  - requests
options:
  plugin:
    description: Marks the file as a configuration for this plugin.
    type: str
    required: true
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
  filters:
    description:
      - Jinja2 conditions (without braces) a host must meet to be listed, evaluated on its host variables.
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
    description: Prefix of every host variable taken from the server.
    type: str
    default: deploybot_
  group_prefix:
    description: Prefix of every group the plugin creates.
    type: str
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

import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DeployBotAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 trusts every template string
    def trust_as_template(value):
        return value


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'deployops.platforms.deploybot'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('deploybot.yml', 'deploybot.yaml'))

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
            raise AnsibleError('api_token is required (or set DEPLOYBOT_API_TOKEN)')
        try:
            return DeployBotAPI.from_params(dict(
                account=self._templated_option('account'), api_url=self._templated_option('api_url'),
                api_token=token, ca_path=self.get_option('ca_path'),
                validate_certs=self.get_option('validate_certs'), timeout=self.get_option('timeout')))
        except (ApiError, EngineError) as exc:
            raise AnsibleError(to_native(exc))

    def _fetch(self):
        api = self._api()
        try:
            repositories = dict((r['id'], r) for r in api.all('repositories'))
            environments = dict((e['id'], e) for e in api.all('environments'))
            servers = api.all('servers')
        except ApiError as exc:
            raise AnsibleError('could not read the DeployBot account: %s' % DeployBotAPI.explain(exc))
        wanted_repositories = self.get_option('repositories')
        wanted_environments = self.get_option('environments')
        records = []
        for server in servers:
            environment = environments.get(_as_int(server.get('environment_id'))) or {}
            repository = repositories.get(_as_int(server.get('repository_id'))) or repositories.get(
                _as_int(environment.get('repository_id'))) or {}
            if wanted_repositories and not _named(repository, wanted_repositories, 'name', 'title'):
                continue
            if wanted_environments and not _named(environment, wanted_environments, 'name'):
                continue
            records.append(_host_record(server, repository, environment))
        return records

    # ---- populating ----------------------------------------------------------------------

    def _populate(self, servers):
        prefix = self.get_option('hostvars_prefix')
        group_prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        protocols = self.get_option('protocols')
        listed = []
        for server in servers:
            if protocols and server.get('protocol') not in protocols:
                continue
            hostvars = dict((prefix + key, value) for key, value in server.items())
            if not self._passes_filters(hostvars):
                continue
            listed.append((self._hostname(hostvars, server), server, hostvars))
        for hostname, server, hostvars in self._unique_names(listed):
            self.inventory.add_host(hostname)
            for key, value in hostvars.items():
                self.inventory.set_variable(hostname, key, value)
            for kind, value in (('repository', server.get('repository_name')),
                                ('environment', server.get('environment_name')),
                                ('protocol', server.get('protocol'))):
                if value:
                    group = self.inventory.add_group(_group_name('%s%s_%s' % (group_prefix, kind, value)))
                    self.inventory.add_child(group, hostname)
            host_vars = self.inventory.get_host(hostname).get_vars()
            self._set_composite_vars(self.get_option('compose'), host_vars, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, hostname, strict=strict)

    def _unique_names(self, listed):
        """Host names made unique: a name several servers share is qualified by environment, then
        repository, then server id (``qualify``), or the run fails (``error``)."""
        names = [name for name, dummy, dummy in listed]
        colliding = set(name for name in names if names.count(name) > 1)
        if colliding and self.get_option('hostname_collisions') == 'error':
            raise AnsibleError('several servers would be the inventory host %s: %s. Set hostname (a template) or '
                               'hostname_collisions: qualify.' % (', '.join(sorted(colliding)), '; '.join(
                                   'server %s in %s/%s' % (s.get('id'), s.get('repository_name'), s.get('environment_name'))
                                   for name, s, dummy in listed if name in colliding)))
        qualifiers = (lambda s: [s.get('environment_name')],
                      lambda s: [s.get('environment_name'), s.get('repository_name')],
                      lambda s: [s.get('environment_name'), s.get('repository_name'), s.get('id')])
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


def _as_int(value):
    """DeployBot gives some ids as strings (an environment's ``repository_id``)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _named(item, wanted, *keys):
    wanted = [str(w) for w in wanted]
    return any(item.get(key) in wanted for key in keys) or str(item.get('id')) in wanted


def _group_name(name):
    return re.sub(r'[^A-Za-z0-9_]', '_', name)


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
