#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_domain
short_description: Add, verify and remove custom domains of a dployr cluster
version_added: 0.1.0
description:
  - Add a custom domain to a dployr cluster, pointing at one of its instances (C(POST /v1/domains)); the result
    holds the DNS records to create (an C(A) record to the instance and a C(TXT) record proving ownership).
  - With O(verified=true), ask Base to check the C(TXT) record and activate the domain
    (C(POST /v1/domains/{domain}/verify)); until the record is visible Base answers HTTP 422 and the task fails
    saying so. Add the domain, create the records, then verify in a later task.
  - V(absent) removes the domain (C(DELETE /v1/domains/{domain})).
  - A domain is found by its name inside O(cluster).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.resource.RECREATE
options:
  domain:
    description:
      - The domain name, such as V(app.example.com).
    type: str
    required: true
  id:
    description:
      - On Base a domain's identifier is its name; O(domain) names it, so this option is rarely needed.
  instance:
    description:
      - Tag or ID of the instance the domain points at. Required to add it; create-only.
    type: str
  verified:
    description:
      - V(true) verifies the domain when it is still pending. A verified domain cannot be unverified (remove it instead).
    type: bool
'''

EXAMPLES = r'''
- name: Add a domain
  deployops.platforms.dployr_domain:
    domain: app.example.com
    instance: web-1
  register: app_domain

- name: Show the DNS records to create
  ansible.builtin.debug:
    msg: "{{ app_domain.domain.record }} {{ app_domain.domain.verification }}"

- name: Verify it once the records exist
  deployops.platforms.dployr_domain:
    domain: app.example.com
    verified: true
'''

RETURN = r'''
domain:
  description: The domain as Base returns it (empty when removed).
  returned: always
  type: dict
  contains:
    domain:
      description: The domain name.
      type: str
      sample: app.example.com
    status:
      description: V(pending) until verified, then V(active).
      type: str
    record:
      description: The C(A) record to create (C(type), C(name), C(value), C(ttl)), while the domain is pending.
      type: dict
      sample: {type: A, name: app.example.com, value: 203.0.113.10, ttl: 300}
    verification:
      description: The C(TXT) record that proves ownership (C(type), C(name), C(value)), while the domain is pending.
      type: dict
    provider:
      description: The DNS provider Base detected.
      type: str
    manualGuideUrl:
      description: A guide to creating the records by hand.
      type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import DOMAIN
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(DOMAIN, dict(
        domain=dict(type='str', required=True),
        instance=dict(type='str'),
        verified=dict(type='bool'),
    ))
    run_resource(module, DOMAIN)


if __name__ == '__main__':
    main()
