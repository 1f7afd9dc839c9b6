# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each ``playbooks/<platform>_<topic>.yml`` drives one platform's modules through real ``ansible-playbook``
against a freshly reset sandbox; the playbook asserts the behaviour itself (check mode sends no write, re-run
unchanged, diff, deletion, errors naming the option), so a failed assertion fails the run.

Every run is also a secrets check: it runs at ``-vvvv --diff`` with the credentials in a vars file (a value
given with ``-e`` on the command line is printed by ansible-playbook itself at ``-vvvv``), and none of the
platform's secret values (``reliability.SECRETS``, and the random secrets the sandbox made) may appear in
stdout or stderr, nor in the query string of a request (DeployBot would accept ``?token=``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from reliability import SECRETS, leaks, module_playbooks, secret_values

HERE = os.path.dirname(os.path.abspath(__file__))
VERBOSE_MARKERS = ('<127.0.0.1> EXEC', 'ESTABLISH LOCAL CONNECTION')  # what only -vvv and more print

PARAMS = [pytest.param(platform, playbook, id=playbook[:-len('.yml')])
          for platform in sorted(SECRETS) for playbook in module_playbooks(platform)]


@pytest.mark.parametrize('platform,playbook', PARAMS)
def test_module_playbook(platform, playbook, sandbox, ansible):
    result = ansible.run_playbook(os.path.join(HERE, 'playbooks', playbook),
                                  extra_vars=SECRETS[platform].credential_vars(sandbox), diff=True, verbosity=4)
    assert result.rc == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert result.recap['localhost']['failed'] == 0
    output = result.stdout + result.stderr
    assert any(marker in output for marker in VERBOSE_MARKERS), output[-3000:]  # really -vvvv
    secrets = secret_values(sandbox, platform)
    assert leaks(output, secrets) == [], 'secret values printed by %s' % playbook
    queries = json.dumps([r['query'] for r in sandbox.requests(platform=platform)])
    assert leaks(queries, secrets) == [], 'secret values sent in a query string'
