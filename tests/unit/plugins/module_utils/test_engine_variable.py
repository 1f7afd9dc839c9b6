# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features a variable needs, on the real ``VARIABLE`` declaration: a value that is
write-only only when ``hidden`` (a callable ``write_only``), ``Field.update_from='params'`` (the
update schema requires the value, which the API never returns for a hidden variable), and
``create_default`` for ``type``/``hidden``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import VARIABLE, value_differs
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine

VARIABLES = '/variables/application/7'


class VariableAPI(MemoryAPI):
    """Variables of application 7, read at ``/variables/{id}``; a hidden value reads back as null."""

    def __init__(self, items=()):
        super(VariableAPI, self).__init__(scope={'resource_type': 'application', 'resource_id': 7})
        for item in items:
            self.add(VARIABLES, **item)

    def item_path(self, collection, obj_id):
        return '/variables/%s' % obj_id

    @staticmethod
    def view(obj):
        if obj and obj.get('hidden'):
            obj['value'] = None
        return obj

    def list(self, path, params=None):
        return [self.view(item) for item in super(VariableAPI, self).list(path, params)]

    def get(self, path):
        return self.view(super(VariableAPI, self).get(path))

    def create(self, path, payload):
        obj, job = super(VariableAPI, self).create(path, payload)
        return self.view(obj), job


HIDDEN = dict(id=1, key='TOKEN', value='old-secret', target='os-env-var', type='variable', hidden=True,
              description='a')


def test_create_sends_type_and_hidden_defaults():
    api = VariableAPI()
    result = run_engine(api, VARIABLE, dict(key='A', value='1', target='os-env-var'))
    assert result['changed']
    assert api.writes == [('POST', VARIABLES, {
        'key': 'A', 'value': '1', 'target': 'os-env-var', 'type': 'variable', 'hidden': False})]
    assert api.reads[0] == ('GET', VARIABLES, {'include_virtual_variables': 'false'})


def test_the_created_object_is_not_read_again_when_the_create_answers_it_in_full():
    api = VariableAPI()
    api.create_answers_in_full = True
    result = run_engine(api, VARIABLE, dict(key='A', value='1', target='os-env-var'))
    assert result['variable']['key'] == 'A' and result['variable']['value'] == '1'
    created = result['variable']['id']
    assert '/variables/%s' % created not in api.read_paths()


def test_the_created_object_is_read_again_when_the_create_may_answer_less():
    api = VariableAPI()
    assert not api.create_answers_in_full
    result = run_engine(api, VARIABLE, dict(key='A', value='1', target='os-env-var'))
    assert '/variables/%s' % result['variable']['id'] in api.read_paths()


def test_hidden_value_change_is_neither_a_change_nor_a_write():
    api = VariableAPI([HIDDEN])
    result = run_engine(api, VARIABLE, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True))
    assert not result['changed'] and api.writes == []
    assert 'new-secret' not in repr(result)


def test_hidden_value_is_resent_with_update_secrets_always():
    api = VariableAPI([HIDDEN])
    result = run_engine(api, VARIABLE, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True,
                                            update_secrets='always'))
    assert not result['changed']
    assert api.writes == [('PUT', '/variables/1', {
        'key': 'TOKEN', 'value': 'new-secret', 'target': 'os-env-var', 'type': 'variable', 'hidden': True})]
    assert 'new-secret' not in repr(result)


def test_any_update_of_a_hidden_variable_carries_the_users_value():
    """The API requires ``value`` in every PUT and never returns a hidden one."""
    api = VariableAPI([HIDDEN])
    result = run_engine(api, VARIABLE, dict(key='TOKEN', value='new-secret', target='os-env-var', hidden=True,
                                            description='b'))
    assert result['changed']
    assert result['diff'] == {'before': {'description': 'a'}, 'after': {'description': 'b'}}
    assert api.writes == [('PUT', '/variables/1', {
        'key': 'TOKEN', 'value': 'new-secret', 'target': 'os-env-var', 'type': 'variable', 'hidden': True,
        'description': 'b'})]
    assert 'new-secret' not in repr(result)


def test_visible_value_is_compared_and_updated():
    api = VariableAPI([dict(HIDDEN, hidden=False, value='1')])
    assert not run_engine(api, VARIABLE, dict(key='TOKEN', value='1', target='os-env-var'))['changed']
    result = run_engine(api, VARIABLE, dict(key='TOKEN', value='2', target='os-env-var'))
    assert result['changed'] and result['diff'] == {'before': {'value': '1'}, 'after': {'value': '2'}}
    assert api.writes[-1][2]['value'] == '2'


def test_hidden_variable_without_the_hidden_option_is_not_changed():
    api = VariableAPI([HIDDEN])
    result = run_engine(api, VARIABLE, dict(key='TOKEN', value='other', target='os-env-var'))
    assert not result['changed'] and api.writes == []


def test_the_value_given_for_an_already_hidden_variable_is_masked_in_every_output():
    api = VariableAPI([HIDDEN])
    run_engine(api, VARIABLE, dict(key='TOKEN', value='other', target='os-env-var'))
    assert api.last_module.no_log_values == {'other'}
    api = VariableAPI([dict(HIDDEN, hidden=False, value='shown')])
    run_engine(api, VARIABLE, dict(key='TOKEN', value='shown', target='os-env-var'))
    assert api.last_module.no_log_values == set()


def test_value_differs_only_for_a_visible_value():
    assert not value_differs('x', {'hidden': True, 'value': None})
    assert value_differs('x', {'hidden': False, 'value': 'y'})
    assert not value_differs(1, {'hidden': False, 'value': '1'})
