#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_cluster_info
short_description: List the dployr clusters the token can access
version_added: 0.1.0
description:
  - List the clusters the personal access token can access, with the token user's role in each
    (C(GET /v1/clusters)). Clusters are dployr's projects; every service, deployment, instance, domain and
    notification belongs to one.
  - Base creates a cluster with the user's account; it has no endpoint to create or delete one, so the
    collection only reads them.
  - The O(cluster) option is not used by this module.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.resource.NAME_FILTER
'''

EXAMPLES = r'''
- name: The clusters of the token
  deployops.platforms.dployr_cluster_info:
  register: clusters

- name: The ID of the production cluster
  ansible.builtin.set_fact:
    production_id: "{{ (clusters.clusters | selectattr('name', 'equalto', 'production') | first).id }}"
'''

RETURN = r'''
clusters:
  description: The matching clusters.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID of the cluster.
      type: str
    name:
      description: Name of the cluster.
      type: str
      sample: sandbox
    owner:
      description: Name of the cluster's owner.
      type: str
    role:
      description: Role of the token's user in the cluster (V(viewer), V(developer), V(admin) or V(owner)).
      type: str
      sample: owner
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import CLUSTER
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(CLUSTER, dict(name=dict(type='str')))
    run_info(module, CLUSTER)


if __name__ == '__main__':
    main()
