# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding the objects of one resource: its scope, its paths, its lists and its natural key.

Both the resource engine and the ``_info`` modules find objects through ``Lookup``, so a
path, a list or a key match is computed the same way everywhere.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import string

from urllib.parse import quote

from ansible_collections.deployops.platforms.plugins.module_utils.compare import dig, differs
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError


def path_fields(template):
    """The names of the variables in a path template: ``set(['id'])`` for ``/applications/{id}``."""
    return set(field[1] for field in string.Formatter().parse(template) if field[1])


def check_id(api, resource, params):
    """Fail before any request when the task's ``id`` is not of the form the resource's ids take."""
    wanted_id = params.get('id')
    if wanted_id is not None:
        problem = api.id_problem(resource.id_kind, wanted_id)
        if problem:
            raise EngineError('id: %s' % problem, errors={'id': [problem]})


class Scope(dict):
    """The path variables of an object's parent. A value may be given as a callable: it is called
    the first time it is read (e.g. the organization a project is created in, which listing
    projects does not need), and its answer kept."""

    def __getitem__(self, name):
        value = dict.__getitem__(self, name)
        if callable(value):
            value = self[name] = value()
        return value

    def get(self, name, default=None):
        return self[name] if name in self else default

    def copy(self):
        return Scope(self)


class Lookup(object):
    """The objects of ``resource`` inside ``scope`` (the path variables of its parent).

    ``needs`` words the failure when a path needs a scope value that is ``None``; it gets the
    missing option names and the resource.
    """

    def __init__(self, api, resource, params, scope=None,
                 needs='%s is required here: the %s cannot be placed without it'):
        self.api = api
        self.resource = resource
        self.params = params
        self.scope = scope if isinstance(scope, Scope) else Scope(scope or {})
        self.needs = needs
        self.id_field = resource.id_field

    def id_of(self, obj):
        return (obj or {}).get(self.id_field)

    def path(self, template, obj_id=None, **extra):
        """``template`` formatted with the scope, ``extra`` and ``id``, each value URL-escaped."""
        values = {}
        for name in path_fields(template):
            if name == 'id' and obj_id is not None:
                values[name] = obj_id
            elif name in extra:
                values[name] = extra[name]
            else:
                values[name] = self.scope.get(name)
        unknown = sorted(name[:-3] if name.endswith('_id') else name for name, value in values.items() if value is None)
        if unknown:
            raise EngineError(self.needs % (' and '.join(unknown), self.resource.name))
        return template.format(**dict((name, quote('%s' % value, safe='')) for name, value in values.items()))

    def read(self, obj_id):
        """The object with this id (its full representation), or None."""
        return self.api.get(self.path(self.resource.item_path, obj_id))

    def listed_items(self, list_paths=None):
        """Items of ``list_path`` and any ``extra_list_paths`` (or of ``list_paths``), each id once, no
        ``None`` items."""
        seen = set()
        for list_path in list_paths or self.resource.list_paths(self.params):
            for item in self.api.list(self.path(list_path), self.resource.list_query(self.params, self.scope)):
                if not isinstance(item, dict):
                    continue  # Devopness declares list items nullable
                item_id = self.id_of(item)
                if item_id is not None:
                    if item_id in seen:
                        continue
                    seen.add(item_id)
                yield item

    def matching(self, wanted, first_list=False):
        """Listed items whose values match ``wanted`` (``{read path: value}``) and the resource's ``match``.
        ``first_list``: the lists after the first one with a match are not read (an archived environment
        is looked for only when no active one matches)."""
        paths = self.resource.list_paths(self.params)
        matches = []
        for group in ([[path] for path in paths] if first_list else [paths]):
            for item in self.listed_items(group):
                if any(differs(value, dig(item, read)) for read, value in wanted):
                    continue
                if self.resource.match and not self.resource.match(item, self.scope, self.params):
                    continue
                matches.append(item)
            if matches:
                break
        return matches
