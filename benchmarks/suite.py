# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmarks of issue 12. Each takes a ``harness.Ansible`` (whose sandbox it resets) and a scale
(``SCALES``), and returns its figures; comparisons are measured in the same run, interleaved, as ratios."""

from __future__ import absolute_import, division, print_function

import json
import math
import os
import subprocess
import sys
import time

from benchmarks.definition import definition, module_tasks
from benchmarks.harness import REPO_ROOT, Figure, SANDBOX_TOKEN, median, python, tool

SCALES = {
    'full': dict(environment='full', rounds=3, variables=200, overhead_tasks=10,
                 inventory=dict(projects=20, environments=5, servers=100), inventory_rounds=3),
    'tiny': dict(environment='tiny', rounds=1, variables=3, overhead_tasks=2,
                 inventory=dict(projects=2, environments=2, servers=3), inventory_rounds=1),
}
PER_PAGE = 100


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else float('nan')


# ---- 2 and 5: the bootstrap role against the same bootstrap written with uri ------------------------

def bootstrap(ansible, scale, quick=False):
    """First run and re-run of the role and of the uri playbook, each from an empty sandbox, interleaved.
    ``quick`` (for the tests): the uri playbook's first run only, then both re-runs on what it made (the role
    then also checks that it made the same environment)."""
    env, resources = definition(SCALES[scale]['environment'])
    variables = {'devopness_environment_definition': env}
    runs = dict(role_first=[], role_rerun=[], uri_first=[], uri_rerun=[])
    playbooks = (('role', 'bootstrap_role.yml'), ('uri', 'bootstrap_uri.yml'))
    for dummy in range(SCALES[scale]['rounds']):
        for name, playbook in playbooks[1:] if quick else playbooks:
            ansible.sandbox.reset()
            ansible.sandbox.latency(ansible.latency_ms)
            runs[name + '_first'].append(ansible.playbook(playbook, extra_vars=variables).check())
            runs[name + '_rerun'].append(ansible.playbook(playbook, extra_vars=variables).check())
        if quick:
            runs['role_first'].append(runs['uri_first'][-1])
            runs['role_rerun'].append(ansible.playbook('bootstrap_role.yml', extra_vars=variables).check())
    rerun = runs['role_rerun'][-1]
    tasks = module_tasks(env)
    if rerun.counts['writes'] or rerun.changed:
        raise AssertionError('the re-run of the role changed something:\n%s' % rerun.stdout[-4000:])
    if runs['uri_rerun'][-1].counts['writes']:
        raise AssertionError('the re-run of the uri playbook wrote:\n%s' % runs['uri_rerun'][-1].stdout[-4000:])
    seconds = dict((name, median([r.seconds for r in values])) for name, values in runs.items())
    figures = [
        Figure('bootstrap_resources', resources, 'resources'),
        Figure('bootstrap_module_tasks', tasks, 'tasks'),
        Figure('role_rerun_requests', rerun.counts['total'], 'requests'),
        Figure('role_rerun_writes', rerun.counts['writes'], 'requests'),
        Figure('role_rerun_distinct_gets', rerun.counts['distinct_gets'], 'requests'),
        Figure('role_rerun_requests_vs_distinct', _ratio(rerun.counts['total'], rerun.counts['distinct_gets']), 'x'),
        Figure('role_rerun_requests_per_task', _ratio(rerun.counts['total'], tasks), 'requests/task'),
        Figure('role_first_requests', runs['role_first'][-1].counts['total'], 'requests'),
        Figure('uri_first_requests', runs['uri_first'][-1].counts['total'], 'requests'),
        Figure('uri_rerun_requests', runs['uri_rerun'][-1].counts['total'], 'requests'),
    ]
    cpu = dict((name, median([r.cpu_seconds for r in values])) for name, values in runs.items())
    for name in ('role_first', 'uri_first', 'role_rerun', 'uri_rerun'):
        figures.append(Figure(name + '_wall', seconds[name], 's'))
    for name in ('role_rerun', 'uri_rerun'):
        figures.append(Figure(name + '_cpu', cpu[name], 's'))
    figures += [
        Figure('bootstrap_first_role_vs_uri', _ratio(seconds['role_first'], seconds['uri_first']), 'x'),
        Figure('bootstrap_rerun_role_vs_uri', _ratio(seconds['role_rerun'], seconds['uri_rerun']), 'x'),
        Figure('bootstrap_rerun_role_vs_uri_cpu', _ratio(cpu['role_rerun'], cpu['uri_rerun']), 'x'),
        Figure('bootstrap_first_role_vs_uri_requests', _ratio(runs['role_first'][-1].counts['total'],
                                                              runs['uri_first'][-1].counts['total']), 'x'),
        Figure('bootstrap_rerun_role_vs_uri_requests', _ratio(rerun.counts['total'],
                                                              runs['uri_rerun'][-1].counts['total']), 'x'),
    ]
    return figures


# ---- 3: 200 variables, one bulk task against a loop and a uri playbook ----------------------------

def _application(ansible):
    """A project, environment, credential and application made through the API; the application's id."""
    box = ansible.sandbox
    project = box.api('POST', '/organizations/1/projects', {'name': 'bench-variables'})
    environment = box.api('POST', '/projects/%s/environments' % project['id'], {'name': 'production', 'type': 'production'})
    credential = box.api('POST', '/organizations/1/credentials', {
        'name': 'bench-variables-github', 'provider_code': 'github', 'provider_type': 'source_provider',
        'active': True, 'settings': {'credential': {'auth_type': 'oauth'}}})
    box.api('POST', '/environments/%s/credentials/%s/link' % (environment['id'], credential['id']))
    application = box.api('POST', '/environments/%s/applications' % environment['id'], {
        'name': 'bench-app', 'repository': 'acme/app', 'credential_id': credential['id'], 'default_branch': 'main',
        'programming_language': 'python', 'framework': 'django', 'engine_version': '3.12'})
    return application['id']


def variables(ansible, scale):
    count = SCALES[scale]['variables']
    ansible.sandbox.reset()
    ansible.sandbox.latency(ansible.latency_ms)
    app_id = _application(ansible)
    wanted = [dict(target='os-env-var', key='VARIABLE_%03d' % i, value='value-%d' % i) for i in range(count)]
    extra = dict(bench_application_id=app_id, bench_variables=wanted)
    first = ansible.playbook('variables_bulk.yml', extra_vars=extra).check()
    runs = dict(bulk=[], loop=[], uri=[])
    for dummy in range(SCALES[scale]['rounds'] if scale == 'tiny' else 1):
        for name in ('bulk', 'loop', 'uri'):
            runs[name].append(ansible.playbook('variables_%s.yml' % name, extra_vars=extra).check())
    for name, values in runs.items():
        if values[-1].counts['writes']:
            raise AssertionError('the unchanged %s run wrote: %s' % (name, values[-1].log))
    seconds = dict((name, median([r.seconds for r in values])) for name, values in runs.items())
    figures = [Figure('variables_count', count, 'variables'),
               Figure('variables_first_bulk_wall', first.seconds, 's'),
               Figure('variables_first_bulk_requests', first.counts['total'], 'requests')]
    for name in ('bulk', 'loop', 'uri'):
        figures += [Figure('variables_rerun_%s_wall' % name, seconds[name], 's'),
                    Figure('variables_rerun_%s_requests' % name, runs[name][-1].counts['total'], 'requests')]
    figures += [Figure('variables_rerun_loop_vs_bulk', _ratio(seconds['loop'], seconds['bulk']), 'x'),
                Figure('variables_rerun_uri_vs_bulk', _ratio(seconds['uri'], seconds['bulk']), 'x')]
    return figures


# ---- 4: one unchanged task against one uri GET, and the import time of the module_utils ----------

IMPORT_PROBE = r'''
import sys, time
sys.path.insert(0, %r)
started = time.perf_counter()
import ansible.module_utils.basic
basic = time.perf_counter() - started
started = time.perf_counter()
from ansible_collections.deployops.platforms.plugins.module_utils import devopness_resources, platform_api
ours = time.perf_counter() - started
print(basic, ours)
'''


def import_times():
    """Seconds to import ``ansible.module_utils.basic`` and then the collection's module_utils (with requests)."""
    runs = []
    for dummy in range(5):
        out = subprocess.run([python(), '-c', IMPORT_PROBE % os.path.join(REPO_ROOT, '.collections')],
                             stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return median([b for b, dummy in runs]), median([o for dummy, o in runs])


def overhead(ansible, scale):
    repeat = SCALES[scale]['overhead_tasks']
    ansible.sandbox.reset()
    ansible.sandbox.latency(ansible.latency_ms)
    ansible.sandbox.api('POST', '/organizations/1/projects', {'name': 'bench-overhead'})
    extra = dict(bench_project='bench-overhead', bench_repeat=repeat)
    runs = dict(project=[], uri=[], empty_project=[], empty_uri=[])
    for dummy in range(SCALES[scale]['rounds']):
        for name in ('project', 'uri'):
            runs[name].append(ansible.playbook('overhead_%s.yml' % name, extra_vars=extra).check())
            # The same playbook with no iteration: what ansible-playbook costs before the first task.
            runs['empty_' + name].append(ansible.playbook('overhead_%s.yml' % name, extra_vars=dict(
                extra, bench_repeat=0)).check())
    per_task = dict((name, max(0.0, (median([r.seconds for r in runs[name]]) - median(
        [r.seconds for r in runs['empty_' + name]])) / repeat)) for name in ('project', 'uri'))
    project_requests = runs['project'][-1].counts['total'] / float(repeat)
    basic, ours = import_times()
    return [
        Figure('task_project_unchanged', per_task['project'], 's/task'),
        Figure('task_uri_get', per_task['uri'], 's/task'),
        Figure('task_project_vs_uri', _ratio(per_task['project'], per_task['uri']), 'x'),
        Figure('task_project_requests', project_requests, 'requests/task'),
        Figure('import_module_basic', basic * 1000, 'ms'),
        Figure('import_module_utils', ours * 1000, 'ms'),
    ]


# ---- 1: the inventory at scale -------------------------------------------------------------------

MEASURE = r'''
import resource, subprocess, sys, time
started = time.monotonic()
with open(sys.argv[1], 'wb') as out:
    rc = subprocess.call(sys.argv[2:], stdout=out)
print(rc, time.monotonic() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0)
'''

FETCH = r'''
import json, sys, time
from ansible.plugins.loader import init_plugin_loader, inventory_loader
init_plugin_loader([%(collections)r])
from ansible.template import Templar
from ansible.parsing.dataloader import DataLoader
plugin = inventory_loader.get('deployops.platforms.devopness')
plugin.set_options(direct=dict(plugin='deployops.platforms.devopness', api_url=%(url)r, api_token=%(token)r,
                               **%(workers)r))
plugin.templar = Templar(loader=DataLoader())
started = time.monotonic()
servers = plugin._fetch()
print(len(servers), time.monotonic() - started)
'''


def _inventory_run(ansible, config, output, *args):
    cmd = [python(), '-c', MEASURE, output, tool('ansible-inventory'), '-i', config, '--list'] + list(args)
    ansible.sandbox.clear_requests()
    proc = subprocess.run(cmd, cwd=REPO_ROOT, env=ansible.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False, timeout=3600)
    rc, seconds, rss = proc.stdout.split()
    if rc != '0':
        raise AssertionError('ansible-inventory failed: %s' % proc.stderr[-3000:])
    return float(seconds), float(rss), ansible.sandbox.requests()


def _fetch(ansible, workers=None):
    """The plugin's fetch alone, with ``workers`` (default: the plugin's ``max_workers``): (hosts, seconds,
    requests)."""
    code = FETCH % dict(collections=os.path.join(REPO_ROOT, '.collections'), url=ansible.sandbox.devopness_url,
                        token=SANDBOX_TOKEN, workers={} if workers is None else dict(max_workers=workers))
    ansible.sandbox.clear_requests()
    out = subprocess.run([python(), '-c', code], cwd=REPO_ROOT, env=ansible.env(), stdout=subprocess.PIPE,
                         universal_newlines=True, check=True, timeout=3600).stdout.split()
    return int(out[0]), float(out[1]), len(ansible.sandbox.requests())


def inventory(ansible, scale):
    shape = SCALES[scale]['inventory']
    ansible.sandbox.reset()
    ansible.sandbox.latency(ansible.latency_ms)
    ansible.sandbox.seed(**shape)
    servers = shape['projects'] * shape['environments'] * shape['servers']

    def pages(n):
        return max(1, int(math.ceil(n / float(PER_PAGE))))

    minimum = pages(shape['projects']) + shape['projects'] * pages(shape['environments']) + (
        shape['projects'] * shape['environments'] * pages(shape['servers']))
    config = os.path.join(ansible.tmp_dir, 'bench.devopness.yml')
    cache_dir = os.path.join(ansible.tmp_dir, 'inventory-cache')
    with open(config, 'w') as handle:
        json.dump(dict(plugin='deployops.platforms.devopness', api_url=ansible.sandbox.devopness_url,
                       api_token=SANDBOX_TOKEN, cache=True, cache_plugin='ansible.builtin.jsonfile',
                       cache_connection=cache_dir, cache_timeout=86400), handle)
    output = os.path.join(ansible.tmp_dir, 'inventory.json')
    live, cached, parallel, sequential = [], [], [], []
    for dummy in range(SCALES[scale]['inventory_rounds']):
        live.append(_inventory_run(ansible, config, output, '--flush-cache'))
        cached.append(_inventory_run(ansible, config, output))
        parallel.append(_fetch(ansible))
        sequential.append(_fetch(ansible, 1))
    with open(output) as handle:
        listed = json.load(handle)
    if len(listed['_meta']['hostvars']) != servers or parallel[-1][0] != servers:
        raise AssertionError('the inventory lists %s hosts, not %s' % (len(listed['_meta']['hostvars']), servers))
    if cached[-1][2]:
        raise AssertionError('a cache hit sent %s requests' % len(cached[-1][2]))
    live_log = live[-1][2]
    distinct = set((r['path'], json.dumps(r.get('query'), sort_keys=True)) for r in live_log)
    host = next(iter(listed['_meta']['hostvars'].values()))
    fetch_parallel = median([f[1] for f in parallel])
    fetch_sequential = median([f[1] for f in sequential])
    return [
        Figure('inventory_servers', servers, 'hosts'),
        Figure('inventory_requests', len(live_log), 'requests'),
        Figure('inventory_requests_minimum', minimum, 'requests'),
        Figure('inventory_requests_fetched_twice', len(live_log) - len(distinct), 'requests'),
        Figure('inventory_live_wall', median([r[0] for r in live]), 's'),
        Figure('inventory_cached_wall', median([r[0] for r in cached]), 's'),
        Figure('inventory_cached_vs_live', _ratio(median([r[0] for r in cached]), median([r[0] for r in live])), 'x'),
        Figure('inventory_cached_requests', len(cached[-1][2]), 'requests'),
        Figure('inventory_fetch_parallel', fetch_parallel, 's'),
        Figure('inventory_fetch_sequential', fetch_sequential, 's'),
        Figure('inventory_fetch_speedup', _ratio(fetch_sequential, fetch_parallel), 'x'),
        Figure('inventory_peak_rss_live', max(r[1] for r in live), 'MB'),
        Figure('inventory_peak_rss_cached', max(r[1] for r in cached), 'MB'),
        Figure('inventory_output', os.path.getsize(output) / 1e6, 'MB'),
        Figure('inventory_hostvars_per_host', len(host), 'variables'),
    ]


BENCHMARKS = (('inventory', inventory), ('bootstrap', bootstrap), ('variables', variables), ('overhead', overhead))


def run(ansible, scale, only=None, emit=None):
    """Every benchmark (or those named in ``only``); ``{name: [figures]}``. ``emit(figure)`` as each is measured."""
    results = {}
    for name, benchmark in BENCHMARKS:
        if only and name not in only:
            continue
        started = time.monotonic()
        results[name] = benchmark(ansible, scale)
        results[name].append(Figure('%s_benchmark_wall' % name, time.monotonic() - started, 's'))
        for figure in results[name]:
            (emit or (lambda f: sys.stdout.write(f.line() + '\n')))(figure)
    return results
