# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  account:
    description:
      - The DeployHQ account, as in C(https://<account>.deployhq.com) (its permalink); a full host name such as
        C(acme.deployhq.com) is accepted too.
      - If not set, the value of the E(DEPLOYHQ_ACCOUNT) environment variable is used.
      - Required unless O(api_url) is set.
    type: str
  api_url:
    description:
      - Full base URL of the API, instead of the one O(account) gives (for a proxy or a test double).
      - If not set, the value of the E(DEPLOYHQ_API_URL) environment variable is used.
    type: str
  username:
    description:
      - E-mail address of the DeployHQ user the API key belongs to (the HTTP Basic user).
      - If not set, the value of the E(DEPLOYHQ_USERNAME) environment variable is used.
    type: str
    required: true
  api_key:
    description:
      - The user's API key (Settings > Security in DeployHQ), sent as the HTTP Basic password.
      - If not set, the value of the E(DEPLOYHQ_API_KEY) environment variable is used. Surrounding white
        space is removed; a key with a control character fails without being shown.
      - "Set the credentials once for all DeployHQ modules with
        C(module_defaults: {group/deployops.platforms.deployhq: {account: ..., username: ..., api_key: ...}})."
    type: str
    required: true
notes:
  - An account whose plan has no API access gets HTTP 403 C(api_access_restricted); the task fails saying so.
attributes:
  action_group:
    description: Use C(group/deployops.platforms.deployhq) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - deployops.platforms.deployhq
'''

    PROJECT_REQUIRED = r'''
options:
  project:
    description:
      - Name, permalink or identifier (UUID) of the project the object belongs to.
    type: str
    required: true
'''

    TARGETS = r'''
options:
  servers:
    description:
      - Names or identifiers of the servers (and server groups, which stand for their servers) it applies to.
      - Compared as a set with the servers the API lists for it; cannot be combined with O(all_servers=true).
    type: list
    elements: str
  all_servers:
    description:
      - Apply it to every server of the project. The API does not return this setting; the module reads it as
        true when every server of the project is targeted.
    type: bool
'''
