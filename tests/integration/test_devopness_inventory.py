# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Devopness inventory plugin through real ``ansible-inventory`` runs against seeded sandbox data."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

import yaml

import inventory_support
from inventory_support import hosts_of, list_inventory

SEED = dict(projects=2, environments=2, servers=3, name_prefix='seed')


def write_config(tmp_path, sandbox, **options):
    defaults = dict(api_url=sandbox.devopness_url, api_token='sandbox-token')
    return inventory_support.write_config(tmp_path, 'devopness', **dict(defaults, **options))


def test_lists_every_server_with_vars_and_groups(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox))
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 12
    host = hostvars['seed-p1-e2-s1']
    assert host['devopness_hostname'] == 'seed-p1-e2-s1'
    assert host['ansible_host'] == host['devopness_ip_address']
    assert host['ansible_port'] == 22
    assert host['devopness_project_name'] == 'seed-project-1'
    assert host['devopness_environment_name'] == 'seed-env-2'
    assert host['devopness_status'] == 'running'
    assert hosts_of(data, 'devopness_project_seed_project_1') == sorted(
        'seed-p1-e%d-s%d' % (e, s) for e in (1, 2) for s in (1, 2, 3))
    assert len(hosts_of(data, 'devopness_environment_seed_env_1')) == 6
    assert len(hosts_of(data, 'devopness_environment_type_development')) == 6
    assert len(hosts_of(data, 'devopness_status_running')) == 12
    assert sum(len(hosts_of(data, 'devopness_provider_%s' % p)) for p in ('aws', 'azure', 'digitalocean')) > 0


def test_every_list_is_paged_with_per_page_100(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    sandbox.clear_requests()
    list_inventory(ansible, write_config(tmp_path, sandbox))
    seen = sandbox.requests(platform='devopness')
    assert {r['method'] for r in seen} == {'GET'}
    assert all(r['query'].get('per_page') in ('100', ['100']) for r in seen)
    # one list of projects, one of environments per project, one of servers per environment
    assert len(seen) == 1 + 2 + 4


def test_project_and_environment_filters_skip_the_rest_at_the_api(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    sandbox.clear_requests()
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, projects=['seed-project-2'], environments=['seed-env-1']))
    assert sorted(data['_meta']['hostvars']) == ['seed-p2-e1-s1', 'seed-p2-e1-s2', 'seed-p2-e1-s3']
    paths = [r['path'] for r in sandbox.requests(platform='devopness')]
    assert len([p for p in paths if p.endswith('/environments')]) == 1
    assert len([p for p in paths if p.endswith('/servers')]) == 1


def test_status_provider_and_jinja_filters(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(
        tmp_path, sandbox, providers=['aws'], status=['running'], filters=["devopness_hostname.endswith('-s1')"]))
    hostvars = data['_meta']['hostvars']
    assert hostvars
    assert all(v['devopness_provider_name'] == 'aws' for v in hostvars.values())
    assert all(name.endswith('-s1') for name in hostvars)
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, status=['stopped']))
    assert data['_meta']['hostvars'] == {}


def test_constructable_compose_groups_keyed_groups_and_hostname(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    data, dummy = list_inventory(ansible, write_config(
        tmp_path, sandbox,
        hostname='{{ dvp_project_name }}-{{ dvp_hostname }}',
        compose={'ansible_user': "'deploy'", 'tier': "dvp_environment_type"},
        groups={'first_servers': "dvp_hostname.endswith('-s1')"},
        keyed_groups=[{'key': 'dvp_provider_name', 'prefix': 'cloud'}],
        hostvars_prefix='dvp_', connect_with='hostname'))
    hostvars = data['_meta']['hostvars']
    host = hostvars['seed-project-1-seed-p1-e1-s1']
    assert host['ansible_user'] == 'deploy'
    assert host['tier'] == 'development'
    assert host['ansible_host'] == 'seed-p1-e1-s1'
    assert 'dvp_hostname' in host and 'devopness_hostname' not in host
    assert len(hosts_of(data, 'first_servers')) == 4
    assert any(group.startswith('cloud_') for group in data)


def test_token_and_url_from_templates_and_token_from_environment(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    path = write_config(tmp_path, sandbox, api_token='{{ my_devopness_token }}', api_url='{{ my_devopness_url }}')
    data, dummy = list_inventory(ansible, path, '-e', 'my_devopness_token=sandbox-token', '-e',
                                 'my_devopness_url=%s' % sandbox.devopness_url)
    assert len(data['_meta']['hostvars']) == 12
    config = dict(plugin='deployops.platforms.devopness', api_url=sandbox.devopness_url)
    (tmp_path / 'env.devopness.yml').write_text(yaml.safe_dump(config))
    result = ansible.run_command(['ansible-inventory', '-i', str(tmp_path / 'env.devopness.yml'), '--list'],
                                 env=dict(DEVOPNESS_API_TOKEN='sandbox-token'))
    assert result.rc == 0, result.stderr[-2000:]
    assert len(json.loads(result.stdout)['_meta']['hostvars']) == 12


def test_forbidden_environment_is_a_warning(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    sandbox.faults(error_rate=1.0, statuses=[403], path_prefix='/devopness/environments/1/servers')
    data, result = list_inventory(ansible, write_config(tmp_path, sandbox))
    assert len(data['_meta']['hostvars']) == 9
    assert 'skipping environment seed-env-1' in result.stderr


def test_cache_hit_makes_no_request_and_keeps_the_cache_file(sandbox, ansible, tmp_path):
    sandbox.seed(**SEED)
    cache_dir = tmp_path / 'cache'
    path = write_config(tmp_path, sandbox, cache=True, cache_plugin='ansible.builtin.jsonfile',
                        cache_connection=str(cache_dir), cache_timeout=3600)
    first, dummy = list_inventory(ansible, path)
    cache_files = os.listdir(str(cache_dir))
    assert len(cache_files) == 1
    cache_file = cache_dir / cache_files[0]
    written = cache_file.stat().st_mtime_ns
    sandbox.clear_requests()
    second, dummy = list_inventory(ansible, path)
    assert sandbox.requests(platform='devopness') == []
    assert second['_meta']['hostvars'] == first['_meta']['hostvars']
    assert cache_file.stat().st_mtime_ns == written
    third, dummy = list_inventory(ansible, path, '--flush-cache')
    assert len(sandbox.requests(platform='devopness')) == 7
    assert third['_meta']['hostvars'] == first['_meta']['hostvars']


def test_bad_token_fails_with_the_api_message(sandbox, ansible, tmp_path):
    path = write_config(tmp_path, sandbox, api_token='wrong')
    result = ansible.run_command(['ansible-inventory', '-i', path, '--list'])
    assert 'HTTP 401' in result.stderr
    assert 'check api_token (or the DEVOPNESS_API_TOKEN environment variable)' in ' '.join(result.stderr.split())
    assert 'wrong' not in result.stderr.replace('wrong-', '')


def test_a_thousand_servers_in_one_request_per_list(sandbox, ansible, tmp_path):
    sandbox.seed(projects=10, environments=5, servers=20, name_prefix='big')
    sandbox.clear_requests()
    started = time.monotonic()
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, max_workers=4))
    elapsed = time.monotonic() - started
    assert len(data['_meta']['hostvars']) == 1000
    # 1 list of projects + 10 lists of environments + 50 lists of servers: no request per host
    assert len(sandbox.requests(platform='devopness')) == 61
    assert elapsed < 60, elapsed


def test_servers_sharing_a_name_are_qualified_never_merged(sandbox, ansible, tmp_path):
    sandbox.seed(projects=2, environments=2, servers=1, name_prefix='seed')
    sandbox.seed(projects=1, environments=1, servers=2, name_prefix='twin')
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, hostname='web'))
    hostvars = data['_meta']['hostvars']
    assert len(hostvars) == 6  # one host per server: nothing merged
    names = sorted(hostvars)
    # two environments of each seed project: the environment alone does not tell the projects apart
    assert 'web.seed-env-1.seed-project-1' in names and 'web.seed-env-2.seed-project-2' in names
    # two servers in the same environment of the same project: their ids tell them apart
    twins = [name for name in names if name.startswith('web.twin-env-1.twin-project-1.')]
    assert len(twins) == 2
    for name, variables in hostvars.items():
        assert variables['ansible_host'] == variables['devopness_ip_address'], name
        assert name.split('.')[1] == variables['devopness_environment_name']


def test_a_name_qualified_by_its_environment_when_that_suffices(sandbox, ansible, tmp_path):
    sandbox.seed(projects=1, environments=2, servers=1, name_prefix='seed')
    data, dummy = list_inventory(ansible, write_config(tmp_path, sandbox, hostname='web'))
    assert sorted(data['_meta']['hostvars']) == ['web.seed-env-1', 'web.seed-env-2']


def test_a_name_collision_can_be_made_an_error(sandbox, ansible, tmp_path):
    sandbox.seed(projects=1, environments=2, servers=1, name_prefix='seed')
    path = write_config(tmp_path, sandbox, hostname='web', hostname_collisions='error')
    result = ansible.run_command(['ansible-inventory', '-i', path, '--list'])
    assert 'several servers would be the inventory host web' in result.stderr
    assert 'seed-env-1' in result.stderr and 'seed-env-2' in result.stderr
