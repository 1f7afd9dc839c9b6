# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Faults survived and nothing duplicated, through real ``ansible-playbook`` runs of each platform's
end-to-end example (``reliability.CONVERGENCE``):

* under 20 % of answers 429/502/503/504 (with and without ``Retry-After``), 5 % of writes answered
  502 after they were committed, and latency spikes, the example converges to exactly the state a
  clean run leaves (``GET /_sandbox/state``): no failed task, no duplicate, nothing missing;
* two runs of the example at the same time leave one of everything;
* ``make soak`` (``SOAK_RUNS`` set) repeats the fault run with that many seeds; ``tools/soak_summary.py``
  prints runs / failures / duplicates / missing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import threading

import pytest

from reliability import CONVERGENCE, FAULT_PROFILES, converge, count_differences, describe_differences, normaliser

SEEDS = (11, 12)  # one per profile in make test; make soak draws its own
_clean_states = {}


def clean_state(sandbox, ansible, platform):
    """The state a clean run of the example leaves (computed once per sandbox)."""
    if platform not in _clean_states:
        sandbox.reset()
        run = converge(ansible, platform)
        assert run.rc == 0 and run.recap['localhost']['failed'] == 0, str(run)
        _clean_states[platform] = sandbox.state(platform)
    return _clean_states[platform]


def faulty_run(sandbox, ansible, platform, profile, seed):
    """Reset, inject the faults of ``profile`` with ``seed``, run the example; ``(run, state, faults)``."""
    sandbox.reset()
    sandbox.faults(seed=seed, **FAULT_PROFILES[profile])
    run = converge(ansible, platform, timeout=900)
    injected = sandbox.faults(error_rate=0, commit_then_fail_rate=0, latency_spike_rate=0)['injected']
    return run, sandbox.state(platform), injected


@pytest.mark.parametrize('profile,seed', sorted(zip(FAULT_PROFILES, SEEDS)))
@pytest.mark.parametrize('platform', sorted(CONVERGENCE))
def test_the_example_converges_under_faults_to_the_state_of_a_clean_run(sandbox, ansible, platform, profile, seed):
    clean = clean_state(sandbox, ansible, platform)
    run, state, injected = faulty_run(sandbox, ansible, platform, profile, seed)
    assert run.rc == 0, str(run)
    assert run.recap['localhost']['failed'] == 0, str(run)
    statuses = [r['status'] for r in sandbox.requests(platform=platform)]
    # DeployBot's example sends about twenty requests, the others hundreds: a sixth of them must have
    # been hit, and once ten were, every status of the mix must show
    assert injected >= min(10, max(1, len(statuses) // 6)), 'too few faults to prove anything: %d of %d requests' % (
        injected, len(statuses))
    assert {429, 502, 503, 504} <= set(statuses) if injected >= 10 else set(statuses) & {429, 502, 503, 504}, statuses
    normalise = normaliser(platform)
    assert count_differences(normalise(clean), normalise(state)) == (0, 0), \
        describe_differences(normalise(clean), normalise(state))
    assert state['resources'] == clean['resources']  # ids too: no object was created and deleted again
    assert state.get('links') == clean.get('links')


@pytest.mark.parametrize('platform', sorted(p for p, scenario in CONVERGENCE.items() if scenario.races_safely))
def test_two_runs_of_the_example_at_once_leave_one_of_everything(sandbox, ansible, platform):
    clean = clean_state(sandbox, ansible, platform)
    sandbox.reset()
    sandbox.faults(latency_ms=100)  # every request slower: both runs look objects up before either creates them
    runs = [None, None]

    def run(index):
        runs[index] = converge(ansible, platform, timeout=900)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=960)
    sandbox.faults(latency_ms=0)
    for run in runs:
        assert run is not None and run.rc == 0, str(run)
        assert run.recap['localhost']['failed'] == 0, str(run)
    normalise = normaliser(platform)
    wanted, got = normalise(clean), normalise(sandbox.state(platform))
    for kind in CONVERGENCE[platform].actions:  # each run may start its own: at most one per run
        assert len(wanted[kind]) <= len(got.get(kind, [])) <= 2 * len(wanted[kind]), describe_differences(wanted, got)
        wanted.pop(kind)
        got.pop(kind, None)
    assert count_differences(wanted, got) == (0, 0), describe_differences(wanted, got)


SOAK_RUNS = int(os.environ.get('SOAK_RUNS') or 0)
SOAK_FIRST_SEED = int(os.environ.get('SOAK_FIRST_SEED') or 1000)


@pytest.mark.skipif(not SOAK_RUNS, reason='make soak sets SOAK_RUNS')
@pytest.mark.parametrize('index', range(max(SOAK_RUNS, 1)))
@pytest.mark.parametrize('platform', sorted(CONVERGENCE))
def test_soak(sandbox, ansible, platform, index):
    """One fault run of ``make soak``: seed ``SOAK_FIRST_SEED + index``, the profiles taking turns.
    Appends its figures (a JSON line) to ``SOAK_REPORT``; ``tools/soak_summary.py`` adds them up."""
    seed = SOAK_FIRST_SEED + index
    profile = sorted(FAULT_PROFILES)[index % len(FAULT_PROFILES)]
    clean = clean_state(sandbox, ansible, platform)
    normalise = normaliser(platform)
    run, state, injected = faulty_run(sandbox, ansible, platform, profile, seed)
    duplicates, missing = count_differences(normalise(clean), normalise(state))
    failed = run.rc != 0 or run.recap.get('localhost', {}).get('failed', 1) != 0
    figures = dict(platform=platform, seed=seed, profile=profile, rc=run.rc, failed=failed, duplicates=duplicates,
                   missing=missing, faults_injected=injected, requests=len(sandbox.requests(platform=platform)))
    if os.environ.get('SOAK_REPORT'):
        with open(os.environ['SOAK_REPORT'], 'a') as handle:
            handle.write(json.dumps(figures) + '\n')
    assert not failed and not duplicates and not missing, '%s\n%s\n%s' % (
        figures, describe_differences(normalise(clean), normalise(state)), run.stdout[-4000:])
