# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration test harness: a real sandbox process and the real ansible-playbook from .venv.

Fixtures
--------
``sandbox`` (session)
    Starts ``<venv python> -m sandbox --port <free port>`` from the repo root, waits (at most
    60 s) for ``GET /_sandbox/health``, and stops it at the end of the session. With pytest-xdist
    every worker is its own session, so every worker has its own sandbox on its own port.
    Attributes: ``url``, ``devopness_url``, ``scheme``, ``ca_file`` (None over HTTP); methods
    ``platform_url(name)`` (``/devopness``, ``/deployhq``, ``/deploybot/api/v1``, ``/dployr``),
    ``requests(platform=None, method=None)``, ``clear_requests()``, ``reset()``, ``faults(**kw)``,
    ``seed(platform=None, **kw)`` (the sandbox defaults to devopness), ``config(**kw)``,
    ``state(platform)`` (its resources, for comparing end states).
``fresh_sandbox`` (function)
    The same sandbox after ``reset()``. Every test that uses ``sandbox`` (directly or through
    ``ansible``) gets this reset automatically, so tests never see each other's state.
``tls_sandbox`` (session)
    A second sandbox serving HTTPS with a self-signed certificate for 127.0.0.1/localhost
    (``python -m sandbox.tls``); ``ca_file`` is that certificate, the only way to trust it.
    Reset before every test that uses it, like ``sandbox``. Started only when a test asks.
``ansible`` (function)
    ``run_playbook(path, extra_vars=None, check=False, diff=False, inventory=None, env=None,
    timeout=300, verbosity=0)`` runs ``.venv/bin/ansible-playbook`` against the working tree (through
    ``.collections``) with ``sandbox_url`` and the Devopness and DeployHQ credentials of the
    session's sandbox, all passed in a vars file (never on the command line, which ``-vvvv`` prints);
    ``run_command(args)`` runs ansible-doc, ansible-inventory...
    with the same environment. Both return a ``RunResult`` (``rc``, ``stdout``, ``stderr``,
    ``recap``, ``cmd``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
VENV_BIN = os.path.join(REPO_ROOT, '.venv', 'bin')
COLLECTIONS_DIR = os.path.join(REPO_ROOT, '.collections')
COLLECTION_LINK = os.path.join(COLLECTIONS_DIR, 'ansible_collections', 'deployops', 'platforms')
SANDBOX_TOKEN = 'sandbox-token'
DEPLOYHQ_USER = 'sandbox@example.com'  # the sandbox's DeployHQ user; its API key is the sandbox token
# Where each platform's API lives in the sandbox (GET /_sandbox/platforms lists the same).
PLATFORM_PREFIXES = {
    'devopness': '/devopness',
    'deployhq': '/deployhq',
    'deploybot': '/deploybot/api/v1',
    'dployr': '/dployr',
}
HEALTH_TIMEOUT = 60  # seconds; a loaded 2-core machine has needed more than 15 to start four platforms
LOG_TAIL_LINES = 60

RECAP_LINE = re.compile(r'^(?P<host>\S+)\s*:\s*(?P<counts>(?:\w+=\d+\s*)+)$')


def venv_python():
    """The .venv interpreter when there is one, else the interpreter running pytest."""
    candidate = os.path.join(VENV_BIN, 'python')
    return candidate if os.path.exists(candidate) else sys.executable


def venv_tool(name):
    """A console script from .venv/bin (or next to the running interpreter)."""
    for directory in (VENV_BIN, os.path.dirname(sys.executable)):
        candidate = os.path.join(directory, name)
        if os.path.exists(candidate):
            return candidate
    raise RuntimeError('%s not found in %s: run `make venv`' % (name, VENV_BIN))


def ensure_collection_link():
    """.collections/ansible_collections/deployops/platforms -> repo root (as `make collections`)."""
    if not (os.path.islink(COLLECTION_LINK) and os.path.realpath(COLLECTION_LINK) == os.path.realpath(REPO_ROOT)):
        if not os.path.isdir(os.path.dirname(COLLECTION_LINK)):
            os.makedirs(os.path.dirname(COLLECTION_LINK))
        if os.path.islink(COLLECTION_LINK):
            os.unlink(COLLECTION_LINK)
        try:
            os.symlink(os.path.join('..', '..', '..'), COLLECTION_LINK)
        except FileExistsError:  # another xdist worker made it first
            pass
    return COLLECTIONS_DIR


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
    finally:
        sock.close()


def tail(path, lines=LOG_TAIL_LINES):
    try:
        with open(path, errors='replace') as handle:
            return ''.join(handle.readlines()[-lines:])
    except OSError:
        return ''


# --------------------------------------------------------------------------- sandbox


class Sandbox(object):
    """A running ``python -m sandbox`` process and its control API (``/_sandbox/...``)."""

    def __init__(self, port, proc, stdout_path, stderr_path, ca_file=None):
        self.port = port
        self.proc = proc
        self.stdout_path = stdout_path
        self.stderr_path = stderr_path
        self.ca_file = ca_file
        self.scheme = 'https' if ca_file else 'http'
        self.url = '%s://127.0.0.1:%d' % (self.scheme, port)
        self.devopness_url = self.platform_url('devopness')
        self.http = requests.Session()

    def platform_url(self, name):
        """The base URL of a platform's API in this sandbox, e.g. ``.../deploybot/api/v1``."""
        return self.url + PLATFORM_PREFIXES[name]

    def __repr__(self):
        return '<Sandbox %s pid=%s>' % (self.url, self.proc.pid)

    # control API -----------------------------------------------------------
    def _call(self, method, path, **kwargs):
        # verify per request: REQUESTS_CA_BUNDLE in the environment would override Session.verify
        response = self.http.request(method, self.url + '/_sandbox' + path, timeout=10, verify=self.ca_file or True,
                                     **kwargs)
        if response.status_code >= 400:
            raise AssertionError('sandbox %s %s -> %s: %s' % (method, path, response.status_code, response.text))
        return response.json() if response.content else None

    def health(self):
        return self._call('GET', '/health')

    def requests(self, platform=None, method=None):
        """The request log (list of dicts: seq, platform, method, path, query, body, status)."""
        params = {}
        if platform is not None:
            params['platform'] = platform
        if method is not None:
            params['method'] = method.upper()
        return self._call('GET', '/requests', params=params)

    def clear_requests(self):
        self._call('DELETE', '/requests')

    def reset(self):
        return self._call('POST', '/reset')

    def faults(self, **kw):
        return self._call('POST', '/faults', json=kw)

    def seed(self, platform=None, **kw):
        """Bulk-create data on one platform (``POST /_sandbox/seed``)."""
        if platform is not None:
            kw['platform'] = platform
        return self._call('POST', '/seed', json=kw)

    def config(self, **kw):
        return self._call('POST', '/config', json=kw)

    def state(self, platform, secrets=False):
        """What ``platform`` holds now (``GET /_sandbox/state``): resources without timestamps (and,
        unless ``secrets``, without the random secrets the sandbox made)."""
        params = {'platform': platform, 'secrets': 'true'} if secrets else {'platform': platform}
        return self._call('GET', '/state', params=params)[platform]

    # process ---------------------------------------------------------------
    def logs(self):
        return 'sandbox stdout (tail):\n%s\nsandbox stderr (tail):\n%s' % (tail(self.stdout_path), tail(self.stderr_path))

    def stop(self):
        self.http.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode


def write_certificate(directory):
    """A self-signed certificate and key for 127.0.0.1/localhost, written by ``python -m sandbox.tls``."""
    done = subprocess.run([venv_python(), '-m', 'sandbox.tls', directory], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=60,
                          check=False)
    if done.returncode != 0:
        pytest.fail('python -m sandbox.tls failed:\n%s' % done.stderr, pytrace=False)
    cert_path, key_path = done.stdout.split()
    return cert_path, key_path


def _start_sandbox(log_dir, attempt, tls=None):
    """Start ``python -m sandbox`` (HTTPS when ``tls`` is ``(cert_path, key_path)``)."""
    port = free_port()
    stdout_path = os.path.join(log_dir, 'sandbox-%d.out' % attempt)
    stderr_path = os.path.join(log_dir, 'sandbox-%d.err' % attempt)
    cmd = [venv_python(), '-u', '-m', 'sandbox', '--port', str(port)]
    if tls:
        cmd.extend(['--tls-cert', tls[0], '--tls-key', tls[1]])
    with open(stdout_path, 'wb') as out, open(stderr_path, 'wb') as err:
        proc = subprocess.Popen(  # pylint: disable=consider-using-with
            cmd, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
        )
    box = Sandbox(port, proc, stdout_path, stderr_path, ca_file=tls[0] if tls else None)
    deadline = time.monotonic() + HEALTH_TIMEOUT
    last_error = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None, 'sandbox exited with %s before it was healthy\n%s' % (proc.returncode, box.logs())
        try:
            if requests.get(box.url + '/_sandbox/health', timeout=1, verify=box.ca_file or True).status_code == 200:
                return box, None
        except requests.RequestException as exc:
            last_error = exc
        time.sleep(0.1)
    box.stop()
    return None, 'sandbox not healthy after %.0f s (last error: %s)\n%s' % (HEALTH_TIMEOUT, last_error, box.logs())


def _running_sandbox(log_dir, tls=None):
    """Start a sandbox (up to three ports), yield it, stop it."""
    if not os.path.exists(os.path.join(REPO_ROOT, 'sandbox', '__main__.py')):
        pytest.fail('sandbox/__main__.py does not exist: there is no sandbox to start')
    box, problems = None, []
    for attempt in range(3):  # the free port can be taken between free_port() and the bind
        box, problem = _start_sandbox(log_dir, attempt, tls)
        if box is not None:
            break
        problems.append(problem)
    if box is None:
        pytest.fail('could not start the sandbox:\n' + '\n'.join(problems), pytrace=False)
    try:
        yield box
    finally:
        rc = box.stop()
        if rc not in (0, -15, None):  # -15: SIGTERM from stop()
            sys.stderr.write('\nsandbox ended with status %s\n%s\n' % (rc, box.logs()))


@pytest.fixture(scope='session')
def sandbox(tmp_path_factory):
    """One sandbox process per pytest session (per xdist worker)."""
    yield from _running_sandbox(str(tmp_path_factory.mktemp('sandbox')))


@pytest.fixture(scope='session')
def tls_sandbox(tmp_path_factory):
    """One HTTPS sandbox per session (per xdist worker), trusted only through ``ca_file``."""
    log_dir = str(tmp_path_factory.mktemp('tls-sandbox'))
    yield from _running_sandbox(log_dir, tls=write_certificate(os.path.join(log_dir, 'tls')))


@pytest.fixture
def fresh_sandbox(sandbox):
    """The session sandbox, reset to its initial state (data, faults, config, request log)."""
    sandbox.reset()
    return sandbox


@pytest.fixture(autouse=True)
def _reset_sandbox_per_test(request):
    """Every test that uses ``sandbox`` (directly or via ``ansible``) or ``tls_sandbox`` starts
    from a reset sandbox."""
    if 'sandbox' in request.fixturenames:
        request.getfixturevalue('fresh_sandbox')
    if 'tls_sandbox' in request.fixturenames:
        request.getfixturevalue('tls_sandbox').reset()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # pylint: disable=unused-argument
    """Attach the sandbox's output to the report of a failed test that used it."""
    outcome = yield
    report = outcome.get_result()
    for name in ('sandbox', 'tls_sandbox'):
        if report.failed and name in getattr(item, 'fixturenames', ()):
            box = getattr(item, 'funcargs', {}).get(name)
            if box is not None:
                report.sections.append(('%s output' % name, box.logs()))


# --------------------------------------------------------------------------- ansible


class RunResult(object):
    """What one ansible command did."""

    def __init__(self, cmd, rc, stdout, stderr):
        self.cmd = cmd
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.recap = parse_recap(stdout)

    def __repr__(self):
        return '<RunResult rc=%s recap=%r>' % (self.rc, self.recap)

    def __str__(self):
        return '$ %s\nrc=%s\n--- stdout ---\n%s\n--- stderr ---\n%s' % (
            ' '.join(shlex.quote(c) for c in self.cmd), self.rc, self.stdout, self.stderr)


def parse_recap(stdout):
    """``PLAY RECAP`` as {host: {ok: n, changed: n, unreachable: n, failed: n, skipped: n, ...}}."""
    recap = {}
    in_recap = False
    for line in stdout.splitlines():
        if line.startswith('PLAY RECAP'):
            in_recap = True
            recap = {}  # several plays print several recaps; the last one wins
            continue
        if in_recap:
            match = RECAP_LINE.match(line.strip())
            if match:
                counts = dict(item.split('=') for item in match.group('counts').split())
                recap[match.group('host')] = dict((key, int(value)) for key, value in counts.items())
            elif line.strip():
                in_recap = False
    return recap


def ansible_env(extra=None):
    """The environment every ansible command of the harness runs with."""
    env = dict(os.environ)
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': ensure_collection_link(),
        'ANSIBLE_FORCE_COLOR': '0',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_HOST_KEY_CHECKING': '0',
        'ANSIBLE_LOCALHOST_WARNING': '0',
        'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
        'ANSIBLE_DEPRECATION_WARNINGS': '0',
        'ANSIBLE_RETRY_FILES_ENABLED': '0',
        # Modules on localhost run with the .venv interpreter (it has requests), also for
        # inventories that name localhost explicitly.
        'ANSIBLE_PYTHON_INTERPRETER': venv_python(),
        'PATH': VENV_BIN + os.pathsep + env.get('PATH', ''),
    })
    env.pop('ANSIBLE_COLLECTIONS_PATHS', None)
    if extra:
        env.update(extra)
    return env


class Ansible(object):
    """Runs the real ansible tools from .venv against the working tree and the session sandbox."""

    def __init__(self, sandbox, local_tmp):
        self.sandbox = sandbox
        self.local_tmp = local_tmp

    @property
    def default_vars(self):
        return {
            'sandbox_url': self.sandbox.url,
            'devopness_api_url': self.sandbox.devopness_url,
            'devopness_api_token': SANDBOX_TOKEN,
            'deployhq_api_url': self.sandbox.platform_url('deployhq'),
            'deployhq_username': DEPLOYHQ_USER,
            'deployhq_api_key': SANDBOX_TOKEN,
        }

    def _run(self, cmd, env=None, timeout=300):
        full_env = ansible_env(env)
        full_env.setdefault('ANSIBLE_LOCAL_TEMP', self.local_tmp)
        try:
            proc = subprocess.run(cmd, cwd=REPO_ROOT, env=full_env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=timeout, check=False, universal_newlines=True)
        except subprocess.TimeoutExpired as exc:
            def text(value):
                return value.decode('utf-8', 'replace') if isinstance(value, bytes) else (value or '')
            pytest.fail('%s timed out after %s s\n--- stdout ---\n%s\n--- stderr ---\n%s'
                        % (' '.join(cmd), timeout, text(exc.stdout), text(exc.stderr)), pytrace=False)
        return RunResult(cmd, proc.returncode, proc.stdout, proc.stderr)

    def run_playbook(self, playbook_path, extra_vars=None, check=False, diff=False, inventory=None, env=None,
                     timeout=300, verbosity=0):
        playbook_path = os.path.join(HERE, playbook_path) if not os.path.isabs(playbook_path) else playbook_path
        variables = self.default_vars
        variables.update(extra_vars or {})
        # A vars file, not -e <json>: ansible-playbook prints its command line at -vvvv, credentials included.
        with tempfile.NamedTemporaryFile('w', suffix='.json', prefix='extra-vars-', dir=self.local_tmp,
                                         delete=False) as handle:
            json.dump(variables, handle)
        cmd = [venv_tool('ansible-playbook'), playbook_path, '-e', '@' + handle.name]
        if inventory is not None:
            for item in [inventory] if isinstance(inventory, str) else inventory:
                cmd.extend(['-i', item])
        if check:
            cmd.append('--check')
        if diff:
            cmd.append('--diff')
        if verbosity:
            cmd.append('-' + 'v' * verbosity)
        try:
            return self._run(cmd, env=env, timeout=timeout)
        finally:
            os.unlink(handle.name)

    def run_command(self, args, env=None, timeout=300):
        """Run e.g. ``['ansible-doc', 'deployops.platforms.x']``; the tool is taken from .venv/bin."""
        args = list(args)
        if not os.path.isabs(args[0]):
            args[0] = venv_tool(args[0])
        return self._run(args, env=env, timeout=timeout)


@pytest.fixture
def ansible(sandbox, tmp_path_factory):
    """Runner for ansible-playbook / ansible-doc / ansible-inventory against the session sandbox."""
    return Ansible(sandbox, str(tmp_path_factory.mktemp('ansible-local-tmp')))
