# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an unchanged task costs, counted in the sandbox's request log: parents are resolved once per
task (and not at all when the role passes their ids, nor are the objects whose ids it has found), and a
module skips the reads it does not need.

The example environment (playbooks/bootstrap_environment.yml) is created once; then one playbook runs
unchanged tasks, each followed by a marker request (``GET /users/me``) that splits the log by task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import os

import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
BOOTSTRAP = os.path.join(REPO_ROOT, 'playbooks', 'bootstrap_environment.yml')
MARKER = '/users/me'
API = {'api_url': '{{ devopness_api_url }}', 'api_token': '{{ devopness_api_token }}'}


def api_get(sandbox, path):
    response = requests.get(sandbox.devopness_url + path, timeout=10, headers={
        'Authorization': 'Bearer sandbox-token', 'Accept': 'application/json'})
    response.raise_for_status()
    return response.json()


def gets(log):
    return [r['path'] for r in log if r['method'] == 'GET']


def by_task(log):
    """The request log cut at each marker: one list of requests per task."""
    tasks, current = [], []
    for entry in log:
        if entry['method'] == 'GET' and entry['path'] == MARKER:
            tasks.append(current)
            current = []
        else:
            current.append(entry)
    return tasks


def task(module, **options):
    options.update(API)
    return {'name': '%s %s' % (module, options.get('name') or options.get('key') or ''),
            'deployops.platforms.%s' % module: options, 'register': 'result',
            'failed_when': 'result is failed or result is changed'}


def marker():
    return {'name': 'Marker', 'ansible.builtin.uri': {
        'url': '{{ devopness_api_url }}' + MARKER,
        'headers': {'Authorization': 'Bearer {{ devopness_api_token }}', 'Accept': 'application/json'}}}


def run_tasks(ansible, tmp_path, tasks):
    """Run ``tasks`` in one playbook, a marker after each; the requests of each task."""
    play = [{'name': 'Unchanged tasks', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
             'tasks': [item for each in tasks for item in (each, marker())]}]
    path = tmp_path / 'unchanged.yml'
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    result = ansible.run_playbook(str(path))
    assert result.rc == 0, str(result)
    return result


def test_a_rerun_of_the_role_resolves_each_parent_once_and_reads_nothing_twice(sandbox, ansible, tmp_path):
    first = ansible.run_playbook(BOOTSTRAP)
    assert first.rc == 0, str(first)
    sandbox.clear_requests()
    second = ansible.run_playbook(BOOTSTRAP)
    assert second.rc == 0 and second.recap['localhost']['changed'] == 0, str(second)
    log = sandbox.requests(platform='devopness')
    assert [r for r in log if r['method'] != 'GET'] == []
    paths = collections.Counter(gets(log))
    # The project and the environment are found once by name; every later task gets their ids.
    assert paths['/projects'] == 1, paths
    assert sum(n for p, n in paths.items() if p.startswith('/projects/') and p.endswith('/environments')) == 1, paths
    # The environment is read by its own task only.
    assert [n for p, n in paths.items() if p.startswith('/environments/') and p.count('/') == 2] == [1], paths
    assert not [p for p in paths if p.startswith('/organizations') and p.count('/') <= 2], paths
    # Nothing is read twice: each kind is converged by one bulk task, which lists it once and reads an object
    # again only when the list lacks what it compares (the servers of a server's provisioning, of a daemon...);
    # the variables of an application are one task.
    assert [(p, n) for p, n in paths.items() if n > 1] == [], paths
    servers = [p for p in paths if p.startswith('/servers/')]
    assert len(servers) == 2 and len([p for p in paths if p.endswith('/servers')]) == 1, paths
    for kind in ('servers', 'applications', 'daemons', 'virtual-hosts', 'cron-jobs', 'services', 'ssh-keys',
                 'network-rules'):
        assert len([p for p in paths if p.startswith('/environments/') and p.endswith('/' + kind)]) == 1, (kind, paths)
    for kind in ('daemons', 'cron-jobs'):
        assert [n for p, n in paths.items() if p.startswith('/%s/' % kind)] == [1], (kind, paths)
    # A virtual host's list item is the whole object (its servers are listed through its links); the virtual
    # host returns the id of its certificate, which is read once by that id, never listed.
    assert not [p for p in paths if p.startswith('/virtual-hosts/')], paths
    assert not [p for p in paths if p.endswith('/ssl-certificates')], paths
    assert [n for p, n in paths.items() if p.startswith('/ssl-certificates/')] == [1], paths

    project = [p for p in api_get(sandbox, '/projects?per_page=100') if p['name'] == 'webshop'][0]
    environment = [e for e in api_get(sandbox, '/projects/%s/environments?per_page=100' % project['id'])
                   if e['name'] == 'production'][0]
    application = api_get(sandbox, '/environments/%s/applications?per_page=100' % environment['id'])[0]
    servers = dict((s['hostname'], s['id']) for s in api_get(sandbox, '/environments/%s/servers' % environment['id']))
    daemon = api_get(sandbox, '/environments/%s/daemons' % environment['id'])[0]
    in_environment = dict(project='webshop', environment='production')
    sandbox.clear_requests()
    run_tasks(ansible, tmp_path, [
        task('devopness_project', name='webshop'),
        task('devopness_variable', resource_type='application', resource='storefront', target='os-env-var',
             key='DJANGO_SETTINGS_MODULE', value='storefront.settings.production', **in_environment),
        task('devopness_application', name='storefront', credential='github-acme', servers=['web-1', 'web-2'],
             **in_environment),
        task('devopness_virtual_host', name='shop.example.com', servers=['web-1', 'web-2'], **in_environment),
        task('devopness_daemon', name=daemon['name'], project=str(project['id']), environment=str(environment['id']),
             application=str(application['id']), servers=[str(servers['web-1']), str(servers['web-2'])]),
        task('devopness_credential', name='github-acme', provider_code='github',
             organization=str(project['organization']['id'])),
    ])
    project_task, variable_task, application_task, vhost_task, daemon_task, credential_task = [
        gets(requests_of_task) for requests_of_task in by_task(sandbox.requests(platform='devopness'))]

    # devopness_project reads the organizations only to create; the list has the whole project.
    assert project_task == ['/projects'], project_task
    # The variable list returns whole variables: no GET /variables/{id} after it.
    assert variable_task == ['/projects', '/projects/%s/environments' % project['id'],
                             '/environments/%s/applications' % environment['id'],
                             '/variables/application/%s' % application['id']], variable_task
    # A credential named by the task is found in its organization's list, without reading the project again.
    assert '/projects/%s' % project['id'] not in application_task, application_task
    assert collections.Counter(application_task).most_common(1)[0][1] == 1, application_task
    assert '/organizations/%s/credentials' % project['organization']['id'] in application_task
    # A virtual host lists its linked servers once, and its list item is the whole object.
    assert vhost_task.count('/resource-links/virtual-host/%s/child' % daemon['id']) <= 1, vhost_task
    assert len([p for p in vhost_task if p.startswith('/resource-links/')]) == 1, vhost_task
    assert not [p for p in vhost_task if p.startswith('/virtual-hosts/')], vhost_task
    # Parents and references given by id are not read at all.
    assert daemon_task == ['/environments/%s/daemons' % environment['id'], '/daemons/%s' % daemon['id']], daemon_task
    assert credential_task == ['/organizations/%s/credentials' % project['organization']['id'],
                               '/credentials/%s' % api_get(sandbox, '/organizations/sandbox/credentials')[0]['id']], \
        credential_task


def test_an_environment_given_by_an_id_that_does_not_exist_fails_naming_it(sandbox, ansible, tmp_path):
    daemon = task('devopness_daemon', name='worker', environment='4242', command='run', run_as_user='devopness',
                  process_count=1)
    del daemon['failed_when']
    play = [{'name': 'Missing parent', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
             'tasks': [dict(daemon, ignore_errors=True)]
             + [{'name': 'Check', 'ansible.builtin.assert': {'that': [
                 'result is failed', '"environment with id 4242 was not found" in result.msg']}}]}]
    path = tmp_path / 'missing.yml'
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    result = ansible.run_playbook(str(path))
    assert result.rc == 0, str(result)
    assert [r for r in sandbox.requests(platform='devopness') if r['method'] != 'GET'] == []


def test_hidden_values_of_a_variables_list_never_show_even_at_vvvv(sandbox, ansible, tmp_path):
    secret = 'bulk-vvvv-s3cr3t'
    on_environment = dict(resource_type='environment', resource='production', project='vshop')
    play = [{'name': 'Hidden values in a list', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
             'tasks': [
                 dict(task('devopness_project', name='vshop'), failed_when=False),
                 dict(task('devopness_environment', name='production', project='vshop', type='production'),
                      failed_when=False),
                 dict(task('devopness_variable', variables=[
                     {'target': 'os-env-var', 'key': 'VISIBLE', 'value': 'plain'},
                     {'target': 'os-env-var', 'key': 'SECRET', 'value': secret, 'hidden': True}], **on_environment),
                     failed_when='result is failed or result is not changed')]}]
    path = tmp_path / 'hidden.yml'
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    result = ansible.run_playbook(str(path), diff=True, env={'ANSIBLE_VERBOSITY': '4'})
    assert result.rc == 0, str(result)
    assert secret not in result.stdout + result.stderr
    assert 'plain' in result.stdout
