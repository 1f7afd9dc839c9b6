# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Engine features the SSL certificate module needs, on the real ``SSL_CERTIFICATE`` declaration: an
object found through another one (``Resource.locate`` with ``through_virtual_host``: a certificate
through its virtual host, whose absence is a missing parent) and write-only create-only secrets,
which can only be re-sent by re-creating the object."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import SSL_CERTIFICATE
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field, Resource
from ansible_collections.deployops.platforms.tests.unit.fakes import deployed, MemoryAPI, run_engine

CERTIFICATES = '/environments/5/ssl-certificates'
VIRTUAL_HOSTS = '/environments/5/virtual-hosts'

KEY_123 = '-----BEGIN PRIVATE KEY-----\n' + 'K' * 120 + '123\n-----END PRIVATE KEY-----'
NEW_KEY = '-----BEGIN PRIVATE KEY-----\n' + 'N' * 120 + '\n-----END PRIVATE KEY-----'


class CertificateAPI(MemoryAPI):
    """Virtual hosts 1 (www.example.com) and 2 (api.example.com); certificates point nowhere, the
    virtual host points at its certificate, as in Devopness. Deploys report action 7."""

    def __init__(self, certs=(), vhost_cert=None):
        super(CertificateAPI, self).__init__(
            refs={'virtual-host': {'www.example.com': 1, 'api.example.com': 2}}, action_id=7)
        self.add(VIRTUAL_HOSTS, id=1, name='www.example.com', ssl_certificate=None)
        self.add(VIRTUAL_HOSTS, id=2, name='api.example.com', ssl_certificate=None)
        for cert in certs:
            self.add(CERTIFICATES, **deployed(**cert))
        for vhost_id, cert_id in (vhost_cert or {}).items():
            self.vhost(vhost_id)['ssl_certificate'] = dict(self.find_path('/ssl-certificates/%s' % cert_id)[1])

    def vhost(self, vhost_id):
        return self.find_path('/virtual-hosts/%s' % vhost_id)[1]

    def create(self, path, payload):
        self.writes.append(('POST', path, dict(payload)))
        cert = self.add(path, issuer=payload['issuer'], type=payload.get('type', 'single-domain'))
        self.vhost(payload['virtual_host_id'])['ssl_certificate'] = dict(cert)
        return dict(cert), None

    def delete(self, path, params=None):
        job = super(CertificateAPI, self).delete(path, params)
        for vhost in self.collections[VIRTUAL_HOSTS]:
            if '/ssl-certificates/%s' % (vhost['ssl_certificate'] or {}).get('id') == path:
                vhost['ssl_certificate'] = None
        return job


def test_found_through_the_virtual_host_without_listing():
    api = CertificateAPI(certs=[dict(id=9, issuer='lets-encrypt', type='single-domain'),
                                dict(id=10, issuer='lets-encrypt', type='single-domain')], vhost_cert={2: 10})
    result = run_engine(api, SSL_CERTIFICATE, dict(virtual_host='api.example.com', issuer='lets-encrypt'))
    assert not result['changed'] and not result['_failed']
    assert result['ssl_certificate']['id'] == 10
    assert api.read_paths() == ['/virtual-hosts/2', '/ssl-certificates/10'] and api.writes == []


def test_without_locate_the_key_is_matched_in_the_list():
    listed = SSL_CERTIFICATE.variant(locate=None, key=('issuer',))
    api = CertificateAPI(certs=[dict(id=9, issuer='lets-encrypt')])
    result = run_engine(api, listed, dict(issuer='lets-encrypt'))
    assert not result['changed'] and result['ssl_certificate']['id'] == 9
    assert api.read_paths() == [CERTIFICATES, '/ssl-certificates/9']


def test_created_for_the_virtual_host_then_deployed():
    api = CertificateAPI(certs=[dict(id=9, issuer='lets-encrypt')], vhost_cert={2: 9})
    params = dict(virtual_host='www.example.com', issuer='custom', custom_private_key=KEY_123)
    result = run_engine(api, SSL_CERTIFICATE, params)
    assert result['changed'] and not result['_failed']
    assert api.writes == [
        ('POST', CERTIFICATES, {'virtual_host_id': 1, 'issuer': 'custom', 'custom_private_key': KEY_123}),
        ('POST', '/ssl-certificates/100/deploy', None),
    ]
    assert api.awaited == [7] and result['action'] == {'id': 7, 'status': 'completed'}
    assert KEY_123 not in repr(result)
    assert run_engine(api, SSL_CERTIFICATE, params)['changed'] is False


def test_missing_virtual_host_is_a_missing_parent():
    api = CertificateAPI()
    result = run_engine(api, SSL_CERTIFICATE, dict(virtual_host='new.example.com', issuer='lets-encrypt'), check_mode=True)
    assert result['changed'] and not result['_failed'] and api.writes == []
    result = run_engine(api, SSL_CERTIFICATE, dict(virtual_host='new.example.com', issuer='lets-encrypt'))
    assert result['_failed'] and "virtual host 'new.example.com' was not found" in result['msg']
    result = run_engine(api, SSL_CERTIFICATE, dict(virtual_host='new.example.com', state='absent'))
    assert not result['changed'] and not result['_failed']
    assert api.writes == []


def test_missing_object_found_through_an_unknown_id_fails_clearly():
    api = CertificateAPI()
    result = run_engine(api, SSL_CERTIFICATE, dict(virtual_host='42', issuer='lets-encrypt'))
    assert result['_failed'] and "virtual host '42' was not found" in result['msg']
    assert api.read_paths() == ['/virtual-hosts/42'] and api.writes == []


def test_create_only_change_found_through_the_virtual_host_needs_recreate():
    api = CertificateAPI(certs=[dict(id=9, issuer='lets-encrypt', type='single-domain')], vhost_cert={1: 9})
    params = dict(virtual_host='www.example.com', issuer='lets-encrypt', type='wildcard')
    result = run_engine(api, SSL_CERTIFICATE, params)
    assert result['_failed'] and 'cannot change type' in result['msg'] and api.writes == []
    result = run_engine(api, SSL_CERTIFICATE, dict(params, recreate=True))
    assert result['changed'] and api.writes == [
        ('DELETE', '/ssl-certificates/9', None),
        ('POST', CERTIFICATES, {'virtual_host_id': 1, 'issuer': 'lets-encrypt', 'type': 'wildcard'}),
        ('POST', '/ssl-certificates/100/deploy', None),
    ]
    assert api.vhost(1)['ssl_certificate']['type'] == 'wildcard'


def test_secret_set_once_unless_update_secrets_always_and_recreate():
    api = CertificateAPI(certs=[dict(id=9, issuer='custom', type='single-domain')], vhost_cert={1: 9})
    params = dict(virtual_host='www.example.com', issuer='custom', custom_private_key=NEW_KEY)
    assert not run_engine(api, SSL_CERTIFICATE, params)['changed'] and api.writes == []
    result = run_engine(api, SSL_CERTIFICATE, dict(params, update_secrets='always'))
    assert result['_failed'] and 'cannot change custom_private_key' in result['msg']
    assert NEW_KEY not in repr(result) and api.writes == []
    result = run_engine(api, SSL_CERTIFICATE, dict(params, update_secrets='always', recreate=True), check_mode=True)
    assert result['changed'] and api.writes == [] and NEW_KEY not in repr(result)
    result = run_engine(api, SSL_CERTIFICATE, dict(params, update_secrets='always', recreate=True))
    assert result['changed'] and api.write_methods() == ['DELETE', 'POST', 'POST']
    assert api.writes[1][2]['custom_private_key'] == NEW_KEY
    assert NEW_KEY not in repr(result)


#: a write-only create-only value on a resource that says nothing more about it
TOKEN = Resource(
    name='token', scope='environment', list_path='/environments/{environment_id}/tokens', item_path='/tokens/{id}',
    fields=[Field('name'), Field('value', write_only=True, create_only=True), Field('note', write_only=True)],
)


def test_every_write_only_create_only_value_is_resent_only_by_recreate():
    assert TOKEN.field('value').resent_only_by_recreate({})
    assert not TOKEN.field('note').resent_only_by_recreate({})
    api = MemoryAPI()
    api.add('/environments/5/tokens', id=1, name='ci')
    result = run_engine(api, TOKEN, dict(name='ci', value='NEW', update_secrets='always'))
    assert result['_failed'] and 'cannot change value' in result['msg'] and 'recreate' in result['msg']
    assert 'NEW' not in repr(result) and api.writes == []
    result = run_engine(api, TOKEN, dict(name='ci', value='NEW', update_secrets='always', recreate=True))
    assert result['changed'] and api.writes == [('DELETE', '/tokens/1', None),
                                                ('POST', '/environments/5/tokens', {'name': 'ci', 'value': 'NEW'})]
