# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The demo bootstrap and the inventory plugin run the way AWX/AAP runs them: through ansible-runner.

An AWX job is an ansible-runner private data directory: ``env/envvars`` holds what the job's
credentials inject, ``inventory/`` the inventory, ``project/`` the synced project, and the
collections from the project's ``collections/requirements.yml`` are installed beside it. Here
``env/envvars`` is rendered from the injectors of meta/awx/credential_types/devopness.yml (with a
credential's inputs pointing at the sandbox), the collection is installed from its built tarball,
and the job's events (``artifacts/<ident>/job_events``) are checked.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import shutil
import sys

import yaml
from jinja2 import Environment, StrictUndefined

from inventory_support import plain

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
VENV_PYTHON = os.path.join(REPO_ROOT, '.venv', 'bin', 'python')
CREDENTIAL_TYPE = os.path.join(REPO_ROOT, 'meta', 'awx', 'credential_types', 'devopness.yml')
PLAYBOOK = 'bootstrap_environment.yml'


def injected_env(inputs):
    """The environment a Devopness credential with these inputs injects into an AWX job."""
    with open(CREDENTIAL_TYPE) as handle:
        injectors = yaml.safe_load(handle)['injectors']['env']
    environment = Environment(undefined=StrictUndefined)
    return dict((name, environment.from_string(template).render(**inputs)) for name, template in injectors.items())


def python():
    return VENV_PYTHON if os.path.exists(VENV_PYTHON) else sys.executable


def private_data_dir(tmp_path, ansible):
    """A private data dir like the one AWX prepares for a job template run."""
    pdd = tmp_path / 'pdd'
    (pdd / 'env').mkdir(parents=True)
    (pdd / 'inventory').mkdir()
    credential = {'api_token': ansible.default_vars['devopness_api_token'], 'api_url': ansible.sandbox.devopness_url}
    (pdd / 'env' / 'envvars').write_text(yaml.safe_dump(injected_env(credential)))
    (pdd / 'env' / 'settings').write_text(yaml.safe_dump({'job_timeout': 600, 'idle_timeout': 300}))
    (pdd / 'inventory' / 'hosts').write_text(
        'localhost ansible_connection=local ansible_python_interpreter=%s\n' % python())
    # The project: the example playbooks as they are in the repository (the playbook, its vars files).
    shutil.copytree(os.path.join(REPO_ROOT, 'playbooks'), str(pdd / 'project'))
    # What a project sync installs from collections/requirements.yml: this collection, from its tarball.
    build = tmp_path / 'build'
    run(ansible, ['ansible-galaxy', 'collection', 'build', '--output-path', str(build), REPO_ROOT])
    tarball = glob.glob(str(build / 'deployops-platforms-*.tar.gz'))[0]
    run(ansible, ['ansible-galaxy', 'collection', 'install', '--no-deps', '--force',
                  '-p', str(pdd / 'requirements_collections'), tarball])
    return pdd


def run(ansible, cmd, pdd=None, tmp_path=None):
    """Run a tool from .venv. With ``pdd``, as the job's process: only the collection installed for the job is
    visible (AWX points ANSIBLE_COLLECTIONS_PATH at it); DEVOPNESS_* come only from env/envvars, which
    ansible-runner lays over the process environment."""
    env = None
    if pdd is not None:
        env = {
            'ANSIBLE_COLLECTIONS_PATH': str(pdd / 'requirements_collections'),
            'ANSIBLE_LOCAL_TEMP': str(tmp_path / 'ansible-tmp'),
            'ANSIBLE_HOME': str(tmp_path / 'ansible-home'),
        }
    result = ansible.run_command(cmd, env=env, timeout=600)
    assert result.rc == 0, str(result)[-8000:]
    return result.stdout


def job_events(pdd, ident):
    events = []
    for path in glob.glob(str(pdd / 'artifacts' / ident / 'job_events' / '*.json')):
        with open(path) as handle:
            events.append(json.load(handle))
    return sorted(events, key=lambda event: event['counter'])


def named(events, name):
    return [event for event in events if event['event'] == name]


def test_bootstrap_runs_as_an_awx_job_with_the_credential_type_env(ansible, sandbox, tmp_path):
    pdd = private_data_dir(tmp_path, ansible)
    output = run(ansible, ['ansible-runner', 'run', str(pdd), '-p', PLAYBOOK, '--ident', 'job1'], pdd, tmp_path)

    artifacts = pdd / 'artifacts' / 'job1'
    assert (artifacts / 'status').read_text().strip() == 'successful', output[-6000:]
    assert (artifacts / 'rc').read_text().strip() == '0'
    events = job_events(pdd, 'job1')
    assert len(named(events, 'playbook_on_start')) == 1
    failed = [event['event_data'].get('task') for event in named(events, 'runner_on_failed')
              if not event['event_data'].get('ignore_errors')]
    assert failed == [], output[-6000:]
    assert named(events, 'runner_on_unreachable') == []
    ok = named(events, 'runner_on_ok')
    module_tasks = [event for event in ok if event['event_data'].get('resolved_action', '').startswith(
        'deployops.platforms.devopness_')]
    assert len(module_tasks) >= 10, 'only %d Devopness module tasks ran' % len(module_tasks)
    assert any(event['event_data']['res'].get('changed') for event in module_tasks)

    stats = named(events, 'playbook_on_stats')
    assert len(stats) == 1
    data = stats[0]['event_data']
    assert data['failures'] == {} and data['dark'] == {}
    assert data['changed'].get('localhost', 0) > 0 and data['ok'].get('localhost', 0) >= len(module_tasks)

    # The sandbox only accepts its token: every write went through with the one the credential injected.
    assert len(sandbox.requests(platform='devopness', method='POST')) >= 10
    assert all(entry['status'] < 400 for entry in sandbox.requests(platform='devopness', method='POST'))
    # ...and the token is in no event (no_log), as AWX would store and show them.
    assert ansible.default_vars['devopness_api_token'] not in json.dumps(events)


def test_inventory_source_from_project_with_the_credential_type_env(ansible, sandbox, tmp_path):
    """An AWX inventory source 'sourced from a project': a *.devopness.yml file, auth only from the credential."""
    sandbox.seed(projects=1, environments=1, servers=3, name_prefix='awx')
    pdd = private_data_dir(tmp_path, ansible)
    source = pdd / 'project' / 'inventory' / 'production.devopness.yml'
    source.write_text('plugin: deployops.platforms.devopness\n')
    sandbox.clear_requests()
    listing = run(ansible, [python(), '-c', (
        'import json, sys, ansible_runner\n'
        'out, err = ansible_runner.get_inventory(action="list", inventories=[sys.argv[1]], response_format="json",\n'
        '                                        private_data_dir=sys.argv[2], quiet=True)\n'
        'print(json.dumps(out))\n'
        'sys.exit(1 if not out else 0)\n'), str(source), str(pdd)], pdd, tmp_path)
    inventory = plain(json.loads(listing.strip().splitlines()[-1]))
    hosts = inventory['_meta']['hostvars']
    assert sorted(hosts) == ['awx-p1-e1-s1', 'awx-p1-e1-s2', 'awx-p1-e1-s3']
    assert all(host['ansible_host'] == host['devopness_ip_address'] for host in hosts.values())
    assert sorted(inventory['devopness_project_awx_project_1']['hosts']) == sorted(hosts)
    requests = sandbox.requests(platform='devopness')
    assert requests, 'the inventory plugin sent no request'
    assert all(entry['method'] == 'GET' and entry['status'] == 200 for entry in requests)
