# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - Base URL of the Devopness API.
      - If not set, the value of the E(DEVOPNESS_API_URL) environment variable is used.
    type: str
    default: https://api.devopness.com
  api_token:
    description:
      - A Devopness personal access token (prefix C(devopness_pat)) or a project API token
        (prefix C(devopness_proj)), sent in the C(Authorization) header as a bearer token.
      - If not set, the value of the E(DEVOPNESS_API_TOKEN) environment variable is used.
      - "Set it once for all Devopness modules with
        C(module_defaults: {group/deployops.platforms.devopness: {api_token: ...}})."
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url).
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for each HTTP answer. Requests that fail with a connection error,
        HTTP 429, 502, 503 or 504 are retried with exponential backoff, honouring C(Retry-After).
    type: int
    default: 30
requirements:
  - requests
notes:
  - A creation whose answer is lost (timeout, connection reset, HTTP 502 or 504) is never sent again
    blindly; the module looks the resource up by its natural key first, so no duplicate is created.
'''

    ACTIONGROUPS = r'''
attributes:
  action_group:
    description: Use C(group/deployops.platforms.devopness) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - deployops.platforms.devopness
'''
