# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the resource engine creates an object exactly once, although answers get lost and runs race.

A POST whose answer was lost may have been committed: the object is looked up by its natural key
before the POST is ever sent again, and one found is converged like an existing object (the POST, or
the later requests of a platform that creates in several steps, may not have set all of it). An API that refuses a create because the key is taken has seen
another run create it since the lookup: that object is converged instead. Two runs that both created
the object where the API does not keep the key unique (``Resource.key_kept_unique``) settle on the
earlier one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

# A POST whose answer was lost is checked, then sent again: five sends in all, so that a server
# losing one answer in seven still fails a write less than once in 10,000.
MAX_CREATE_ATTEMPTS = 5


class CreatedMeanwhile(Exception):
    """The object exists now: another run created it since the lookup (``found`` is that object)."""

    def __init__(self, found):
        super(CreatedMeanwhile, self).__init__('created meanwhile')
        self.found = found


class CreateOnce(object):
    """The create half of ``engine.ResourceEngine`` that prevents duplicates (a mixin: it uses the
    engine's ``write``, ``find_by_key``, ``id_of``, ``path``, ``await_action`` and ``warnings``)."""

    def create_without_duplicates(self, payload):
        """POST; when its answer is lost, look the object up before ever sending it again.

        Returns ``(object, job, adopted)``: ``adopted`` when the object was found after a lost answer,
        so what it holds is not known to be what was sent."""
        last_error = None
        for dummy in range(MAX_CREATE_ATTEMPTS):
            try:
                obj, job = self.write(self.api.create, self.path(self.resource.create_path), payload)
            except ApiError as exc:
                if self.api.is_taken(exc) and not self.params.get('id'):
                    matches = self.find_by_key()
                    if len(matches) == 1:
                        self.warnings.append('%s %s answered that the %s exists (%s): it was created meanwhile, '
                                             'and is converged instead' % (exc.method, exc.path, self.resource.name,
                                                                           exc.message))
                        raise CreatedMeanwhile(matches[0])
                if not exc.maybe_committed:
                    raise
                last_error = exc
                if self.params.get('id'):
                    raise
                matches = self.find_by_key()
                if len(matches) == 1:
                    self.warnings.append('the answer to %s %s was lost (%s); the %s was found created' % (
                        exc.method, exc.path, exc.status or exc.message, self.resource.name))
                    return matches[0], None, True
                if matches:
                    raise EngineError('after a lost answer to %s %s, more than one %s matches %s: ids %s' % (
                        exc.method, exc.path, self.resource.name, self.key_label(),
                        ', '.join(str(self.id_of(m)) for m in matches)))
                continue
            self.yield_to_an_earlier_twin(obj)
            return obj, job, False
        raise last_error

    def yield_to_an_earlier_twin(self, obj):
        """Two runs that looked the object up at the same time both create it where the API does not keep
        the key unique. Each creator then lists the key: ids (or the ``order_field``) only grow, so the
        creator of the later object always sees the earlier one, deletes its own and converges that one."""
        own_id, own_order = self.id_of(obj), self.resource.creation_order(obj)
        if self.params.get('id') or own_order is None or not (self.resource.key or self.resource.locate) or (
                self.resource.key_kept_unique):
            return
        orders = [(self.resource.creation_order(m), m) for m in self.find_by_key()]
        twins = [(order, m) for order, m in orders if order is not None and order < own_order]
        if not twins:
            return
        earliest = min(twins, key=lambda pair: pair[0])[1]
        params = self.resource.delete_params(self.params) if self.resource.delete_params else None
        self.await_action(self.write(self.api.delete, self.path(self.resource.item_path, own_id), params))
        self.warnings.append('another run created the same %s (%s, id %s) at the same time: the one created here '
                             '(id %s) was deleted and that one is converged instead' % (
                                 self.resource.name, self.key_label(), self.id_of(earliest), own_id))
        raise CreatedMeanwhile(earliest)
