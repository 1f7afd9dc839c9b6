#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.deployops.platforms.plugins.module_utils.devopness_resources import VARIABLE
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import converge_resource_or_set, resource_module


def main():
    module = resource_module(VARIABLE)
    params = module.params
    if params['variables'] is None:
        if params['state'] == 'present' and params['value'] is None and not params['prune']:
            module.fail_json(msg='state is present but all of the following are missing: value')
        if params['hidden'] and params['value']:
            # Only a hidden value is a secret: it is then masked wherever it would appear in the output.
            module.no_log_values.add(params['value'])
    for index, item in enumerate(params['variables'] or ()):
        if item['hidden'] and item['value']:
            module.no_log_values.add(item['value'])
        if (item['state'] or params['state']) == 'present' and item['value'] is None:
            problem = 'value is required unless the state of the variable is absent'
            module.fail_json(msg='variables[%d] (%s): %s' % (index, item['key'], problem),
                             errors={'variables[%d].value' % index: [problem]})
    converge_resource_or_set(module, VARIABLE)


if __name__ == '__main__':
    main()
