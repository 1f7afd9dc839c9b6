# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """How every module of every platform connects: TLS and the time budget of a request
    (``platform_api.PlatformAPI.argument_spec`` and ``client.Client``)."""

    DOCUMENTATION = r'''
options:
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the API.
      - V(false) is honoured even when E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE) is set.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates to verify the API's certificate with (for example a company CA),
        instead of the system's and E(REQUESTS_CA_BUNDLE)'s.
    type: path
  timeout:
    description:
      - Seconds to wait for the server each time (to connect, for an answer, for the next part of it);
        a whole answer must arrive within this time of its first part.
      - Requests that fail with a connection error, HTTP 429, 502, 503 or 504 are retried with exponential
        backoff, honouring C(Retry-After) (at most 60 seconds); HTTP 500 is retried for reads only. Retries stop
        once 4 times O(timeout) has passed since the request began, so a request fails after at most about
        6 times O(timeout) (3 minutes with the default), naming the request and the number of attempts.
      - Must be greater than 0.
    type: int
    default: 30
requirements:
  - requests
notes:
  - A creation whose answer is lost (timeout, connection reset, HTTP 502 or 504) is never sent again
    blindly; the module looks the object up by its natural key first, so no duplicate is created.
'''
