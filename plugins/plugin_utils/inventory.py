# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the inventory plugins of every platform share: the cache, templated credentials, host variables,
groups, ``compose``/``keyed_groups`` and unique host names.

A platform's plugin subclasses ``PlatformInventory``, sets the class attributes below and implements
``_fetch``: the requests that list its hosts as plain records (dicts that can be cached as JSON), each
with the fields of where it lives merged in. Everything after the fetch is done here from the records,
so a cache hit populates exactly what a live run would, without a request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import contextlib
import re

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19 trusts every template string
    def trust_as_template(value):
        return value


class _Fields(dict):
    """A record for ``str.format_map``: a field the record lacks reads as ``None``, as ``dict.get`` would."""

    def __missing__(self, key):
        return None


class PlatformInventory(BaseInventoryPlugin, Constructable, Cacheable):
    """The inventory plugin of one platform, but for its requests.

    API            the platform's ``PlatformAPI`` class. ``_api`` builds it from ``api_url``, ``account`` where
                   the plugin offers it, and the credentials ``API.credential_options`` names (each of these
                   may be a template, so that vault and extra vars work).
    CREDENTIAL_HOLDER
                   who the credentials belong to, in the warning of a list they may not read (``token``).
    ONLY_IF        ``(option, record field)`` pairs: when the option (a list) is set, a record whose field
                   is not in it is not listed.
    HOST_NAME_FIELD
                   the record field that names a host when the ``hostname`` template is not set.
    QUALIFIERS     record fields that tell hosts of the same name apart: ``hostname_collisions: qualify``
                   appends the first one to every colliding name, then the first two where that still
                   collides, and so on.
    COLLIDING_HOST a ``str.format`` template of the record naming a host in the collision error.
    GROUPED_BY     ``(kind, record field)`` pairs: each host joins ``<group_prefix><kind>_<value>``.

    Options a plugin does not offer (``filters``, ``hostname``, ``hostname_collisions``) are not applied.
    """

    API = None
    CREDENTIAL_HOLDER = 'token'
    ONLY_IF = ()
    HOST_NAME_FIELD = 'name'
    QUALIFIERS = ()
    COLLIDING_HOST = 'server {id}'
    GROUPED_BY = ()

    def verify_file(self, path):
        """A configuration file of the plugin ``deployops.platforms.devopness`` ends in ``devopness.yml``."""
        platform = self.NAME.rsplit('.', 1)[-1]
        return super(PlatformInventory, self).verify_file(path) and path.endswith((platform + '.yml', platform + '.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(PlatformInventory, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        records = None
        if self.get_option('cache') and cache:
            try:
                records = self._cache[cache_key]
            except KeyError:
                records = None
        from_cache = records is not None
        if not from_cache:
            records = self._fetch()
        self._populate(records)
        # A cache hit is not written back: that would reset the cache's expiry.
        if self.get_option('cache') and not from_cache:
            self._cache[cache_key] = records

    # ---- fetching ------------------------------------------------------------------------

    def _fetch(self):
        """Every host of the platform as a plain record."""
        raise NotImplementedError

    def _templated_option(self, name):
        """Options that may be templates, so that vault and extra vars work."""
        value = self.get_option(name)
        if isinstance(value, str) and self.templar.is_template(value):
            self.templar.available_variables = self._vars
            value = self.templar.template(trust_as_template(value))
        return value

    def _api(self):
        credentials = list(zip(self.API.credential_options[::2], self.API.credential_options[1::2]))
        names = [name for name in ('account', 'api_url') if self.has_option(name)] + [name for name, env in credentials]
        params = dict((name, self._templated_option(name)) for name in names)
        for name, env in credentials:
            if not params[name]:
                raise AnsibleError('%s is required (or set %s)' % (name, env))
        params.update(ca_path=self.get_option('ca_path'), validate_certs=self.get_option('validate_certs'),
                      timeout=self.get_option('timeout'),
                      max_workers=self.get_option('max_workers') if self.has_option('max_workers') else None)
        with self._failing_as(None):
            return self.API.from_params(params)

    @contextlib.contextmanager
    def _failing_as(self, message):
        """A failed request fails the run with ``message`` and what the API said (how to fix the credentials
        for HTTP 401 and 403); bad options fail it with their own message."""
        try:
            yield
        except ApiError as exc:
            raise AnsibleError('%s: %s' % (message, self.API.explain(exc)) if message else to_native(exc))
        except EngineError as exc:
            raise AnsibleError(to_native(exc))

    def _list(self, api, path, what):
        """Every item of a list; a list the credentials may not read (HTTP 403) is skipped with a warning."""
        try:
            return [item for item in api.list(path) if item]
        except ApiError as exc:
            if exc.status == 403:
                self.display.warning('skipping %s: the %s may not read it (%s)' % (what, self.CREDENTIAL_HOLDER, exc.message))
                return []
            raise AnsibleError('could not list %s: %s' % (what, self.API.explain(exc)))

    # ---- populating ----------------------------------------------------------------------

    def _optional(self, name, default):
        return self.get_option(name) if self.has_option(name) else default

    def _hostvar_name(self, field):
        """The host variable of a record field, without the prefix."""
        return field

    def _host_name(self, record):
        """A host's name when the ``hostname`` template is not set."""
        return record[self.HOST_NAME_FIELD]

    def _connection_vars(self, record):
        """``ansible_host`` and the like, which override the record's own fields."""
        return {}

    def _populate(self, records):
        prefix = self.get_option('hostvars_prefix')
        group_prefix = self.get_option('group_prefix')
        only_if = [(self.get_option(option), field) for option, field in self.ONLY_IF]
        only_if = [(wanted, field) for wanted, field in only_if if wanted]
        filters = self._optional('filters', [])
        name_template = self._optional('hostname', None)
        listed = []
        for record in records:
            if any(record.get(field) not in wanted for wanted, field in only_if):
                continue
            hostvars = dict((prefix + self._hostvar_name(field), value) for field, value in record.items())
            if filters and not self._passes_filters(filters, hostvars):
                continue
            listed.append((self._templated_host_name(name_template, hostvars, record), record, hostvars))
        strict = self.get_option('strict')
        constructed = self.get_option('compose') or self.get_option('groups') or self.get_option('keyed_groups')
        groups = {}
        for hostname, record, hostvars in self._unique_names(listed):
            self.inventory.add_host(hostname)
            hostvars.update(self._connection_vars(record))
            for key, value in hostvars.items():
                self.inventory.set_variable(hostname, key, value)
            for kind, field in self.GROUPED_BY:
                value = record.get(field)
                if value:
                    name = '%s%s_%s' % (group_prefix, kind, value)
                    if name not in groups:
                        groups[name] = self.inventory.add_group(re.sub(r'[^A-Za-z0-9_]', '_', name))
                    self.inventory.add_child(groups[name], hostname)
            if not constructed:
                continue  # reading every host's variables back costs as much as setting them
            host_vars = self.inventory.get_host(hostname).get_vars()
            self._set_composite_vars(self.get_option('compose'), host_vars, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, hostname, strict=strict)

    def _unique_names(self, listed):
        """``listed`` with host names that are unique: a name several records share is qualified by
        ``QUALIFIERS`` (``hostname_collisions: qualify``) or fails the run (``error``)."""
        counts = collections.Counter(name for name, dummy, dummy in listed)
        colliding = set(name for name, count in counts.items() if count > 1)
        if not colliding or not self.QUALIFIERS:
            return listed
        if self._optional('hostname_collisions', 'qualify') == 'error':
            raise AnsibleError('several servers would be the inventory host %s: %s. Set hostname (a template) or '
                               'hostname_collisions: qualify.' % (', '.join(sorted(colliding)), '; '.join(
                                   self.COLLIDING_HOST.format_map(_Fields(record))
                                   for name, record, dummy in listed if name in colliding)))
        named = list(listed)
        for length in range(1, len(self.QUALIFIERS) + 1):
            counts = collections.Counter(name for name, dummy, dummy in named)
            clash = set(name for name, count in counts.items() if count > 1)
            if not clash:
                break
            named = [('.'.join('%s' % part for part in [base] + [record.get(field) for field in self.QUALIFIERS[:length]]
                               if part not in (None, ''))
                      if name in clash else name, record, hostvars)
                     for (name, record, hostvars), (base, dummy, dummy) in zip(named, listed)]
        return named

    def _passes_filters(self, filters, hostvars):
        for condition in filters:
            self.templar.available_variables = hostvars
            expression = trust_as_template('{%% if %s %%}true{%% else %%}false{%% endif %%}' % condition)
            try:
                if self.templar.template(expression) not in (True, 'true', 'True'):
                    return False
            except Exception as exc:  # pylint: disable=broad-exception-caught
                raise AnsibleError('could not evaluate filter %r: %s' % (condition, to_native(exc)))
        return True

    def _templated_host_name(self, template, hostvars, record):
        if not template:
            return self._host_name(record)
        self.templar.available_variables = hostvars
        return self.templar.template(trust_as_template(template)) or self._host_name(record)


def named(item, wanted, fields):
    """Whether one of the ``fields`` of ``item`` (a name, an id...) is among ``wanted``."""
    wanted = set('%s' % value for value in wanted)
    return any(item.get(field) is not None and '%s' % item.get(field) in wanted for field in fields)
