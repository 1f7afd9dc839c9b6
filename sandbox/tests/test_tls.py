"""HTTPS: the self-signed certificate helper and a sandbox serving TLS, in process and from the
command line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest
import requests
from cryptography import x509

from sandbox.server import make_server
from sandbox.tls import write_self_signed

from .conftest import serving

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADERS = {"Authorization": "Bearer sandbox-token", "Accept": "application/json"}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return write_self_signed(str(tmp_path_factory.mktemp("tls")))


@pytest.fixture(scope="module")
def https_base(certificate):
    with serving(make_server("127.0.0.1", 0, tls_cert=certificate[0], tls_key=certificate[1])) as base:
        yield base


def test_certificate_names_loopback_and_key_is_private(certificate):
    cert_path, key_path = certificate
    cert = x509.load_pem_x509_certificate(open(cert_path, "rb").read())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    assert "127.0.0.1" in [str(ip) for ip in names.get_values_for_type(x509.IPAddress)]
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600


def test_https_sandbox_trusted_through_its_certificate_only(https_base, certificate):
    assert requests.get(https_base + "/_sandbox/health", verify=certificate[0], timeout=5).json() == {"status": "ok"}
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(https_base + "/_sandbox/health", timeout=5)  # the system trust store does not know it
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(https_base.replace("https:", "http:") + "/_sandbox/health", timeout=5)
    # the server survives a client that does not speak TLS
    assert requests.get(https_base + "/_sandbox/health", verify=certificate[0], timeout=5).status_code == 200


def test_links_built_by_the_platform_use_https(https_base, certificate):
    requests.post(https_base + "/_sandbox/seed", json={"projects": 3}, verify=certificate[0], timeout=5)
    r = requests.get(https_base + "/devopness/projects", params={"per_page": 1}, headers=HEADERS,
                     verify=certificate[0], timeout=5)
    assert r.status_code == 200 and 'https://127.0.0.1:' in r.headers["Link"] and "http://" not in r.headers["Link"]


def test_command_line_serves_https(certificate):
    proc = subprocess.Popen([sys.executable, "-m", "sandbox", "--port", "0", "--tls-cert", certificate[0],
                             "--tls-key", certificate[1]], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("sandbox listening on https://127.0.0.1:"), (line, proc.stderr.read())
        url = line.split()[-1]
        deadline = time.monotonic() + 10
        while True:
            try:
                assert requests.get(url + "/_sandbox/health", verify=certificate[0], timeout=2).status_code == 200
                break
            except requests.exceptions.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_certificate_and_key_go_together(certificate):
    with pytest.raises(ValueError):
        make_server("127.0.0.1", 0, tls_cert=certificate[0])
    done = subprocess.run([sys.executable, "-m", "sandbox", "--port", "0", "--tls-cert", certificate[0]],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--tls-key" in done.stderr
