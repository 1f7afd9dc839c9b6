# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features for pipelines and hooks, on the real ``PIPELINE`` and ``HOOK`` declarations:
``ChildList`` (an ordered child list such as a pipeline's steps), ``Resource.returned_once`` (a
hook's secret), ``Resource.path_values`` (a hook's type in its paths), ``Resource.info_full``, and
``DevopnessAPI.pipeline_scope``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.children import kept_in_place
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    HOOK, PIPELINE, STEP_OPTIONS)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.resource import resource_argument_spec
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine, run_info

PIPELINES = '/pipelines/application/3'


class PipelineAPI(MemoryAPI):
    """Pipeline 7 of application 3 (unless ``exists`` is false), with steps; lists show pipelines
    without their steps; a step update with ``trigger_after`` moves it like the Devopness API."""

    def __init__(self, steps=(), exists=True):
        super(PipelineAPI, self).__init__(scope={'resource_type': 'application', 'resource_id': 3})
        self.collections[PIPELINES] = []
        if exists:
            self.add(PIPELINES, id=7, name='pipe', operation='deploy', resource_type='application', resource_id=3,
                     steps=[dict(s) for s in steps])

    def item_path(self, collection, obj_id):
        return '/pipelines/%s' % obj_id

    @property
    def steps(self):
        return self.find_path('/pipelines/7')[1]['steps']

    def step(self, path):
        step_id = int(path.split('/')[4])
        return next(s for s in self.steps if s['id'] == step_id)

    def list(self, path, params=None):
        return [dict((k, v) for k, v in item.items() if k != 'steps') for item in super(PipelineAPI, self).list(path, params)]

    def create(self, path, payload):
        if path != '/pipelines/7/steps':
            return super(PipelineAPI, self).create(path, payload)
        self.writes.append(('POST', path, dict(payload)))
        orders = [s['trigger_order'] for s in self.steps]
        step = dict(payload, id=self.next_id, trigger_order=max(orders + [0]) + 1000, is_default_step=False)
        self.next_id += 1
        self.steps.append(step)
        return dict(step), None

    def update(self, path, payload, current):
        if '/steps/' not in path:
            return super(PipelineAPI, self).update(path, payload, current)
        self.writes.append(('PUT', path, dict(payload)))
        assert payload.get('command') and payload.get('runner'), 'the API requires command and runner'
        step = self.step(path)
        assert current['id'] == step['id']
        payload = dict(payload)
        after = payload.pop('trigger_after', None)
        step.update(payload)
        if after is not None:
            others = sorted((s for s in self.steps if s is not step), key=lambda s: s['trigger_order'])
            sequence = [s for s in others if s['trigger_order'] <= after] + [step] + \
                [s for s in others if s['trigger_order'] > after]
            for i, item in enumerate(sequence):
                item['trigger_order'] = (i + 1) * 1000
        return None

    def delete(self, path, params=None):
        if '/steps/' not in path:
            return super(PipelineAPI, self).delete(path, params)
        self.writes.append(('DELETE', path, params))
        assert path.endswith('/unlink')
        self.steps.remove(self.step(path))
        return None

    def names(self):
        return [s['name'] for s in sorted(self.steps, key=lambda s: s['trigger_order'])]


def step(step_id, name, order, command=None, default=False):
    return dict(id=step_id, name=name, command=command or 'run %s' % name, runner='custom', run_as_user='devopness',
                trigger_order=order, is_default_step=default)


def want(*names, **commands):
    return [dict(name=n, command=commands.get(n.replace(' ', '_'), 'run %s' % n), runner='custom', run_as_user=None)
            for n in names]


def run(api, params, **kwargs):
    return run_engine(api, PIPELINE, dict(dict(operation='deploy', name='pipe'), **params), **kwargs)


def test_the_engine_adds_the_child_list_option_with_its_sub_options():
    spec = resource_argument_spec(PIPELINE)
    assert spec['steps'] == dict(type='list', elements='dict', options=STEP_OPTIONS)


def test_children_are_added_in_order():
    api = PipelineAPI()
    result = run(api, dict(steps=want('a', 'b', 'c')))
    assert result['changed'] and not result['_failed']
    assert api.write_methods() == ['POST', 'POST', 'POST']
    assert api.writes[0] == ('POST', '/pipelines/7/steps', {'name': 'a', 'command': 'run a', 'runner': 'custom'})
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
    assert api.write_methods() == ['PUT'] * 4


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
    api = PipelineAPI(exists=False)
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


def test_listing_a_fixed_child_fails_before_writing():
    api = PipelineAPI([step(1, 'clone', 1000, default=True)])
    result = run(api, dict(steps=want('clone')))
    assert result['_failed'] and 'clone' in result['msg'] and result['msg'].startswith('steps:')
    assert api.writes == []


def test_listing_a_name_twice_fails_before_any_request():
    api = PipelineAPI([step(1, 'a', 1000)])
    result = run(api, dict(steps=want('a', 'b', 'a')))
    assert result['_failed'] and result['msg'].startswith('steps:') and "'a' is listed twice" in result['msg']
    assert result['errors'] == {'steps': [result['msg'][len('steps: '):]]}
    assert api.requests() == []


def test_kept_in_place_is_a_longest_increasing_run():
    assert kept_in_place([0, 1, 2]) == {0, 1, 2}
    assert len(kept_in_place([2, 0, 1])) == 2
    assert kept_in_place([]) == set()
    kept = kept_in_place([3, 0, 4, 1, 2])
    assert len(kept) == 3 and [[3, 0, 4, 1, 2][i] for i in sorted(kept)] == [0, 1, 2]


class RenamingAPI(PipelineAPI):
    """Strips the names of the steps it adds, so a step named ``'a '`` never shows under that name."""

    def create(self, path, payload):
        return super(RenamingAPI, self).create(path, dict(payload, name=payload['name'].strip()))


def test_a_child_the_api_does_not_show_after_adding_fails_clearly():
    result = run(RenamingAPI(), dict(steps=want('a ')))
    assert result['_failed'] and "'a '" in result['msg'] and 'not found' in result['msg']


def test_info_full_reads_each_listed_object_for_what_the_list_leaves_out():
    api = PipelineAPI([step(1, 'a', 1000)])
    result = run_info(api, PIPELINE, dict(operation='deploy', name=None))
    assert [s['name'] for s in result['pipelines'][0]['steps']] == ['a']
    assert api.read_paths() == [PIPELINES, '/pipelines/7']


# ---- returned_once and path_values (hooks) --------------------------------------------------

HOOKS = '/pipelines/7/hooks'
NEW_HOOK = '0b6f2d1e-0c5f-4a3e-9a57-4b8f3b0c9d10'
OLD_HOOK = '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d'
TYPES = {'in': 'incoming', 'out': 'outgoing'}


class HookAPI(MemoryAPI):
    """Hooks of pipeline 7, read and updated at ``/hooks/{incoming|outgoing}/{uuid}`` while their
    ``type`` says ``in``/``out``; every answer carries an empty ``secret`` but the create's."""

    def __init__(self, hooks=()):
        super(HookAPI, self).__init__(scope={'pipeline_id': 7})
        for hook in hooks:
            self.add(HOOKS, **hook)

    def hook(self, path):
        dummy, dummy, hook_type, hook_id = path.split('/')
        return next((h for h in self.collections.get(HOOKS, [])
                     if h['id'] == hook_id and TYPES[h['type']] == hook_type), None)

    def list(self, path, params=None):
        return [dict(h, secret='') for h in super(HookAPI, self).list(path, params)]

    def get(self, path):
        self.reads.append(('GET', path, None))
        hook = self.hook(path)
        return dict(hook, secret='') if hook else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        hook = self.add(HOOKS, id=NEW_HOOK, type='in' if path.endswith('incoming') else 'out', **payload)
        return dict(hook, secret='generated-secret'), None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        self.hook(path).update(payload)


def test_returned_once_key_is_a_top_level_result_of_the_create_only():
    api = HookAPI()
    created = run_engine(api, HOOK, dict(type='incoming', name='gh', active=True))
    assert api.writes == [('POST', '/pipelines/7/hooks/incoming', {'name': 'gh', 'active': True})]
    assert created['secret'] == 'generated-secret'
    assert 'secret' not in created['hook'] and 'generated-secret' not in repr(created['diff'])
    again = run_engine(api, HOOK, dict(type='incoming', name='gh', active=True))
    assert not again['changed'] and 'secret' not in again and 'secret' not in again['hook']


def test_path_values_place_the_object_and_find_it_by_id():
    api = HookAPI([dict(id=OLD_HOOK, name='gh', type='out', active=True)])
    run_engine(api, HOOK, dict(type='outgoing', name='gh', active=False))
    assert api.writes == [('PUT', '/hooks/outgoing/%s' % OLD_HOOK, {'name': 'gh', 'active': False})]
    result = run_engine(api, HOOK, dict(id=OLD_HOOK, type='outgoing', name='gh', active=False))
    assert not result['changed'] and result['hook']['id'] == OLD_HOOK
    run_engine(api, HOOK, dict(type='incoming', name='gh', active=False))
    assert api.writes[-1][1] == '/pipelines/7/hooks/incoming', 'another type is another hook'


def test_a_hook_id_must_be_a_uuid():
    api = HookAPI([dict(id=OLD_HOOK, name='gh', type='out', active=True)])
    result = run_engine(api, HOOK, dict(id='7', type='outgoing', state='absent'))
    assert result['_failed'] and result['msg'].startswith('id: must be a UUID')
    assert api.requests() == []


def test_run_info_uses_path_values_and_hides_the_returned_once_secret():
    api = HookAPI([dict(id=OLD_HOOK, name='gh', type='out', active=True, detail='full')])
    result = run_info(api, HOOK, dict(id=OLD_HOOK, type='outgoing', name=None))
    assert result['hooks'] == [dict(id=OLD_HOOK, name='gh', type='out', active=True, detail='full')]
    assert api.read_paths() == ['/hooks/outgoing/%s' % OLD_HOOK]
    result = run_info(api, HOOK, dict(type='outgoing', name=None))
    assert result['hooks'] == [dict(id=OLD_HOOK, name='gh', type='out', active=True, detail='full')]
    assert run_info(api, HOOK, dict(type='incoming', name=None))['hooks'] == []


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


class RacedStepAPI(PipelineAPI):
    """Another run adds the same step just before this run's add."""

    def create(self, path, payload):
        if path == '/pipelines/7/steps' and not any(s['name'] == payload['name'] for s in self.steps):
            self.steps.append(dict(payload, id=self.next_id, trigger_order=1000, is_default_step=False))
            self.next_id += 1
        return super(RacedStepAPI, self).create(path, payload)


def test_a_step_another_run_added_at_the_same_time_is_not_kept_twice():
    api = RacedStepAPI()
    result = run(api, dict(steps=want('a')))
    assert not result['_failed'], result['msg']
    assert api.write_methods() == ['POST', 'DELETE']
    assert api.writes[1][1] == '/pipelines/7/steps/101/unlink'
    assert api.names() == ['a'] and api.steps[0]['id'] == 100


class LostStepAnswers(PipelineAPI):
    """The answer to adding a step is lost ``lose`` times; ``carried_out`` says whether the step was added."""

    def __init__(self, lose=1, carried_out=True):
        super(LostStepAnswers, self).__init__()
        self.lose = lose
        self.carried_out = carried_out

    def create(self, path, payload):
        if path == '/pipelines/7/steps' and self.lose:
            self.lose -= 1
            if self.carried_out:
                super(LostStepAnswers, self).create(path, payload)
            else:
                self.writes.append(('POST', path, dict(payload)))
            raise ApiError('Bad Gateway', status=502, method='POST', path=path, maybe_committed=True)
        return super(LostStepAnswers, self).create(path, payload)


def test_a_step_whose_answer_was_lost_but_added_is_not_added_again():
    api = LostStepAnswers()
    result = run(api, dict(steps=want('a')))
    assert not result['_failed'], result['msg']
    assert api.write_methods() == ['POST'] and api.names() == ['a']
    assert 'was found added' in result['_warnings'][0]


def test_a_step_whose_answer_was_lost_and_not_added_is_sent_again():
    api = LostStepAnswers(lose=2, carried_out=False)
    result = run(api, dict(steps=want('a')))
    assert not result['_failed'], result['msg']
    assert api.write_methods() == ['POST'] * 3 and api.names() == ['a']
