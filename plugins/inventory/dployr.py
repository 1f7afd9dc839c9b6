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
  - deployops.platforms.inventory
options:
  plugin:
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
  hostvars_prefix:
    default: dployr_
  group_prefix:
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

from ansible_collections.deployops.platforms.plugins.module_utils.dployr import DployrAPI
from ansible_collections.deployops.platforms.plugins.plugin_utils.inventory import PlatformInventory


class InventoryModule(PlatformInventory):

    NAME = 'deployops.platforms.dployr'
    API = DployrAPI
    ONLY_IF = (('roles', 'role'), ('status', 'status'))
    GROUPED_BY = (('cluster', 'clusterName'), ('status', 'status'), ('role', 'role'), ('region', 'region'))

    def _fetch(self):
        api = self._api()
        with self._failing_as('could not list dployr instances'):
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

    def _host_name(self, record):
        # tags are unique on Base; an instance without one is named by its id
        return record.get('tag') or record.get('id')

    def _hostvar_name(self, field):
        return _snake(field)

    def _connection_vars(self, record):
        return {'ansible_host': record['address']} if record.get('address') else {}


def _snake(name):
    """``clusterId`` -> ``cluster_id``: host variables read like Ansible's."""
    return re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name).lower()
