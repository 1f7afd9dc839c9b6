# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parallel runs and lost answers: an object another run created since the lookup is converged, not
failed on; a link or an action whose answer was lost is checked before it is sent again."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.devopness import DevopnessAPI
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import DAEMON, VARIABLE
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, deployed, run_engine

VARIABLES = '/variables/application/7'
DAEMONS = '/environments/5/daemons'
FIELDS = dict(id=3, name='w', command='run', process_count=1, run_as_user='devopness', working_directory=None,
              servers=[])


class SlowerThanAnotherRun(MemoryAPI):
    """The first create finds the key taken: another run created the object after this one looked."""

    def __init__(self, other):
        super(SlowerThanAnotherRun, self).__init__(scope={'resource_type': 'application', 'resource_id': 7})
        self.other = other

    def create(self, path, payload):
        if self.other:
            self.add(path, **self.other)
            self.other = None
            self.writes.append(('POST', path, payload))
            raise ApiError('The key has already been taken.', status=422, method='POST', path=path,
                           errors={'key': ['The key has already been taken.']})
        return super(SlowerThanAnotherRun, self).create(path, payload)

    def item_path(self, collection, obj_id):
        return '/variables/%s' % obj_id


def test_a_key_taken_by_another_run_is_converged_instead_of_failing():
    api = SlowerThanAnotherRun(dict(id=9, key='TZ', value='UTC', target='os-env-var', type='variable', hidden=False))
    result = run_engine(api, VARIABLE, dict(key='TZ', value='Europe/Berlin', target='os-env-var'))
    assert not result['_failed'] and result['changed']
    assert [w[0] for w in api.writes] == ['POST', 'PUT']
    assert api.writes[1][1] == '/variables/9' and api.writes[1][2]['value'] == 'Europe/Berlin'
    assert 'created meanwhile' in result['_warnings'][0]
    assert len(api.collections[VARIABLES]) == 1


def test_the_same_value_from_another_run_is_no_change():
    api = SlowerThanAnotherRun(dict(id=9, key='TZ', value='UTC', target='os-env-var', type='variable', hidden=False))
    result = run_engine(api, VARIABLE, dict(key='TZ', value='UTC', target='os-env-var'))
    assert not result['_failed'] and not result['changed']
    assert [w[0] for w in api.writes] == ['POST']


def test_other_validation_errors_still_fail():
    api = MemoryAPI(scope={'resource_type': 'application', 'resource_id': 7})

    def refuse(path, payload):
        raise ApiError('The value is too long.', status=422, method='POST', path=path, errors={'value': ['too long']})
    api.create = refuse
    result = run_engine(api, VARIABLE, dict(key='TZ', value='x', target='os-env-var'))
    assert result['_failed'] and 'too long' in result['msg']


class LostAnswers(MemoryAPI):
    """POSTs whose answer is lost (HTTP 502) ``lose`` times; ``carried_out`` says whether the server acted."""

    def __init__(self, lose=1, carried_out=True):
        super(LostAnswers, self).__init__(refs={'server': {'web-1': 11}}, action_id=81)
        self.lose = lose
        self.carried_out = carried_out

    def post_action(self, path, body=None):
        if self.lose:
            self.lose -= 1
            if self.carried_out:
                self.act(path)
            self.writes.append(('POST', path, body))
            raise ApiError('Bad Gateway', status=502, method='POST', path=path, maybe_committed=True)
        self.act(path)
        return super(LostAnswers, self).post_action(path, body)

    def act(self, path):
        parts = path.split('/')
        if path.endswith('/link'):
            self.find_path('/daemons/%s' % parts[3])[1]['servers'].append({'id': int(parts[5]), 'hostname': 'web-1'})
        elif path.endswith('/deploy'):
            self.find_path('/daemons/%s' % parts[2])[1]['last_action'] = dict(
                id=81, type='deploy', status='pending', created_at=self.now())

    def started_action(self, path, before, after):
        return DevopnessAPI.started_action(self, path, before, after)


def test_a_link_whose_answer_was_lost_but_made_is_not_sent_again():
    api = LostAnswers()
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', servers=['web-1'], deploy=False))
    assert not result['_failed'] and result['changed']
    assert [w[1] for w in api.writes] == ['/resource-links/daemon/3/server/11/link']
    assert 'the link was found made' in result['_warnings'][0]


def test_a_link_whose_answer_was_lost_and_not_made_is_sent_again():
    api = LostAnswers(carried_out=False)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', servers=['web-1'], deploy=False))
    assert not result['_failed'], result['msg']
    assert [w[1] for w in api.writes] == ['/resource-links/daemon/3/server/11/link'] * 2


def test_a_deploy_whose_answer_was_lost_is_adopted_not_sent_twice():
    api = LostAnswers()
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert not result['_failed'] and result['changed']
    assert [w[1] for w in api.writes] == ['/daemons/3', '/daemons/3/deploy']
    assert api.awaited == [81]
    assert 'the action it started was found' in result['_warnings'][0]


def test_a_deploy_that_started_nothing_is_sent_again():
    api = LostAnswers(carried_out=False)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert not result['_failed']
    assert [w[1] for w in api.writes] == ['/daemons/3', '/daemons/3/deploy', '/daemons/3/deploy']


def test_lost_answers_stop_after_five_attempts():
    api = LostAnswers(lose=7, carried_out=False)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', command='run2'))
    assert result['_failed'] and result['changed']
    assert [w[1] for w in api.writes].count('/daemons/3/deploy') == 5


def test_a_link_lost_four_times_is_made_by_the_fifth_send():
    api = LostAnswers(lose=4, carried_out=False)
    api.add(DAEMONS, **deployed(**FIELDS))
    result = run_engine(api, DAEMON, dict(name='w', servers=['web-1'], deploy=False))
    assert not result['_failed'], result['msg']
    assert [w[1] for w in api.writes] == ['/resource-links/daemon/3/server/11/link'] * 5


class RacedByAnotherRun(MemoryAPI):
    """Another run creates the same daemon (with a lower id when ``other_first``) between this run's
    lookup and its create: names the API does not keep unique end up twice."""

    def __init__(self, other_first=True):
        super(RacedByAnotherRun, self).__init__(refs={'server': {'web-1': 11}})
        self.other_first = other_first
        self.collections[DAEMONS] = []

    def create(self, path, payload):
        other = dict(payload, servers=[], process_count=1)
        if self.other_first:
            self.add(path, **other)
        made = super(RacedByAnotherRun, self).create(path, payload)
        if not self.other_first:
            self.add(path, **other)
        return made


#: a daemon as if Devopness did not keep its name unique, so that two runs can both create it
TWINNABLE_DAEMON = DAEMON.variant(key_kept_unique=False)


def create_daemon_w(api, resource=TWINNABLE_DAEMON):
    """Run the task creating daemon ``w`` (no deploy); its result, which must not be a failure."""
    result = run_engine(api, resource, dict(name='w', command='run', process_count=1, run_as_user='devopness',
                                            deploy=False))
    assert not result['_failed'], result['msg']
    return result


def test_the_later_of_two_twins_created_at_once_deletes_its_own_and_converges_the_earlier():
    api = RacedByAnotherRun(other_first=True)
    result = create_daemon_w(api)
    assert [w[:2] for w in api.writes] == [('POST', DAEMONS), ('DELETE', '/daemons/101')]
    assert [d['id'] for d in api.collections[DAEMONS]] == [100]
    assert result['daemon']['id'] == 100
    assert 'another run created the same daemon' in result['_warnings'][0]


def test_the_earlier_of_two_twins_keeps_its_own():
    api = RacedByAnotherRun(other_first=False)
    result = create_daemon_w(api)
    assert api.write_methods() == ['POST']
    assert result['daemon']['id'] == 100 and result['changed']


def test_a_key_the_api_keeps_unique_is_not_listed_again_after_the_create():
    api = MemoryAPI(refs={'server': {'web-1': 11}})
    api.collections[DAEMONS] = []
    assert DAEMON.key_kept_unique
    create_daemon_w(api, DAEMON)
    assert api.read_paths().count(DAEMONS) == 1, 'listed once, to find it; a twin would have been refused'
    twinnable = MemoryAPI(refs={'server': {'web-1': 11}})
    twinnable.collections[DAEMONS] = []
    create_daemon_w(twinnable)
    assert twinnable.read_paths().count(DAEMONS) == 2, 'listed again after the create, to look for a twin'


class RacedWithUuids(RacedByAnotherRun):
    """The same race on objects named by a UUID (as DeployHQ names them): the UUIDs say nothing about
    which came first, only the integer ``id`` the API also returns does."""

    id_field = 'identifier'

    def add(self, collection, **obj):
        obj = super(RacedWithUuids, self).add(collection, **obj)
        obj['identifier'] = 'uuid-%d' % (1000 - obj['id'])  # descending: no order to be read from them
        return obj


UUID_DAEMON = TWINNABLE_DAEMON.variant(id_field='identifier', id_kind='uuid', order_field='id')


def test_twins_named_by_uuids_are_told_apart_by_their_order_field():
    api = RacedWithUuids(other_first=True)
    result = create_daemon_w(api, UUID_DAEMON)
    assert [w[:2] for w in api.writes] == [('POST', DAEMONS), ('DELETE', '/daemons/uuid-899')]
    assert [d['identifier'] for d in api.collections[DAEMONS]] == ['uuid-900']
    assert result['daemon']['identifier'] == 'uuid-900'


def test_the_earlier_of_two_twins_named_by_uuids_keeps_its_own():
    api = RacedWithUuids(other_first=False)
    result = create_daemon_w(api, UUID_DAEMON)
    assert api.write_methods() == ['POST']
