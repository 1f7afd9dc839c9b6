# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules Devopness enforces on values (names, hostnames, cron patterns, address blocks, SSH public
keys), checked before any request (``Field.validate``), and how an SSH key is compared with the
fingerprint the API reports (``Field.compare``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
import ipaddress
import re

_FINGERPRINT_RE = re.compile(r'^(SHA256:[A-Za-z0-9+/]+=*|(MD5:)?[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){15})$')
_BASE64_RE = re.compile(r'^[A-Za-z0-9+/]+={0,2}$')


DAEMON_NAME_RE = re.compile(r'^[A-Za-z0-9_-]{1,60}$')


def daemon_name_problem(value):
    if not DAEMON_NAME_RE.match(value):
        return 'may contain only letters, digits, "-" and "_" (at most 60 characters), got %r' % value
    return None


HOSTNAME_RE = re.compile(r'^[0-9a-z-]+$')


def hostname_problem(value):
    if len(value) > 60:
        return 'must not be longer than 60 characters (it has %d)' % len(value)
    if not HOSTNAME_RE.match(value):
        return "may contain only digits, lower-case letters a-z and '-' (got %r)" % value
    return None


def between(low, high):
    return lambda value: None if low <= value <= high else 'must be between %d and %d (got %d)' % (low, high, value)


def length(low, high):
    """What the vendor documents as "Must be at least N / not be greater than M characters"."""
    def problem(value):
        size = len('%s' % value)
        if size < low:
            return 'must be at least %d characters long (it has %d)' % (low, size)
        if size > high:
            return 'must not be longer than %d characters (it has %d)' % (high, size)
        return None
    return problem


def all_of(*checks):
    """A ``Field.validate`` made of several: the first problem found."""
    def problem(value):
        for check in checks:
            found = check(value)
            if found:
                return found
        return None
    return problem


HTTP_URL_RE = re.compile(r'^https?://[^\s/?#]+[^\s]*$')


def http_url_problem(value):
    if not HTTP_URL_RE.match('%s' % value):
        return 'must be an http:// or https:// URL, got %r' % (value,)
    return None


def ip_address_problem(value):
    try:
        ipaddress.ip_address('%s' % value)
    except ValueError:
        return 'must be an IPv4 or IPv6 address, got %r' % (value,)
    return None


MONTHS = ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')
WEEKDAYS = ('sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat')
#: (name, lowest, highest, names) of the five fields of a cron pattern
CRON_FIELDS = (('minute', 0, 59, ()), ('hour', 0, 23, ()), ('day of month', 1, 31, ()),
               ('month', 1, 12, MONTHS), ('day of week', 0, 7, WEEKDAYS))


def _cron_value_ok(text, low, high, names):
    if text.isdigit():
        return low <= int(text) <= high
    return text.lower() in names


def pattern_problem(value):
    """A 5-field cron pattern: each field a comma list of ``*``, ``N`` or ``N-M`` (month and weekday
    names allowed), each optionally ``/step``; ``?`` for the day of month or of week."""
    fields = value.split()
    if len(fields) != 5:
        return ('must be a 5-field cron expression (minute hour day-of-month month day-of-week, e.g. "*/5 * * * *"), '
                'got %r' % value)
    for position, (field, (name, low, high, names)) in enumerate(zip(fields, CRON_FIELDS)):
        if field == '?' and position in (2, 4):
            continue
        for item in field.split(','):
            values, slash, step = item.partition('/')
            bad_step = slash and not (step.isdigit() and 1 <= int(step) <= high)
            first, dash, last = values.partition('-')
            bad_range = values != '*' and (not _cron_value_ok(first, low, high, names)
                                           or dash and not _cron_value_ok(last, low, high, names))
            if bad_step or bad_range:
                return 'the %s field %r of %r must be *, N or N-M with N from %d to %d, optionally /step' % (
                    name, field, value, low, high)
    return None


IPV4_CIDR_RE = re.compile(r'^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})$')
IPV6_CIDR_RE = re.compile(r'^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/(\d{1,3})$')


def cidr_problem(value):
    v4 = IPV4_CIDR_RE.match(value)
    if v4 and all(int(part) <= 255 for part in v4.groups()[:4]) and int(v4.group(5)) <= 32:
        return None
    v6 = IPV6_CIDR_RE.match(value)
    if v6 and int(v6.group(1)) <= 128:
        return None
    return 'must be an address block in CIDR notation, such as "0.0.0.0/0" or "10.0.0.0/8", got %r' % value


_DOMAIN = re.compile(r'^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$', re.IGNORECASE)
_IPV4_PORT = re.compile(r'^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(:(\d{1,5}))?$')


def ip_problem(text):
    ip = _IPV4_PORT.match(text)
    if not ip or any(int(part) > 255 for part in ip.groups()[:4]):
        return 'an ip-based virtual host is named by an IPv4 address with an optional :port, got %r' % text
    if ip.group(6) is not None and not 1 <= int(ip.group(6)) <= 65535:
        return 'the port must be 1-65535, got %r' % text
    return None


def domain_problem(text):
    if len(text) > 255 or not _DOMAIN.match(text):
        return 'a name-based virtual host is named by a domain name, got %r' % text
    return None


def virtual_host_name_problem(value):
    """A name must be a domain (name-based) or an IPv4 address with an optional port (ip-based)."""
    text = '%s' % value
    if _IPV4_PORT.match(text):
        return ip_problem(text)
    if domain_problem(text):
        return 'must be a domain name (name-based) or an IPv4 address with an optional :port (ip-based), got %r' % text
    return None


def name_fits_type(params):
    """The API requires a domain for a name-based host and an IPv4[:port] for an ip-based one."""
    name, kind = params.get('name'), params.get('type')
    if name is None or kind is None:
        return None
    problem = ip_problem('%s' % name) if kind == 'ip-based' else domain_problem('%s' % name)
    return ('name', problem) if problem else None


def ssh_key_fingerprints(public_key):
    """The fingerprints an OpenSSH public key line (``type base64 [comment]``) may be reported by.

    ``SHA256:`` + unpadded base64 of the SHA-256 of the decoded key blob (``ssh-keygen -l``),
    ``MD5:`` + colon-separated hex of its MD5 (and the same without the prefix), and the
    SHA-256 form of the whole stripped line. An empty list when the text is not such a key.
    """
    text = (public_key or '').strip()
    parts = text.split()
    if len(parts) < 2 or not _BASE64_RE.match(parts[1]):
        return []
    try:
        blob = base64.b64decode(parts[1].encode('ascii'))
    except (TypeError, ValueError, binascii.Error):
        return []
    if len(blob) < 4:
        return []
    md5 = hashlib.md5(blob).hexdigest()  # nosec - a fingerprint format, not a security use
    md5 = ':'.join(md5[i:i + 2] for i in range(0, len(md5), 2))
    return [
        'SHA256:' + _b64_sha256(blob),
        'MD5:' + md5,
        md5,
        'SHA256:' + _b64_sha256(text.encode('utf-8')),
    ]


def _b64_sha256(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode('ascii').rstrip('=')


def public_key_problem(value):
    """``Field.validate`` for an OpenSSH public key line."""
    if not ssh_key_fingerprints(value):
        return 'must be an OpenSSH public key line: "<type> <base64 key> [comment]", e.g. "ssh-ed25519 AAAA... me@host"'
    return None


def public_key_differs(desired, current):
    """``Field.compare`` for a write-only public key against the ``fingerprint`` the API returns.

    Differs only when the fingerprint is in a recognised form (``SHA256:``, ``MD5:`` or
    colon-separated hex) and matches none of the key's fingerprints; an absent or unknown
    fingerprint cannot tell, so the key is then treated as set once, at creation.
    """
    fingerprint = ((current or {}).get('fingerprint') or '').strip()
    if not fingerprint or not _FINGERPRINT_RE.match(fingerprint):
        return False
    return fingerprint not in ssh_key_fingerprints(desired) and fingerprint.lower() not in ssh_key_fingerprints(desired)
