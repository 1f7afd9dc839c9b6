# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Devopness action modules: start a deployment or pipeline run, or wait for actions started earlier.

These are not idempotent resources: each run starts new work (unless a module has its own
"already done" test, like ``only_if_changed``). Check mode reports ``changed`` and sends nothing.
They run through ``platform_api.run_task`` like every other module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError


def start_action(module, api, path, body):
    """POST ``path``; with ``wait``, poll the action to its end. Returns the module result."""
    if module.check_mode:
        return dict(changed=True, action={})
    response = api.client.post(path, body)
    action_id = api.action_id(response)
    if action_id is None:
        raise EngineError('%s started no action (HTTP %s)' % (path, response.status))
    if module.params.get('wait'):
        action = api.wait_action(action_id, module.params['wait_timeout'])
    elif isinstance(response.body, dict) and response.body.get('id') == action_id:
        action = response.body
    else:
        action = dict(id=action_id)
    return dict(changed=True, action=action)


def server_ids(api, refs, environment_id):
    """Hostnames or ids of servers in the environment → ids."""
    if refs is None:
        return None
    return [api.resolve_ref('server', ref, {'environment_id': environment_id}) for ref in refs]


def compact(body):
    return dict((key, value) for key, value in body.items() if value is not None)
