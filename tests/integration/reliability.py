# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the reliability suites run, per platform, and how they compare end states.

A platform joins the fault suite, the concurrency test and ``make soak`` by adding one entry to
``CONVERGENCE``: the example playbook that builds its environment end to end, the extra variables
it needs, and (when its records do not follow the ``<type>_id`` convention) a ``normalise``.
The secrets test has its own table in ``test_reliability_secrets.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))

Scenario = collections.namedtuple('Scenario', 'playbook extra_vars normalise')

#: platform -> how its example environment is converged end to end (repo-relative playbook)
CONVERGENCE = {
    'devopness': Scenario('playbooks/bootstrap_environment.yml', {}, None),
}

#: the fault mix of issue 11: 20 % of requests answered 429/502/503/504, 5 % answered 502 after the
#: write was committed, 5 % slowed by a latency spike; with or without Retry-After on the errors
FAULTS = dict(error_rate=0.2, statuses=[429, 502, 503, 504], commit_then_fail_rate=0.05,
              latency_spike_rate=0.05, latency_spike_ms=1500)
FAULT_PROFILES = {
    'retry_after': dict(FAULTS, retry_after=1),
    'no_retry_after': dict(FAULTS, retry_after=None),
}

LABEL_FIELDS = ('name', 'hostname', 'key', 'title', 'type')


def playbook_path(scenario):
    return os.path.join(REPO_ROOT, scenario.playbook)


def _labels(resources):
    """``{(type, id): "type:label"}``; the label is the record's name-like field."""
    labels = {}
    for kind, rows in resources.items():
        for row in rows:
            label = next(('%s' % row[f] for f in LABEL_FIELDS if row.get(f) not in (None, '')), '#%s' % row.get('id'))
            labels[(kind, row.get('id'))] = '%s:%s' % (kind, label)
    return labels


def _kind_of(field, kinds):
    """``virtual_host_id`` -> ``virtual-host`` when that is a resource type of the snapshot."""
    stem = field[:-4] if field.endswith('_ids') else field[:-3]
    for candidate in (stem, stem.replace('_', '-'), stem.replace('_', '')):
        if candidate in kinds:
            return candidate
    return None


def normalise(snapshot):
    """The snapshot with ids replaced by what they name, so two runs that created the same things in
    another order compare equal: ``{type: sorted [record as JSON]}`` plus ``links`` by label."""
    resources = snapshot.get('resources', {})
    labels = _labels(resources)
    kinds = set(resources)

    def name_of(kind, value):
        return labels.get((kind, value), '%s:#%s' % (kind, value)) if kind else value

    out = {}
    for kind, rows in resources.items():
        items = []
        for row in rows:
            item = {}
            for field, value in row.items():
                if field == 'id':
                    continue
                if field == 'resource_id' and row.get('resource_type') in kinds:
                    value = name_of(row['resource_type'], value)
                elif field.endswith('_ids') and isinstance(value, list):
                    value = sorted('%s' % name_of(_kind_of(field, kinds), v) for v in value)
                elif field.endswith('_id'):
                    value = name_of(_kind_of(field, kinds), value)
                item[field] = value
            items.append(json.dumps(item, sort_keys=True))
        out[kind] = sorted(items)
    out['links'] = sorted('%s -> %s' % (name_of(p_kind, p_id), name_of(c_kind, c_id))
                          for p_kind, p_id, c_kind, c_id in snapshot.get('links', []))
    return out


def count_differences(clean, other):
    """``(duplicates, missing)``: records (by normalised content) ``other`` has more, or fewer, than ``clean``."""
    duplicates = missing = 0
    for kind in set(clean) | set(other):
        wanted, got = collections.Counter(clean.get(kind, [])), collections.Counter(other.get(kind, []))
        duplicates += sum((got - wanted).values())
        missing += sum((wanted - got).values())
    return duplicates, missing


def describe_differences(clean, other, limit=20):
    lines = []
    for kind in sorted(set(clean) | set(other)):
        wanted, got = collections.Counter(clean.get(kind, [])), collections.Counter(other.get(kind, []))
        lines += ['+ %s %s' % (kind, item) for item in (got - wanted).elements()]
        lines += ['- %s %s' % (kind, item) for item in (wanted - got).elements()]
    return '\n'.join(lines[:limit])


def normaliser(platform):
    return CONVERGENCE[platform].normalise or normalise
