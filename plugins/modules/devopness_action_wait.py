#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: devopness_action_wait
short_description: Wait for Devopness actions started earlier
version_added: 0.1.0
description:
  - Waits until each of the given actions has finished (C(completed), C(failed) or C(skipped)),
    polling C(GET /actions/{id}) with backoff.
  - Use it after starting work with O(ignore:wait=false), for example several
    M(deployops.platforms.devopness_deployment) tasks, to let them run in parallel.
  - Fails when any action failed, naming each failed action, its reason and its failed step.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.devopness
  - deployops.platforms.connection
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: Waiting changes nothing; check mode waits too.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details: This action does not modify state.
options:
  ids:
    description: IDs of the actions to wait for.
    type: list
    elements: int
    required: true
  wait_timeout:
    description: How many seconds to wait for all of them together.
    type: int
    default: 600
'''

EXAMPLES = r'''
- name: Wait for deployments started with wait=false
  deployops.platforms.devopness_action_wait:
    ids: "{{ started.results | map(attribute='action.id') | list }}"
    wait_timeout: 1800
'''

RETURN = r'''
actions:
  description: The finished actions, in the order of O(ids).
  returned: always
  type: list
  elements: dict
  sample: [{"id": 8812, "status": "completed", "type": "deploy"}]
'''

import time

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task


def main():
    module = platform_module(DevopnessAPI, dict(
        ids=dict(type='list', elements='int', required=True),
        wait_timeout=dict(type='int', default=600),
    ))

    bad = [action_id for action_id in module.params['ids'] if action_id < 1]
    if bad:
        module.fail_json(msg='ids must be positive integers, got %s' % ', '.join('%s' % b for b in bad),
                         errors={'ids': ['must be positive integers']})

    def work(api):
        deadline = time.monotonic() + module.params['wait_timeout']
        actions, failures = [], []
        for action_id in module.params['ids']:
            remaining = max(1, int(deadline - time.monotonic()))
            try:
                actions.append(api.wait_action(action_id, remaining))
            except EngineError as exc:
                if 'action' not in exc.details or (exc.details['action'] or {}).get('status') != 'failed':
                    raise
                actions.append(exc.details['action'])
                failures.append(str(exc))
        if failures:
            module.fail_json(msg='%s of %s actions failed: %s' % (len(failures), len(actions), ' | '.join(failures)),
                             actions=actions)
        return dict(changed=False, actions=actions)

    run_task(module, DevopnessAPI, work)


if __name__ == '__main__':
    main()
