# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The dployr inventory plugin through real ``ansible-inventory`` runs against the sandbox (dployr Base)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import inventory_support
from inventory_support import hosts_of, list_inventory

DPLOYR_TOKEN = 'dpat_' + '5a' * 32


def write_config(tmp_path, sandbox, **options):
    defaults = dict(api_url=sandbox.platform_url('dployr'), api_token=DPLOYR_TOKEN)
    return inventory_support.write_config(tmp_path, 'dployr', **dict(defaults, **options))


def test_instances_are_hosts_grouped_by_cluster_status_role_and_region(sandbox, ansible, tmp_path):
    sandbox.seed(platform='dployr', instances=3)
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, keyed_groups=[
        dict(key='dployr_tag[:4]', prefix='tagstart')]))
    hostvars = data['_meta']['hostvars']
    assert sorted(hostvars) == ['build-1', 'node-1', 'seed-1', 'seed-2', 'seed-3']
    node = hostvars['node-1']
    assert node['ansible_host'] == '192.0.2.10' == node['dployr_address']
    assert node['dployr_cluster_name'] == 'sandbox' and node['dployr_role'] == 'instance'
    assert 'dployr_cluster_id' in node
    assert len(hosts_of(data, 'dployr_cluster_sandbox')) == 5
    assert hosts_of(data, 'dployr_role_build') == ['build-1']
    assert len(hosts_of(data, 'dployr_status_healthy')) == 5
    assert len(hosts_of(data, 'dployr_region_eu_west')) == 5
    assert hosts_of(data, 'tagstart_seed') == ['seed-1', 'seed-2', 'seed-3']


def test_role_filter_and_lists_paged_by_100(sandbox, ansible, tmp_path):
    sandbox.clear_requests()
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, roles=['build']))
    assert sorted(data['_meta']['hostvars']) == ['build-1']
    seen = sandbox.requests(platform='dployr')
    assert [r['path'] for r in seen] == ['/v1/clusters', '/v1/instances']
    assert seen[1]['query']['pageSize'] == '100'


def test_an_unknown_cluster_fails_naming_it(sandbox, ansible, tmp_path):
    path = write_config(tmp_path, sandbox)
    result = ansible.run_command(['ansible-inventory', '-i', path, '--list'], env={
        'DPLOYR_CLUSTER': 'nowhere', 'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1'})
    assert result.rc != 0
    assert 'nowhere' in result.stderr and 'sandbox' in result.stderr


def test_a_bad_token_names_the_option_and_never_shows_it(sandbox, ansible, tmp_path):
    path = write_config(tmp_path, sandbox, api_token='dpat_wrong-token-value')
    result = ansible.run_command(['ansible-inventory', '-i', path, '--list'],
                                 env={'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1'})
    assert result.rc != 0
    assert 'DPLOYR_TOKEN' in result.stderr and 'auth.bad_token' in result.stderr
    assert 'wrong-token-value' not in result.stdout + result.stderr


def test_a_cache_hit_sends_no_request(sandbox, ansible, tmp_path):
    path = write_config(tmp_path, sandbox, cache=True, cache_plugin='ansible.builtin.jsonfile',
                        cache_connection=str(tmp_path / 'cache'), cache_timeout=3600)
    first, dummy = list_inventory(ansible, path)
    assert sandbox.requests(platform='dployr')
    sandbox.clear_requests()
    second, dummy = list_inventory(ansible, path)
    assert sandbox.requests(platform='dployr') == []
    assert sorted(second['_meta']['hostvars']) == sorted(first['_meta']['hostvars'])
