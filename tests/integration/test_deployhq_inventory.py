# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The DeployHQ inventory plugin through real ``ansible-inventory`` runs against seeded sandbox data."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

import inventory_support
from inventory_support import hosts_of, list_inventory

SEED = dict(platform='deployhq', projects=2, servers=3, name_prefix='seed')


def write_config(tmp_path, sandbox, **options):
    defaults = dict(api_url=sandbox.platform_url('deployhq'), username='sandbox@example.com', api_key='sandbox-token')
    return inventory_support.write_config(tmp_path, 'deployhq', **dict(defaults, **options))


def test_lists_every_server_with_connection_vars_and_groups(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox))
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 6
    host = hostvars['seed-1-server-2']
    assert host['deployhq_protocol_type'] == 'ssh'
    assert host['ansible_host'] == host['deployhq_hostname']
    assert host['ansible_port'] == 22
    assert host['ansible_user'] == 'deploy'
    assert host['deployhq_project_name'] == 'seed-project-1'
    assert host['deployhq_project_permalink'] == 'seed-project-1'
    assert len(host['deployhq_project_identifier']) == 36
    assert hosts_of(data, 'deployhq_project_seed_project_1') == ['seed-1-server-1', 'seed-1-server-2',
                                                                 'seed-1-server-3']
    assert len(hosts_of(data, 'deployhq_environment_production')) == 4
    assert len(hosts_of(data, 'deployhq_protocol_ssh')) == 6


def test_one_request_per_list_and_project_filter(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    sandbox.clear_requests()
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, projects=['seed-project-2']))
    assert sorted(data['_meta']['hostvars']) == ['seed-2-server-1', 'seed-2-server-2', 'seed-2-server-3']
    seen = [(r['method'], r['path']) for r in sandbox.requests(platform='deployhq')]
    assert sorted(seen) == [('GET', '/projects'), ('GET', '/projects/seed-project-2/server_groups'),
                            ('GET', '/projects/seed-project-2/servers')]


def test_groups_protocols_and_non_ssh_servers(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)

    def call(method, path, body=None):
        response = sandbox.http.request(method, sandbox.platform_url('deployhq') + path, json=body, timeout=10,
                                        auth=('sandbox@example.com', 'sandbox-token'),
                                        headers={'Accept': 'application/json'})
        assert response.status_code == 200, response.text
        return response.json()

    group = call('POST', '/projects/seed-project-1/server_groups', {'server_group': {'name': 'web'}})
    first = call('GET', '/projects/seed-project-1/servers')[0]
    call('PUT', '/projects/seed-project-1/servers/%s' % first['identifier'],
         {'server': {'protocol_type': 'ssh', 'server_group_identifier': group['identifier']}})
    call('POST', '/projects/seed-project-1/servers', {'server': {
        'name': 'assets', 'protocol_type': 's3', 'bucket_name': 'b', 'access_key_id': 'a', 'secret_access_key': 's'}})
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox))
    assert hosts_of(data, 'deployhq_server_group_web') == ['seed-1-server-1']
    assert hosts_of(data, 'deployhq_protocol_s3') == ['assets']
    assets = data['_meta']['hostvars']['assets']
    assert 'ansible_host' not in assets and 'deployhq_secret_access_key' not in assets
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, protocols=['s3']))
    assert sorted(data['_meta']['hostvars']) == ['assets']


def test_constructable_compose_keyed_groups_hostname_and_filters(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(
        tmp_path, sandbox, hostname='{{ dhq_project_permalink }}-{{ dhq_name }}', hostvars_prefix='dhq_',
        compose={'tier': 'dhq_environment'}, groups={'firsts': "dhq_name.endswith('-1')"},
        keyed_groups=[{'key': 'dhq_environment', 'prefix': 'env'}], filters=["dhq_environment == 'production'"]))
    hostvars = data['_meta']['hostvars']
    assert sorted(hostvars) == ['seed-project-1-seed-1-server-1', 'seed-project-1-seed-1-server-3',
                                'seed-project-2-seed-2-server-1', 'seed-project-2-seed-2-server-3']
    assert hostvars['seed-project-1-seed-1-server-1']['tier'] == 'production'
    assert hosts_of(data, 'firsts') == ['seed-project-1-seed-1-server-1', 'seed-project-2-seed-2-server-1']
    assert len(hosts_of(data, 'env_production')) == 4


def test_servers_sharing_a_name_are_qualified_by_project(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, hostname='{{ deployhq_protocol_type }}'))
    assert sorted(data['_meta']['hostvars'])[:2] == ['ssh.seed-project-1.%s' % h.split('.')[-1]
                                                     for h in sorted(data['_meta']['hostvars'])[:2]]
    result = ansible.run_command(['ansible-inventory', '-i', write_config(
        tmp_path, sandbox, hostname='{{ deployhq_protocol_type }}', hostname_collisions='error'), '--list'])
    assert 'several servers would be the inventory host ssh' in result.stdout + result.stderr


def test_cache_hit_makes_no_request(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    cache_dir = tmp_path / 'cache'
    path = write_config(tmp_path, sandbox, cache=True, cache_plugin='ansible.builtin.jsonfile',
                        cache_connection=str(cache_dir), cache_timeout=3600)
    first, dummy = list_inventory(ansible, path)
    assert len(os.listdir(str(cache_dir))) == 1
    sandbox.clear_requests()
    second, dummy = list_inventory(ansible, path)
    assert second == first
    assert sandbox.requests(platform='deployhq') == []
    third, dummy = list_inventory(ansible, path, '--flush-cache')
    assert third == first and sandbox.requests(platform='deployhq') != []


def test_credentials_from_the_environment_and_a_wrong_key(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    path = tmp_path / 'env.deployhq.yml'
    path.write_text(yaml.safe_dump({'plugin': 'deployops.platforms.deployhq'}))
    data, dummy = list_inventory(ansible, str(path), env={
        'DEPLOYHQ_API_URL': sandbox.platform_url('deployhq'), 'DEPLOYHQ_USERNAME': 'sandbox@example.com',
        'DEPLOYHQ_API_KEY': 'sandbox-token'})
    assert len(data['_meta']['hostvars']) == 6
    result = ansible.run_command(['ansible-inventory', '-i', write_config(tmp_path, sandbox, api_key='WRONG-4711'),
                                  '--list'])
    output = result.stdout + result.stderr
    assert 'api_key (or the DEPLOYHQ_API_KEY environment variable)' in output and 'WRONG-4711' not in output


def test_api_access_restricted_says_so(sandbox, ansible, tmp_path):
    sandbox.http.post(sandbox.url + '/_sandbox/deployhq/settings', json={'api_access_restricted': True}, timeout=10)
    result = ansible.run_command(['ansible-inventory', '-i', write_config(tmp_path, sandbox), '--list'])
    assert 'has no API access (api_access_restricted)' in result.stdout + result.stderr


def test_many_projects_one_request_per_list(sandbox, ansible, tmp_path):
    sandbox.seed(platform='deployhq', projects=40, servers=10)
    sandbox.clear_requests()
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, max_workers=4))
    assert len(data['_meta']['hostvars']) == 400
    seen = sandbox.requests(platform='deployhq')
    assert len(seen) == 1 + 2 * 40 and {r['method'] for r in seen} == {'GET'}
