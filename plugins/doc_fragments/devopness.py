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
      - If not set, the value of the E(DEVOPNESS_API_URL) environment variable is used. An empty value fails
        (it never falls back to the public API).
    type: str
    default: https://api.devopness.com
  api_token:
    description:
      - A Devopness personal access token (prefix C(devopness_pat)) or a project API token
        (prefix C(devopness_proj)), sent in the C(Authorization) header as a bearer token.
      - If not set, the value of the E(DEVOPNESS_API_TOKEN) environment variable is used. Surrounding white
        space is removed; a token with a control character fails without being shown.
      - "Set it once for all Devopness modules with
        C(module_defaults: {group/deployops.platforms.devopness: {api_token: ...}})."
    type: str
    required: true
attributes:
  action_group:
    description: Use C(group/deployops.platforms.devopness) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - deployops.platforms.devopness
'''

    # The parent options of a resource, one fragment for each wording; a module extends those it takes.

    ORGANIZATION_SCOPE = r'''
options:
  organization:
    description:
      - ID or URL slug of the organization, to find O(project) by name when several organizations have
        a project of that name.
    type: str
'''

    PROJECT_OF_ENVIRONMENT = r'''
options:
  project:
    description:
      - Name or ID of the project of O(environment). Required when O(environment) is a name.
    type: str
'''

    ENVIRONMENT_SCOPE = r'''
options:
  environment:
    description:
      - Name or ID of the environment the resource belongs to.
    type: str
    required: true
'''

    ENVIRONMENT_FILTER = r'''
options:
  environment:
    description:
      - Name or ID of the environment whose resources to list. Required unless O(id) is given.
    type: str
'''

    RESOURCE_SCOPE = r'''
options:
  project:
    description:
      - Name or ID of the project, to find O(environment) by name (or O(resource), when it is an environment).
    type: str
  environment:
    description:
      - Name or ID of the environment, to find O(resource) by name when it lives in an environment.
    type: str
'''

    PIPELINE_RESOURCE = r'''
options:
  resource_type:
    description:
      - Kind of resource the pipeline belongs to. Required unless O(id) is given.
    type: str
    choices: [application, cronjob, daemon, network-rule, server, service, ssh-key, ssl-certificate, virtual-host]
  resource:
    description:
      - Name or ID of the resource the pipeline belongs to (a server by hostname); a name is looked up inside
        O(environment) of O(project).
      - Required unless O(id) is given.
    type: str
'''

    VARIABLE_RESOURCE = r'''
options:
  resource_type:
    description:
      - Kind of resource the variables belong to.
    type: str
    required: true
    choices: [application, cronjob, daemon, environment, network-rule, project, server, service, ssh-key, ssl-certificate, virtual-host]
  resource:
    description:
      - Name or ID of the resource the variables belong to.
      - A project is found by name (inside O(organization) when given); an environment by name inside O(project);
        any other resource by name (a server by hostname) inside O(environment) of O(project).
    type: str
    required: true
'''

    SERVERS = r'''
options:
  servers:
    description:
      - Hostnames or IDs of the servers (in O(environment)) the resource is linked to, that is the servers
        it is deployed to, runs on or applies to.
      - When set, the links are reconciled to exactly this list (V([]) unlinks all servers); links are added
        and removed through the resource-links endpoints, with the resource as parent and the server as child.
        When not set, the links are left as they are.
      - Every name is resolved before anything is written, so an unknown server fails the task without
        creating or changing the resource.
    type: list
    elements: str
'''
