# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a module documents (its DOCUMENTATION with the doc fragments it extends merged in, the way
``ansible-doc`` merges them) and what it accepts (the argument spec it builds), for tests that
compare the two or compare either with a vendor's schema."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import importlib
import os

import yaml

from ansible_collections.deployops.platforms.plugins.module_utils import platform_api

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES_DIR = os.path.join(ROOT, 'plugins', 'modules')
COLLECTION = 'deployops.platforms.'


def module_names(prefix=''):
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR)
                  if name.endswith('.py') and name.startswith(prefix) and not name.startswith('_'))


def resource_module_names(platform):
    """The platform's modules that manage a resource (not its ``_info`` modules)."""
    return [name for name in module_names(platform + '_') if not name.endswith('_info')]


def vendor_document(*parts):
    """Path of a reference document, e.g. ``vendor_document('devopness', 'openapi.json')``: the
    ``shared/reference`` folder is found above the repository (the checkout lives beside it)."""
    here = ROOT
    while True:
        candidate = os.path.join(here, 'shared', 'reference', *parts)
        if os.path.exists(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            raise AssertionError('the vendor document shared/reference/%s was not found' % '/'.join(parts))
        here = parent


def _module_constant(module, name):
    """A section (DOCUMENTATION, EXAMPLES, RETURN) of the module's adjacent YAML documentation file."""
    with open(os.path.join(MODULES_DIR, module + '.yml')) as handle:
        sections = yaml.safe_load(handle)
    if name not in sections:
        raise AssertionError('%s.yml has no %s' % (module, name))
    return sections[name]


def _fragment(slug):
    """The YAML of a fragment slug such as ``deployops.platforms.devopness.IN_ENVIRONMENT``."""
    assert slug.startswith(COLLECTION), 'only this collection\'s fragments are used: %s' % slug
    name, dummy, section = slug[len(COLLECTION):].partition('.')
    fragments = importlib.import_module('ansible_collections.deployops.platforms.plugins.doc_fragments.' + name)
    return yaml.safe_load(getattr(fragments.ModuleDocFragment, section or 'DOCUMENTATION'))


def documentation(module):
    """The module's DOCUMENTATION with its fragments merged: an option the module documents itself
    overrides the keys it sets of the fragment's option (as ``ansible-doc`` does)."""
    doc = copy.deepcopy(_module_constant(module, 'DOCUMENTATION'))
    for slug in doc.pop('extends_documentation_fragment', []):
        fragment = _fragment(slug)
        for key in ('options', 'attributes'):
            merged = copy.deepcopy(fragment.get(key) or {})
            for name, value in (doc.get(key) or {}).items():
                merged[name] = dict(merged.get(name) or {}, **value) if isinstance(value, dict) else value
            if merged:
                doc[key] = merged
        for key in ('notes', 'seealso', 'requirements'):
            if fragment.get(key):
                doc[key] = (doc.get(key) or []) + fragment[key]
    return doc


class _Captured(Exception):
    def __init__(self, argument_spec, kwargs):
        super(_Captured, self).__init__('argument spec captured')
        self.argument_spec = argument_spec
        self.kwargs = kwargs


def argument_spec(module, monkeypatch):
    """``(argument_spec, other AnsibleModule kwargs)`` the module's ``main()`` builds (nothing runs:
    the ``AnsibleModule`` constructor is replaced by one that stops with what it got)."""
    def capture(argument_spec, **kwargs):
        raise _Captured(argument_spec, kwargs)
    monkeypatch.setattr(platform_api, 'AnsibleModule', capture)
    plugin = importlib.import_module('ansible_collections.deployops.platforms.plugins.modules.' + module)
    try:
        plugin.main()
    except _Captured as captured:
        return captured.argument_spec, captured.kwargs
    raise AssertionError('%s.main() built no AnsibleModule' % module)
