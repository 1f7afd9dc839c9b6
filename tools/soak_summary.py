#!/usr/bin/env python3
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Add up the JSON lines ``make soak`` wrote (one per fault run) and print, per platform and in all:
runs / failures / duplicates / missing. Exits 1 when any run failed, duplicated or lost something,
or when there is no run at all."""

import collections
import json
import sys


def main(path, expected=None):
    totals = collections.OrderedDict()
    try:
        with open(path) as handle:
            lines = [json.loads(line) for line in handle if line.strip()]
    except OSError:
        lines = []
    for run in lines:
        figures = totals.setdefault(run['platform'], collections.Counter())
        figures['runs'] += 1
        figures['failures'] += int(bool(run['failed']))
        figures['duplicates'] += run['duplicates']
        figures['missing'] += run['missing']
        figures['faults injected'] += run['faults_injected']
        figures['requests'] += run.get('requests', 0)
    everything = sum(totals.values(), collections.Counter())
    for name, figures in list(totals.items()) + [('all platforms', everything)]:
        print('soak %-14s runs=%d failures=%d duplicates=%d missing=%d (faults injected: %d of %d requests)' % (
            name, figures['runs'], figures['failures'], figures['duplicates'], figures['missing'],
            figures['faults injected'], figures['requests']))
    bad = [run['seed'] for run in lines if run['failed'] or run['duplicates'] or run['missing']]
    if bad:
        print('seeds to replay (SOAK_FIRST_SEED=<seed> SOAK_RUNS=1 make soak): %s' % ', '.join(map(str, bad)))
    if expected is not None and everything['runs'] < expected:
        print('only %d of %d runs reported (a run timed out or crashed)' % (everything['runs'], expected))
        return 1
    return 1 if bad or not everything['runs'] else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))
