# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  wait:
    description:
      - Wait for the asynchronous work the task starts (provisioning, deletion, lifecycle actions)
        to finish, polling with backoff.
      - A failed action fails the task with the platform's reason and the failed step.
      - With V(false), the task returns at once with the action's id in RV(action).
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait when O(wait=true).
    type: int
    default: 600
'''
