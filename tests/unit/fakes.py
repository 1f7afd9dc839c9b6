# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared unit-test fakes: a module, an in-memory platform, and helpers that run the engine or an
``_info`` query the way a module does (through ``platform_api.run_task``).

Import them as ``from ansible_collections.deployops.platforms.tests.unit.fakes import ...``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.engine import ResourceEngine
from ansible_collections.deployops.platforms.plugins.module_utils.errors import ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.info import InfoQuery
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, run_task


#: what a deployed object carries (Devopness: its last action is a completed deploy, later than its last update)
DEPLOYED = dict(updated_at='2026-01-01T00:00:00.000000Z',
                last_action=dict(type='deploy', status='completed', created_at='2026-01-01T00:00:01.000000Z'))


def deployed(**obj):
    """``obj`` as an object whose changes were all deployed."""
    return dict(DEPLOYED, **obj)


class Exit(Exception):
    """What ``exit_json``/``fail_json`` raise: the module's result, and whether it failed."""

    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    """The parts of ``AnsibleModule`` the engine uses. ``params`` start from the defaults every
    resource module has (``state: present``, no ``id``, ``wait: true``)."""

    def __init__(self, params, check_mode=False, diff=True):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []
        self.no_log_values = set()

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        self.warnings.append(text)


class MemoryAPI(PlatformAPI):
    """An in-memory platform. Objects live in collections (the path that lists them); an object's own
    path is ``/<last segment of its collection>/<id>``, as in ``/environments/5/things`` →
    ``/things/7``. Every write is recorded in ``writes`` as ``(method, path, body)``.

    scope          what ``scope()`` answers (default ``{'environment_id': 5}``).
    refs           ``{kind: {name: id}}`` for ``resolve_ref``; a numeric string resolves to itself,
                   an unknown name raises ``ParentMissing`` worded as Devopness words it
                   (``virtual host 'x' was not found``).
    parent_missing ``scope()`` raises ``ParentMissing``, as for a parent not created yet.
    action_id      what ``post_action`` (and actions started by writes, see ``writes_start``) return.

    ``scoped`` lists the resources whose parent was resolved (each ``scope()`` call), ``reads`` the
    GETs as ``('GET', path, query)``: together with ``writes``, every request a task made.
    """

    name = 'memory'

    def __init__(self, scope=None, refs=None, parent_missing=False, action_id=None, writes_start=False):
        super(MemoryAPI, self).__init__(client=None)
        self._scope = {'environment_id': 5} if scope is None else dict(scope)
        self.refs = refs or {}
        self.parent_missing = parent_missing
        self.action_id = action_id
        self.writes_start = writes_start
        self.collections = {}
        self.next_id = 100
        self.writes = []
        self.reads = []
        self.awaited = []
        self.scoped = []
        self.lose_next_create_answer = False

    # ---- seeding and inspecting --------------------------------------------------------------

    def add(self, collection, **obj):
        """Put a copy of an object in ``collection`` (an ``id`` is given when it has none); returns it."""
        obj = copy.deepcopy(obj)
        if 'id' not in obj:
            obj['id'] = self.next_id
            self.next_id += 1
        self.collections.setdefault(collection, []).append(obj)
        return obj

    def item_path(self, collection, obj_id):
        return '/%s/%s' % (collection.rstrip('/').rsplit('/', 1)[-1], obj_id)

    def find_path(self, path):
        """``(collection, object)`` of the object at ``path``, or ``(None, None)``."""
        for collection, items in self.collections.items():
            for obj in items:
                if self.item_path(collection, obj.get(self.id_field)) == path:
                    return collection, obj
        return None, None

    def write_methods(self):
        return [method for method, dummy, dummy in self.writes]

    def read_paths(self):
        return [path for dummy, path, dummy in self.reads]

    def requests(self):
        """Everything the task asked of the platform: parents resolved, reads, writes."""
        return self.scoped + self.reads + self.writes

    # ---- the platform interface ---------------------------------------------------------------

    def scope(self, resource, params):
        self.scoped.append(resource.name)
        if self.parent_missing:
            raise ParentMissing('environment %r was not found' % params.get('environment'))
        return dict(self._scope)

    def resolve_ref(self, kind, value, scope):
        if '%s' % value in self.refs.get(kind, {}):
            return self.refs[kind]['%s' % value]
        if ('%s' % value).isdigit():
            return int(value)
        raise ParentMissing('%s %r was not found' % (kind.replace('-', ' '), value))

    def list(self, path, params=None):
        self.reads.append(('GET', path, params))
        return [copy.deepcopy(item) for item in self.collections.get(path, [])]

    def get(self, path):
        self.reads.append(('GET', path, None))
        dummy, obj = self.find_path(path)
        return copy.deepcopy(obj)

    def create(self, path, payload):
        self.writes.append(('POST', path, copy.deepcopy(payload)))
        obj = self.add(path, **copy.deepcopy(payload))
        if self.lose_next_create_answer:
            self.lose_next_create_answer = False
            raise ApiError('gateway', status=502, method='POST', path=path, maybe_committed=True)
        return copy.deepcopy(obj), self.action_id if self.writes_start else None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, copy.deepcopy(payload)))
        dummy, obj = self.find_path(path)
        obj.update(copy.deepcopy(payload))
        obj['updated_at'] = self.now()
        return self.action_id if self.writes_start else None

    def now(self):
        """A timestamp later than any before it (and than those of ``DEPLOYED``)."""
        self.clock = getattr(self, 'clock', 0) + 1
        return '2026-06-01T00:00:%02d.%06dZ' % (self.clock // 1000000 % 60, self.clock % 1000000)

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        collection, obj = self.find_path(path)
        if obj is not None:
            self.collections[collection].remove(obj)
        return self.action_id if self.writes_start else None

    def post_action(self, path, body=None):
        """Records the POST; a ``.../deploy`` makes the object's last action a completed deploy."""
        self.writes.append(('POST', path, body))
        if path.endswith('/deploy'):
            dummy, obj = self.find_path(path[:-len('/deploy')])
            if obj is not None:
                obj['last_action'] = dict(type='deploy', status='completed', created_at=self.now())
        return self.action_id

    def wait_action(self, job, timeout):
        self.awaited.append(job)
        return {'id': job, 'status': 'completed'}


def _run(api, params, work, check_mode=False, diff=True):
    module = FakeModule(params, check_mode=check_mode, diff=diff)
    api.last_module = module  # what the run asked Ansible to mask (no_log_values)

    class Platform(type(api)):  # pylint: disable=too-few-public-methods
        @classmethod
        def from_params(cls, module_params):
            return api

    warnings = []
    with pytest.raises(Exit) as exit_info:
        run_task(module, Platform, lambda platform_api: work(module, platform_api, warnings), warnings)
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    result['_warnings'] = module.warnings
    return result


def run_engine(api, resource, params, check_mode=False, diff=True):
    """Run the engine like a resource module does; the task result, plus ``_failed`` and ``_warnings``."""
    def converge(module, platform_api, warnings):
        engine = ResourceEngine(module, platform_api, resource)
        engine.warnings = warnings
        return engine.converge()
    return _run(api, params, converge, check_mode, diff)


def run_info(api, resource, params, filters=None, check_mode=False):
    """Run an ``_info`` query like an ``_info`` module does; the task result, plus ``_failed``."""
    params = dict(params)
    params.setdefault('id', None)
    return _run(api, params, lambda module, platform_api, warnings: InfoQuery(
        module, platform_api, resource, filters).run(), check_mode)
