# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole set of objects of one resource inside one parent, converged by one task (a ``variables:``
list): the parent is resolved and the list read once, each item is created, updated or deleted by the
resource engine, and with ``prune`` the objects the set does not name are deleted.

One module process and one list instead of one of each per item: this is what makes a set of 200
variables cheap, where a ``loop:`` pays both 200 times.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import concurrent.futures

from ansible_collections.deployops.platforms.plugins.module_utils.children import check_wanted_children
from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.compare import dig
from ansible_collections.deployops.platforms.plugins.module_utils.engine import ResourceEngine
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.links import links_listed_apart, prelist_links
from ansible_collections.deployops.platforms.plugins.module_utils.lookup import Lookup, Scope
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout

#: reads of the items of a set sent at once (the client keeps 16 connections per host)
READ_WORKERS = 8


def at_once(work, values):
    """``[work(value) for value in values]``, ``READ_WORKERS`` at a time: for reads, which wait on the network."""
    if len(values) < 2:
        return [work(value) for value in values]
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(READ_WORKERS, len(values))) as pool:
        return list(pool.map(work, values))


class ItemModule(object):
    """What the engine reads of a module, for one item of the set."""

    def __init__(self, module, params):
        self.params = params
        self.check_mode = module.check_mode
        self._diff = module._diff
        self.no_log_values = module.no_log_values


class BulkEngine(object):
    """Converge the items of ``module.params[option]`` (each a dict of the resource's options, with an
    optional ``state``); the task's other options (the parent, ``update_secrets``...) apply to every item.
    ``prune``: delete the objects of the parent that no item names."""

    def __init__(self, module, api, resource, option, prune=False):
        self.module = module
        self.api = api
        self.resource = resource
        self.option = option
        self.prune = prune
        self.changed = False
        self.written = False
        self.diff = dict(before={}, after={})
        self.done = dict(created=[], updated=[], deleted=[])
        self.warnings = []
        # ``(engine, finish)`` of each deploy or creation started and not yet waited for: every item's work is
        # started before the task waits for the first, so that the platform runs them side by side.
        self.awaited_later = []
        self.index_of = {}

    def item_params(self, item):
        params = dict(self.module.params)
        params.pop(self.option, None)
        params.update((name, value) for name, value in item.items() if value is not None or name not in params)
        params['state'] = item.get('state') or self.module.params.get('state') or 'present'
        params['id'] = None
        return params

    def key_of(self, params):
        return tuple('%s' % params.get(name) for name in self.resource.key)

    def own_parent(self, item):
        """The parent options ``item`` sets for itself (``Resource.bulk_parents``), which start its label."""
        return tuple('%s' % item[name] for name in self.resource.bulk_parents if item.get(name) is not None)

    def listed_key(self, obj):
        return tuple('%s' % dig(obj, self.resource.read_path(name)) for name in self.resource.key)

    def label(self, key, parent=()):
        return '/'.join(parent + key)

    def engine(self, params, scope):
        engine = ResourceEngine(ItemModule(self.module, params), self.api, self.resource)
        engine.lookup = Lookup(self.api, self.resource, params, scope)
        engine.warnings = self.warnings
        engine.awaited_later = self.awaited_later
        return engine

    def converge(self):
        given = self.module.params[self.option]
        items = [self.item_params(item) for item in given]
        keys = [self.key_of(params) for params in items]
        labels = [self.label(key, self.own_parent(item)) for key, item in zip(keys, given)]
        duplicated = sorted(set(label for label in labels if labels.count(label) > 1))
        if duplicated:
            raise EngineError('%s: %s named more than once: %s' % (
                self.option, self.resource.plural, ', '.join(duplicated)), errors={self.option: duplicated})
        for params, label in zip(items, labels):
            engine = self.engine(params, Scope())
            engine.check_id()
            if params['state'] != 'absent':
                try:
                    engine.check_values()
                    check_wanted_children(engine)
                except EngineError as exc:
                    raise EngineError('%s (%s %s)' % (exc, self.resource.name, label), **exc.details)
        results = [None] * len(items)
        try:
            groups, scopes = self.parents(items, keys, labels)
            listings = at_once(lambda group: self.listed(group[0], [items[index] for index in group[1]],
                                                         [keys[index] for index in group[1]]), list(zip(scopes, groups)))
            engines, listed = {}, {}
            for indexes, (scope, existing) in zip(groups, listings):
                for index in indexes:
                    engines[index] = self.engine(items[index], scope or Scope())
                    self.index_of[engines[index]] = index
                    listed[index] = existing.get(keys[index])
            current = self.read_all(listed, engines)
            for indexes, (scope, existing) in zip(groups, listings):
                for index in indexes:
                    results[index] = self.converge_item(engines[index], labels[index], current[index], scope)
                if self.prune and scope is not None:
                    parent = self.own_parent(given[indexes[0]])
                    for key, obj in sorted(existing.items()):
                        if key not in set(keys[index] for index in indexes):
                            self.delete_item(self.label(key, parent), obj, scope, items[indexes[0]])
            self.finish_waits(results, labels)
        except (ApiError, EngineError, WaitTimeout, ParentMissing) as exc:
            if not self.written:
                raise
            details = dict(getattr(exc, 'details', {}) or (exc.to_result() if isinstance(exc, ApiError) else {}))
            details.update(changed=True, **self.done)
            done = '; '.join('%s %s' % (what, ', '.join(labels)) for what, labels in sorted(self.done.items()) if labels)
            raise EngineError('%s (%srun the task again to finish)' % (
                exc, 'before this failure the task %s; ' % done if done else ''), **details)
        result = dict(changed=self.changed, **self.done)
        result[self.resource.plural] = [obj for obj in results if obj]
        if self.module._diff:
            result['diff'] = self.diff
        return result

    def finish_waits(self, results, labels):
        """Wait for every deploy and creation the items started, each item's result then what it waited for;
        fail naming each item whose wait failed."""
        failures = []
        for engine, finish in self.awaited_later:
            index = self.index_of[engine]
            try:
                after = finish()
            except (ApiError, EngineError, WaitTimeout) as exc:
                failures.append((labels[index], exc))
                continue
            if after is not None:
                results[index] = engine.visible(after)
        if failures:
            raise EngineError('; '.join('%s %s: %s' % (self.resource.name, label, exc) for label, exc in failures),
                              **dict(getattr(failures[0][1], 'details', {}) or {}))

    def parents(self, items, keys, labels):
        """``(groups, scopes)``: the indexes of ``items`` grouped by the parent they are in (all in one group
        unless items name their own ``Resource.bulk_parents``), and each group's parent, resolved."""
        by_values = {}
        for index, params in enumerate(items):
            by_values.setdefault(tuple('%s' % params.get(name) for name in self.resource.bulk_parents), []).append(index)
        merged = {}
        # One after another: the parents of the parents are looked up once and kept (``PlatformAPI.cached``).
        for indexes in sorted(by_values.values()):
            scope = self.parent_scope([items[index] for index in indexes])
            # A parent named by its name and by its id is one parent: listed once.
            resolved = None if scope is None else tuple(sorted(
                (name, '%s' % value) for name, value in dict.items(scope) if not callable(value)))
            merged.setdefault(resolved, (scope, []))[1].extend(indexes)
        for scope, indexes in merged.values():
            named = [keys[index] for index in indexes]
            twice = sorted(labels[index] for index in indexes if named.count(keys[index]) > 1)
            if twice:
                raise EngineError('%s: %s named more than once: %s' % (
                    self.option, self.resource.plural, ', '.join(twice)), errors={self.option: twice})
        return [sorted(indexes) for scope, indexes in merged.values()], [scope for scope, indexes in merged.values()]

    def parent_scope(self, items):
        """The parent of ``items``, resolved; ``None`` when it does not exist (in check mode an earlier task may
        only have pretended to create it; without it, what is to be absent is)."""
        try:
            return Scope(self.api.scope(self.resource, items[0]))
        except ParentMissing as exc:
            return self.no_parent(items, exc)

    def no_parent(self, items, missing):
        """``None`` for the parent of ``items`` that does not exist: harmless in check mode (an earlier task may
        only have pretended to create it) or when every item is to be absent; else the task fails."""
        if not self.module.check_mode and any(params['state'] != 'absent' for params in items):
            raise EngineError(str(missing))
        return None

    def listed(self, scope, items, keys):
        """``(scope, {natural key: object})``: the objects of the parent ``scope``, from one reading of its list;
        ``(None, {})`` when the parent does not exist (as for ``parent_scope``)."""
        if scope is None:
            return None, {}
        lookup = Lookup(self.api, self.resource, items[0], scope)
        found = {}
        try:
            for obj in lookup.matching([]):
                found.setdefault(self.listed_key(obj), []).append(obj)
        except ParentMissing as exc:  # a parent given by id is trusted until its list answers 404
            return self.no_parent(items, exc), {}
        named_twice = sorted(self.label(key) for key in keys if len(found.get(key, ())) > 1)
        if named_twice:
            raise EngineError('%s: more than one %s matches %s: pass the id to a task of its own, or narrow the '
                              'scope' % (self.option, self.resource.name, ', '.join(named_twice)),
                              matches=dict((self.label(key), [lookup.id_of(obj) for obj in found[key]])
                                           for key in keys if len(found.get(key, ())) > 1))
        return scope, dict((key, objs[0]) for key, objs in found.items())

    def complete(self, obj, params):
        """Whether the listed ``obj`` holds every value converging ``params`` reads, so that it is not
        read again: the fields the item sets, the links it names, what tells a deploy is owed."""
        resource = self.resource
        if resource.listed_full:
            return True
        needed = set()
        for field in resource.fields:
            if params.get(field.name) is not None:
                needed.add(field.read)
        for link in resource.links:
            if params.get(link.option) is not None and link.list_path is None:
                needed.add(link.read)
        for child in resource.children:
            if params.get(child.option) is not None:
                needed.add(child.read)
        deploy = resource.deploy
        if deploy and deploy.owed and params.get('deploy', True):
            if deploy.reads is None:
                return False
            needed.update(deploy.reads)
        if params['state'] in resource.states or any(callable(read) for read in needed):
            return False
        return all(read.split('.', 1)[0] in obj for read in needed)

    def read_all(self, listed, engines):
        """``{index: object}``: the listed objects, each read again (at the same time, ``READ_WORKERS`` at once)
        when its list entry lacks what its item compares, and the links its item compares that are listed apart
        (``LinkSet.list_path``) listed now; what converging the items would otherwise read one after another."""
        incomplete = set(index for index, obj in listed.items() if obj is not None
                         and engines[index].params['state'] != 'absent' and not self.complete(obj, engines[index].params))
        to_read = sorted(index for index, obj in listed.items() if index in incomplete or (
            obj is not None and engines[index].params['state'] != 'absent' and links_listed_apart(engines[index])))

        def read(index):
            engine = engines[index]
            obj = engine.reread(listed[index]) if index in incomplete else listed[index]
            prelist_links(engine, obj)
            return obj

        current = dict(listed)
        current.update(zip(to_read, at_once(read, to_read)))
        return current

    def record(self, engine, label, what):
        self.changed = True
        self.written = self.written or engine.written
        self.done[what].append(label)
        self.diff['before'][label] = engine.diff['before']
        self.diff['after'][label] = engine.diff['after']

    def converge_item(self, engine, label, current, scope):
        """The item after the task (its visible values; ``None`` when it is absent); ``current`` as
        ``read_all`` left it."""
        params = engine.params
        if scope is None:  # the parent does not exist (yet: in check mode)
            if params['state'] == 'absent':
                return None
            engine.changed = True
            after = engine.desired_payload(resolve=False)
            engine.diff = dict(before={}, after=engine.visible(after))
            self.record(engine, label, 'created')
            return engine.visible(after)
        try:
            result = engine.converge_current(current, params['state'])
        finally:
            self.written = self.written or engine.written
        if engine.changed:
            self.record(engine, label, 'deleted' if params['state'] == 'absent' else
                        'created' if engine.created else 'updated')
        return result.get(self.resource.name) or None

    def delete_item(self, label, obj, scope, group_params):
        params = dict(self.module.params)
        params.pop(self.option, None)
        params.update((name, group_params.get(name)) for name in self.resource.bulk_parents)
        params.update(state='absent', id=None)
        params.update((name, dig(obj, self.resource.read_path(name))) for name in self.resource.key)
        engine = self.engine(params, scope)
        try:
            engine.delete(obj)
        finally:
            self.written = self.written or engine.written
        self.record(engine, label, 'deleted')
