# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every DeployBot resource, declared once. The API only reads them (it has no create, update or
delete), so each is used by its ``_info`` module, the deployment module and the inventory plugin."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.deploybot import DeployBotAPI, full_name, same_id
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Resource

#: an environment's deploy webhook triggers a deployment without any token: it is a credential
DEPLOY_WEBHOOK_KEY = 'deploy_webhook_url'


def deploybot(name, **kwargs):
    kwargs.setdefault('key', ())
    return Resource(name, platform=DeployBotAPI, **kwargs)


def in_scope(item, scope):
    """Whether a listed item belongs to the repository and environment the task named (the API filters
    already; this keeps a filter the API ignored from widening the answer)."""
    return all(scope.get(key) is None or same_id(item.get(key), scope.get(key))
               for key in ('repository_id', 'environment_id'))


def filters_of(params, scope):
    return {'repository_id': scope.get('repository_id'), 'environment_id': scope.get('environment_id')}


def deployment_filters(params, scope):
    query = filters_of(params, scope)
    if query['repository_id'] is None and query['environment_id'] is None:
        raise EngineError('repository or environment is required to list deployments (the API lists them per '
                          'repository or environment)', errors={'repository': ['or environment is required']})
    return query


USER = deploybot(
    'user',
    list_path='/users',
    item_path='/users/{id}',
    match=lambda item, scope, params: (
        (params.get('name') is None or full_name(item) == params['name'])
        and (params.get('email') is None or (item.get('email') or '').lower() == params['email'].lower())),
)

REPOSITORY = deploybot(
    'repository',
    plural='repositories',
    list_path='/repositories',
    item_path='/repositories/{id}',
    match=lambda item, scope, params: params.get('name') is None or params['name'] in (item.get('name'), item.get('title')),
)

ENVIRONMENT = deploybot(
    'environment',
    scope='repository',
    list_path='/environments',
    list_params=lambda params, scope: {'repository_id': scope.get('repository_id')},
    item_path='/environments/{id}',
    key=('name',),
    match=lambda item, scope, params: in_scope(item, scope),
    hidden_result_keys=(DEPLOY_WEBHOOK_KEY,),
)

SERVER = deploybot(
    'server',
    scope='environment',
    list_path='/servers',
    list_params=filters_of,
    item_path='/servers/{id}',
    key=('name', 'protocol'),
    match=lambda item, scope, params: in_scope(item, scope),
)

DEPLOYMENT = deploybot(
    'deployment',
    scope='environment',
    list_path='/deployments',
    list_params=deployment_filters,
    item_path='/deployments/{id}',
    key=('state', 'deployed_version'),
    match=lambda item, scope, params: in_scope(item, scope),
)
