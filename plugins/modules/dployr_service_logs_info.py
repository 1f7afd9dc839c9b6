#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
