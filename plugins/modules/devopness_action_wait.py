#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
