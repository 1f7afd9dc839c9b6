# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features a variable needs: a value that is write-only only when ``hidden`` (a callable
``write_only``), ``Field.update_from='params'`` (the update schema requires the value, which the
API never returns for a hidden variable), and ``create_default`` for ``type``/``hidden``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.engine import Field, Resource, ResourceEngine


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = dict(dict(state='present', id=None, update_secrets='on_create'), **params)
        self.check_mode = check_mode
        self._diff = True

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        pass


class FakeAPI(object):
    """Variables whose ``value`` reads back as null when hidden."""

    def __init__(self, items=()):
        self.items = dict((item['id'], dict(item)) for item in items)
        self.writes = []

    def scope(self, resource, params):
        return {'resource_type': 'application', 'resource_id': 7}

    def view(self, obj):
        obj = dict(obj)
        if obj.get('hidden'):
            obj['value'] = None
        return obj

    def list(self, path, params=None):
        assert params == {'include_virtual_variables': 'false'}
        return [self.view(item) for item in self.items.values()]

    def get(self, path):
        obj = self.items.get(int(path.rsplit('/', 1)[1]))
        return self.view(obj) if obj else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        obj = dict(payload, id=100)
        self.items[100] = obj
        return self.view(obj), None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        self.items[current['id']].update(payload)
        return None


def value_differs(desired, current):
    return not current.get('hidden') and desired != current.get('value')


VARIABLE = Resource(
    name='variable',
    scope='resource',
    list_path='/variables/{resource_type}/{resource_id}',
    item_path='/variables/{id}',
    key=['target', 'key'],
    list_params={'include_virtual_variables': 'false'},
    fields=[
        Field('key', required_on_update=True),
        Field('value', required_on_update=True, update_from='params', compare=value_differs,
              write_only=lambda params: params.get('hidden') is True),
        Field('target', required_on_update=True),
        Field('type', required_on_update=True, create_default='variable'),
        Field('hidden', required_on_update=True, create_default=False),
        Field('description'),
    ],
)

HIDDEN = dict(id=1, key='TOKEN', value='old-secret', target='os-env-var', type='variable', hidden=True,
              description='a')


def run(api, params, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, VARIABLE).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_create_sends_type_and_hidden_defaults():
    api = FakeAPI()
    result = run(api, dict(key='A', value='1', target='os-env-var'))
    assert result['changed']
    assert api.writes == [('POST', '/variables/application/7', {
        'key': 'A', 'value': '1', 'target': 'os-env-var', 'type': 'variable', 'hidden': False})]


def test_hidden_value_change_is_neither_a_change_nor_a_write():
    api = FakeAPI([HIDDEN])
    result = run(api, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True))
    assert not result['changed'] and api.writes == []
    assert 'new-secret' not in repr(result)


def test_hidden_value_is_resent_with_update_secrets_always():
    api = FakeAPI([HIDDEN])
    result = run(api, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True,
                           update_secrets='always'))
    assert not result['changed']
    assert api.writes == [('PUT', '/variables/1', {
        'key': 'TOKEN', 'value': 'new-secret', 'target': 'os-env-var', 'type': 'variable', 'hidden': True})]
    assert 'new-secret' not in repr(result)


def test_any_update_of_a_hidden_variable_carries_the_users_value():
    """The API requires ``value`` in every PUT and never returns a hidden one."""
    api = FakeAPI([HIDDEN])
    result = run(api, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True, description='b'))
    assert result['changed']
    assert result['diff'] == {'before': {'description': 'a'}, 'after': {'description': 'b'}}
    assert api.writes == [('PUT', '/variables/1', {
        'key': 'TOKEN', 'value': 'new-secret', 'target': 'os-env-var', 'type': 'variable', 'hidden': True,
        'description': 'b'})]
    assert 'new-secret' not in repr(result)


def test_visible_value_is_compared_and_updated():
    api = FakeAPI([dict(HIDDEN, hidden=False, value='1')])
    assert not run(api, dict(key='TOKEN', value='1', target='os-env-var'))['changed']
    result = run(api, dict(key='TOKEN', value='2', target='os-env-var'))
    assert result['changed'] and result['diff'] == {'before': {'value': '1'}, 'after': {'value': '2'}}
    assert api.writes[-1][2]['value'] == '2'


def test_hidden_variable_without_the_hidden_option_is_not_changed():
    api = FakeAPI([HIDDEN])
    result = run(api, dict(key='TOKEN', value='other', target='os-env-var'))
    assert not result['changed'] and api.writes == []
