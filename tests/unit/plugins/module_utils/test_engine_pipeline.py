# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features for pipelines and hooks: ``ChildList`` (an ordered child list such as a
pipeline's steps), ``Resource.returned_once`` (a hook's secret), ``Resource.path_values`` (a
hook's type in its paths), ``Resource.info_full``, and ``DevopnessAPI.pipeline_scope``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    ChildList, EngineError, Field, ParentMissing, Resource, ResourceEngine, kept_in_place, resource_argument_spec,
    run_info)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False, diff=True):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        self.warnings.append(text)


class PipelineAPI(object):
    """Pipelines with steps; a step update with ``trigger_after`` moves it like the Devopness API."""

    def __init__(self, steps=(), secret=None):
        self.pipeline = dict(id=7, name='p', operation='deploy', resource_type='application', resource_id=3,
                             steps=[dict(s) for s in steps])
        self.writes = []
        self.next_id = 100
        self.secret = secret

    def scope(self, resource, params):
        return {'resource_type': 'application', 'resource_id': 3}

    def list(self, path, params=None):
        assert path == '/pipelines/application/3'
        summary = dict((k, v) for k, v in self.pipeline.items() if k != 'steps')
        return [summary]

    def get(self, path):
        assert path == '/pipelines/7', path
        return copy.deepcopy(self.pipeline)

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        assert path == '/pipelines/7/steps'
        orders = [s['trigger_order'] for s in self.pipeline['steps']]
        step = dict(payload, id=self.next_id, trigger_order=max(orders + [0]) + 1000, is_default_step=False)
        self.next_id += 1
        self.pipeline['steps'].append(step)
        return dict(step), None

    def step(self, path):
        step_id = int(path.split('/')[4])
        return next(s for s in self.pipeline['steps'] if s['id'] == step_id)

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        assert payload.get('command') and payload.get('runner'), 'the API requires command and runner'
        step = self.step(path)
        assert current['id'] == step['id']
        after = payload.pop('trigger_after', None)
        step.update(payload)
        if after is not None:
            others = sorted((s for s in self.pipeline['steps'] if s is not step), key=lambda s: s['trigger_order'])
            sequence = [s for s in others if s['trigger_order'] <= after] + [step] + \
                [s for s in others if s['trigger_order'] > after]
            for i, item in enumerate(sequence):
                item['trigger_order'] = (i + 1) * 1000
        return None

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        assert path.endswith('/unlink')
        step = self.step(path)
        self.pipeline['steps'].remove(step)
        return None

    def names(self):
        return [s['name'] for s in sorted(self.pipeline['steps'], key=lambda s: s['trigger_order'])]


STEP_OPTIONS = dict(name=dict(type='str', required=True), command=dict(type='str', required=True),
                    runner=dict(type='str', default='custom'), run_as_user=dict(type='str'))

STEPS = ChildList(
    option='steps', options=STEP_OPTIONS, read='steps', key='name', position='trigger_order',
    add='/pipelines/{id}/steps', update='/pipelines/{id}/steps/{child}', remove='/pipelines/{id}/steps/{child}/unlink',
    move=lambda previous: {'trigger_after': previous['trigger_order'] if previous else 0},
    required_on_update=('command', 'runner'), fixed=lambda s: bool(s.get('is_default_step')),
    fixed_result='default_steps', label=('name', 'command'),
)

PIPELINE = Resource(
    name='pipeline', scope='resource', list_path='/pipelines/{resource_type}/{resource_id}',
    item_path='/pipelines/{id}', key=['operation', 'name'],
    fields=[Field('name', required_on_update=True), Field('operation', create_only=True)],
    children=[STEPS],
)


def step(step_id, name, order, command=None, default=False):
    return dict(id=step_id, name=name, command=command or 'run %s' % name, runner='custom', run_as_user='devopness',
                trigger_order=order, is_default_step=default)


def want(*names, **commands):
    return [dict(name=n, command=commands.get(n.replace(' ', '_'), 'run %s' % n), runner='custom', run_as_user=None)
            for n in names]


def run(api, params, resource=PIPELINE, **kwargs):
    module = FakeModule(dict(dict(operation='deploy', name='p'), **params), **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_the_engine_adds_the_child_list_option_with_its_sub_options():
    spec = resource_argument_spec(PIPELINE)
    assert spec['steps'] == dict(type='list', elements='dict', options=STEP_OPTIONS)


def test_children_are_added_in_order():
    api = PipelineAPI()
    result = run(api, dict(steps=want('a', 'b', 'c')))
    assert result['changed'] and not result['_failed']
    assert [w[0] for w in api.writes] == ['POST', 'POST', 'POST']
    assert api.writes[0][2] == {'name': 'a', 'command': 'run a', 'runner': 'custom'}
    assert api.names() == ['a', 'b', 'c']
    assert [s['name'] for s in result['pipeline']['steps']] == ['a', 'b', 'c']
    assert result['diff']['before'] == {'steps': []}
    assert result['diff']['after']['steps'][0] == {'name': 'a', 'command': 'run a', 'runner': 'custom'}
    assert result['default_steps'] == []


def test_matching_children_in_order_change_nothing():
    api = PipelineAPI([step(1, 'a', 1000), step(2, 'b', 2000)])
    result = run(api, dict(steps=want('a', 'b')))
    assert not result['changed']
    assert api.writes == []
    assert result['diff'] == {'before': {}, 'after': {}}


def test_unset_option_leaves_children_alone():
    api = PipelineAPI([step(1, 'a', 1000)])
    result = run(api, dict(steps=None))
    assert not result['changed'] and api.writes == []


def test_reorder_and_remove_moves_only_what_must_move():
    api = PipelineAPI([step(1, 'a', 1000), step(2, 'b', 2000), step(3, 'c', 3000)])
    result = run(api, dict(steps=want('c', 'a')))
    assert result['changed']
    assert api.names() == ['c', 'a']
    assert api.writes[0] == ('DELETE', '/pipelines/7/steps/2/unlink', None)
    moves = [w for w in api.writes if w[0] == 'PUT']
    assert len(moves) == 1
    assert moves[0][2]['trigger_after'] in (0, 3000)
    assert moves[0][2]['command'] and moves[0][2]['runner'] == 'custom'
    assert [s['name'] for s in result['diff']['before']['steps']] == ['a', 'b', 'c']
    assert [s['name'] for s in result['diff']['after']['steps']] == ['c', 'a']


def test_reversal_reaches_the_wanted_order():
    api = PipelineAPI([step(i, n, i * 1000) for i, n in enumerate('abcde', 1)])
    run(api, dict(steps=want(*'edcba')))
    assert api.names() == list('edcba')
    assert len([w for w in api.writes if w[0] == 'PUT']) == 4


def test_first_child_moves_to_first_place_with_zero():
    api = PipelineAPI([step(1, 'a', 1000), step(2, 'b', 2000), step(3, 'c', 3000)])
    run(api, dict(steps=want('c', 'a', 'b')))
    assert api.names() == ['c', 'a', 'b']
    assert [w[2]['trigger_after'] for w in api.writes if w[0] == 'PUT'] == [0]


def test_changed_command_updates_with_required_keys_and_diffs():
    api = PipelineAPI([step(1, 'a', 1000), step(2, 'b', 2000)])
    result = run(api, dict(steps=want('a', 'b', b='echo new command')))
    assert api.writes == [('PUT', '/pipelines/7/steps/2', {'command': 'echo new command', 'runner': 'custom'})]
    assert result['diff']['before'] == {'steps': [{'name': 'a', 'command': 'run a', 'runner': 'custom'},
                                                  {'name': 'b', 'command': 'run b', 'runner': 'custom'}]}
    assert result['diff']['after']['steps'][1] == {'name': 'b', 'command': 'echo new command', 'runner': 'custom'}


def test_check_mode_sends_nothing_but_diffs():
    api = PipelineAPI([step(1, 'a', 1000), step(2, 'b', 2000)])
    result = run(api, dict(steps=want('b', 'c')), check_mode=True)
    assert result['changed'] and api.writes == []
    assert [s['name'] for s in result['diff']['after']['steps']] == ['b', 'c']


def test_check_mode_create_diffs_the_children_without_writing():
    api = PipelineAPI()
    api.list = lambda path, params=None: []
    result = run(api, dict(name='new', steps=want('a')), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff']['before'] == {}
    assert result['diff']['after']['steps'] == [{'name': 'a', 'command': 'run a', 'runner': 'custom'}]


def test_fixed_children_are_left_alone_and_reported():
    api = PipelineAPI([step(1, 'clone', 1000, default=True), step(2, 'a', 1500), step(3, 'build', 2000, default=True)])
    result = run(api, dict(steps=want('b', 'a')))
    assert result['changed']
    assert all('/steps/1' not in w[1] and '/steps/3' not in w[1] for w in api.writes)
    assert [s['name'] for s in result['default_steps']] == ['clone', 'build']
    names = api.names()
    assert names.index('b') < names.index('a')
    assert {'clone', 'build'} <= set(names)
    assert [s['name'] for s in result['diff']['before']['steps']] == ['a']


def test_listing_a_fixed_child_or_a_name_twice_fails_before_writing():
    api = PipelineAPI([step(1, 'clone', 1000, default=True)])
    result = run(api, dict(steps=want('clone')))
    assert result['_failed'] and 'clone' in result['msg'] and result['msg'].startswith('steps:')
    result = run(api, dict(steps=want('a', 'a')))
    assert result['_failed'] and 'twice' in result['msg']
    assert api.writes == []


def test_kept_in_place_is_a_longest_increasing_run():
    assert kept_in_place([0, 1, 2]) == {0, 1, 2}
    assert len(kept_in_place([2, 0, 1])) == 2
    assert kept_in_place([]) == set()
    kept = kept_in_place([3, 0, 4, 1, 2])
    assert len(kept) == 3 and [[3, 0, 4, 1, 2][i] for i in sorted(kept)] == [0, 1, 2]


# ---- returned_once and path_values (hooks) --------------------------------------------------

class HookAPI(object):
    def __init__(self, hooks=()):
        self.hooks = dict((h['id'], dict(h)) for h in hooks)
        self.writes = []

    def scope(self, resource, params):
        return {'pipeline_id': 7}

    def list(self, path, params=None):
        assert path == '/pipelines/7/hooks'
        return [dict(h, secret='') for h in self.hooks.values()]

    def get(self, path):
        hook_type, hook_id = path.split('/')[2:4]
        hook = self.hooks.get(hook_id)
        if hook is None or {'in': 'incoming', 'out': 'outgoing'}[hook['type']] != hook_type:
            return None
        return dict(hook, secret='')

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        hook = dict(payload, id='uuid-1', type='in' if path.endswith('incoming') else 'out')
        self.hooks['uuid-1'] = hook
        return dict(hook, secret='generated-secret'), None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        self.hooks[current['id']].update(payload)


HOOK = Resource(
    name='hook', scope='pipeline', list_path='/pipelines/{pipeline_id}/hooks',
    create_path='/pipelines/{pipeline_id}/hooks/{hook_type}', item_path='/hooks/{hook_type}/{id}',
    key=['type', 'name'], path_values=lambda params: {'hook_type': params.get('type')},
    hidden_result_keys=('secret',), returned_once=('secret',),
    fields=[Field('name', required_on_update=True),
            Field('type', send=False, read=lambda h: {'in': 'incoming', 'out': 'outgoing'}.get(h.get('type'))),
            Field('active')],
)


def test_returned_once_key_is_a_top_level_result_of_the_create_only():
    api = HookAPI()
    created = run(api, dict(type='incoming', name='gh', active=True), resource=HOOK)
    assert api.writes == [('POST', '/pipelines/7/hooks/incoming', {'name': 'gh', 'active': True})]
    assert created['secret'] == 'generated-secret'
    assert 'secret' not in created['hook'] and 'generated-secret' not in repr(created['diff'])
    again = run(api, dict(type='incoming', name='gh', active=True), resource=HOOK)
    assert not again['changed'] and 'secret' not in again and 'secret' not in again['hook']


def test_path_values_place_the_object_and_find_it_by_id():
    api = HookAPI([dict(id='uuid-9', name='gh', type='out', active=True)])
    result = run(api, dict(type='outgoing', name='gh', active=False), resource=HOOK)
    assert api.writes == [('PUT', '/hooks/outgoing/uuid-9', {'name': 'gh', 'active': False})]
    result = run(api, dict(id='uuid-9', type='outgoing', name='gh', active=False), resource=HOOK)
    assert not result['changed']
    result = run(api, dict(type='incoming', name='gh', active=False), resource=HOOK)
    assert api.writes[-1][1] == '/pipelines/7/hooks/incoming', 'another type is another hook'


def test_run_info_uses_path_values_and_info_full():
    api = HookAPI([dict(id='uuid-9', name='gh', type='out', active=True, detail='full')])
    module = FakeModule(dict(id='uuid-9', type='outgoing', name=None))
    with pytest.raises(Exit) as exit_info:
        run_info(module, api, HOOK)
    assert exit_info.value.result['hooks'] == [dict(id='uuid-9', name='gh', type='out', active=True, detail='full')]

    api = PipelineAPI([step(1, 'a', 1000)])
    full = Resource(name='pipeline', scope='resource', list_path='/pipelines/{resource_type}/{resource_id}',
                    item_path='/pipelines/{id}', key=['operation', 'name'], info_full=True)
    module = FakeModule(dict(operation='deploy', name=None))
    with pytest.raises(Exit) as exit_info:
        run_info(module, api, full)
    assert [s['name'] for s in exit_info.value.result['pipelines'][0]['steps']] == ['a']


# ---- DevopnessAPI.pipeline_scope ------------------------------------------------------------

class ListingAPI(DevopnessAPI):
    def __init__(self, pipelines):
        super(ListingAPI, self).__init__(client=None)
        self.pipelines = pipelines
        self.listed = []

    def list(self, path, params=None):
        self.listed.append(path)
        return list(self.pipelines)


def params(**values):
    return dict(dict(pipeline=None, pipeline_operation=None, resource_type=None, resource=None,
                     organization=None, project=None, environment=None), **values)


def test_pipeline_scope_by_id_name_or_operation():
    api = ListingAPI([dict(id=1, name='Deploy app', operation='deploy'), dict(id=2, name='Other', operation='deploy'),
                      dict(id=3, name='Restart', operation='restart')])
    assert api.pipeline_scope(params(pipeline='12')) == {'pipeline_id': 12}
    assert api.pipeline_scope(params()) == {'pipeline_id': None}
    assert api.pipeline_scope(params(pipeline='Other', resource_type='application', resource='5')) == {'pipeline_id': 2}
    assert api.pipeline_scope(params(pipeline_operation='restart', resource_type='application', resource='5')) == {
        'pipeline_id': 3}
    assert api.listed == ['/pipelines/application/5']
    with pytest.raises(EngineError) as exc:
        api.pipeline_scope(params(pipeline_operation='deploy', resource_type='application', resource='5'))
    assert 'more than one pipeline' in str(exc.value) and 'Deploy app (id 1)' in str(exc.value)
    with pytest.raises(ParentMissing):
        api.pipeline_scope(params(pipeline='Nope', resource_type='application', resource='5'))
    with pytest.raises(EngineError) as exc:
        api.pipeline_scope(params(pipeline='Other'))
    assert 'resource_type and resource are required' in str(exc.value)


def test_resource_scope_without_a_resource_leaves_it_unknown():
    api = ListingAPI([])
    assert api.resource_scope(params(resource_type='application')) == {'resource_type': 'application', 'resource_id': None}


def test_a_child_the_api_does_not_show_after_adding_fails_clearly():
    api = PipelineAPI()
    create = api.create

    def renaming_create(path, payload):
        obj, action = create(path, dict(payload, name=payload['name'].strip()))
        return obj, action
    api.create = renaming_create
    result = run(api, dict(steps=want('a ')))
    assert result['_failed'] and "'a '" in result['msg'] and 'not found' in result['msg']
