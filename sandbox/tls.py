"""A self-signed certificate for an HTTPS sandbox on 127.0.0.1 / localhost.

    python -m sandbox.tls DIR            # writes DIR/sandbox-cert.pem and DIR/sandbox-key.pem
    python -m sandbox --tls-cert DIR/sandbox-cert.pem --tls-key DIR/sandbox-key.pem

Clients trust it by pointing at the certificate (``requests.get(url, verify=cert_path)``,
``validate_certs`` plus a CA path in the collection); anything else must refuse it.
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import os
import sys

CERT_NAME = "sandbox-cert.pem"
KEY_NAME = "sandbox-key.pem"


def write_self_signed(directory: str, days: int = 30) -> tuple:
    """Write a P-256 key and a certificate valid for ``localhost``, ``127.0.0.1`` and ``::1``
    into ``directory``; return ``(cert_path, key_path)``.  The key file is mode 0600."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "deployops sandbox")])
    now = datetime.datetime.now(datetime.timezone.utc)
    subject_key_id = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"),
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            x509.IPAddress(ipaddress.ip_address("::1")),
        ]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=False,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(subject_key_id, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(subject_key_id),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    os.makedirs(directory, exist_ok=True)
    cert_path = os.path.join(directory, CERT_NAME)
    key_path = os.path.join(directory, KEY_NAME)
    with open(cert_path, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return cert_path, key_path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.tls",
                                     description="write a self-signed certificate for 127.0.0.1/localhost")
    parser.add_argument("directory")
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args(argv)
    cert_path, key_path = write_self_signed(args.directory, args.days)
    print(cert_path)
    print(key_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
