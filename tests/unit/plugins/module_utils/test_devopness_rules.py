# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the Devopness documents but checks only on the server is checked before any request: lengths,
ranges, cron fields, addresses and URLs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import (
    APPLICATION, CRON_JOB, DAEMON, HOOK, NETWORK_RULE, SERVER, VIRTUAL_HOST)
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_rules import (
    all_of, between, http_url_problem, ip_address_problem, length, pattern_problem)
from ansible_collections.deployops.platforms.tests.unit.fakes import MemoryAPI, run_engine


@pytest.mark.parametrize('pattern', ['*/5 * * * *', '0 3 * * 1-5', '15,45 0-23/2 1 jan-mar sun', '0 0 ? * mon',
                                     '59 23 31 12 7'])
def test_cron_patterns_the_api_takes(pattern):
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize('pattern, field', [('60 * * * *', 'minute'), ('* 24 * * *', 'hour'), ('* * 0 * *', 'day of month'),
                                            ('* * * 13 *', 'month'), ('* * * * 8', 'day of week'),
                                            ('*/0 * * * *', 'minute'), ('? * * * *', 'minute'), ('* * * foo *', 'month')])
def test_cron_fields_out_of_range_name_the_field(pattern, field):
    assert pattern_problem(pattern).startswith('the %s field' % field)


@pytest.mark.parametrize('pattern', ['@hourly', '* * * *', '0 0 * * * *'])
def test_cron_patterns_need_five_fields(pattern):
    assert pattern_problem(pattern).startswith('must be a 5-field cron expression')


def test_lengths_ranges_addresses_and_urls():
    assert length(3, 5)('abc') is None and length(3, 5)('ab').startswith('must be at least 3')
    assert length(3, 5)('abcdef') == 'must not be longer than 5 characters (it has 6)'
    assert between(1, 99)(99) is None and between(1, 99)(100) == 'must be between 1 and 99 (got 100)'
    assert ip_address_problem('10.0.0.1') is None and ip_address_problem('::1') is None
    assert ip_address_problem('10.0.0.256') and ip_address_problem('web-1')
    assert http_url_problem('https://hooks.example.com/x?y=1') is None and http_url_problem('http://127.0.0.1:3000') is None
    for bad in ('ftp://x', 'javascript:alert(1)', 'example.com', 'http://', 'http://a b'):
        assert http_url_problem(bad), bad
    assert all_of(length(1, 10), http_url_problem)('x' * 11).startswith('must not be longer')


@pytest.mark.parametrize('resource, params, option', [
    (DAEMON, dict(name='w', process_count=100), 'process_count'),
    (DAEMON, dict(name='w', command='x' * 256), 'command'),
    (DAEMON, dict(name='n' * 61), 'name'),
    (CRON_JOB, dict(name='c', pattern='61 * * * *'), 'pattern'),
    (NETWORK_RULE, dict(name='r', port=443), 'name'),
    (NETWORK_RULE, dict(name='rule', port=70000), 'port'),
    (SERVER, dict(hostname='web', ip_address='300.1.1.1'), 'ip_address'),
    (APPLICATION, dict(name='a', deployments_keep=0), 'deployments_keep'),
    (VIRTUAL_HOST, dict(name='www.example.com', application_listen_address='localhost:3000'),
     'application_listen_address'),
    (HOOK, dict(type='outgoing', name='h', target_url='ftp://example.com'), 'target_url'),
])
def test_a_documented_limit_fails_naming_the_option_before_any_request(resource, params, option):
    api = MemoryAPI()
    result = run_engine(api, resource, params)
    assert result['_failed'] and result['msg'].startswith('%s: ' % option), result['msg']
    assert result['errors'] == {option: [result['msg'][len(option) + 2:]]}
    assert api.reads == [] and api.writes == []
