# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTML docsite builds (what `make docs` does) and has a page for everything the collection ships."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def names(kind):
    folder = os.path.join(REPO_ROOT, 'plugins', kind)
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and not name.startswith('_'))


@pytest.fixture(scope='module')
def html(tmp_path_factory, run_tool):
    """Build the docsite once (antsibull-docs + sphinx-build -W) and return its HTML directory."""
    site = str(tmp_path_factory.mktemp('docsite') / 'site')
    run_tool([os.path.join(REPO_ROOT, 'tools', 'build_docsite.sh'), site])
    return os.path.join(site, 'build', 'html')


def read(html, page):
    path = os.path.join(html, page)
    assert os.path.isfile(path), '%s was not built' % page
    with open(path) as handle:
        return handle.read()


def test_every_module_has_a_page_with_its_options_examples_and_return_values(html):
    for module in names('modules'):
        page = read(html, '%s_module.html' % module)
        assert 'deployops.platforms.%s module' % module in page, module
        assert 'id="parameters"' in page and 'id="examples"' in page and 'id="return-values"' in page, module


def test_the_project_module_page_documents_its_auth_options(html):
    page = read(html, 'devopness_project_module.html')
    assert 'api_token' in page and 'DEVOPNESS_API_TOKEN' in page
    assert 'group/deployops.platforms.devopness' in page


def test_every_inventory_plugin_and_role_has_a_page(html):
    for plugin in names('inventory'):
        assert 'deployops.platforms.%s inventory' % plugin in read(html, '%s_inventory.html' % plugin)
    for role in sorted(os.listdir(os.path.join(REPO_ROOT, 'roles'))):
        assert 'deployops.platforms.%s role' % role in read(html, '%s_role.html' % role)


def test_the_index_links_every_page_and_the_guides(html):
    index = read(html, 'index.html')
    for module in names('modules'):
        assert 'href="%s_module.html"' % module in index, module
    with open(os.path.join(REPO_ROOT, 'docs', 'docsite', 'links.yml')) as handle:
        links = yaml.safe_load(handle)
    guides = 0
    for link in links['extra_links']:
        assert 'href="%s"' % link['url'] in index, link
        in_repo = re.match(r'^https://github\.com/deployops/platforms/blob/main/(.+)$', link['url'])
        if in_repo:
            guides += 1
            assert os.path.isfile(os.path.join(REPO_ROOT, in_repo.group(1))), 'links.yml points at a missing file: %s' % link
    assert guides >= 2
