# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Links between objects (a daemon's servers, an environment's credentials), declared with
``LinkSet`` and reconciled by the engine to exactly the list the task names.

Every name in the list is resolved before the engine writes anything, so a typo fails the
task without leaving a half-made object behind.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.compare import dig
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing

# Sends of a link POST whose answer keeps getting lost (the engine's bound for creates and actions).
MAX_LINK_ATTEMPTS = 5


class LinkSet(object):
    """Other resources linked to this one (e.g. its servers), reconciled to exactly the option's list.

    option       the module option holding names or ids (``servers``).
    ref          the reference kind the platform resolves names with (``server``).
    read         where the linked objects are in the API object (a list of dicts with ``id``).
    label        the key naming a linked object in diff output (``hostname``).
    link/unlink  path templates formatted with the scope, ``id`` and ``other`` (the linked id).
    list_path    optional path (formatted with the scope and ``id``) listing the linked objects, for
                 objects whose representation lacks them; its items are converted by
                 ``from_item(item) -> {'id': ..., label: ...}`` (default: as is), and the result
                 object then carries them under ``read``.
    list_params  query parameters for ``list_path``.
    """

    def __init__(self, option, ref, read, link, unlink, label='name', list_path=None, list_params=None,
                 from_item=None):
        self.option = option
        self.ref = ref
        self.read = read
        self.label = label
        self.link = link
        self.unlink = unlink
        self.list_path = list_path
        self.list_params = dict(list_params or {})
        self.from_item = from_item


def resolve_wanted_links(engine):
    """``{option: ({id: name or id given}, [unresolved])}`` for the link options the task sets.

    A name that cannot be resolved fails the task, except in check mode, where an earlier task
    may only have pretended to create it.
    """
    wanted = {}
    for link in engine.resource.links:
        refs = engine.params.get(link.option)
        if refs is None:
            continue
        ids, unresolved = {}, []
        for ref in refs:
            try:
                ids[engine.api.resolve_ref(link.ref, ref, engine.scope)] = ref
            except (EngineError, ParentMissing):
                if not engine.check_mode:
                    raise
                unresolved.append(ref)
        wanted[link.option] = (ids, unresolved)
    return wanted


def linked_objects(engine, link, current):
    """The objects ``link`` links to ``current``: read from it, or listed (``LinkSet.list_path``; once, when
    ``prelist_links`` listed them already)."""
    if link.list_path is None:
        return [item for item in (dig(current, link.read) or []) if item]
    if engine.id_of(current) is None:
        return []
    prelisted = vars(engine).get('_prelisted', {}).pop((link.option, engine.id_of(current)), None)
    if prelisted is not None:
        return prelisted
    items = engine.api.list(engine.path(link.list_path, engine.id_of(current)), dict(link.list_params))
    return [link.from_item(item) if link.from_item else item for item in items if item]


def links_listed_apart(engine):
    """The links the task sets whose objects are listed apart from the object (``LinkSet.list_path``)."""
    return [link for link in engine.resource.links if link.list_path and engine.params.get(link.option) is not None]


def prelist_links(engine, current):
    """List the objects of ``links_listed_apart`` before converging ``current`` (a bulk task reads its items at
    the same time): the next ``linked_objects`` of each answers from this listing."""
    if engine.id_of(current) is None:
        return
    for link in links_listed_apart(engine):
        vars(engine).setdefault('_prelisted', {})[(link.option, engine.id_of(current))] = linked_objects(
            engine, link, current)


def _listed_unchanged(engine):
    """``{(option, id): linked objects}`` listed by ``reconcile_links`` that it left as they were: the
    result shows them without listing them again."""
    return vars(engine).setdefault('_unchanged_links', {})


def with_listed_links(engine, current):
    """``current`` with the objects of the ``list_path`` links under their ``read`` key."""
    listed = [link for link in engine.resource.links if link.list_path and isinstance(link.read, str)]
    if not listed or not current or engine.id_of(current) is None:
        return current
    current = dict(current)
    known = _listed_unchanged(engine)
    for link in listed:
        key = (link.option, engine.id_of(current))
        current[link.read] = known[key] if key in known else linked_objects(engine, link, current)
    return current


def reconcile_links(engine, current, wanted_links):
    """Link and unlink so that each link option's objects are exactly the wanted ones; the object after."""
    touched = False
    for link in engine.resource.links:
        if link.option not in wanted_links:
            continue
        want, unresolved = wanted_links[link.option]
        linked = linked_objects(engine, link, current)
        have = dict((item['id'], item) for item in linked)
        to_link = sorted(set(want) - set(have))
        to_unlink = sorted(set(have) - set(want))
        if not to_link and not to_unlink and not unresolved:
            if link.list_path:
                _listed_unchanged(engine)[(link.option, engine.id_of(current))] = linked
            continue
        engine.changed = True
        engine.diff['before'][link.option] = sorted('%s' % (item.get(link.label) or item['id']) for item in linked)
        engine.diff['after'][link.option] = sorted('%s' % ref for ref in engine.params[link.option])
        if engine.check_mode or engine.id_of(current) is None:
            continue
        for other in to_link:
            link_verified(engine, link, current, other)
        for other in to_unlink:
            engine.write(engine.api.delete, engine.path(link.unlink, engine.id_of(current), other=other))
        touched = True
    return engine.reread(current) if touched else current


def link_verified(engine, link, current, other):
    """POST a link; when its answer is lost, list the links: the link is there, or the POST is sent
    again (at most ``MAX_LINK_ATTEMPTS`` times in all)."""
    path = engine.path(link.link, engine.id_of(current), other=other)
    for attempt in range(1, MAX_LINK_ATTEMPTS + 1):
        try:
            engine.write(engine.api.post_action, path)
            return
        except ApiError as exc:
            if not exc.maybe_committed or attempt == MAX_LINK_ATTEMPTS:
                raise
            if any(item.get('id') == other for item in linked_objects(engine, link, engine.reread(current))):
                engine.warnings.append('the answer to POST %s was lost (%s); the link was found made' % (
                    path, exc.status or exc.message))
                return
