# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the engine compares what a task asks for with what an API returns.

Only what the task names is compared: keys the API adds, ``None`` ("not set") and the
difference between ``1``, ``1.0`` and ``"1"`` never count as a change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def dig(data, path):
    """``dig({'a': {'b': 1}}, 'a.b') == 1``; ``None`` where any step is missing.

    ``path`` may also be a callable of ``data`` (a field read in a way a dotted path cannot say).
    """
    if callable(path):
        return path(data)
    for part in path.split('.'):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def differs(desired, current, unordered=False):
    """Whether ``current`` fails to match ``desired``, looking only at what ``desired`` names.

    Dicts are compared key by key on the desired keys only, lists element by element
    (as multisets when ``unordered``), numbers and numeric strings by value, and
    ``None`` in ``desired`` means "not set".
    """
    if desired is None:
        return False
    if isinstance(desired, dict):
        if not isinstance(current, dict):
            return True
        return any(differs(value, current.get(key), unordered) for key, value in desired.items())
    if isinstance(desired, (list, tuple)):
        if not isinstance(current, (list, tuple)) or len(desired) != len(current):
            return True
        if unordered:
            remaining = list(current)
            for item in desired:
                match = next((i for i, cand in enumerate(remaining) if not differs(item, cand)), None)
                if match is None:
                    return True
                remaining.pop(match)
            return False
        return any(differs(item, cand) for item, cand in zip(desired, current))
    if isinstance(desired, bool) or isinstance(current, bool):
        return _as_bool(desired) != _as_bool(current)
    if isinstance(desired, (int, float)) or isinstance(current, (int, float)):
        return _as_text(desired) != _as_text(current)
    return desired != current


def without_none(value):
    """``value`` with the ``None`` entries of its dicts dropped, recursively.

    A ``to_api`` for dict options with sub-options, whose unset sub-options Ansible fills
    with ``None`` while the API's schema rejects ``null``.
    """
    if isinstance(value, dict):
        return dict((key, without_none(item)) for key, item in value.items() if item is not None)
    if isinstance(value, (list, tuple)):
        return [without_none(item) for item in value]
    return value


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ('1', 'true', 'yes', 'on')
    return bool(value)


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return '%s' % (value,)
