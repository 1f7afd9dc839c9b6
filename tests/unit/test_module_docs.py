# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every option a module accepts is documented (by the module or a doc fragment it extends), every
documented option exists, and the two agree on type, default, choices and required."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.tests.unit.module_docs import argument_spec, documentation, module_names

COMPARED = ('type', 'default', 'choices', 'required', 'elements', 'no_log')


def _disagreements(name, spec, doc, path=''):
    problems = []
    for key in COMPARED:
        if key == 'no_log':
            continue
        have, documented = spec.get(key), doc.get(key)
        if key == 'type':
            have, documented = have or 'str', documented or 'str'
        if key == 'required':
            have, documented = bool(have), bool(documented)
        if key == 'choices' and have is not None and documented is not None:
            have, documented = sorted(have), sorted(documented)
        if have != documented:
            problems.append('%s%s: %s is %r in the argument spec but %r in the docs' % (path, name, key, have, documented))
    if spec.get('options') or doc.get('suboptions'):
        problems.extend(_compare(spec.get('options') or {}, doc.get('suboptions') or {}, path + name + '.'))
    return problems


def _compare(spec_options, doc_options, path=''):
    problems = ['%s%s is accepted but not documented' % (path, name) for name in sorted(set(spec_options) - set(doc_options))]
    problems += ['%s%s is documented but not accepted' % (path, name) for name in sorted(set(doc_options) - set(spec_options))]
    for name in sorted(set(spec_options) & set(doc_options)):
        problems.extend(_disagreements(name, spec_options[name], doc_options[name], path))
    return problems


@pytest.mark.parametrize('module', module_names())
def test_documented_options_are_the_accepted_options(module, monkeypatch):
    spec, dummy = argument_spec(module, monkeypatch)
    doc = documentation(module)
    assert _compare(spec, doc.get('options') or {}) == []


def test_the_comparison_notices_each_kind_of_disagreement():
    spec = {'name': {'type': 'str'}, 'size': {'type': 'int', 'default': 1}, 'mode': {'choices': ['a', 'b']}}
    doc = {'name': {'type': 'str'}, 'color': {'type': 'str'}, 'size': {'type': 'int'}, 'mode': {'choices': ['b', 'a']}}
    assert _compare(spec, doc) == [
        'color is documented but not accepted',
        'size: default is 1 in the argument spec but None in the docs',
    ]
    assert _compare({'extra': {}}, {}) == ['extra is accepted but not documented']
