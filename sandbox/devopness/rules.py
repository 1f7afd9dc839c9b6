"""Field rules the Devopness spec states only in prose (endpoints.md): SSH public keys and their
OpenSSH fingerprints, virtual host names by type, 5-field cron patterns and CIDR blocks."""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import re
import struct

from ..http_types import validation_error


def ssh_fingerprint(public_key: str):
    """OpenSSH ``SHA256:`` fingerprint of a ``<type> <base64> [comment]`` line, or None if it is not one.

    Like ``ssh-keygen -lf``: sha256 of the base64-decoded key blob, base64 without padding.  The
    comment does not count.  The blob must start with its own key type (an SSH string)."""
    parts = (public_key or "").split()
    if len(parts) < 2:
        return None
    key_type, encoded = parts[0], parts[1]
    try:
        blob = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(blob) < 4:
        return None
    type_length = struct.unpack(">I", blob[:4])[0]
    if blob[4:4 + type_length] != key_type.encode() or len(blob) <= 4 + type_length:
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


_DOMAIN_RE = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", re.I)


def vhost_name_ok(virtual_host_type: str, name: str) -> bool:
    """``name-based``: a domain name (optionally ``*.``-wildcarded, at least two labels, a TLD that
    starts with a letter); ``ip-based``: an IPv4 address with an optional ``:port`` (1-65535)."""
    if virtual_host_type == "name-based":
        return len(name) <= 253 and bool(_DOMAIN_RE.match(name))
    address, colon, port = name.partition(":")
    if colon and not (port.isdigit() and port.isascii() and 1 <= int(port) <= 65535):
        return False
    try:
        ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return True


_CRON_FIELDS = (  # (low, high, names)
    (0, 59, None), (0, 23, None), (1, 31, None),
    (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
    (0, 7, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
)


def _cron_value(text, low, high, names):
    if text.isdigit() and text.isascii():
        return low <= int(text) <= high
    return bool(names) and text.lower() in names


def cron_pattern_ok(pattern: str) -> bool:
    """Five whitespace-separated fields (minute hour day-of-month month day-of-week), each a list
    of ``*``, ``N``, ``N-M``, optionally with ``/step``; month and weekday names allowed; ``?`` for
    day-of-month or day-of-week.  Macros (``@hourly``) and 6-field (seconds) forms are refused."""
    fields = (pattern or "").split()
    if len(fields) != 5:
        return False
    for position, (field, (low, high, names)) in enumerate(zip(fields, _CRON_FIELDS)):
        if field == "?" and position in (2, 4):
            continue
        for item in field.split(","):
            span, slash, step = item.partition("/")
            if slash and not (step.isdigit() and step.isascii() and 1 <= int(step) <= high):
                return False
            if span == "*":
                continue
            first, dash, last = span.partition("-")
            if not _cron_value(first, low, high, names):
                return False
            if dash and not _cron_value(last, low, high, names):
                return False
    return True


def cidr_ok(value: str) -> bool:
    """An IPv4 or IPv6 block written as ``address/prefix`` (host bits may be set)."""
    if "/" not in (value or ""):
        return False
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


def check_fields(kind, body, virtual_host_type=None):
    """Format rules the spec gives only in prose (endpoints.md); 422 naming every bad field."""
    errors = {}
    if kind == "virtual-host" and "name" in body and virtual_host_type in ("ip-based", "name-based"):
        if not vhost_name_ok(virtual_host_type, body["name"]):
            errors["name"] = ["The name must be a valid domain name for a name-based virtual host."
                            if virtual_host_type == "name-based" else
                            "The name must be a valid IPv4 address, with an optional :port, for an ip-based "
                            "virtual host."]
    elif kind == "cronjob" and "pattern" in body and not cron_pattern_ok(body["pattern"]):
        errors["pattern"] = ["The pattern must be a 5-field cron expression (minute hour day-of-month month "
                           "day-of-week)."]
    elif kind == "network-rule" and "cidr_block" in body and not cidr_ok(body["cidr_block"]):
        errors["cidr_block"] = ["The cidr_block must be an IPv4 or IPv6 address block in CIDR notation."]
    elif kind == "ssh-key" and "public_key" in body and ssh_fingerprint(body["public_key"]) is None:
        errors["public_key"] = ["The public_key must be an OpenSSH public key: <type> <base64 key blob> [comment]."]
    if errors:
        raise validation_error(errors)

