# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The DeployBot inventory plugin through real ``ansible-inventory`` runs against the sandbox."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

import inventory_support
from inventory_support import hosts_of, list_inventory


def write_config(tmp_path, sandbox, **options):
    defaults = dict(api_url=sandbox.platform_url('deploybot'), api_token='sandbox-readonly-token')
    return inventory_support.write_config(tmp_path, 'deploybot', **dict(defaults, **options))


def test_servers_with_groups_and_host_variables(sandbox, ansible, tmp_path):
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox))
    hostvars = data['_meta']['hostvars']
    # web and assets exist in staging and in production: qualified by environment; app is unique
    assert sorted(hostvars) == ['app', 'assets.production', 'assets.staging', 'web.production', 'web.staging']
    web = hostvars['web.production']
    assert web['deploybot_protocol'] == 'shell'
    assert web['deploybot_post_deploy_hook'] == 'systemctl reload nginx'
    assert web['deploybot_repository_name'] == 'website' and web['deploybot_environment_name'] == 'production'
    assert web['deploybot_environment_branch'] == 'main'
    assert len(web['deploybot_environment_current_version']) == 40
    assert web['deploybot_created_at_iso'].endswith('+00:00')
    assert 'ansible_host' not in web  # the API gives no address
    assert hosts_of(data, 'deploybot_repository_website') == ['assets.production', 'assets.staging',
                                                              'web.production', 'web.staging']
    assert hosts_of(data, 'deploybot_environment_production') == ['app', 'assets.production', 'web.production']
    assert hosts_of(data, 'deploybot_protocol_s3') == ['assets.production', 'assets.staging']
    assert hosts_of(data, 'deploybot_protocol_heroku') == ['app']


def test_filters_constructable_and_every_page(sandbox, ansible, tmp_path):
    sandbox.seed(platform='deploybot', repositories=30, environments=2, servers=1)
    sandbox.clear_requests()
    data, dummy = list_inventory(ansible, write_config(
        tmp_path, sandbox, repositories=['website', 'Seed repository 3'], environments=['production', 'seed-env-2'],
        protocols=['shell', 'ftp'], hostname='{{ db_repository_name }}-{{ db_name }}', hostvars_prefix='db_',
        compose={'ansible_host': "db_name ~ '.example.com'"}, keyed_groups=[{'key': 'db_environment_branch',
                                                                             'prefix': 'branch'}]))
    hostvars = data['_meta']['hostvars']
    assert sorted(hostvars) == ['seed-repo-3-seed-r3-e2-s1', 'website-web']
    assert hostvars['website-web']['ansible_host'] == 'web.example.com'
    assert hosts_of(data, 'branch_main') == ['seed-repo-3-seed-r3-e2-s1', 'website-web']
    log = sandbox.requests(platform='deploybot')
    assert {r['method'] for r in log} == {'GET'} and all('token' not in r['query'] for r in log)
    assert all(r['query'].get('limit') == '50' for r in log)
    assert [r['path'] for r in log].count('/environments') == 2  # 63 environments: two pages


def test_collisions_can_fail_the_run(sandbox, ansible, tmp_path):
    result = ansible.run_command(['ansible-inventory', '-i', write_config(tmp_path, sandbox, hostname_collisions='error'),
                                  '--list'])
    assert 'several servers would be the inventory host' in result.stdout + result.stderr
    assert 'web' in result.stderr


def test_cache_hit_makes_no_request(sandbox, ansible, tmp_path):
    cache_dir = tmp_path / 'cache'
    path = write_config(tmp_path, sandbox, cache=True, cache_plugin='ansible.builtin.jsonfile',
                        cache_connection=str(cache_dir), cache_timeout=3600)
    first, dummy = list_inventory(ansible, path)
    assert sandbox.requests(platform='deploybot')
    assert len(os.listdir(str(cache_dir))) == 1
    sandbox.clear_requests()
    second, dummy = list_inventory(ansible, path)
    assert second == first
    assert sandbox.requests(platform='deploybot') == []
    third, dummy = list_inventory(ansible, path, '--flush-cache')
    assert third == first and sandbox.requests(platform='deploybot')


def test_token_and_account_from_the_environment_and_errors_name_the_options(sandbox, ansible, tmp_path):
    config = tmp_path / 'env.deploybot.yml'
    config.write_text(yaml.safe_dump({'plugin': 'deployops.platforms.deploybot'}))
    data, dummy = list_inventory(ansible, str(config), env={'DEPLOYBOT_API_TOKEN': 'sandbox-token',
                                                            'DEPLOYBOT_API_URL': sandbox.platform_url('deploybot')})
    assert len(data['_meta']['hostvars']) == 5
    result = ansible.run_command(['ansible-inventory', '-i', write_config(tmp_path, sandbox, api_token='bad-token-4711'),
                                  '--list'])
    output = result.stdout + result.stderr
    assert 'HTTP 401' in output and 'DEPLOYBOT_API_TOKEN' in output
    assert 'bad-token-4711' not in output
