# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the SSL certificate module needs: an object found through another one
(``Resource.locate`` / ``found_through``: a certificate through its virtual host, whose
absence is a missing parent) and write-only create-only secrets re-sent only by re-creating
(``Field.recreate_to_resend``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    DeployAction, Field, ParentMissing, Resource, ResourceEngine, found_through)


class Exit(Exception):
    def __init__(self, result, failed=False):
        super(Exit, self).__init__(result.get('msg'))
        self.result = result
        self.failed = failed


class FakeModule(object):
    def __init__(self, params, check_mode=False, diff=True):
        self.params = dict(dict(state='present', id=None, wait=True, wait_timeout=5, recreate=False,
                                update_secrets='on_create', deploy=True), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def exit_json(self, **result):
        raise Exit(result)

    def fail_json(self, **result):
        raise Exit(result, failed=True)

    def warn(self, text):
        self.warnings.append(text)


class FakeCertificates(object):
    """Virtual hosts 1 (www.example.com) and 2 (api.example.com); certificates point nowhere,
    the virtual host points at its certificate, as in Devopness."""

    def __init__(self, certs=None, vhost_cert=None):
        self.vhosts = {1: {'id': 1, 'name': 'www.example.com', 'ssl_certificate': None},
                       2: {'id': 2, 'name': 'api.example.com', 'ssl_certificate': None}}
        self.certs = dict((c['id'], dict(c)) for c in (certs or []))
        for vhost_id, cert_id in (vhost_cert or {}).items():
            self.vhosts[vhost_id]['ssl_certificate'] = self.certs[cert_id]
        self.writes = []
        self.listed = []
        self.next_id = 100

    def scope(self, resource, params):
        return {'environment_id': 5}

    def resolve_ref(self, kind, value, scope):
        assert kind == 'virtual-host'
        if str(value).isdigit():
            return int(value)
        for vhost in self.vhosts.values():
            if vhost['name'] == value:
                return vhost['id']
        raise ParentMissing('virtual host %r was not found' % value)

    def list(self, path, params=None):
        self.listed.append(path)
        return list(self.certs.values())

    def get(self, path):
        kind, obj_id = path.split('/')[1], int(path.split('/')[2])
        table = self.vhosts if kind == 'virtual-hosts' else self.certs
        return dict(table[obj_id]) if obj_id in table else None

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        cert = dict(id=self.next_id, issuer=payload['issuer'], type=payload.get('type', 'single-domain'))
        self.next_id += 1
        self.certs[cert['id']] = cert
        self.vhosts[payload['virtual_host_id']]['ssl_certificate'] = dict(cert)
        return dict(cert), None

    def delete(self, path, params=None):
        self.writes.append(('DELETE', path, params))
        cert_id = int(path.rsplit('/', 1)[1])
        del self.certs[cert_id]
        for vhost in self.vhosts.values():
            if (vhost['ssl_certificate'] or {}).get('id') == cert_id:
                vhost['ssl_certificate'] = None
        return None

    def post_action(self, path, body=None):
        self.writes.append(('POST', path, body))
        return 7

    def wait_action(self, action_id, timeout):
        return {'id': action_id, 'status': 'completed'}


CERT = Resource(
    name='ssl_certificate',
    scope='environment',
    list_path='/environments/{environment_id}/ssl-certificates',
    item_path='/ssl-certificates/{id}',
    key=['virtual_host'],
    locate=found_through('virtual_host', 'virtual-host', '/virtual-hosts/{id}', 'ssl_certificate'),
    fields=[
        Field('virtual_host', api='virtual_host_id', ref='virtual-host', create_only=True,
              compare=lambda desired, current: False),
        Field('issuer', create_only=True),
        Field('type', create_only=True),
        Field('custom_private_key', write_only=True, create_only=True, recreate_to_resend=True),
    ],
    deploy=DeployAction('/ssl-certificates/{id}/deploy'),
)


def run(api, params, resource=CERT, **kwargs):
    module = FakeModule(params, **kwargs)
    with pytest.raises(Exit) as exit_info:
        ResourceEngine(module, api, resource).run()
    result = exit_info.value.result
    result['_failed'] = exit_info.value.failed
    return result


def test_found_through_the_virtual_host_without_listing():
    api = FakeCertificates(certs=[dict(id=9, issuer='lets-encrypt', type='single-domain'),
                                  dict(id=10, issuer='lets-encrypt', type='single-domain')], vhost_cert={2: 10})
    result = run(api, dict(virtual_host='api.example.com', issuer='lets-encrypt'))
    assert not result['changed'] and not result['_failed']
    assert result['ssl_certificate']['id'] == 10
    assert api.listed == [] and api.writes == []


def test_without_locate_the_key_is_matched_in_the_list():
    plain = Resource(name='ssl_certificate', scope='environment', item_path='/ssl-certificates/{id}',
                     list_path='/environments/{environment_id}/ssl-certificates', key=['issuer'],
                     fields=[Field('issuer')])
    api = FakeCertificates(certs=[dict(id=9, issuer='lets-encrypt')])
    result = run(api, dict(issuer='lets-encrypt'), resource=plain)
    assert not result['changed'] and result['ssl_certificate']['id'] == 9
    assert api.listed == ['/environments/5/ssl-certificates']


def test_created_for_the_virtual_host_then_deployed():
    api = FakeCertificates(certs=[dict(id=9, issuer='lets-encrypt')], vhost_cert={2: 9})
    result = run(api, dict(virtual_host='www.example.com', issuer='custom', custom_private_key='KEY-123'))
    assert result['changed'] and not result['_failed']
    assert api.writes == [
        ('POST', '/environments/5/ssl-certificates',
         {'virtual_host_id': 1, 'issuer': 'custom', 'custom_private_key': 'KEY-123'}),
        ('POST', '/ssl-certificates/100/deploy', None),
    ]
    assert 'KEY-123' not in repr(result)
    assert run(api, dict(virtual_host='www.example.com', issuer='custom', custom_private_key='KEY-123'))['changed'] is False


def test_missing_virtual_host_is_a_missing_parent():
    api = FakeCertificates()
    result = run(api, dict(virtual_host='new.example.com', issuer='lets-encrypt'), check_mode=True)
    assert result['changed'] and not result['_failed'] and api.writes == []
    result = run(api, dict(virtual_host='new.example.com', issuer='lets-encrypt'))
    assert result['_failed'] and "virtual host 'new.example.com' was not found" in result['msg']
    result = run(api, dict(virtual_host='new.example.com', state='absent'))
    assert not result['changed'] and not result['_failed']


def test_missing_object_found_through_an_unknown_id_fails_clearly():
    api = FakeCertificates()
    result = run(api, dict(virtual_host='42', issuer='lets-encrypt'))
    assert result['_failed'] and "virtual host '42' was not found" in result['msg']


def test_create_only_change_found_through_the_virtual_host_needs_recreate():
    api = FakeCertificates(certs=[dict(id=9, issuer='lets-encrypt', type='single-domain')], vhost_cert={1: 9})
    result = run(api, dict(virtual_host='www.example.com', issuer='lets-encrypt', type='wildcard'))
    assert result['_failed'] and 'cannot change type' in result['msg'] and api.writes == []
    result = run(api, dict(virtual_host='www.example.com', issuer='lets-encrypt', type='wildcard', recreate=True))
    assert result['changed'] and [w[0] for w in api.writes] == ['DELETE', 'POST', 'POST']
    assert api.vhosts[1]['ssl_certificate']['type'] == 'wildcard'


def test_secret_set_once_unless_update_secrets_always_and_recreate():
    api = FakeCertificates(certs=[dict(id=9, issuer='custom', type='single-domain')], vhost_cert={1: 9})
    params = dict(virtual_host='www.example.com', issuer='custom', custom_private_key='NEW-KEY')
    assert not run(api, params)['changed'] and api.writes == []
    result = run(api, dict(params, update_secrets='always'))
    assert result['_failed'] and 'cannot change custom_private_key' in result['msg']
    assert 'NEW-KEY' not in repr(result) and api.writes == []
    result = run(api, dict(params, update_secrets='always', recreate=True), check_mode=True)
    assert result['changed'] and api.writes == [] and 'NEW-KEY' not in repr(result)
    result = run(api, dict(params, update_secrets='always', recreate=True))
    assert result['changed'] and [w[0] for w in api.writes] == ['DELETE', 'POST', 'POST']
    assert api.writes[1][2]['custom_private_key'] == 'NEW-KEY'
    assert 'NEW-KEY' not in repr(result)


def test_write_only_create_only_without_the_flag_stays_set_once():
    plain = Resource(name='ssl_certificate', scope='environment', item_path='/ssl-certificates/{id}',
                     list_path='/environments/{environment_id}/ssl-certificates', key=['virtual_host'],
                     locate=CERT.locate,
                     fields=[Field('virtual_host', api='virtual_host_id', ref='virtual-host', create_only=True,
                                   compare=lambda desired, current: False),
                             Field('custom_private_key', write_only=True, create_only=True)])
    api = FakeCertificates(certs=[dict(id=9, issuer='custom')], vhost_cert={1: 9})
    result = run(api, dict(virtual_host='www.example.com', custom_private_key='NEW', update_secrets='always'),
                 resource=plain)
    assert not result['changed'] and not result['_failed'] and api.writes == []
