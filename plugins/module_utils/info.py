# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every ``*_info`` module does: list the objects of a resource in scope, filtered by the
options the task sets, or read one by ``id``. It finds them through the same ``Lookup`` as the
resource engine."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.lookup import Lookup, Scope, check_id, path_fields

NEEDS = '%s is required to list %ss'


class InfoQuery(object):
    """The objects of ``resource`` the task asks for; ``filters`` name the options that filter
    the list (default: the natural key)."""

    def __init__(self, module, api, resource, filters=None):
        self.module = module
        self.api = api
        self.resource = resource
        self.params = module.params
        self.filters = filters or resource.key

    def needs_scope(self):
        # An object read by id at a path that needs nothing else (``/applications/{id}``) needs no
        # parent either, so a parent the task leaves out is not resolved. A scope is named after
        # the option that names its parent (environment, project, organization, resource, pipeline).
        return not (self.params.get('id') and self.params.get(self.resource.scope) is None
                    and path_fields(self.resource.item_path) <= set(['id']))

    def run(self):
        """The task result: ``{changed: false, <plural>: [...]}``."""
        check_id(self.api, self.resource, self.params)
        wanted_id = self.params.get('id')
        try:
            scope = Scope(self.api.scope(self.resource, self.params) if self.needs_scope() else {})
        except ParentMissing as exc:
            if self.module.check_mode:
                return self.result([])
            raise EngineError(str(exc))
        if self.resource.path_values:
            scope.update(self.resource.path_values(self.params))
        lookup = Lookup(self.api, self.resource, self.params, scope, needs=NEEDS)
        if wanted_id:
            found = lookup.read(wanted_id)
            return self.result([found] if found else [])
        wanted = [(self.resource.read_path(name), self.params[name]) for name in self.filters
                  if self.params.get(name) is not None]
        items = lookup.matching(wanted)
        if self.resource.info_full:
            items = [lookup.read(lookup.id_of(item)) or item for item in items if lookup.id_of(item) is not None]
        return self.result(items)

    def result(self, items):
        hidden = set(self.resource.hidden_result_keys)
        items = [dict((k, v) for k, v in item.items() if k not in hidden) for item in items]
        return {'changed': False, self.resource.plural: items}
