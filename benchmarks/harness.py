# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every benchmark shares: a sandbox (started here, or the one a test already runs), its control
API and request log, timed ``ansible-playbook`` / ``ansible-inventory`` runs, and the figures.

A figure is one line ``name value unit``. Absolute times drift on a shared machine, so every
comparison is measured in the same run, interleaved, and reported as a ratio.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)
VENV_BIN = os.path.join(REPO_ROOT, '.venv', 'bin')
COLLECTIONS_DIR = os.path.join(REPO_ROOT, '.collections')
COLLECTION_LINK = os.path.join(COLLECTIONS_DIR, 'ansible_collections', 'deployops', 'platforms')
PLAYBOOKS = os.path.join(HERE, 'playbooks')
SANDBOX_TOKEN = 'sandbox-token'
RECAP_LINE = re.compile(r'^(?P<host>\S+)\s*:\s*(?P<counts>(?:\w+=\d+\s*)+)$')


class Figure(object):
    """One measured value: printed as ``name value unit``."""

    def __init__(self, name, value, unit, note=''):
        self.name = name
        self.value = value
        self.unit = unit
        self.note = note

    def line(self):
        value = ('%.3g' % self.value if abs(self.value) < 100 else '%.0f' % self.value) \
            if isinstance(self.value, float) else '%s' % self.value
        return '%s %s %s' % (self.name, value, self.unit)

    def __repr__(self):
        return '<Figure %s>' % self.line()


def tool(name):
    for directory in (VENV_BIN, os.path.dirname(sys.executable)):
        candidate = os.path.join(directory, name)
        if os.path.exists(candidate):
            return candidate
    raise RuntimeError('%s not found in %s: run `make venv`' % (name, VENV_BIN))


def python():
    candidate = os.path.join(VENV_BIN, 'python')
    return candidate if os.path.exists(candidate) else sys.executable


def ensure_collection_link():
    if not (os.path.islink(COLLECTION_LINK) and os.path.realpath(COLLECTION_LINK) == os.path.realpath(REPO_ROOT)):
        os.makedirs(os.path.dirname(COLLECTION_LINK), exist_ok=True)
        if os.path.islink(COLLECTION_LINK):
            os.unlink(COLLECTION_LINK)
        try:
            os.symlink(os.path.join('..', '..', '..'), COLLECTION_LINK)
        except FileExistsError:
            pass
    return COLLECTIONS_DIR


class Sandbox(object):
    """A sandbox's control API (``/_sandbox``) and the Devopness API URL in it."""

    def __init__(self, url, proc=None):
        self.url = url.rstrip('/')
        self.devopness_url = self.url + '/devopness'
        self.proc = proc
        self.http = requests.Session()

    @classmethod
    def start(cls, timeout=30):
        """``python -m sandbox --port 0`` from the repo root; the port is the one it prints."""
        proc = subprocess.Popen([python(), '-u', '-m', 'sandbox', '--port', '0'], cwd=REPO_ROOT,  # pylint: disable=consider-using-with
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                universal_newlines=True)
        line = proc.stdout.readline()
        match = re.search(r'(https?://127\.0\.0\.1:\d+)', line or '')
        if not match:
            proc.kill()
            raise RuntimeError('the sandbox did not start: %r' % line)
        box = cls(match.group(1), proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                box.call('GET', '/health')
                return box
            except (requests.RequestException, AssertionError):
                time.sleep(0.1)
        box.stop()
        raise RuntimeError('the sandbox at %s is not healthy' % box.url)

    def stop(self):
        self.http.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def call(self, method, path, **kwargs):
        response = self.http.request(method, self.url + '/_sandbox' + path, timeout=120, **kwargs)
        if response.status_code >= 400:
            raise AssertionError('sandbox %s %s -> %s: %s' % (method, path, response.status_code, response.text))
        return response.json() if response.content else None

    def reset(self):
        self.call('POST', '/reset')

    def clear_requests(self):
        self.call('DELETE', '/requests')

    def requests(self):
        return [r for r in self.call('GET', '/requests') if r.get('platform') == 'devopness']

    def latency(self, milliseconds):
        """The steady latency of every API request (the ``latency_ms`` fault); 0 clears it."""
        self.call('POST', '/faults', json={'latency_ms': milliseconds})

    def seed(self, **options):
        return self.call('POST', '/seed', json=dict(options, platform='devopness'))

    def api(self, method, path, body=None):
        """A request to the Devopness API itself (to build fixtures)."""
        response = self.http.request(method, self.devopness_url + path, json=body, timeout=60, headers={
            'Authorization': 'Bearer ' + SANDBOX_TOKEN, 'Accept': 'application/json'})
        if response.status_code >= 400:
            raise AssertionError('%s %s -> %s: %s' % (method, path, response.status_code, response.text))
        return response.json() if response.content else None


def request_counts(log):
    """``{gets, writes, distinct_gets, total}`` of a request log."""
    gets = [r for r in log if r['method'] == 'GET']
    distinct = set((r['path'], json.dumps(r.get('query') or {}, sort_keys=True)) for r in gets)
    return dict(total=len(log), gets=len(gets), writes=len(log) - len(gets), distinct_gets=len(distinct))


def parse_recap(stdout):
    recap = {}
    in_recap = False
    for line in stdout.splitlines():
        if line.startswith('PLAY RECAP'):
            in_recap, recap = True, {}
            continue
        if in_recap:
            match = RECAP_LINE.match(line.strip())
            if match:
                recap[match.group('host')] = dict(
                    (k, int(v)) for k, v in (item.split('=') for item in match.group('counts').split()))
            elif line.strip():
                in_recap = False
    return recap


class Run(object):
    def __init__(self, cmd, rc, stdout, stderr, seconds, log, peak_rss_mb=None, cpu_seconds=None):
        self.cmd = cmd
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        # CPU time (user + system) of the command and every process it ran: unlike wall time, it does not
        # grow with the load other work puts on a shared machine.
        self.cpu_seconds = cpu_seconds
        self.log = log
        self.counts = request_counts(log)
        self.recap = parse_recap(stdout)
        self.peak_rss_mb = peak_rss_mb

    @property
    def changed(self):
        return sum(host.get('changed', 0) for host in self.recap.values())

    def check(self):
        if self.rc != 0:
            raise AssertionError('%s failed (rc=%s)\n--- stdout ---\n%s\n--- stderr ---\n%s' % (
                ' '.join(self.cmd), self.rc, self.stdout[-6000:], self.stderr[-3000:]))
        return self


class Ansible(object):
    """Timed ansible commands against ``sandbox``; each run's own request log is kept with it."""

    def __init__(self, sandbox, tmp_dir=None, latency_ms=0):
        self.sandbox = sandbox
        self.tmp_dir = tmp_dir or tempfile.mkdtemp(prefix='bench-')
        self.latency_ms = latency_ms

    def env(self, extra=None):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': ensure_collection_link(),
            'ANSIBLE_HOME': os.path.join(REPO_ROOT, '.ansible'),
            'ANSIBLE_LOCAL_TEMP': self.tmp_dir,
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_LOCALHOST_WARNING': '0',
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
            'ANSIBLE_DEPRECATION_WARNINGS': '0',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_PYTHON_INTERPRETER': python(),
            'DEVOPNESS_API_URL': self.sandbox.devopness_url,
            'DEVOPNESS_API_TOKEN': SANDBOX_TOKEN,
            'PATH': VENV_BIN + os.pathsep + os.environ.get('PATH', ''),
        })
        env.pop('ANSIBLE_COLLECTIONS_PATHS', None)
        env.update(extra or {})
        return env

    def run(self, cmd, env=None, timeout=3600):
        self.sandbox.clear_requests()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=REPO_ROOT, env=self.env(env), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                              timeout=timeout, check=False)
        seconds = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # ru_maxrss of the children is the largest child so far: it tells only when this run raised it.
        peak = after.ru_maxrss / 1024.0 if after.ru_maxrss > before.ru_maxrss else None
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return Run(cmd, proc.returncode, proc.stdout, proc.stderr, seconds, self.sandbox.requests(), peak, cpu)

    def playbook(self, name, extra_vars=None, env=None, check=False):
        path = name if os.path.isabs(name) else os.path.join(PLAYBOOKS, name)
        variables = {'devopness_api_url': self.sandbox.devopness_url, 'devopness_api_token': SANDBOX_TOKEN}
        variables.update(extra_vars or {})
        cmd = [tool('ansible-playbook'), path, '-e', json.dumps(variables)]
        if check:
            cmd.append('--check')
        return self.run(cmd, env=env)

    def write_json(self, name, data):
        path = os.path.join(self.tmp_dir, name)
        with open(path, 'w') as handle:
            json.dump(data, handle)
        return path


def median(values):
    return statistics.median(values) if values else float('nan')


def interleaved(rounds, *runners):
    """Run each of ``runners`` once per round, in turn (so drift hits them alike); their runs."""
    runs = [[] for dummy in runners]
    for dummy in range(rounds):
        for index, runner in enumerate(runners):
            runs[index].append(runner())
    return runs
