# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the resource engine deploys an object and brings it to a lifecycle state (``started``...), and waits
for the asynchronous work that starts: an action whose POST lost its answer is found or sent again, never
started twice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

MAX_ACTION_ATTEMPTS = 5


class Lifecycle(object):
    """The deploy and lifecycle half of ``engine.ResourceEngine`` (a mixin: it uses the engine's ``write``,
    ``path``, ``id_of``, ``lookup``, ``reread``, ``visible``, ``params`` and ``warnings``)."""

    def run_deploy(self, current):
        """Deploy what the task changed, or what an earlier run changed but did not deploy."""
        if not self.changed:
            self.changed = True
            self.diff['before'].setdefault('deployed', False)
        self.diff['after'].setdefault('deployed', True)
        if self.check_mode or self.id_of(current) is None:
            return
        deploy = self.resource.deploy
        body = deploy.body(self.params, current) if deploy.body else None
        try:
            job = self.post_action_verified(self.path(deploy.path, self.id_of(current)), body, current)
        except (ApiError, EngineError, WaitTimeout) as exc:
            raise self.not_deployed(current, exc)
        if self.awaited_later is not None and job and self.params.get('wait', True) and (
                self.params.get('state') or 'present') not in self.resource.states:
            self.awaited_later.append((self, lambda: self.finish_deploy(job, current)))
        else:
            self.finish_deploy(job, current)

    def finish_deploy(self, job, current):
        """Wait for the deploy ``run_deploy`` started on ``current``."""
        try:
            self.await_action(job)
        except (ApiError, EngineError, WaitTimeout) as exc:
            raise self.not_deployed(current, exc)
        return None

    def not_deployed(self, current, exc):
        details = dict(getattr(exc, 'details', {}) or (exc.to_result() if isinstance(exc, ApiError) else {}))
        details.update(changed=True)
        details[self.resource.name] = self.visible(current)
        return EngineError('the %s exists%s but is not deployed: %s. The next run of this task deploys it.' % (
            self.resource.name, ' with the requested changes' if not self.created else '', exc), **details)

    def reach_state(self, current, state):
        action = self.resource.states[state]
        if action.needed is not None and not action.needed(current):
            return current
        self.changed = True
        self.diff['before'].setdefault('state', 'as is')
        self.diff['after']['state'] = state
        if self.check_mode:
            return current
        while action is not None:
            body = action.body(self.params, current) if action.body else None
            self.await_action(self.post_action_verified(self.path(action.path, self.id_of(current)), body, current))
            if action.reached and (self.params.get('wait', True) or action.then is not None):
                current = self.wait_until(self.id_of(current), action.reached,
                                          'the %s to be %s' % (self.resource.name, state))
            else:
                current = self.reread(current)
            action = action.then
        return current

    def post_action_verified(self, path, body, current):
        """POST an action (deploy, start...) on ``current``. When the answer is lost (HTTP 500, 502, 504,
        no answer), the object is read again: an action the POST started is adopted (the platform tells,
        ``PlatformAPI.started_action``); otherwise the POST is sent again, at most MAX_ACTION_ATTEMPTS times."""
        for attempt in range(1, MAX_ACTION_ATTEMPTS + 1):
            try:
                return self.write(self.api.post_action, path, body)
            except ApiError as exc:
                if not exc.maybe_committed or attempt == MAX_ACTION_ATTEMPTS:
                    raise
                job = self.api.started_action(path, current, self.lookup.read(self.id_of(current)) or {})
                if job:
                    self.warnings.append('the answer to POST %s was lost (%s); the action it started was found' % (
                        path, exc.status or exc.message))
                    return job
                self.warnings.append('the answer to POST %s was lost (%s) and it started nothing; sent again' % (
                    path, exc.status or exc.message))
        return None

    def await_action(self, job):
        """Wait for the asynchronous work a request started (nothing when it started none)."""
        if not job:
            return None
        if not self.params.get('wait', True):
            self.action = dict(id=job)
            return None
        self.action = self.api.wait_action(job, self.params.get('wait_timeout') or 600)
        return self.action

    def wait_until(self, obj_id, condition, what):
        return poll(lambda: self.lookup.read(obj_id) or {}, condition, self.params.get('wait_timeout') or 600,
                    what=what)
