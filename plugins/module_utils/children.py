# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ordered child lists: objects that live inside another one (a pipeline's steps), declared with
``ChildList`` and reconciled by the engine to exactly the wanted list, in the wanted order."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.compare import dig, differs
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

# Sends of a child POST whose answer keeps getting lost (the engine's bound for creates and actions).
MAX_CHILD_ATTEMPTS = 5


class ChildList(object):
    """An ordered list of child objects that live inside this one (e.g. a pipeline's steps),
    reconciled to exactly the option's list: children are matched by ``key``, then added,
    updated, moved and removed so that the API holds the wanted children in the wanted order.

    option       the module option: a list of dicts (``steps``).
    options      the Ansible sub-option spec of its elements; the engine adds the option.
    read         where the children are in the API object (a list of dicts with ``id``).
    key          the sub-option naming a child (``name``); it must be unique in the list.
    position     the child key ordering the children (``trigger_order``).
    add          path template to POST a new child (formatted with the scope and ``id``).
    update       path template to PUT a child (also ``child``: the child's id).
    remove       path template to DELETE a child (also ``child``).
    move         ``move(previous) -> dict``: the update-body keys placing a child right after
                 ``previous`` (a child, or ``None`` for the first place), e.g. ``trigger_after``.
    required_on_update
                 child keys every update body carries (the wanted value, else the child's).
    fixed        optional ``fixed(child) -> bool``: children the API does not let anyone change
                 (a pipeline's default steps). They are never matched, updated, moved or removed,
                 and a wanted element naming one fails; the other children keep their places
                 relative to them as far as the wanted order allows.
    fixed_result result key listing the fixed children after the task (``default_steps``).
    label        child keys always shown in the diff, besides those the wanted element sets.

    Check mode sends nothing. The diff shows the other (non-fixed) children before and after.
    """

    def __init__(self, option, options, read, add, update, remove, move, key='name', position='position',
                 required_on_update=(), fixed=None, fixed_result=None, label=('name',)):
        self.option = option
        self.options = options
        self.read = read
        self.key = key
        self.position = position
        self.add = add
        self.update = update
        self.remove = remove
        self.move = move
        self.required_on_update = tuple(required_on_update)
        self.fixed = fixed
        self.fixed_result = fixed_result
        self.label = tuple(label)

    def children(self, obj):
        """The children of ``obj`` in their order."""
        items = [item for item in (dig(obj, self.read) or []) if item] if obj else []
        return sorted(items, key=lambda item: (item.get(self.position) is None, item.get(self.position) or 0))

    def is_fixed(self, child):
        return bool(self.fixed and self.fixed(child))

    def check(self, wanted, fixed):
        """What is wrong with the wanted list (``None`` when nothing is)."""
        seen = set()
        fixed_keys = set(child.get(self.key) for child in fixed)
        for item in wanted:
            name = item.get(self.key)
            if name in seen:
                return '%s %r is listed twice; each element needs its own %s' % (self.key, name, self.key)
            if name in fixed_keys:
                return '%r cannot be managed: the API does not allow changing or removing it' % (name,)
            seen.add(name)
        return None

    def plan(self, wanted, managed):
        """``(removals, updates, additions, in_order)`` turning ``managed`` into ``wanted``."""
        wanted_keys = [item[self.key] for item in wanted]
        matched, removals = {}, []
        for child in managed:
            name = child.get(self.key)
            if name in wanted_keys and name not in matched:
                matched[name] = child
            else:
                removals.append(child)
        updates, additions = [], []
        for item in wanted:
            child = matched.get(item[self.key])
            if child is None:
                additions.append(item)
                continue
            changes = dict((k, v) for k, v in item.items() if k != self.key and differs(v, child.get(k)))
            if changes:
                updates.append((child, changes))
        # New children are appended; the order is right when the kept ones already follow the list.
        kept = [child.get(self.key) for child in managed if matched.get(child.get(self.key)) is child]
        in_order = kept + [item[self.key] for item in additions] == wanted_keys
        return removals, updates, additions, in_order

    def diff_view(self, children, wanted):
        """Children as the diff shows them: ``label`` keys plus those the wanted elements set."""
        shown = dict((item[self.key], [k for k in item if k not in self.label]) for item in wanted)
        return [dict((k, child.get(k)) for k in list(self.label) + shown.get(child.get(self.key), []))
                for child in children]

    def update_body(self, child, changes):
        """An update body: the ``required_on_update`` keys of the child, then ``changes``."""
        body = dict((k, child.get(k)) for k in self.required_on_update if child.get(k) is not None)
        body.update(changes)
        return body


def kept_in_place(order):
    """Indexes of ``order`` (current positions, listed in wanted order) forming a longest
    increasing run: the children that can stay where they are while the others move."""
    best = []
    for i, value in enumerate(order):
        run = [i]
        for candidate in best:
            if order[candidate[-1]] < value and len(candidate) + 1 > len(run):
                run = candidate + [i]
        best.append(run)
    return set(max(best, key=len)) if best else set()


def check_wanted_children(engine):
    """Fail, before any request, on a wanted list that names a child twice."""
    for child in engine.resource.children:
        wanted = engine.params.get(child.option)
        if wanted is not None:
            problem = child.check([dict((k, v) for k, v in item.items() if v is not None) for item in wanted], [])
            if problem:
                raise EngineError('%s: %s' % (child.option, problem), errors={child.option: [problem]})


def reconcile_children(engine, current):
    """Converge every ``ChildList`` of the resource on ``current``; the object afterwards."""
    for child in engine.resource.children:
        wanted = engine.params.get(child.option)
        existing = child.children(current)
        fixed = [item for item in existing if child.is_fixed(item)]
        managed = [item for item in existing if not child.is_fixed(item)]
        if wanted is not None:
            wanted = [dict((k, v) for k, v in item.items() if v is not None) for item in wanted]
            problem = child.check(wanted, fixed)
            if problem:
                raise EngineError('%s: %s' % (child.option, problem), errors={child.option: [problem]})
            removals, updates, additions, in_order = child.plan(wanted, managed)
            if removals or updates or additions or not in_order:
                engine.changed = True
                if not engine.created:
                    engine.diff['before'][child.option] = child.diff_view(managed, wanted)
                engine.diff['after'][child.option] = child.diff_view(wanted, wanted)
                if not engine.check_mode and engine.id_of(current) is not None:
                    current = _apply(engine, child, current, wanted, removals, updates, additions)
        if child.fixed_result:
            engine.extra[child.fixed_result] = [item for item in child.children(current) if child.is_fixed(item)]
    return current


def _apply(engine, child, current, wanted, removals, updates, additions):
    """Remove, update and add children, then move them into the wanted order; the object after."""
    for item in removals:
        engine.write(engine.api.delete, engine.path(child.remove, engine.id_of(current), child=item['id']))
    for item, changes in updates:
        engine.write(engine.api.update, engine.path(child.update, engine.id_of(current), child=item['id']),
                     child.update_body(item, changes), item)
    added = []
    for item in additions:
        made = _add_verified(engine, child, current, item)
        added.append((made or {}).get('id'))
    current = engine.reread(current)
    if _yield_to_earlier_twins(engine, child, current, added):
        current = engine.reread(current)
    wanted_keys = [item[child.key] for item in wanted]
    existing = child.children(current)
    index = dict((item.get(child.key), i) for i, item in enumerate(existing) if not child.is_fixed(item))
    missing = [name for name in wanted_keys if name not in index]
    if missing:
        raise EngineError('%s: %s not found in the %s after adding and updating them' % (
            child.option, ', '.join(repr(name) for name in missing), engine.resource.name))
    kept = kept_in_place([index[name] for name in wanted_keys])
    for i, name in enumerate(wanted_keys):
        if i in kept:
            continue
        existing = child.children(current)
        moving = next(item for item in existing if item.get(child.key) == name)
        others = [item for item in existing if item is not moving]
        if i:
            previous = next(item for item in others if item.get(child.key) == wanted_keys[i - 1])
        else:
            # First of the list: right before the first other child that is not fixed.
            first = next(j for j, item in enumerate(others) if not child.is_fixed(item))
            previous = others[first - 1] if first else None
        engine.write(engine.api.update, engine.path(child.update, engine.id_of(current), child=moving['id']),
                     child.update_body(moving, child.move(previous)), moving)
        current = engine.reread(current)
    return current


def _add_verified(engine, child, current, item):
    """POST a child; when its answer is lost, read the parent: a child with the key that was not
    there before is the one the POST made, else the POST is sent again (at most
    ``MAX_CHILD_ATTEMPTS`` times in all). The child as answered or found."""
    path = engine.path(child.add, engine.id_of(current))
    before = set(existing.get('id') for existing in child.children(current))
    for attempt in range(1, MAX_CHILD_ATTEMPTS + 1):
        try:
            return engine.write(engine.api.create, path, item)[0]
        except ApiError as exc:
            if not exc.maybe_committed or attempt == MAX_CHILD_ATTEMPTS:
                raise
            made = [existing for existing in child.children(engine.reread(current))
                    if existing.get(child.key) == item[child.key] and existing.get('id') not in before]
            if made:
                engine.warnings.append('the answer to POST %s was lost (%s); the %s %r was found added' % (
                    path, exc.status or exc.message, child.option, item[child.key]))
                return made[0]
    return None


def _yield_to_earlier_twins(engine, child, current, added):
    """A run that added a child at the same time as another run (both saw it missing) removes its
    own when an earlier one (lower id) has the same key; True when it removed any."""
    existing = [item for item in child.children(current) if not child.is_fixed(item)]
    removed = False
    for own_id in added:
        if not isinstance(own_id, int) or isinstance(own_id, bool):
            continue
        own = next((item for item in existing if item.get('id') == own_id), None)
        if own is None:
            continue
        if any(isinstance(item.get('id'), int) and item['id'] < own_id and item.get(child.key) == own.get(child.key)
               for item in existing):
            engine.write(engine.api.delete, engine.path(child.remove, engine.id_of(current), child=own_id))
            removed = True
    return removed
