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
      - Base URL of dployr Base, the dployr control plane whose C(/v1) API the module calls (without C(/v1)).
      - If not set, the value of the E(DPLOYR_API_URL) environment variable is used. An empty value fails
        (it never falls back to the public service).
    type: str
    default: https://base.dployr.io
  api_token:
    description:
      - A dployr personal access token (C(dpat_) followed by 64 hex digits), sent in the C(Authorization) header
        as a bearer token. Create one in the dployr dashboard or with C(POST /v1/auth/tokens) after an
        interactive login; Base has no password login an automation could use.
      - If not set, the value of the E(DPLOYR_TOKEN) environment variable is used (the variable the dployr CLI
        reads). Surrounding white space is removed; a token with a control character fails without being shown.
      - "Set it once for all dployr modules with C(module_defaults: {group/deployops.platforms.dployr: {api_token: ...}})."
    type: str
    required: true
  cluster:
    description:
      - Name or ID of the dployr cluster to work in; dployr scopes services, deployments, instances, domains and
        notifications by cluster (C(clusterId)).
      - If not set, the value of the E(DPLOYR_CLUSTER) environment variable is used; without either, the only
        cluster the token can access (the task fails listing them when it can access several).
    type: str
attributes:
  action_group:
    description: Use C(group/deployops.platforms.dployr) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - deployops.platforms.dployr
notes:
  - dployr Base limits requests (100 a minute per user on the hosted service). The modules read the
    C(X-RateLimit-Remaining) and C(X-RateLimit-Reset) headers and, when none is left, wait for the next window
    (at most 120 seconds) instead of being refused; an HTTP 429 is retried after C(Retry-After).
  - Errors show the API's message with its code, for example C(Service limit reached for hobby plan (1 service max)
    (request.bad_request)); HTTP 503 C(runtime.node_not_connected) means no node (C(dployrd)) of the cluster is
    connected to Base.
'''
