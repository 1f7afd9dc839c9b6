# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """What every platform's inventory plugin does alike (``plugin_utils.inventory.PlatformInventory``):
    how it connects, and which hosts it lists."""

    # A plugin adds the choice of O(plugin) that names it, and the defaults of the prefixes.
    DOCUMENTATION = r'''
options:
  plugin:
    description: Marks the file as a configuration for this plugin.
    type: str
    required: true
  hostvars_prefix:
    description: Prefix of every host variable taken from the API's object.
    type: str
  group_prefix:
    description: Prefix of every group the plugin creates.
    type: str
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
requirements:
  - requests
'''

    # The plugins whose hosts are named by a template of their variables.
    FILTERS = r'''
options:
  filters:
    description:
      - Jinja2 conditions (without braces) a host must meet to be listed, evaluated on its host variables.
    type: list
    elements: str
    default: []
'''
