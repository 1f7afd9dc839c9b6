# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine against an in-memory platform: diff, check mode, create-only and
write-only fields, ambiguous names, lost POST answers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    DeployAction, EngineError, Field, LinkSet, ParentMissing, Resource, ResourceEngine, StateAction, differs)


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


class FakeAPI(object):
    """Stores objects per path; records writes."""

    def __init__(self, items=None, parent_missing=False):
        self.items = dict((item['id'], dict(item)) for item in (items or []))
        self.writes = []
        self.next_id = 100
        self.parent_missing = parent_missing
        self.lose_next_create_answer = False
        self.actions = []

    def scope(self, resource, params):
        if self.parent_missing:
            raise ParentMissing('environment %r was not found' % params.get('environment'))
        return {'environment_id': 5}

    def resolve_ref(self, kind, value, scope):
        return {'cred-a': 1, 'cred-b': 2}[value] if not str(value).isdigit() else int(value)

    def list(self, path, params=None):
        assert path == '/environments/5/things'
        return list(self.items.values()) + [None]

    def get(self, path):
        return dict(self.items[int(path.rsplit('/', 1)[1])]) if int(path.rsplit('/', 1)[1]) in self.items else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        obj = dict(payload, id=self.next_id)
        obj.pop('secret', None)
        self.items[self.next_id] = obj
        self.next_id += 1
        if self.lose_next_create_answer:
            self.lose_next_create_answer = False
            raise ApiError('gateway', status=502, method='POST', path=path, maybe_committed=True)
        return obj, None

    def update(self, path, payload, current):
        self.writes.append(('PUT', path, dict(payload)))
        obj = self.items[current['id']]
        obj.update(dict((k, v) for k, v in payload.items() if k != 'secret'))
        return None

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        del self.items[int(path.rsplit('/', 1)[1])]
        return None

    def post_action(self, path, body=None):
        self.writes.append(('POST', path, body))
        self.items[int(path.split('/')[2])]['status'] = 'running'
        return 9

    def wait_action(self, action_id, timeout):
        self.actions.append(action_id)
        return {'id': action_id, 'status': 'completed'}


THING = Resource(
    name='thing',
    scope='environment',
    list_path='/environments/{environment_id}/things',
    item_path='/things/{id}',
    key=['name'],
    fields=[
        Field('name', required_on_update=True),
        Field('size'),
        Field('credential', api='credential_id', read='credential_id', ref='credential'),
        Field('kind', create_only=True),
        Field('secret', write_only=True),
        Field('tags', unordered=True),
    ],
    states={'started': StateAction('/things/{id}/start', needed=lambda t: t.get('status') != 'running')},
)


def run(api, params, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, THING).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    result['_warnings'] = module.warnings
    return result


def test_create_sends_resolved_refs_and_secret_but_returns_no_secret():
    api = FakeAPI()
    result = run(api, dict(name='a', size=2, credential='cred-b', secret='s3cr3t'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [('POST', '/environments/5/things',
                           {'name': 'a', 'size': 2, 'credential_id': 2, 'secret': 's3cr3t'})]
    assert 'secret' not in result['thing']
    assert 'secret' not in result['diff']['after']
    assert result['diff'] == {'before': {}, 'after': {'name': 'a', 'size': 2, 'credential_id': 2}}


def test_check_mode_create_reports_change_without_writing():
    api = FakeAPI()
    result = run(api, dict(name='a', size=2), check_mode=True)
    assert result['changed']
    assert api.writes == []


def test_unchanged_when_only_set_options_match():
    api = FakeAPI([dict(id=1, name='a', size=2, credential_id=1, kind='x', extra='ignored')])
    result = run(api, dict(name='a', size=2))
    assert not result['changed']
    assert api.writes == []


def test_numeric_strings_and_numbers_compare_equal():
    assert not differs('2', 2)
    assert not differs(True, 'true')
    assert differs('3', 2)
    assert not differs({'a': 1}, {'a': 1, 'b': 2})
    assert not differs(['x', 'y'], ['y', 'x'], unordered=True)
    assert differs(['x', 'y'], ['y', 'x'])


def test_update_sends_changed_fields_plus_required_ones_and_diffs_them():
    api = FakeAPI([dict(id=1, name='a', size=2, credential_id=1, kind='x')])
    result = run(api, dict(name='a', size=3, credential='cred-b'))
    assert result['changed']
    assert api.writes == [('PUT', '/things/1', {'name': 'a', 'size': 3, 'credential_id': 2})]
    assert result['diff'] == {'before': {'size': 2, 'credential': 1}, 'after': {'size': 3, 'credential': 2}}
    assert result['thing']['size'] == 3


def test_check_mode_update_writes_nothing_but_predicts():
    api = FakeAPI([dict(id=1, name='a', size=2)])
    result = run(api, dict(name='a', size=3), check_mode=True)
    assert result['changed'] and api.writes == []
    assert result['diff']['after'] == {'size': 3}


def test_write_only_field_never_reports_a_change_by_itself():
    api = FakeAPI([dict(id=1, name='a', size=2)])
    result = run(api, dict(name='a', secret='new'))
    assert not result['changed']
    assert api.writes == []


def test_update_secrets_always_resends_the_secret_without_reporting_change():
    api = FakeAPI([dict(id=1, name='a', size=2)])
    result = run(api, dict(name='a', secret='new', update_secrets='always'))
    assert not result['changed']
    assert api.writes == [('PUT', '/things/1', {'name': 'a', 'secret': 'new'})]
    assert 'new' not in repr(result)


def test_create_only_change_fails_with_a_clear_message():
    api = FakeAPI([dict(id=1, name='a', kind='x')])
    result = run(api, dict(name='a', kind='y'))
    assert result['_failed']
    assert 'cannot change kind' in result['msg'] and 'recreate' in result['msg']
    assert api.writes == []


def test_create_only_change_recreates_with_recreate_true():
    api = FakeAPI([dict(id=1, name='a', kind='x')])
    result = run(api, dict(name='a', kind='y', recreate=True))
    assert result['changed']
    assert [w[0] for w in api.writes] == ['DELETE', 'POST']
    assert result['thing']['kind'] == 'y'


def test_ambiguous_name_fails_listing_ids():
    api = FakeAPI([dict(id=1, name='a'), dict(id=2, name='a')])
    result = run(api, dict(name='a', size=1))
    assert result['_failed']
    assert 'ids 1, 2' in result['msg']
    assert api.writes == []


def test_find_by_id_allows_rename():
    api = FakeAPI([dict(id=1, name='a')])
    result = run(api, dict(id='1', name='b'))
    assert result['changed'] and api.items[1]['name'] == 'b'


def test_lost_create_answer_is_recovered_without_duplicate():
    api = FakeAPI()
    api.lose_next_create_answer = True
    result = run(api, dict(name='a', size=1))
    assert result['changed'] and not result['_failed']
    assert len([w for w in api.writes if w[0] == 'POST']) == 1
    assert len(api.items) == 1
    assert 'lost' in result['_warnings'][0]


def test_delete_and_delete_again():
    api = FakeAPI([dict(id=1, name='a', size=2)])
    result = run(api, dict(name='a', state='absent'))
    assert result['changed'] and api.items == {}
    assert result['diff']['before'] == {'name': 'a', 'size': 2}
    result = run(api, dict(name='a', state='absent'))
    assert not result['changed']


def test_missing_parent_in_check_mode_predicts_creation():
    api = FakeAPI(parent_missing=True)
    result = run(api, dict(name='a', environment='staging'), check_mode=True)
    assert result['changed'] and not result['_failed']
    result = run(api, dict(name='a', environment='staging'))
    assert result['_failed'] and "environment 'staging' was not found" in result['msg']


def test_state_action_runs_only_when_needed_and_waits():
    api = FakeAPI([dict(id=1, name='a', status='stopped')])
    result = run(api, dict(name='a', state='started'))
    assert result['changed'] and api.writes == [('POST', '/things/1/start', None)] and api.actions == [9]
    result = run(api, dict(name='a', state='started'))
    assert not result['changed']


def test_missing_key_names_the_option():
    result = run(FakeAPI(), dict(size=1))
    assert result['_failed'] and 'name is required' in result['msg']


def test_engine_error_carries_details():
    err = EngineError('x', matches=[1])
    assert err.details == {'matches': [1]}


LINKED = Resource(
    name='thing',
    scope='environment',
    list_path='/environments/{environment_id}/things',
    item_path='/things/{id}',
    fields=[Field('name'), Field('size')],
    links=[LinkSet('servers', ref='server', read='servers', label='hostname',
                   link='/resource-links/thing/{id}/server/{other}/link',
                   unlink='/resource-links/thing/{id}/server/{other}/unlink')],
    deploy=DeployAction('/things/{id}/deploy'),
)


class LinkingAPI(FakeAPI):
    HOSTS = {'web-1': 11, 'web-2': 12, 'web-3': 13}

    def resolve_ref(self, kind, value, scope):
        assert kind == 'server'
        return self.HOSTS[value]

    def post_action(self, path, body=None):
        self.writes.append(('POST', path, body))
        parts = path.split('/')
        if parts[-1] == 'link':
            obj = self.items[int(parts[3])]
            host = dict((v, k) for k, v in self.HOSTS.items())[int(parts[5])]
            obj['servers'] = obj.get('servers', []) + [{'id': int(parts[5]), 'hostname': host}]
            return None
        return 31

    def delete(self, path, params=None):
        if path.endswith('/unlink'):
            self.writes.append(('DELETE', path, params))
            parts = path.split('/')
            obj = self.items[int(parts[3])]
            obj['servers'] = [s for s in obj['servers'] if s['id'] != int(parts[5])]
            return None
        return super(LinkingAPI, self).delete(path, params)


def run_linked(api, params, **kwargs):
    module = FakeModule(dict(dict(deploy=True), **params), **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, LINKED).run()
    return exit_info.value.result


def test_links_reconcile_to_exactly_the_given_list_then_deploy():
    api = LinkingAPI([dict(id=1, name='a', size=1, servers=[{'id': 11, 'hostname': 'web-1'}, {'id': 13, 'hostname': 'web-3'}])])
    result = run_linked(api, dict(name='a', servers=['web-1', 'web-2']))
    assert result['changed']
    assert api.writes == [
        ('POST', '/resource-links/thing/1/server/12/link', None),
        ('DELETE', '/resource-links/thing/1/server/13/unlink', None),
        ('POST', '/things/1/deploy', None),
    ]
    assert result['diff']['before']['servers'] == ['web-1', 'web-3']
    assert result['diff']['after']['servers'] == ['web-1', 'web-2']
    assert api.actions == [31]
    assert sorted(s['hostname'] for s in result['thing']['servers']) == ['web-1', 'web-2']


def test_links_unchanged_means_no_write_and_no_deploy():
    api = LinkingAPI([dict(id=1, name='a', size=1, servers=[{'id': 12, 'hostname': 'web-2'}])])
    result = run_linked(api, dict(name='a', size=1, servers=['web-2']))
    assert not result['changed'] and api.writes == []


def test_links_in_check_mode_report_without_writing():
    api = LinkingAPI([dict(id=1, name='a', servers=[])])
    result = run_linked(api, dict(name='a', servers=['web-3']), check_mode=True)
    assert result['changed'] and api.writes == []


def test_deploy_can_be_turned_off():
    api = LinkingAPI([dict(id=1, name='a', size=1, servers=[])])
    result = run_linked(api, dict(name='a', size=2, deploy=False))
    assert result['changed']
    assert [w[1] for w in api.writes] == ['/things/1']


class MissingServerAPI(LinkingAPI):
    def resolve_ref(self, kind, value, scope):
        if value == 'web-9':
            raise ParentMissing('server %r was not found' % value)
        return super(MissingServerAPI, self).resolve_ref(kind, value, scope)


def test_link_to_a_missing_object_is_predicted_in_check_mode_and_fails_for_real():
    api = MissingServerAPI([dict(id=1, name='a', servers=[])])
    result = run_linked(api, dict(name='a', servers=['web-9']), check_mode=True)
    assert result['changed'] and api.writes == []
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(FakeModule(dict(name='a', servers=['web-9'], deploy=True)), api, LINKED).run()
    assert exit_info.value.failed and "server 'web-9' was not found" in exit_info.value.result['msg']


def test_resource_validate_checks_several_options_before_any_request():
    both = Resource(name='thing', scope='environment', list_path='/environments/{environment_id}/things',
                    item_path='/things/{id}', fields=[Field('name'), Field('size')],
                    validate=lambda p: ('size', 'must be even for a') if p.get('name') == 'a' and p['size'] % 2 else None)
    api = FakeAPI()
    module = FakeModule(dict(name='a', size=3))
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, both).run()
    assert exit_info.value.failed
    assert exit_info.value.result['msg'] == 'size: must be even for a'
    assert api.writes == []
