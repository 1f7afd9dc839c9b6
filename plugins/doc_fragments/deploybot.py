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
      - The DeployBot account, the subdomain of C(https://<account>.deploybot.com). The API is then
        C(https://<account>.deploybot.com/api/v1).
      - If not set, the value of the E(DEPLOYBOT_ACCOUNT) environment variable is used.
      - One of O(account) and O(api_url) is required; O(api_url) wins when both are set, except that an
        O(account) set on the task wins over an O(api_url) taken from E(DEPLOYBOT_API_URL).
    type: str
  api_url:
    description:
      - Base URL of the DeployBot API, for example C(https://example.deploybot.com/api/v1) (or a test server).
      - If not set, the value of the E(DEPLOYBOT_API_URL) environment variable is used.
    type: str
  api_token:
    description:
      - A DeployBot API token (account settings), sent in the C(X-Api-Token) header only, never as the
        C(?token=) query parameter, which ends up in proxy and server logs.
      - A read-only token can run the C(_info) modules and the inventory plugin; triggering a deployment
        needs a token with write access (a read-only one fails saying so).
      - If not set, the value of the E(DEPLOYBOT_API_TOKEN) environment variable is used. Surrounding white
        space is removed; a token with a control character fails without being shown.
      - "Set it once for all DeployBot modules with
        C(module_defaults: {group/deployops.platforms.deploybot: {api_token: ...}})."
    type: str
    required: true
attributes:
  action_group:
    description: Use C(group/deployops.platforms.deploybot) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - deployops.platforms.deploybot
notes:
  - The DeployBot API has no create, update or delete for users, repositories, environments or servers; they
    are managed in the DeployBot web app. The collection reads them and triggers deployments.
  - DeployBot timestamps (C(2015/02/24 15:22:49 +0000)) are returned as given, and also in ISO 8601 under the
    same key with C(_iso) appended (C(created_at_iso)).
'''

    REPOSITORY_FILTER = r'''
options:
  repository:
    description:
      - Name, title or ID of the repository. A name or title that several repositories have fails listing
        their IDs.
    type: str
'''

    ENVIRONMENT_FILTER = r'''
options:
  environment:
    description:
      - Name or ID of the environment. A name is looked up in O(repository), which is then required.
    type: str
'''
