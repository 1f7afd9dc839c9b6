# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What faults, bad input and parallel runs used to break, through real ``ansible-playbook`` runs
against the sandbox: failed deploys are deployed again, ids cannot leave their path, tokens never
reach a message, TLS settings hold against CA-bundle variables, lost answers and hanging servers end
cleanly, references are resolved before any write, parallel forks do not collide."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time

import certifi
import yaml

HEADER = dict(hosts='localhost', gather_facts=False)
AUTH = {'api_url': '{{ devopness_api_url }}', 'api_token': '{{ devopness_api_token }}'}
DEFAULTS = {'module_defaults': {'group/deployops.platforms.devopness': AUTH}}
WHERE = dict(project='shop', environment='production')


def playbook(tmp_path, tasks, name='play.yml', **play):
    """Write a one-play playbook with the Devopness auth defaults; return its path."""
    body = dict(HEADER, **DEFAULTS)
    body.update(play)
    body['tasks'] = tasks
    path = tmp_path / name
    path.write_text(yaml.safe_dump([body], sort_keys=False))
    return str(path)


def task(module, register=None, ignore_errors=False, **args):
    item = {'deployops.platforms.%s' % module: args}
    if register:
        item['register'] = register
    if ignore_errors:
        item['ignore_errors'] = True
    return item


def show(*names):
    """A task that prints registered results as JSON lines the test reads back."""
    return [{'ansible.builtin.debug': {'msg': 'RESULT %s {{ %s | to_json }}' % (name, name)}} for name in names]


def results(run):
    found = {}
    for line in run.stdout.splitlines():
        marker = line.find('RESULT ')
        if marker >= 0:
            name, payload = line[marker + 7:].split(' ', 1)
            found[name] = json.loads(payload.rstrip('"').encode().decode('unicode_escape'))
    return found


def environment_tasks():
    return [
        task('devopness_project', name='shop'),
        task('devopness_environment', project='shop', name='production', type='production'),
        task('devopness_server', hostname='web-1', ip_address='10.0.0.1', ssh_port=22,
             provision_input={'cloud_service_code': 'self-hosted-custom'}, **WHERE),
    ]


def writes(sandbox, path_part=''):
    return [(r['method'], r['path']) for r in sandbox.requests(platform='devopness')
            if r['method'] != 'GET' and path_part in r['path']]


DAEMON = dict(name='worker', command='php artisan queue:work', process_count=1, run_as_user='devopness',
              servers=['web-1'], **WHERE)


def daemon(**changes):
    """DAEMON with some options changed (a copy: pylint reads ``dict(DAEMON, name=...)`` inside ``**`` as a
    repeated keyword)."""
    options = dict(DAEMON)
    options.update(changes)
    return options


def test_a_deploy_that_failed_is_deployed_by_the_next_run(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, environment_tasks(), 'setup.yml')).rc == 0
    # more 502s than the engine sends a lost action again (lifecycle.MAX_ACTION_ATTEMPTS)
    sandbox.faults(error_rate=1.0, statuses=[502], methods=['POST'], path_prefix='/devopness/daemons/', max_faults=20)
    first = ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'first', True, **DAEMON)] + show('first')))
    first = results(first)['first']
    assert first['failed'] and first['changed']
    assert 'the daemon exists but is not deployed' in first['msg'] and 'next run of this task deploys it' in first['msg']
    sandbox.faults(error_rate=0)
    sandbox.clear_requests()
    second = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'second', **DAEMON)] + show('second'))))
    assert second['second']['changed'] and second['second']['action']['type'] == 'deploy'
    assert writes(sandbox) == [('POST', '/daemons/1/deploy')]
    sandbox.clear_requests()
    third = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'third', **DAEMON)] + show('third'))))
    assert not third['third']['changed'] and writes(sandbox) == []


def test_a_failed_deploy_action_is_deployed_again(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, environment_tasks(), 'setup.yml')).rc == 0
    sandbox.faults(action_failures=[dict(resource_type='daemon', operation='deploy', step=2, count=1,
                                         reason='supervisor refused the config')])
    first = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'first', True, **DAEMON)] + show('first'))))
    assert first['first']['failed'] and first['first']['changed']
    assert 'supervisor refused the config' in first['first']['msg']
    second = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'second', **DAEMON)] + show('second'))))
    assert second['second']['changed'] and second['second']['action']['status'] == 'completed'


def test_an_id_cannot_leave_its_path(sandbox, ansible, tmp_path):
    bad = ['../environments/1', '1?x', '1#f', '1/2', '-1', '0']
    tasks = [task('devopness_project', 'r%d' % i, True, id=value, state='absent') for i, value in enumerate(bad)]
    run = ansible.run_playbook(playbook(tmp_path, tasks + show(*['r%d' % i for i in range(len(bad))])))
    found = results(run)
    for i, value in enumerate(bad):
        assert found['r%d' % i]['failed'] and found['r%d' % i]['msg'].startswith('id: must be a positive integer')
    assert sandbox.requests(platform='devopness') == []
    assert 'Traceback' not in run.stdout + run.stderr


def test_a_token_with_a_control_character_is_refused_without_being_shown(sandbox, ansible, tmp_path):
    tasks = [
        task('devopness_project_info', 'broken', True, api_token='sandbox-\ntoken'),
        task('devopness_project_info', 'latin', True, api_token=u'sandbox-\u20actoken'),
        task('devopness_project_info', 'padded', api_token='  sandbox-token\n'),
    ]
    run = ansible.run_playbook(playbook(tmp_path, tasks + show('broken', 'latin', 'padded')))
    found = results(run)
    assert found['broken']['failed'] and 'contains a control character' in found['broken']['msg']
    assert found['latin']['failed'] and 'character an HTTP header cannot carry' in found['latin']['msg']
    assert not found['padded'].get('failed')
    assert 'sandbox-' not in run.stdout.replace('sandbox-token', '') + run.stderr
    assert 'Bearer' not in run.stdout + run.stderr


def test_an_empty_or_scheme_less_url_fails_naming_it(sandbox, ansible, tmp_path):
    tasks = [task('devopness_project_info', 'empty', True, api_url=''),
             task('devopness_project_info', 'bare', True, api_url='127.0.0.1:9'),
             task('devopness_project_info', 'zero', True, timeout=0)]
    found = results(ansible.run_playbook(playbook(tmp_path, tasks + show('empty', 'bare', 'zero'))))
    assert found['empty']['msg'].startswith('api_url (or DEVOPNESS_API_URL) must be an http:// or https:// URL')
    assert found['bare']['msg'].startswith('api_url (or DEVOPNESS_API_URL) must be an http:// or https:// URL')
    assert found['zero']['msg'].startswith('timeout must be a number of seconds greater than 0')


def test_tls_is_verified_and_validate_certs_false_wins_over_ca_bundle_variables(tls_sandbox, ansible, tmp_path):
    url = tls_sandbox.platform_url('devopness')
    tasks = [
        task('devopness_project_info', 'default', True, api_url=url),
        task('devopness_project_info', 'unverified', api_url=url, validate_certs=False),
        task('devopness_project_info', 'trusted', api_url=url, ca_path=tls_sandbox.ca_file),
    ]
    # An execution environment's CA bundle: it does not trust the sandbox's self-signed certificate.
    bundle = certifi.where()
    run = ansible.run_playbook(playbook(tmp_path, tasks + show('default', 'unverified', 'trusted')),
                               env=dict(REQUESTS_CA_BUNDLE=bundle, CURL_CA_BUNDLE=bundle))
    found = results(run)
    assert found['default']['failed'] and found['default']['msg'].startswith('GET /projects failed: TLS error')
    assert not found['unverified'].get('failed') and not found['trusted'].get('failed')


def test_a_delete_whose_answer_was_lost_succeeds(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, [task('devopness_project', name='shop')], 'setup.yml')).rc == 0
    sandbox.faults(commit_then_fail_rate=1.0, methods=['DELETE'], path_prefix='/devopness/projects', max_faults=1)
    found = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_project', 'gone', name='shop', state='absent')]
                                                  + show('gone'))))
    assert found['gone']['changed'] and not found['gone'].get('failed')
    assert [r['status'] for r in sandbox.requests(platform='devopness', method='DELETE')] == [502, 404]


def test_a_typo_in_a_reference_creates_nothing(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, environment_tasks(), 'setup.yml')).rc == 0
    sandbox.clear_requests()
    found = results(ansible.run_playbook(playbook(tmp_path, [
        task('devopness_daemon', 'typo', True, **daemon(servers=['web-1', 'web-9']))] + show('typo'))))
    assert found['typo']['failed'] and "server 'web-9' was not found" in found['typo']['msg']
    assert not found['typo']['changed'] and writes(sandbox) == []


def test_a_hanging_server_fails_the_task_within_its_budget(sandbox, ansible, tmp_path):
    sandbox.faults(hang_rate=1.0, hang_seconds=60, methods=['GET'])
    started = time.monotonic()
    found = results(ansible.run_playbook(playbook(tmp_path, [
        task('devopness_project_info', 'hung', True, timeout=2)] + show('hung'))))
    elapsed = time.monotonic() - started
    sandbox.faults(hang_rate=0)
    assert found['hung']['failed'] and found['hung']['msg'].startswith('GET /projects failed')
    assert 'attempts' in found['hung']['msg']
    assert elapsed < 6 * 2 + 20, elapsed  # 6 x timeout, plus ansible's own start-up


def test_lost_and_refused_link_requests_are_checked_and_retried(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, environment_tasks(), 'setup.yml')).rc == 0
    sandbox.faults(commit_then_fail_rate=1.0, methods=['POST'], path_prefix='/devopness/resource-links/', max_faults=1)
    found = results(ansible.run_playbook(playbook(tmp_path, [task('devopness_daemon', 'linked', **DAEMON)] + show('linked'))))
    assert found['linked']['changed'] and [s['hostname'] for s in found['linked']['daemon']['servers']] == ['web-1']
    links = [r for r in sandbox.requests(platform='devopness', method='POST') if '/resource-links/' in r['path']]
    assert [r['status'] for r in links] == [502]  # the link was made: found, not sent again
    sandbox.faults(error_rate=1.0, statuses=[502], methods=['POST'], path_prefix='/devopness/resource-links/', max_faults=1,
                   commit_then_fail_rate=0)
    sandbox.clear_requests()
    found = results(ansible.run_playbook(playbook(tmp_path, [
        task('devopness_daemon', 'relinked', **daemon(name='worker-2'))] + show('relinked'))))
    assert found['relinked']['changed']
    links = [r for r in sandbox.requests(platform='devopness', method='POST') if '/resource-links/' in r['path']]
    assert [r['status'] for r in links] == [502, 204]  # not made: sent again


def test_parallel_forks_setting_the_same_variable_converge_on_one(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, [task('devopness_project', name='shop')], 'setup.yml')).rc == 0
    hosts = tmp_path / 'hosts.yml'
    hosts.write_text(yaml.safe_dump({'forks': {'hosts': dict(('fork%d' % i, None) for i in range(8)), 'vars': {
        'ansible_connection': 'local', 'ansible_python_interpreter': '{{ ansible_playbook_python }}'}}}))
    path = playbook(tmp_path, [task('devopness_variable', resource_type='project', resource='shop', key='TZ',
                                    value='UTC', target='os-env-var')], 'forks.yml', hosts='forks')
    run = ansible.run_playbook(path, inventory=str(hosts), env=dict(ANSIBLE_FORKS='8'))
    assert run.rc == 0, run.stdout[-3000:]
    assert run.recap and all(counts['ok'] == 1 for counts in run.recap.values()) and len(run.recap) == 8
    variables = [r for r in sandbox.requests(platform="devopness", method="POST") if r["path"].startswith("/variables/")]
    assert sum(1 for r in variables if r['status'] == 201) == 1
    listed = results(ansible.run_playbook(playbook(tmp_path, [
        task('devopness_variable_info', 'listed', resource_type='project', resource='shop')] + show('listed'))))
    assert [v['key'] for v in listed['listed']['variables']] == ['TZ']


def test_a_visible_value_is_not_masked_and_a_hidden_one_never_shown(sandbox, ansible, tmp_path):
    assert ansible.run_playbook(playbook(tmp_path, [task('devopness_project', name='shop')], 'setup.yml')).rc == 0
    tasks = [task('devopness_variable', 'plain', resource_type='project', resource='shop', key='MODE',
                  value='environment', target='os-env-var'),
             task('devopness_variable', 'secret', resource_type='project', resource='shop', key='PASSWORD',
                  value='hunter2-s3cret', target='os-env-var', hidden=True)]
    path = playbook(tmp_path, tasks + show('plain', 'secret'))
    run = ansible.run_playbook(path, diff=True)
    found = results(run)
    assert found['plain']['variable']['value'] == 'environment'
    assert re.search(r'[A-Za-z]\*{3,}', run.stdout) is None, run.stdout  # nothing censored inside words
    assert 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' not in run.stdout and '"value": "environment"' in run.stdout
    assert 'hunter2-s3cret' not in run.stdout + run.stderr


def test_malformed_answers_end_in_a_clear_failure(sandbox, ansible, tmp_path):
    kinds = ['truncated', 'empty', 'wrong_type', 'html']
    tasks = []
    for kind in kinds:
        tasks.append({'ansible.builtin.uri': {'url': '{{ sandbox_url }}/_sandbox/faults', 'method': 'POST',
                                              'body_format': 'json', 'body': {'malformed_rate': 1.0, 'malformed': [kind],
                                                                              'methods': ['GET']}}})
        # an HTML page comes with a 502, retried until the budget of 4 x timeout is spent: keep it short
        tasks.append(task('devopness_project_info', kind, True, timeout=5))
        tasks.append(task('devopness_project', kind + '_create', True, name='shop-' + kind, timeout=5))
    run = ansible.run_playbook(playbook(tmp_path, tasks + show(*(kinds + [k + '_create' for k in kinds]))))
    found = results(run)
    for name, result in found.items():
        assert result['failed'] and result['msg'].startswith('GET /'), (name, result['msg'])
        assert 'MODULE FAILURE' not in result['msg'] and 'module_stderr' not in result, name
    assert 'Traceback' not in run.stdout + run.stderr


def test_an_html_error_page_is_named_not_pasted(sandbox, ansible, tmp_path):
    sandbox.faults(malformed_rate=1.0, malformed=['html'], methods=['GET'], max_faults=10)
    found = results(ansible.run_playbook(playbook(tmp_path, [
        task('devopness_project_info', 'html', True, timeout=5)] + show('html'))))
    assert found['html']['failed'] and 'an HTML page' in found['html']['msg']
    assert '<html' not in found['html']['msg'].lower()
