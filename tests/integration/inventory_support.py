# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the inventory tests of every platform (and the AWX runner test) do alike: write an inventory
source, list it with ``ansible-inventory``, read the JSON as plain data."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import yaml


def write_config(tmp_path, platform, **config):
    """The inventory source ``test.<platform>.yml`` of the plugin ``deployops.platforms.<platform>``."""
    path = tmp_path / ('test.%s.yml' % platform)
    path.write_text(yaml.safe_dump(dict(config, plugin='deployops.platforms.' + platform)))
    return str(path)


def plain(value):
    """ansible-core 2.19 marks inventory data from plugins unsafe; ``--list`` and ``--export`` show it wrapped."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def list_inventory(ansible, path, *extra, **kwargs):
    """``(data, run)`` of ``ansible-inventory -i path --list [extra]``, which must succeed."""
    result = ansible.run_command(['ansible-inventory', '-i', path, '--list'] + list(extra), **kwargs)
    assert result.rc == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return plain(json.loads(result.stdout)), result


def hosts_of(data, group):
    return sorted(data.get(group, {}).get('hosts', []))
