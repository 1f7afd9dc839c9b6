# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Polling with backoff for asynchronous work (actions, deployments, provisioning)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time


class WaitTimeout(Exception):
    """The awaited condition did not hold within the timeout; ``last`` is the last value seen."""

    def __init__(self, message, last=None):
        super(WaitTimeout, self).__init__(message)
        self.last = last


def wait_options_spec():
    """The options of the ``deployops.platforms.wait`` doc fragment."""
    return dict(
        wait=dict(type='bool', default=True),
        wait_timeout=dict(type='int', default=600),
    )


def poll(fetch, done, timeout, what='the operation', first_delay=0.1, max_delay=5.0, factor=1.6,
         clock=time.monotonic, sleep=time.sleep):
    """Call ``fetch()`` until ``done(value)`` is true and return that value.

    The first check happens at once, then the delay grows from ``first_delay`` by ``factor``
    up to ``max_delay``; never sleeps past the deadline. Raises ``WaitTimeout``.
    """
    deadline = clock() + timeout
    delay = first_delay
    while True:
        value = fetch()
        if done(value):
            return value
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout('timed out after %s seconds waiting for %s' % (timeout, what), last=value)
        sleep(min(delay, remaining))
        delay = min(delay * factor, max_delay)
