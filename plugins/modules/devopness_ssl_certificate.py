#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_ssl_certificate
short_description: Manage the SSL certificate of a Devopness virtual host
version_added: 0.1.0
description:
  - Create and delete the SSL certificate of a virtual host in an environment of a Devopness project, and deploy it.
  - The certificate is found through its virtual host (O(virtual_host), the natural key), since the API's
    certificate does not say which virtual host it belongs to; or by O(id).
  - The API cannot update a certificate. Every option is create-only; when one differs from the existing
    certificate the task fails, unless O(recreate=true), which deletes the certificate and creates it again.
  - When the task created the certificate, the module deploys it to the virtual host's servers
    (C(POST /ssl-certificates/{id}/deploy)) and waits for the deploy action, unless O(deploy=false).
  - Deleting a certificate is asynchronous on the platform; the module waits for it unless O(wait=false).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.devopness.IN_ENVIRONMENT
  - deployops.platforms.resource.UPDATE_SECRETS
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.DEPLOY
options:
  virtual_host:
    description:
      - Name or ID of the virtual host (in O(environment)) the certificate is for; the certificate's natural key.
      - Required unless O(id) is given. When the virtual host does not exist, the task fails (in check mode it
        predicts a creation, as the virtual host may be created by an earlier task).
      - With O(id), it is used only to create a certificate.
    type: str
  issuer:
    description:
      - Who issues the certificate. Required to create one.
      - V(lets-encrypt) has the platform obtain (and renew) the certificate; V(custom) installs the one given in
        O(custom_certificate) and O(custom_private_key), which are then required.
    type: str
    choices: [lets-encrypt, custom]
  type:
    description:
      - The kind of certificate. The platform's default is V(single-domain).
    type: str
    choices: [single-domain, multi-domain, wildcard]
  validation_level:
    description:
      - The validation level of the certificate. The platform's default is V(DV).
    type: str
    choices: [DV, OV, EV]
  custom_certificate:
    description:
      - The certificate (PEM, 100 to 4096 characters), when O(issuer=custom).
      - Write-only, see O(update_secrets).
    type: str
  custom_private_key:
    description:
      - The certificate's private key (PEM, 100 to 4096 characters), when O(issuer=custom).
      - Write-only, see O(update_secrets). Never returned, logged or shown in a diff.
    type: str
  update_secrets:
    description:
      - The API never returns O(custom_certificate) or O(custom_private_key), so they cannot be compared, and it
        cannot update them.
      - V(on_create) sends them only when the certificate is created; a different value later is not a change
        (they are set once).
      - V(always) counts them as changed on every run, which, as for any create-only option, fails unless
        O(recreate=true); with O(recreate=true) the certificate is deleted and created again with the given
        values (and the task reports a change) on every run.
  recreate:
    description:
      - Delete the certificate and create it again when a create-only option differs (every option is),
        or, with O(update_secrets=always), to install new custom certificate values.
      - The certificate is deleted first; if the platform then refuses the new one (for example a custom
        certificate it cannot accept), the virtual host is left without a certificate and the task fails with
        the platform's message.
  state:
    description:
      - V(present) creates the certificate when the virtual host has none, V(absent) deletes it.
    choices: [present, absent]'''

EXAMPLES = r'''
- name: A Let's Encrypt certificate for a virtual host
  deployops.platforms.devopness_ssl_certificate:
    project: webshop
    environment: production
    virtual_host: shop.example.com
    issuer: lets-encrypt
    api_token: "{{ vault_devopness_token }}"
  register: cert

- name: Show when it expires
  ansible.builtin.debug:
    msg: "{{ cert.ssl_certificate.expires_at }}"

- name: A custom certificate, replaced (re-created) on every run with the given files
  deployops.platforms.devopness_ssl_certificate:
    project: webshop
    environment: production
    virtual_host: api.example.com
    issuer: custom
    custom_certificate: "{{ lookup('ansible.builtin.file', 'api.example.com.crt') }}"
    custom_private_key: "{{ vault_api_private_key }}"
    update_secrets: always
    recreate: true

- name: Remove the certificate of a virtual host
  deployops.platforms.devopness_ssl_certificate:
    project: webshop
    environment: production
    virtual_host: shop.example.com
    state: absent
'''

RETURN = r'''
ssl_certificate:
  description:
    - The certificate as the API returns it after the task (empty when deleted). Never contains the custom
      certificate or private key.
  returned: always
  type: dict
  contains:
    id:
      description: Certificate ID.
      type: int
      sample: 5
    name:
      description: Name of the certificate (the platform names it after the virtual host).
      type: str
      sample: shop.example.com
    issuer:
      description: V(lets-encrypt) or V(custom).
      type: str
      sample: lets-encrypt
    type:
      description: V(single-domain), V(multi-domain) or V(wildcard).
      type: str
      sample: single-domain
    validation_level:
      description: V(DV), V(OV) or V(EV).
      type: str
      sample: DV
    active:
      description: Whether the certificate is active.
      type: bool
      sample: true
    expires_at:
      description: When the certificate expires (ISO 8601, UTC).
      type: str
      sample: "2027-02-21T12:00:00.000000Z"
    last_renewed_at:
      description: When the certificate was last issued or renewed (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
    last_action:
      description: The newest action of the certificate (for example its deploy), or null.
      type: dict
      sample: {"id": 91, "type": "deploy", "status": "completed"}
    created_at:
      description: Creation time (ISO 8601, UTC).
      type: str
      sample: "2026-11-23T12:00:00.000000Z"
action:
  description: >-
    The last action the task ran and waited for: the deploy after a create, or the delete
    (only its C(id) when O(wait=false)).
  returned: when an action ran
  type: dict
  sample: {"id": 91, "type": "deploy", "status": "completed"}
'''

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import parent_options
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    SSL_CERTIFICATE, SSL_ISSUERS, SSL_TYPES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SSL_CERTIFICATE, dict(
        virtual_host=dict(type='str'),
        environment=dict(type='str', required=True),
        issuer=dict(type='str', choices=SSL_ISSUERS),
        type=dict(type='str', choices=SSL_TYPES),
        validation_level=dict(type='str', choices=['DV', 'OV', 'EV']),
        custom_certificate=dict(type='str', no_log=True),
        custom_private_key=dict(type='str', no_log=True),
        **parent_options('project', 'organization')
    ), waits=True, required_one_of=[('virtual_host', 'id')],
        required_if=[('issuer', 'custom', ('custom_certificate', 'custom_private_key'))])
    run_resource(module, SSL_CERTIFICATE)


if __name__ == '__main__':
    main()
