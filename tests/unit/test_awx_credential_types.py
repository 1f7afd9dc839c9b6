# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX/AAP credential types in meta/awx/credential_types/ inject exactly what the collection reads.

For each platform, the environment variables a credential of its type injects must be the ones
the platform's modules read (``fallback=(env_fallback, [...])`` in the argument spec each module
really builds), the ones its auth doc fragment documents (``plugins/doc_fragments/<platform>.py``),
and the ones its inventory plugin reads (``env:`` of its options), when that plugin exists.
A platform whose doc fragment does not exist yet is skipped, by name, until it lands.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import importlib
import os
import re

import pytest
import yaml
from jinja2 import Environment, StrictUndefined, meta

from ansible.module_utils import basic

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TYPES_DIR = os.path.join(ROOT, 'meta', 'awx', 'credential_types')
PLATFORMS = ('devopness', 'deployhq', 'deploybot', 'dployr')
# E(NAME) in an option description: how doc fragments name an environment variable.
ENV_MARKUP = re.compile(r'E\(([A-Z][A-Z0-9_]*)\)')


def credential_type(platform):
    with open(os.path.join(TYPES_DIR, platform + '.yml')) as handle:
        return yaml.safe_load(handle)


def injected_env(platform):
    return set(credential_type(platform)['injectors']['env'])


def plugin_docs(path):
    """DOCUMENTATION of a plugin file, parsed, without importing it."""
    with open(path) as handle:
        source = handle.read()
    match = re.search(r"^DOCUMENTATION = r?'''(.*?)'''", source, re.MULTILINE | re.DOTALL)
    assert match, '%s has no DOCUMENTATION' % path
    return yaml.safe_load(match.group(1))


def documented_env(options):
    """Environment variables named by options: their ``env:`` entries and E(...) in descriptions."""
    names = set()
    for option in (options or {}).values():
        names.update(entry['name'] for entry in option.get('env') or [])
        description = option.get('description') or []
        for line in [description] if isinstance(description, str) else description:
            names.update(ENV_MARKUP.findall(line))
        names.update(documented_env(option.get('suboptions')))
    return names


def fragment_env(platform):
    """What plugins/doc_fragments/<platform>.py documents; skip the platform when it is not there yet."""
    path = os.path.join(ROOT, 'plugins', 'doc_fragments', platform + '.py')
    if not os.path.exists(path):
        pytest.skip('%s: platform not in the collection yet (no plugins/doc_fragments/%s.py); '
                    'this check starts as soon as it lands' % (platform, platform))
    module = importlib.import_module('ansible_collections.deployops.platforms.plugins.doc_fragments.' + platform)
    documentation = yaml.safe_load(module.ModuleDocFragment.DOCUMENTATION)
    return documented_env(documentation.get('options'))


class _ArgumentSpecCaptured(Exception):
    def __init__(self, argument_spec):
        super(_ArgumentSpecCaptured, self).__init__('argument spec captured')
        self.argument_spec = argument_spec


def module_argument_spec(name, monkeypatch):
    """The argument spec the module's main() really passes to AnsibleModule (nothing is run)."""
    def capture(self, *args, **kwargs):  # pylint: disable=unused-argument
        raise _ArgumentSpecCaptured(kwargs.get('argument_spec', args[0] if args else None))

    monkeypatch.setattr(basic.AnsibleModule, '__init__', capture)
    module = importlib.import_module('ansible_collections.deployops.platforms.plugins.modules.' + name)
    with pytest.raises(_ArgumentSpecCaptured) as captured:
        module.main()
    return captured.value.argument_spec


def fallback_env(spec):
    """{env var: no_log} for every option (and suboption) with an env_fallback."""
    names = {}
    for option in spec.values():
        fallback = option.get('fallback')
        if fallback and fallback[0] is basic.env_fallback:
            for name in fallback[1]:
                names[name] = bool(option.get('no_log'))
        names.update(fallback_env(option.get('options') or {}))
    return names


def platform_modules(platform):
    paths = glob.glob(os.path.join(ROOT, 'plugins', 'modules', platform + '_*.py'))
    return sorted(os.path.basename(path)[:-3] for path in paths)


def modules_env(platform, monkeypatch):
    """{module: {env var: no_log}} for every module of the platform."""
    return dict((name, fallback_env(module_argument_spec(name, monkeypatch))) for name in platform_modules(platform))


def inventory_env(platform):
    path = os.path.join(ROOT, 'plugins', 'inventory', platform + '.py')
    if not os.path.exists(path):
        return None
    return set(entry['name'] for option in plugin_docs(path)['options'].values() for entry in option.get('env') or [])


def render(template, values):
    return Environment(undefined=StrictUndefined).from_string(template).render(**values)


# --------------------------------------------------------------------------- the files themselves


def test_one_credential_type_per_platform():
    files = sorted(name[:-4] for name in os.listdir(TYPES_DIR) if name.endswith('.yml'))
    assert files == sorted(PLATFORMS)


@pytest.mark.parametrize('platform', PLATFORMS)
def test_credential_type_is_a_valid_awx_cloud_type(platform):
    data = credential_type(platform)
    assert set(data) == {'name', 'description', 'kind', 'inputs', 'injectors'}
    assert data['kind'] == 'cloud'
    fields = data['inputs']['fields']
    ids = [field['id'] for field in fields]
    assert len(ids) == len(set(ids)), 'duplicate input ids'
    for field in fields:
        assert set(field) <= {'id', 'label', 'type', 'secret', 'help_text', 'default', 'multiline', 'choices', 'format'}, field
        assert field['label'] and field['type'] in ('string', 'boolean'), field
    assert set(data['inputs']['required']) <= set(ids)
    assert set(data['injectors']) == {'env'}, 'only environment variables are injected'
    for variable, template in data['injectors']['env'].items():
        assert not variable.startswith('ANSIBLE_'), 'AWX drops injected ANSIBLE_* variables'
        used = meta.find_undeclared_variables(Environment().parse(template))
        assert used and used <= set(ids), '%s uses %s, inputs are %s' % (variable, sorted(used), ids)


@pytest.mark.parametrize('platform', PLATFORMS)
def test_required_inputs_alone_inject_no_empty_variable(platform):
    """AWX renders an input left empty as ''; no variable may end up empty (a module would read '')."""
    data = credential_type(platform)
    values = dict((field_id, 'value-of-%s' % field_id) for field_id in data['inputs']['required'])
    for variable, template in data['injectors']['env'].items():
        rendered = Environment().from_string(template).render(**values)
        assert rendered.strip(), '%s is empty when only the required inputs are given' % variable


@pytest.mark.parametrize('platform', PLATFORMS)
def test_every_input_reaches_a_variable(platform):
    data = credential_type(platform)
    values = dict((field['id'], 'value-of-%s' % field['id']) for field in data['inputs']['fields'])
    rendered = ' '.join(render(template, values) for template in data['injectors']['env'].values())
    for field_id, value in values.items():
        assert value in rendered, 'input %s is never injected' % field_id


# --------------------------------------------------------------------------- agreement with the collection


@pytest.mark.parametrize('platform', PLATFORMS)
def test_injectors_set_exactly_what_the_collection_reads(platform, monkeypatch):
    documented = fragment_env(platform)  # skips a platform that has not landed yet
    per_module = modules_env(platform, monkeypatch)
    assert per_module, '%s has a doc fragment but no module in plugins/modules' % platform
    read_by_modules = set().union(*[set(names) for names in per_module.values()])
    differing = dict((name, sorted(names)) for name, names in per_module.items() if set(names) != read_by_modules)
    assert not differing, 'modules of %s read different variables: %s' % (platform, differing)
    inventory = inventory_env(platform)
    read = read_by_modules | (inventory or set())

    assert injected_env(platform) == read, 'credential type injects %s, the collection reads %s' % (
        sorted(injected_env(platform)), sorted(read))
    assert documented == read_by_modules, 'plugins/doc_fragments/%s.py documents %s, the modules read %s' % (
        platform, sorted(documented), sorted(read_by_modules))
    if inventory is not None:
        assert inventory == read_by_modules, 'inventory plugin reads %s, the modules %s' % (
            sorted(inventory), sorted(read_by_modules))


@pytest.mark.parametrize('platform', PLATFORMS)
def test_secret_inputs_are_the_no_log_options(platform, monkeypatch):
    fragment_env(platform)  # skips a platform that has not landed yet
    data = credential_type(platform)
    secret_fields = set(field['id'] for field in data['inputs']['fields'] if field.get('secret'))
    no_log_vars = set()
    for names in modules_env(platform, monkeypatch).values():
        no_log_vars.update(name for name, no_log in names.items() if no_log)
    fed_by_secret = set(variable for variable, template in data['injectors']['env'].items()
                        if meta.find_undeclared_variables(Environment().parse(template)) & secret_fields)
    assert no_log_vars, '%s: no module option with an env fallback is no_log (where is the token?)' % platform
    assert fed_by_secret == no_log_vars, 'secret inputs feed %s, the no_log options read %s' % (
        sorted(fed_by_secret), sorted(no_log_vars))
