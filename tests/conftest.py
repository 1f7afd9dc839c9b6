# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make the working tree importable as ``ansible_collections.deployops.platforms`` for plain pytest.

``.collections/ansible_collections/deployops/platforms`` is a symlink to the repo root (``make
collections`` creates it; so does this file when it is missing). Putting ``.collections`` first on
``sys.path`` lets unit tests write
``from ansible_collections.deployops.platforms.plugins.module_utils.client import ...`` and get the
files of this checkout, never an installed copy of the collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS_DIR = os.path.join(REPO_ROOT, '.collections')
COLLECTION_LINK = os.path.join(COLLECTIONS_DIR, 'ansible_collections', 'deployops', 'platforms')


def ensure_collection_link():
    """Create (or repair) the .collections symlink to the repo root; return the collections dir."""
    if not (os.path.islink(COLLECTION_LINK) and os.path.realpath(COLLECTION_LINK) == os.path.realpath(REPO_ROOT)):
        parent = os.path.dirname(COLLECTION_LINK)
        if not os.path.isdir(parent):
            os.makedirs(parent)
        if os.path.islink(COLLECTION_LINK):
            os.unlink(COLLECTION_LINK)
        try:
            os.symlink(os.path.join('..', '..', '..'), COLLECTION_LINK)
        except FileExistsError:  # another xdist worker made it first
            pass
    return COLLECTIONS_DIR


def _put_collections_on_sys_path():
    collections_dir = ensure_collection_link()
    if collections_dir in sys.path:
        sys.path.remove(collections_dir)
    sys.path.insert(0, collections_dir)
    # An ``ansible_collections`` imported earlier from somewhere else would hide the working tree.
    stale = sys.modules.get('ansible_collections')
    if stale is not None and collections_dir not in [os.path.dirname(p) for p in getattr(stale, '__path__', [])]:
        for name in [n for n in sys.modules if n == 'ansible_collections' or n.startswith('ansible_collections.')]:
            del sys.modules[name]


_put_collections_on_sys_path()
