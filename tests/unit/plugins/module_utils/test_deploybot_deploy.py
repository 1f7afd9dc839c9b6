# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``deploybot_deployment``'s decisions against an in-memory DeployBot: what is deployed, what is not,
what check mode and a lost answer do, how the end states are reported."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.deploybot_deploy import deploy
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.tests.unit.fakes import FakeModule

CURRENT = 'a' * 40
NEW = 'b' * 40


class Bot(object):
    """The parts of ``DeployBotAPI`` the deploy logic uses; ``ends`` is the state deployments end in."""

    def __init__(self, ends='success', lose_answer=False):
        self.environment_record = dict(id=2, name='production', repository_id='1', branch_name='main',
                                       current_version=CURRENT, deploy_webhook_url='http://x/webhook/deploy?secret=s')
        self.ends = ends
        self.lose_answer = lose_answer
        self.posts = []
        self.refreshed = []
        self.deployments = []

    def environment(self, ref, repository=None):
        return dict(self.environment_record)

    def repository(self, ref):
        return dict(id=1, name='website', refresh_webhook_url='http://x/webhook/refresh/s')

    def user(self, ref):
        return dict(id=7)

    def refresh_repository(self, repository):
        self.refreshed.append(repository['id'])

    def trigger(self, body):
        self.posts.append(body)
        deployment = dict(id=len(self.posts), state='pending', deployed_version=body.get('deployed_version', 'c' * 40))
        self.deployments.append(deployment)
        if self.lose_answer:
            raise ApiError('Bad Gateway', status=502, method='POST', path='/deployments', maybe_committed=True)
        return dict(deployment)

    def wait_deployment(self, deployment_id, timeout):
        deployment = self.deployments[deployment_id - 1]
        deployment['state'] = self.ends
        if self.ends == 'success':
            self.environment_record['current_version'] = deployment['deployed_version']
        return dict(deployment)

    def get(self, path):
        return dict(self.environment_record)

    def list(self, path, params=None):
        return iter([dict(d) for d in self.deployments])


def run(bot, check_mode=False, **params):
    options = dict(environment='production', repository='website', deployed_version=None, force=False,
                   deploy_from_scratch=None, trigger_notifications=None, skip_build=None, comment=None, user=None,
                   refresh_repository=False, wait=True, wait_timeout=5)
    options.update(params)
    return deploy(FakeModule(options, check_mode=check_mode), bot)


def test_the_version_the_environment_runs_is_not_deployed_again_unless_forced():
    bot = Bot()
    result = run(bot, deployed_version=CURRENT[:8].upper())
    assert not result['changed'] and bot.posts == [] and CURRENT in result['skipped_reason']
    result = run(bot, deployed_version=CURRENT, force=True)
    assert result['changed'] and bot.posts == [{'environment_id': 2, 'deployed_version': CURRENT}]


def test_check_mode_sends_nothing_and_shows_the_body_and_diff():
    bot = Bot()
    result = run(bot, check_mode=True, deployed_version=NEW, comment='x', user='grace', refresh_repository=True)
    assert result['changed'] and bot.posts == [] and bot.refreshed == []
    assert result['would_deploy'] == {'environment_id': 2, 'deployed_version': NEW, 'comment': 'x', 'user_id': 7}
    assert result['diff'] == {'before': {'current_version': CURRENT}, 'after': {'current_version': NEW}}


def test_without_a_version_every_run_deploys_the_branch_and_only_set_options_are_sent():
    bot = Bot()
    result = run(bot, trigger_notifications=False, refresh_repository=True)
    assert result['changed'] and result['refreshed'] and bot.refreshed == [1]
    assert bot.posts == [{'environment_id': 2, 'trigger_notifications': False}]
    assert result['environment']['current_version'] == 'c' * 40
    assert 'deploy_webhook_url' not in result['environment']  # a credential: never returned


def test_a_failed_deployment_fails_with_its_state_and_a_skipped_one_changes_nothing():
    with pytest.raises(EngineError, match='ended failed') as failure:
        run(Bot(ends='failed'), deployed_version=NEW)
    assert failure.value.details['changed'] and failure.value.details['deployment']['state'] == 'failed'
    result = run(Bot(ends='skipped'))
    assert not result['changed'] and 'skipped' in result['skipped_reason'] and 'diff' not in result


def test_without_wait_the_started_deployment_is_returned():
    result = run(Bot(), deployed_version=NEW, wait=False)
    assert result['changed'] and result['deployment']['state'] == 'pending'


def test_a_lost_answer_finds_the_running_deployment_and_never_posts_twice():
    bot = Bot(lose_answer=True)
    result = run(bot, deployed_version=NEW)
    assert len(bot.posts) == 1 and result['deployment']['state'] == 'success'


def test_a_lost_answer_for_the_newest_commit_with_nothing_found_fails_saying_it_may_have_started():
    bot = Bot(lose_answer=True)
    bot.list = lambda path, params=None: iter([])
    with pytest.raises(EngineError, match='may or may not have started'):
        run(bot)
    assert len(bot.posts) == 1


def test_a_lost_answer_that_started_nothing_of_the_version_is_sent_again():
    bot = Bot()
    sent, lost = bot.trigger, []

    def lose_the_first(body):
        if not lost:
            lost.append(body)  # the server never acted on it
            raise ApiError('Bad Gateway', status=502, method='POST', path='/deployments', maybe_committed=True)
        return sent(body)
    bot.trigger = lose_the_first
    result = run(bot, deployed_version=NEW)
    assert len(lost) == 1 and len(bot.posts) == 1 and len(bot.deployments) == 1
    assert result['changed'] and result['deployment']['state'] == 'success'


def test_lost_answers_that_never_start_anything_stop_after_five_attempts():
    bot = Bot(lose_answer=True)
    bot.list = lambda path, params=None: iter([])
    with pytest.raises(EngineError, match=r'after 5 attempts'):
        run(bot, deployed_version=NEW)
    assert len(bot.posts) == 5
