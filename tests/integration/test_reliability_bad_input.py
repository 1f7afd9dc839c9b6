# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input is refused, property-based (hypothesis): every module of ``plugins/modules`` gets
generated arguments with one thing wrong (a wrong type, an out-of-range number, an overlong or
malformed string, a bad choice, an unknown option, a missing required option, a token an HTTP
header cannot carry, a non-positive time budget; unicode throughout). Every run must fail with a
message that names the option, without a traceback, and no write request may reach the sandbox.

The modules run in this process (``main()`` with patched module arguments) against the worker's
sandbox, so some 2,500 runs take well under two minutes. A new platform's modules are picked up
by their file names; their credential options are the ``no_log`` ones of the platform's spec.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import io
import json
import os
import re
import sys

import pytest

from conftest import PLATFORM_PREFIXES, REPO_ROOT, SANDBOX_TOKEN

hypothesis = pytest.importorskip('hypothesis')
from hypothesis import HealthCheck, given, settings  # noqa: E402  pylint: disable=wrong-import-position
from hypothesis import strategies as st  # noqa: E402  pylint: disable=wrong-import-position

from ansible.module_utils import basic  # noqa: E402  pylint: disable=wrong-import-position

MODULES_DIR = os.path.join(REPO_ROOT, 'plugins', 'modules')
MODULES = sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('.py') and not name.startswith('_'))
EXAMPLES_PER_MODULE = 75
MINIMUM_INPUTS = 2000
# A value for each required option, per type, that its own checks accept (overrides by option name).
BASE_VALUES = {'str': 'example-1', 'int': 1, 'bool': True, 'list': [], 'dict': {}, 'path': '/tmp', 'raw': 'x',
               'float': 1.0}
BASE_OVERRIDES = {'id': '1', 'name@devopness_virtual_host': 'shop.example.com', 'version': 'latest',
                  'resource_type': 'application', 'value@devopness_variable': 'x'}
# The options that authenticate to each platform (a module may have other no_log options that are the
# managed object's own secrets, e.g. a DeployHQ server's api_token).
CREDENTIALS = {'devopness': ['api_token'], 'deployhq': ['api_key'], 'deploybot': ['api_token'],
               'dployr': ['api_token']}
ARGUMENT_ERROR = re.compile(r'missing required|one of the following|is required|Unsupported parameters|'
                            r'must be one of|unable to convert|parameters are required|mutually exclusive')
TRACEBACK = re.compile(r'Traceback \(most recent call last\)|\bFile "[^"]+", line \d+')
TEXT = st.text(st.characters(blacklist_categories=('Cs',)), max_size=40)


class _Captured(Exception):
    pass


def import_module(name):
    return importlib.import_module('ansible_collections.deployops.platforms.plugins.modules.%s' % name)


@contextlib.contextmanager
def module_args(args):
    """The module arguments ``AnsibleModule`` reads, as ansible-playbook would hand them over."""
    try:
        from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19 and later
    except ImportError:
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    saved = getattr(basic, '_ANSIBLE_ARGS', None)
    basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode()
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = saved


def module_spec(name):
    """The ``AnsibleModule`` keyword arguments the module builds (caught before it parses anything)."""
    captured = {}
    original = basic.AnsibleModule.__init__

    def spy(self, *args, **kwargs):
        captured.update(kwargs)
        raise _Captured()

    basic.AnsibleModule.__init__ = spy
    try:
        with module_args({}):
            import_module(name).main()
    except _Captured:
        pass
    finally:
        basic.AnsibleModule.__init__ = original
    return captured


def run_module(name, args):
    """Run the module in this process; its JSON result, or ``{'traceback': ...}`` when it raised."""
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        with module_args(args):
            import_module(name).main()
    except SystemExit:
        pass
    except Exception as exc:  # pylint: disable=broad-except
        import traceback
        return {'failed': True, 'msg': 'Traceback (most recent call last): %r' % exc, 'traceback': traceback.format_exc()}
    finally:
        sys.stdout = saved
    text = out.getvalue().strip()
    try:
        return json.loads(text[text.index('{'):])
    except ValueError:
        return {'failed': True, 'msg': 'no JSON result: %r' % text[:500]}


def platform_of(name):
    return next(p for p in sorted(PLATFORM_PREFIXES, key=len, reverse=True) if name.startswith(p + '_'))


class ModuleUnderTest(object):
    """A module, its options and the arguments that pass its checks (``base``)."""

    def __init__(self, name, sandbox):
        self.name = name
        self.kwargs = module_spec(name)
        self.spec = self.kwargs['argument_spec']
        self.platform = platform_of(name)
        self.credentials = [o for o in CREDENTIALS[self.platform] if o in self.spec]
        self.auth = dict((option, SANDBOX_TOKEN) for option in self.credentials)
        self.auth['api_url'] = sandbox.platform_url(self.platform)
        self.base = dict(self.auth)
        for key, value in BASE_OVERRIDES.items():  # options a module checks itself (devopness_variable's value)
            if key.endswith('@' + name):
                self.base[key.split('@', maxsplit=1)[0]] = value
        for option, spec in sorted(self.spec.items()):
            if spec.get('required') and option not in self.base:
                self.base[option] = self.value_for(option, spec)
        for group in self.kwargs.get('required_one_of') or ():
            if not any(option in self.base for option in group):
                self.base[group[0]] = self.value_for(group[0], self.spec[group[0]])
        for group in self.kwargs.get('required_together') or ():
            if any(option in self.base for option in group):
                self.complete(group)
        for option, value, needed in [rule[:3] for rule in self.kwargs.get('required_if') or ()]:
            if self.base.get(option, self.spec[option].get('default')) == value:
                self.complete(needed)
        for option, needed in (self.kwargs.get('required_by') or {}).items():
            if option in self.base:
                self.complete([needed] if isinstance(needed, str) else needed)
        self.fields = {}
        resource = next((value for value in vars(import_module(name)).values()
                         if type(value).__name__ == 'Resource' and hasattr(value, 'fields')), None)
        if resource is not None and not name.endswith('_info'):
            self.fields = dict((f.name, f) for f in resource.fields if f.validate and f.name in self.spec)

    def complete(self, options):
        for option in options:
            self.base.setdefault(option, self.value_for(option, self.spec[option]))

    def value_for(self, option, spec):
        for key in ('%s@%s' % (option, self.name), option):
            if key in BASE_OVERRIDES:
                return BASE_OVERRIDES[key]
        if spec.get('choices'):
            return spec['choices'][0]
        return BASE_VALUES.get(spec.get('type', 'str'), 'x')

    def options(self, *types):
        return sorted(o for o, s in self.spec.items() if s.get('type', 'str') in types and not s.get('choices')
                      and o not in self.auth)

    def mutations(self):
        """``(kind, strategy of (option, args))`` for each kind of bad input that applies here."""
        spec, base = self.spec, self.base
        known = set(spec) | set(a for s in spec.values() for a in s.get('aliases', ()))

        def with_value(option, values):
            return values.map(lambda value: (option, dict(base, **{option: value})))

        # An option named with the token in it is masked in the message, as every no_log value is.
        secrets = [self.auth[option] for option in self.credentials]
        kinds = [('unknown option', TEXT.filter(lambda k: k.strip() and k not in known and not k.startswith('_')
                                                and not any(secret in k for secret in secrets))
                  .map(lambda key: (key, dict(base, **{key: 'x'}))))]
        required = [o for o, s in spec.items() if s.get('required') and o not in self.auth]
        if required:
            kinds.append(('missing required', st.sampled_from(sorted(required)).map(
                lambda option: (option, dict((k, v) for k, v in base.items() if k != option)))))
        for option in self.credentials:
            # inside the value: white space around it is only trimmed
            kinds.append(('unsendable credential', with_value(option, st.tuples(TEXT, st.sampled_from(
                ['\n', '\t', '\x00', u'\u2603', u'\u00e9\u4e2d'])).map(lambda pair: 'tok' + pair[1] + pair[0] + 'en'))))
        for option in ('timeout', 'wait_timeout'):
            if option in spec:
                kinds.append(('non-positive time budget', with_value(option, st.integers(max_value=0))))
        choices = sorted(o for o, s in spec.items() if s.get('choices') and s.get('type', 'str') == 'str')
        if choices:
            kinds.append(('bad choice', st.sampled_from(choices).flatmap(lambda option: with_value(
                option, TEXT.filter(lambda v, o=option: v not in [str(c) for c in spec[o]['choices']])))))
        ints = self.options('int')
        if ints:
            not_a_number = st.one_of(TEXT.filter(lambda v: not re.match(r'^\s*[-+]?\d+(\.0*)?\s*$', v)
                                                 and v.strip().lower().lstrip('+-') not in ('inf', 'infinity')),
                                     # not infinity: ansible-core itself fails on it with a traceback
                                     st.floats(allow_nan=False, allow_infinity=False).filter(
                                         lambda f: not float(f).is_integer()),
                                     # not three items: ansible-core 2.19 reads [sign, digits, exponent]
                                     # as a decimal number (and fails with a traceback on a large one)
                                     st.lists(st.integers(), min_size=1, max_size=2))
            kinds.append(('wrong type (int)', st.sampled_from(ints).flatmap(lambda o: with_value(o, not_a_number))))
        bools = self.options('bool')
        if bools:
            not_a_bool = st.one_of(TEXT.filter(lambda v: v.strip().lower() not in BOOLEAN_WORDS),
                                   st.integers(min_value=2), st.lists(st.booleans(), min_size=1, max_size=2))
            kinds.append(('wrong type (bool)', st.sampled_from(bools).flatmap(lambda o: with_value(o, not_a_bool))))
        dicts = self.options('dict')
        if dicts:
            kinds.append(('wrong type (dict)', st.sampled_from(dicts).flatmap(lambda o: with_value(
                o, st.one_of(st.integers(), st.lists(st.integers(), min_size=1, max_size=3))))))
        lists = sorted(o for o in self.options('list') if spec[o].get('elements') in ('dict', 'int'))
        if lists:
            kinds.append(('wrong element type', st.sampled_from(lists).flatmap(lambda o: with_value(
                o, st.lists(st.one_of(st.lists(st.integers(), min_size=1, max_size=2),
                                      TEXT.filter(lambda v: not v.strip().lstrip('-').isdigit() and '=' not in v)),
                            min_size=1, max_size=3)))))
        for option, field in sorted(self.fields.items()):
            typ = spec[option].get('type', 'str')
            if typ == 'int':
                values = st.one_of(st.integers(max_value=-1), st.integers(min_value=65536, max_value=10 ** 12),
                                   st.integers(min_value=0, max_value=65535))
            elif typ == 'str':
                values = st.one_of(TEXT, st.text(min_size=61, max_size=5000))
            else:
                continue
            kinds.append(('out of range or malformed (%s)' % option,
                          with_value(option, values.filter(lambda v, f=field: rejects(f, v)))))
        return kinds


BOOLEAN_WORDS = {'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f', '1.0', '0.0'}


def rejects(field, value):
    """True when the field's own check refuses ``value`` (or fails on it: the run must show no traceback)."""
    try:
        return bool(field.validate(value))
    except Exception:  # pylint: disable=broad-except
        return True


def check_module(name, module, tried, failures):
    """Run the module on ``EXAMPLES_PER_MODULE`` generated bad inputs; record what went wrong."""
    kinds = module.mutations()
    cases = st.sampled_from(range(len(kinds))).flatmap(lambda i: kinds[i][1].map(lambda case: (kinds[i][0],) + case))

    @settings(max_examples=EXAMPLES_PER_MODULE, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(cases)
    def refused(case):
        kind, option, args = case
        tried[name] = tried.get(name, 0) + 1
        result = run_module(name, args)
        problems = []
        if not result.get('failed'):
            problems.append('it did not fail')
        message = '%s' % result.get('msg', '')
        if option not in message:
            problems.append('the message does not name %r' % option)
        if TRACEBACK.search(message) or result.get('exception') or result.get('traceback'):
            problems.append('traceback')
        if problems and len(failures) < 30:
            failures.append('%s (%s, %r = %r): %s; msg: %s' % (
                name, kind, option, args.get(option), ', '.join(problems), message[:300]))

    refused()  # pylint: disable=no-value-for-parameter


def test_every_module_refuses_generated_bad_input_naming_the_option(sandbox, capsys):
    sandbox.clear_requests()
    tried = {}
    failures = []
    for name in MODULES:
        check_module(name, ModuleUnderTest(name, sandbox), tried, failures)
    total = sum(tried.values())
    writes = [r for r in sandbox.requests() if r['method'] not in ('GET', 'HEAD')]
    with capsys.disabled():
        print('\nbad input: %d generated inputs across %d modules (%s), %d requests reached the sandbox, %d writes'
              % (total, len(tried), ', '.join('%s %d' % (n, c) for n, c in sorted(tried.items())),
                 len(sandbox.requests()), len(writes)))
    assert not failures, '\n'.join(failures)
    assert writes == [], writes[:5]
    assert total >= MINIMUM_INPUTS, tried
