# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the reliability suites run, per platform, and how they compare end states.

A platform joins the fault suite, the concurrency test and ``make soak`` by adding one entry to
``CONVERGENCE``: the example playbook that builds its environment end to end, the extra variables
it needs, and (when its records do not follow the ``<type>_id`` convention) a ``normalise``.

It joins the secret checks by adding one entry to ``SECRETS``: the variables and environment that
carry its credentials, every secret value its module playbooks and example playbooks use, its
example playbooks and its inventory source. ``test_module_playbooks.py`` greps the ``-vvvv --diff``
output of every module playbook for those values; ``test_reliability_secrets.py`` does the same for
the example playbooks, the inventory and its cache.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import glob
import json
import os

from conftest import SANDBOX_TOKEN

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))

DPLOYR_TOKEN = 'dpat_' + '5a' * 32  # the sandbox's token of the owner of dployr cluster "sandbox"
DEPLOYBOT_READONLY_TOKEN = 'sandbox-readonly-token'
DEPLOYBOT_RELEASE = {'release_version': 'd' * 40}  # what playbooks/deploybot_release.yml deploys

Secrets = collections.namedtuple('Secrets', 'credential_vars credential_env values examples example_vars inventory '
                                            'inventory_host')


def _private_key(body):
    return body * 8  # the base64 body of the test playbooks' fake private keys (the PEM lines around it are public)


#: platform -> its credentials (``credential_vars(sandbox)`` for a vars file, ``credential_env(sandbox)``
#: for the example playbooks and the inventory, which read the environment), every secret value its
#: playbooks use, its example playbooks (repo-relative) with ``example_vars``, its inventory source and
#: a host that inventory must list once the examples ran
SECRETS = {
    'deploybot': Secrets(
        credential_vars=lambda sandbox: {'deploybot_api_url': sandbox.platform_url('deploybot'),
                                         'deploybot_api_token': SANDBOX_TOKEN},
        credential_env=lambda sandbox: {'DEPLOYBOT_API_URL': sandbox.platform_url('deploybot'),
                                        'DEPLOYBOT_API_TOKEN': SANDBOX_TOKEN},
        values=[SANDBOX_TOKEN, DEPLOYBOT_READONLY_TOKEN, 'wrong-token'],
        examples=['playbooks/deploybot_release.yml'],
        example_vars=DEPLOYBOT_RELEASE,
        inventory='playbooks/inventory/demo.deploybot.yml',
        inventory_host='web.production'),
    'deployhq': Secrets(
        credential_vars=lambda sandbox: {'deployhq_api_url': sandbox.platform_url('deployhq'),
                                         'deployhq_username': 'sandbox@example.com',
                                         'deployhq_api_key': SANDBOX_TOKEN},
        credential_env=lambda sandbox: {'DEPLOYHQ_API_URL': sandbox.platform_url('deployhq'),
                                        'DEPLOYHQ_USERNAME': 'sandbox@example.com',
                                        'DEPLOYHQ_API_KEY': SANDBOX_TOKEN},
        values=[SANDBOX_TOKEN, 'repo-secret-1', 'ssh-secret-1', 'ssh-secret-2', 's3-secret-1', 'env-secret-1',
                'env-secret-2', 'https://hooks.example.com/integration-secret-1', 'REPO-PASSWORD-4711',
                'FTP-PASSWORD-4711', 'FTP-PASSWORD-4712', 'S3-SECRET-4711', 'VARIABLE-VALUE-4711',
                'VARIABLE-VALUE-4712', 'WRONG-KEY-4711', 'example-secret-change-me',
                'https://hooks.slack.com/services/EXAMPLE'],
        examples=['playbooks/deployhq_project.yml'],
        example_vars={},
        inventory='playbooks/inventory/demo.deployhq.yml',
        inventory_host='web-1'),
    'devopness': Secrets(
        credential_vars=lambda sandbox: {'devopness_api_url': sandbox.devopness_url,
                                         'devopness_api_token': SANDBOX_TOKEN},
        credential_env=lambda sandbox: {'DEVOPNESS_API_URL': sandbox.devopness_url,
                                        'DEVOPNESS_API_TOKEN': SANDBOX_TOKEN},
        values=[SANDBOX_TOKEN,
                'hcloud-secret-token-0001', 'hcloud-secret-token-0002', 'do-secret-token-0003', 'aws-secret-0004',
                'aws-secret-key-do-not-leak', 's3cr3t-value-one', 's3cr3t-value-two', 'example-secret-change-me',
                _private_key('S0VZLU9ORS1zZWNyZXQ'), _private_key('S0VZLVRXTy1zZWNyZXQ')],
        examples=['playbooks/bootstrap_environment.yml'],
        example_vars={},
        inventory='playbooks/inventory/demo.devopness.yml',
        inventory_host='web-1'),
    'dployr': Secrets(
        credential_vars=lambda sandbox: {'dployr_api_url': sandbox.platform_url('dployr'),
                                         'dployr_api_token': DPLOYR_TOKEN},
        credential_env=lambda sandbox: {'DPLOYR_API_URL': sandbox.platform_url('dployr'), 'DPLOYR_TOKEN': DPLOYR_TOKEN},
        values=[DPLOYR_TOKEN, 'dpat_not-the-token', 's3cr3t-database-url', 'rotated-s3cr3t-value',
                'hooks.slack.com/services/T000/B000/s3cr3t', 'example-dployr-secret-change-me'],
        examples=['playbooks/dployr_stack.yml'],
        example_vars={},
        inventory='playbooks/inventory/demo.dployr.yml',
        inventory_host='node-1'),
}

#: keys under which ``GET /_sandbox/state?secrets=true`` holds the random secrets a sandbox made (Devopness
#: server activation tokens and hook secrets, DeployBot deploy webhook secrets)
SANDBOX_SECRET_KEYS = ('activation_token', 'secret')


def module_playbooks(platform):
    """``tests/integration/playbooks/<platform>_*.yml``: the playbooks that drive its modules one by one."""
    return sorted(os.path.basename(path) for path in glob.glob(os.path.join(HERE, 'playbooks', platform + '_*.yml')))


def sandbox_secrets(sandbox, platform):
    """Random secrets the sandbox made for ``platform``: ``GET /_sandbox/state?secrets=true``."""
    found = set()

    def walk(value, key=None):
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, inner_key)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif key in SANDBOX_SECRET_KEYS and isinstance(value, str) and len(value) >= 8:
            found.add(value)

    walk(sandbox.state(platform, secrets=True))
    return found


def secret_values(sandbox, platform):
    """Every value of ``platform`` that must never be printed: its table's and the sandbox's own."""
    return set(SECRETS[platform].values) | sandbox_secrets(sandbox, platform)


def leaks(text, secrets):
    return sorted(secret for secret in secrets if secret and secret in text)


Scenario = collections.namedtuple('Scenario', 'playbook extra_vars normalise actions races_safely')

#: platform -> how its example environment is converged end to end (repo-relative playbook); its
#: credentials come from ``SECRETS`` (the variables and the environment). ``actions``: resource types
#: that record something done rather than an object (deployments): two runs racing may each start one,
#: as the API neither refuses the second nor lets it be undone. ``races_safely``: two runs of the
#: example at once leave one of every object (DeployHQ cannot: see docs/reliability.md)
CONVERGENCE = {
    'deploybot': Scenario('playbooks/deploybot_release.yml', DEPLOYBOT_RELEASE, None, ('deployment',), True),
    'deployhq': Scenario('playbooks/deployhq_project.yml', {}, None, ('deployment',), False),
    'devopness': Scenario('playbooks/bootstrap_environment.yml', {}, None, (), True),
    'dployr': Scenario('playbooks/dployr_stack.yml', {}, None, (), True),
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


def converge(ansible, platform, timeout=300):
    """One run of ``platform``'s example, with its credentials as a user passes them."""
    scenario, secrets = CONVERGENCE[platform], SECRETS[platform]
    return ansible.run_playbook(playbook_path(scenario), timeout=timeout,
                                extra_vars=dict(secrets.credential_vars(ansible.sandbox), **scenario.extra_vars),
                                env=secrets.credential_env(ansible.sandbox))


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
