#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_service_logs_info
short_description: Read the build and runtime logs of a dployr service
version_added: 0.1.0
description:
  - Read the log lines of a service (C(GET /v1/services/{id}/logs)), from its builds, its runtime or both.
  - Base serves logs only when it runs with a log backend (Loki). Without one it answers HTTP 501
    C(LOGS_NOT_AVAILABLE) and the task fails saying that the server has no log backend; the logs of a
    deployment are then still in RV(deployops.platforms.dployr_deployment_info#module:deployments[].logs).
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
options:
  service:
    description:
      - Name or ID of the service.
    type: str
    required: true
  source:
    description:
      - Which logs; V(build) are the logs of its builds and deployments, V(runtime) what the service writes.
    type: str
    choices: [build, runtime, all]
    default: all
  limit:
    description:
      - At most this many lines (1 to 5000).
    type: int
    default: 1000
  since:
    description:
      - Only lines from this time on (Unix milliseconds). Base's default is 24 hours ago.
    type: int
  until:
    description:
      - Only lines until this time (Unix milliseconds).
    type: int
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: This action does not modify state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details: This action does not modify state.
'''

EXAMPLES = r'''
- name: The last runtime lines of a service
  deployops.platforms.dployr_service_logs_info:
    service: shop-api
    source: runtime
    limit: 100
  register: logs

- name: Show them
  ansible.builtin.debug:
    msg: "{{ logs.lines | map(attribute='message') | list }}"
'''

RETURN = r'''
lines:
  description: The log lines, oldest first.
  returned: always
  type: list
  elements: dict
  contains:
    timestamp:
      description: When the line was written (Unix milliseconds).
      type: int
    source:
      description: V(build) or V(runtime).
      type: str
    level:
      description: V(info), V(warn) or V(error).
      type: str
    message:
      description: The line.
      type: str
    deploymentId:
      description: The deployment the line belongs to.
      type: str
service:
  description: ID of the service.
  returned: always
  type: str
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr import DployrAPI
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import platform_module, run_task
from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError

NO_BACKEND = ('the dployr server has no log backend (Base answers HTTP 501 LOGS_NOT_AVAILABLE without Loki); '
              'the logs of each deployment are in dployr_deployment_info')


def read_logs(module):
    params = module.params

    def work(api):
        if params['limit'] < 1 or params['limit'] > 5000:
            raise EngineError('limit must be from 1 to 5000, got %s' % params['limit'], errors={'limit': ['out of range']})
        service = api.service(params['service'], api.cluster_id(params.get('cluster')))
        query = dict((key, params[key]) for key in ('source', 'limit', 'since', 'until') if params.get(key) is not None)
        try:
            lines = api.client.get('/v1/services/%s/logs' % service['id'], params=query).body
        except ApiError as exc:
            if exc.status == 501:
                raise EngineError('%s: %s' % (NO_BACKEND, exc), status=501)
            raise
        return dict(changed=False, service=service['id'], lines=lines if isinstance(lines, list) else [])
    return work


def main():
    module = platform_module(DployrAPI, dict(
        service=dict(type='str', required=True),
        source=dict(type='str', default='all', choices=['build', 'runtime', 'all']),
        limit=dict(type='int', default=1000),
        since=dict(type='int'),
        until=dict(type='int'),
    ))
    run_task(module, DployrAPI, read_logs(module))


if __name__ == '__main__':
    main()
