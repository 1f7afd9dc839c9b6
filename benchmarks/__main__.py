# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m benchmarks [--scale full|tiny] [--latency-ms N] [--only NAME ...] [--output FILE]``: starts a
sandbox with a steady latency per request, runs the benchmarks, prints one line per figure
(``name value unit``) and writes the report (docs/benchmarks.md by default)."""

from __future__ import absolute_import, division, print_function

import argparse
import datetime
import os
import platform
import sys

from benchmarks import suite
from benchmarks.harness import REPO_ROOT, Ansible, Sandbox

TARGETS = [
    # (figure, comparison, bound, what the issue asks)
    ('inventory_requests_fetched_twice', '==', 0, 'inventory: nothing fetched twice'),
    ('inventory_fetch_speedup', '>=', 8, 'inventory: at least 8x faster than a sequential crawl of the same pages'),
    ('inventory_cached_requests', '==', 0, 'inventory: a cached run makes no request'),
    ('inventory_cached_vs_live', '<', 1, 'inventory: a cache hit faster than a live run'),
    ('role_rerun_writes', '==', 0, 'role re-run: no write'),
    ('role_rerun_requests_vs_distinct', '<=', 1.2, 'role re-run: requests at most 1.2x the distinct ones'),
    ('variables_rerun_loop_vs_bulk', '>=', 20, 'variables: bulk at least 20x faster than the loop'),
    ('variables_rerun_uri_vs_bulk', '>', 1, 'variables: bulk faster than the uri playbook'),
    ('task_project_vs_uri', '<=', 1.3, 'per-task overhead: at most 1.3x a uri GET'),
    ('bootstrap_first_role_vs_uri', '<', 1, 'bootstrap first run: the role faster than uri'),
    ('bootstrap_rerun_role_vs_uri', '<', 1, 'bootstrap re-run: the role faster than uri'),
    ('bootstrap_rerun_role_vs_uri_cpu', '<', 1, 'bootstrap re-run: the role uses less CPU than uri'),
    ('bootstrap_first_role_vs_uri_requests', '<', 1, 'bootstrap first run: the role sends fewer requests than uri'),
    ('bootstrap_rerun_role_vs_uri_requests', '<', 1, 'bootstrap re-run: the role sends fewer requests than uri'),
]
CHECKS = {'==': lambda a, b: a == b, '>=': lambda a, b: a >= b, '<=': lambda a, b: a <= b,
          '<': lambda a, b: a < b, '>': lambda a, b: a > b}

METHOD = """\
## Method

`make bench` (`python -m benchmarks`) starts the sandbox (`python -m sandbox`) on a free loopback port with a
steady latency of {latency} ms on every API request (the sandbox's `latency_ms` fault), then runs real
`ansible-playbook` and `ansible-inventory` from `.venv` against it. Wall times are medians of {rounds} round(s);
the runs that are compared are interleaved in each round, so that drift of the shared machine hits both sides
alike, and every comparison is reported as a ratio. Request counts come from the sandbox's request log.

* **inventory**: `seed` {inventory} (`POST /_sandbox/seed`); `ansible-inventory --list --flush-cache` (live),
  then the same with the `jsonfile` cache warm (cached); the plugin's fetch alone with its default `max_workers`
  (16) against 1 (a sequential crawl of the same pages), both answered by the sandbox from the pages it rendered
  for the first live run (it renders a page once per state). Peak RSS is that of the `ansible-inventory` process.
* **bootstrap**: `benchmarks/playbooks/bootstrap_role.yml` (the `devopness_environment` role) and
  `bootstrap_uri.yml` (the same environment with `ansible.builtin.uri` only: each kind listed once, what is
  missing created, linked and deployed, variables whose value differs updated), each from an empty sandbox, then
  again unchanged. The environment (`benchmarks/definition.py`) holds {resources} resources. The re-runs are
  also compared by CPU time (user and system, of `ansible-playbook` and every process it ran), which the load
  of other work on the machine does not inflate as much as wall time.
* **variables**: {variables} variables of one application set by one `devopness_variable` task with
  `variables:` and `prune: true`; then, unchanged, the same with that task, a `loop:` of one task per variable,
  and a `uri` playbook that lists the variables once and writes only what differs.
* **overhead**: {tasks} unchanged `devopness_project` tasks against {tasks} `ansible.builtin.uri` GETs, less the
  same playbooks with no iteration (the cost of `ansible-playbook` itself); the import time of the module_utils
  a module loads (after `ansible.module_utils.basic`, whose own import time is given for scale).
"""


LIMITS = """\
## What the figures say

* **The inventory's fetch** overlaps `max_workers` requests (16 by default): the sandbox answers a read while
  other requests wait out their latency and holds the answer until its own latency is over, so the 121 pages
  take 9 rounds of one latency (the list of projects, then 120 lists 16 at a time), at best 13x faster than one
  request after another (with 10 workers, 13 rounds: at best 9.3x). What is left is CPU, on the 2 CPUs the
  sandbox shares with the plugin: a page of 100 servers (98 KB) costs the plugin about 1.5 ms (`requests` and
  the JSON decoding) and the sandbox about 0.7 ms (it renders a page into the response schemas once per state,
  about 3 ms, and answers an equal read from it until a write). Under load the threads wait for a CPU, which
  the sequential crawl hides in its latency, so the ratio falls with the load. The request count is the minimum,
  and a cache hit sends none. A cache hit saves the fetch, the encoding of the cache and ansible-core's copy of
  it; the rest of both runs, populating and printing 10,000 hosts, is the same work, so the load of the moment
  moves their ratio (0.71 to 1.01 x in four runs of one hour).
* **Populating 10,000 hosts** costs ansible-core most of an `ansible-inventory` run (each `set_variable` checks
  the value's trust, `--list` reads every host's variables back and encodes them): fewer variables per host
  (the credential reduced to its id and name) is what the plugin can do about it.
* **An unchanged task of the collection** is one module process plus its reads. The process (Python,
  `ansible.module_utils.basic` compiled from the AnsiballZ zip, the module_utils and `requests`) costs about what
  a `uri` process costs (0.37 s against 0.32 s on a quiet moment of this machine: the module_utils compile in
  0.05 s, `requests` imports in 0.1 s, `ansible.module_utils.urls` in 0.13 s; basic takes 0.16 s in both). What
  the `uri` playbook does not pay is one AnsiballZ build per module: ansible-core builds each module a run uses
  once, parsing every module_util it imports (0.2 to 0.3 s of the controller's CPU, mostly
  `ansible.module_utils.basic` and what it imports), and the role uses 14 modules where the `uri` playbook uses
  one. The role makes up for it with fewer processes: it converges each environment kind (servers, applications,
  daemons, virtual hosts, services, cron jobs, SSH keys, network rules) with one task of its module's bulk list,
  and the variables of all applications and all pipelines with one task each (each item naming its
  application): 15 module processes where the `uri` playbook runs 21 (`bootstrap_module_tasks`: 53 when the role
  ran one process per object, 21 with one per application's variables and per pipeline). Each bulk task lists its
  kind once (each parent once) and reads at the same time, 8 at once, what its list lacks and its items compare:
  the servers of a daemon or a cron job, a pipeline's steps, the links of a virtual host. The `uri` playbook reads
  none of these, since it notices no drift but a missing name; the real API's lists lack them (`DaemonRelation`
  has no `servers`), so the role's re-run sends about three times the requests of the `uri` playbook's, and no
  fewer unless it stopped comparing them. It takes about the same time (0.96 to 1.15 x in the runs of one day:
  the 14 AnsiballZ builds and 15 processes of the role against the 1 build and 21 processes of the `uri`
  playbook come out about even).
* **The role's first run** sends about twice the requests of the `uri` playbook's (the same 145 writes), and
  takes about a third of its time: a bulk task starts every item's deploy (and every new server's provisioning)
  before it waits for the first, so the platform runs them side by side, and it waits for them (about 50 polls of
  their actions), where the `uri` playbook waits for nothing. It does not read an object back after creating
  it (a Devopness create answers the object in full), and lists a kind again after a creation only where the
  API does not keep the key unique (cron jobs, network rules, services, SSH keys, servers, pipelines: a twin
  that a concurrent run created is found and settled, see `create_once.py`). The `uri` playbook reads nothing
  back and waits for nothing: going under its 166 requests would mean not waiting for the work the role starts.
* **Requests of a re-run against the distinct ones**: a module process keeps nothing from the previous item of
  a `loop:`, so what the role does not pass is looked up again. It passes the ids it has (of the project,
  environment, credentials, servers, applications and virtual hosts it converged, and of the certificate each
  virtual host returns), and a bulk task lists its kind once and resolves each name once: no request of the
  re-run is sent twice.
"""


def figures_from_log(path):
    """``{benchmark: [figures]}`` from the lines a run printed (to render the report again)."""
    from benchmarks.harness import Figure  # pylint: disable=import-outside-toplevel
    results, current = {}, []
    with open(path) as handle:
        for line in handle:
            parts = line.split()
            if len(parts) != 3:
                continue
            try:
                value = float(parts[1])
            except ValueError:
                continue
            current.append(Figure(parts[0], int(value) if value.is_integer() and parts[2] != 's' else value, parts[2]))
            if parts[0].endswith('_benchmark_wall'):
                results[parts[0][:-len('_benchmark_wall')]] = current
                current = []
    return results


def machine():
    try:
        with open('/proc/cpuinfo') as handle:
            model = [line.split(':', 1)[1].strip() for line in handle if line.startswith('model name')][0]
    except (OSError, IndexError):
        model = platform.processor() or 'unknown'
    load = ', '.join('%.1f' % value for value in os.getloadavg())
    import ansible  # pylint: disable=import-outside-toplevel
    return ('%s CPU(s), %s; load average %s when the run ended; Python %s, ansible-core %s'
            % (os.cpu_count(), model, load, platform.python_version(), ansible.__version__))


def report(results, args, path):
    figures = dict((f.name, f) for values in results.values() for f in values)
    env_resources = figures.get('bootstrap_resources')
    lines = ['# Benchmarks', '',
             'Measured %s UTC with `make bench` (scale `%s`, BENCH_LATENCY_MS=%s) on: %s.' % (
                 datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M'), args.scale, args.latency_ms, machine()),
             'Absolute times drift on a shared machine: read the ratios, which compare runs of the same round.', '',
             METHOD.format(latency=args.latency_ms, rounds=suite.SCALES[args.scale]['rounds'],
                           inventory='{projects} projects x {environments} environments x {servers} servers'.format(
                               **suite.SCALES[args.scale]['inventory']),
                           resources=env_resources.value if env_resources else '?',
                           variables=suite.SCALES[args.scale]['variables'],
                           tasks=suite.SCALES[args.scale]['overhead_tasks']),
             '## Targets', '', '| target | figure | measured | met |', '|---|---|---|---|']
    for name, op, bound, what in TARGETS:
        if name in figures:
            value = figures[name].value
            measured = figures[name].line().split(' ', 1)[1]
            met = 'yes' if CHECKS[op](value, bound) else '**no**'
            lines.append('| %s | `%s` %s %s | %s | %s |' % (what, name, op, bound, measured, met))
    lines += ['', LIMITS, '## Figures', '']
    for name, values in results.items():
        lines += ['### %s' % name, '', '```text'] + [f.line() for f in values] + ['```', '']
    with open(path, 'w') as handle:
        handle.write('\n'.join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m benchmarks', description=__doc__)
    parser.add_argument('--scale', choices=sorted(suite.SCALES), default='full')
    parser.add_argument('--latency-ms', type=int, default=int(os.environ.get('BENCH_LATENCY_MS') or 30))
    parser.add_argument('--only', nargs='*', choices=[name for name, dummy in suite.BENCHMARKS])
    parser.add_argument('--rounds', type=int, help='rounds of each comparison (default: the scale\'s)')
    parser.add_argument('--from-log', help='write the report from the lines an earlier run printed, running nothing')
    parser.add_argument('--output', default=os.path.join(REPO_ROOT, 'docs', 'benchmarks.md'),
                        help='the report to write ("-" for none)')
    args = parser.parse_args(argv)
    if args.rounds:
        suite.SCALES[args.scale].update(rounds=args.rounds, inventory_rounds=args.rounds)
    if args.from_log:
        report(figures_from_log(args.from_log), args, args.output)
        print('wrote %s' % args.output)
        return 0
    sandbox = Sandbox.start()
    try:
        results = suite.run(Ansible(sandbox, latency_ms=args.latency_ms), args.scale, only=args.only,
                            emit=lambda figure: print(figure.line(), flush=True))
    finally:
        sandbox.stop()
    if args.output != '-':
        report(results, args, args.output)
        print('wrote %s' % args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
