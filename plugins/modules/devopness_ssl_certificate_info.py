#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_ssl_certificate_info
short_description: List Devopness SSL certificates
version_added: 0.1.0
description:
  - List the SSL certificates of an environment, filtered by exact O(name), O(type) or O(issuer), or get one by O(id).
  - The API's certificate does not name its virtual host; a virtual host's certificate is its C(ssl_certificate)
    (see M(deployops.platforms.devopness_virtual_host_info)). The platform names a certificate after its virtual host.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource.INFO
  - deployops.platforms.devopness.LIST_IN_ENVIRONMENT
  - deployops.platforms.resource.NAME_FILTER
options:
  type:
    description:
      - Return only the certificates of this type.
    type: str
    choices: [single-domain, multi-domain, wildcard]
  issuer:
    description:
      - Return only the certificates of this issuer.
    type: str
    choices: [lets-encrypt, custom]
'''

EXAMPLES = r'''
- name: List the SSL certificates of an environment
  deployops.platforms.devopness_ssl_certificate_info:
    project: webshop
    environment: production
  register: result

- name: Certificates expiring before a date
  ansible.builtin.debug:
    msg: "{{ result.ssl_certificates | selectattr('expires_at', '<', '2027-01-01') | map(attribute='name') | list }}"
'''

RETURN = r'''
ssl_certificates:
  description:
    - The matching certificates (list items of the API, or the full certificate when O(id) is given).
    - Each element has the keys that RV(deployops.platforms.devopness_ssl_certificate#module:ssl_certificate) describes.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    SSL_CERTIFICATE, SSL_ISSUERS, SSL_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import info_module, run_info


def main():
    module = info_module(SSL_CERTIFICATE, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=SSL_TYPES),
        issuer=dict(type='str', choices=SSL_ISSUERS),
        **parent_options('environment', 'project', 'organization')
    ), required_one_of=[('id', 'environment')])
    run_info(module, SSL_CERTIFICATE, filters=['name', 'type', 'issuer'])


if __name__ == '__main__':
    main()
