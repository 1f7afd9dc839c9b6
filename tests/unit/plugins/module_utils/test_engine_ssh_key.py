# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSH public keys compared by fingerprint: the API never returns ``public_key``, only a
``fingerprint`` (format undocumented, endpoints.md §8 SSH keys). The rules are in
``devopness_rules``; the real ``SSH_KEY`` declaration compares through them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SSH_KEY
from ansible_collections.deployops.platforms.plugins.module_utils.devopness_rules import (
    public_key_differs, public_key_problem, ssh_key_fingerprints)
from ansible_collections.deployops.platforms.tests.unit.fakes import deployed, MemoryAPI, run_engine

KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host'
OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB0S8dRQjhJq9QFQO8KQVY0h8y2r6q3zQq7u6xvQvS3c other@host'
# ssh-keygen -lf of KEY (OpenSSH: sha256 of the decoded blob, unpadded base64)
OPENSSH_SHA256 = 'SHA256:' + base64.b64encode(hashlib.sha256(base64.b64decode(KEY.split()[1])).digest()).decode().rstrip('=')


def test_openssh_sha256_fingerprint_is_computed_from_the_blob():
    assert OPENSSH_SHA256 in ssh_key_fingerprints(KEY)
    assert OPENSSH_SHA256 in ssh_key_fingerprints('  %s  ' % KEY.replace(' me@host', ' another-comment'))


def test_md5_and_whole_line_forms():
    prints = ssh_key_fingerprints(KEY)
    md5 = hashlib.md5(base64.b64decode(KEY.split()[1])).hexdigest()
    assert 'MD5:' + ':'.join(md5[i:i + 2] for i in range(0, 32, 2)) in prints
    line = 'SHA256:' + base64.b64encode(hashlib.sha256(KEY.encode()).digest()).decode().rstrip('=')
    assert line in prints


def test_not_a_key():
    assert ssh_key_fingerprints('x') == []
    assert ssh_key_fingerprints('ssh-rsa not*base64') == []
    assert public_key_problem('x')
    assert public_key_problem(KEY) is None


def test_differs_by_fingerprint():
    assert not public_key_differs(KEY, {'fingerprint': OPENSSH_SHA256})
    assert public_key_differs(OTHER, {'fingerprint': OPENSSH_SHA256})


def test_unknown_or_missing_fingerprint_means_set_once():
    assert not public_key_differs(OTHER, {'fingerprint': None})
    assert not public_key_differs(OTHER, {})
    assert not public_key_differs(OTHER, {'fingerprint': 'some-vendor-format'})


def test_matches_ssh_keygen_output():
    # ssh-keygen -lf and ssh-keygen -l -E md5 -f of this key
    key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIjeicG9T91qkqV2cMbcbkPjcZtqycJ6tZhyjQXUmhy8 ci@example'
    prints = ssh_key_fingerprints(key)
    assert 'SHA256:8hCIrRI+W0svCeEHbxVpaEsumpvoPozWP9p0cCZrF2c' in prints
    assert 'MD5:21:ce:f1:a0:eb:99:e4:fa:79:65:01:1a:e7:5c:7b:af' in prints
    assert not public_key_differs(key, {'fingerprint': 'SHA256:8hCIrRI+W0svCeEHbxVpaEsumpvoPozWP9p0cCZrF2c'})
    assert not public_key_differs(key, {'fingerprint': '21:ce:f1:a0:eb:99:e4:fa:79:65:01:1a:e7:5c:7b:af'})


def test_the_ssh_key_resource_finds_a_change_of_key_only_through_the_fingerprint():
    api = MemoryAPI()
    api.add('/environments/5/ssh-keys', **deployed(id=4, name='deploy', fingerprint=OPENSSH_SHA256))
    result = run_engine(api, SSH_KEY, dict(name='deploy', public_key=KEY))
    assert not result['changed'] and not result['_failed'] and api.writes == []
    result = run_engine(api, SSH_KEY, dict(name='deploy', public_key=OTHER))
    assert result['_failed'] and 'cannot change public_key' in result['msg'] and api.writes == []
    result = run_engine(api, SSH_KEY, dict(name='deploy', public_key='not a key'))
    assert result['_failed'] and result['msg'].startswith('public_key: must be an OpenSSH public key line')
