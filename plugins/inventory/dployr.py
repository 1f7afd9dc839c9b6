# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: dployr
short_description: dployr instances as an inventory source
version_added: 0.1.0
description:
  - Lists the instances (servers running dployrd, and build instances) of the dployr clusters the token can access,
    from dployr Base (C(GET /v1/clusters), then C(GET /v1/instances?clusterId=) page by page with C(pageSize=100)).
  - The configuration file must end in C(.dployr.yml) or C(.dployr.yaml).
  - Each instance is a host named by its tag (tags are unique on Base) with C(ansible_host) set to its address;
    every field of the instance becomes a host variable prefixed with O(hostvars_prefix), plus the cluster's
    name. Hosts are grouped by cluster, status, role and region.
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
    choices: [deployops.platforms.dployr]
  api_url:
    description:
      - Base URL of dployr Base (without C(/v1)). May be a template.
    type: str
    default: https://base.dployr.io
    env:
      - name: DPLOYR_API_URL
  api_token:
    description:
      - A dployr personal access token (C(dpat_...)). May be a template, so that vaulted variables can be used.
    type: str
    required: true
    env:
      - name: DPLOYR_TOKEN
  clusters:
    description:
      - Only list the instances of these clusters (names or IDs). Every cluster the token can access when empty.
    type: list
    elements: str
    default: []
    env:
      - name: DPLOYR_CLUSTER
  roles:
    description:
      - Only list instances of these roles (V(instance), V(build)).
    type: list
    elements: str
    default: []
  status:
    description:
      - Only list instances in one of these states (for example V(healthy)).
    type: list
    elements: str
    default: []
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
    type: bool
    default: true
  ca_path:
    description: A PEM file of CA certificates to verify the API's certificate with.
    type: path
  timeout:
    description:
      - Seconds to wait for the server each time; retries stop after 4 times this since a request began.
    type: int
    default: 30
  hostvars_prefix:
    description: Prefix of every host variable taken from the instance.
    type: str
    default: dployr_
  group_prefix:
    description: Prefix of every group the plugin creates.
    type: str
    default: dployr_
'''

EXAMPLES = r'''
# inventory.dployr.yml
plugin: deployops.platforms.dployr
api_token: "{{ lookup('ansible.builtin.env', 'DPLOYR_TOKEN') }}"
clusters: [production]
roles: [instance]
keyed_groups:
  - key: dployr_region
    prefix: region
compose:
  ansible_user: "'root'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-dployr
'''

import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.dployr import DployrAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 trusts every template string
    def trust_as_template(value):
        return value


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'deployops.platforms.dployr'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('dployr.yml', 'dployr.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option('cache') and cache
        instances = None
        if use_cache:
            try:
                instances = self._cache[cache_key]
            except KeyError:
                instances = None
        from_cache = instances is not None
        if not from_cache:
            instances = self._fetch()
        self._populate(instances)
        # A cache hit is not written back: that would reset the cache's expiry.
        if self.get_option('cache') and not from_cache:
            self._cache[cache_key] = instances

    def _templated_option(self, name):
        value = self.get_option(name)
        if isinstance(value, str) and self.templar.is_template(value):
            self.templar.available_variables = self._vars
            value = self.templar.template(trust_as_template(value))
        return value

    def _fetch(self):
        token = self._templated_option('api_token')
        if not token:
            raise AnsibleError('api_token is required (or set DPLOYR_TOKEN)')
        try:
            api = DployrAPI.from_params(dict(
                api_url=self._templated_option('api_url'), api_token=token, ca_path=self.get_option('ca_path'),
                validate_certs=self.get_option('validate_certs'), timeout=self.get_option('timeout')))
            clusters = api.clusters()
            wanted = [str(c) for c in self.get_option('clusters') or [] if str(c).strip()]
            if wanted:
                unknown = [w for w in wanted if not any(w in (c.get('name'), c.get('id')) for c in clusters)]
                if unknown:
                    raise AnsibleError('the token cannot access the clusters %s (it can access: %s)' % (
                        ', '.join(unknown), ', '.join(c.get('name') for c in clusters) or 'none'))
                clusters = [c for c in clusters if c.get('name') in wanted or c.get('id') in wanted]
            instances = []
            for cluster in clusters:
                for instance in api.instances(cluster['id']):
                    instances.append(dict(instance, clusterName=cluster.get('name'), clusterRole=cluster.get('role')))
            return instances
        except ApiError as exc:
            raise AnsibleError('could not list dployr instances: %s' % DployrAPI.explain(exc))
        except EngineError as exc:
            raise AnsibleError(to_native(exc))

    def _populate(self, instances):
        prefix = self.get_option('hostvars_prefix')
        group_prefix = self.get_option('group_prefix')
        strict = self.get_option('strict')
        roles, status = self.get_option('roles'), self.get_option('status')
        for instance in instances:
            if roles and instance.get('role') not in roles or status and instance.get('status') not in status:
                continue
            hostname = instance.get('tag') or instance.get('id')
            self.inventory.add_host(hostname)
            for key, value in instance.items():
                self.inventory.set_variable(hostname, prefix + _snake(key), value)
            if instance.get('address'):
                self.inventory.set_variable(hostname, 'ansible_host', instance['address'])
            for kind, value in (('cluster', instance.get('clusterName')), ('status', instance.get('status')),
                                ('role', instance.get('role')), ('region', instance.get('region'))):
                if value:
                    group = self.inventory.add_group(re.sub(r'[^A-Za-z0-9_]', '_', '%s%s_%s' % (group_prefix, kind, value)))
                    self.inventory.add_child(group, hostname)
            host_vars = self.inventory.get_host(hostname).get_vars()
            self._set_composite_vars(self.get_option('compose'), host_vars, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, hostname, strict=strict)


def _snake(name):
    """``clusterId`` -> ``cluster_id``: host variables read like Ansible's."""
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()
