# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Execution environments: ansible-builder reads the collection's dependencies and writes a valid build context.

`ansible-builder create` (through tools/ee_context.sh, i.e. `make ee`) runs on
tests/ee/execution-environment.yml; no image is built (that needs a container engine).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tarfile

import pytest
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

OUT = os.path.join(REPO_ROOT, '.build', 'ee')
CONTEXT = os.path.join(OUT, 'context')
TARBALL = os.path.join(OUT, 'collection', 'deployops-platforms.tar.gz')


def lines(path):
    """The requirement lines of a requirements.txt / bindep.txt file (no comments, no blanks)."""
    with open(path) as handle:
        return [line.split('#', 1)[0].strip() for line in handle if line.split('#', 1)[0].strip()]


def text(path):
    with open(path) as handle:
        return handle.read()


@pytest.fixture(scope='module')
def context(run_tool):
    run_tool([os.path.join(REPO_ROOT, 'tools', 'ee_context.sh'), OUT])
    return CONTEXT


def test_ansible_builder_finds_the_collection_dependencies(context, tmp_path, run_tool):  # pylint: disable=unused-argument
    """What ansible-builder will install for the collection, read from its meta/execution-environment.yml."""
    collections = str(tmp_path / 'collections')
    run_tool(['ansible-galaxy', 'collection', 'install', '--force', '--no-deps', '-p', collections, TARBALL])
    output = run_tool(['ansible-builder', 'introspect', '--sanitize', collections])
    found = yaml.safe_load(output.split('\n', 1)[1] if output.startswith('#') else output)
    origin = '  # from collection deployops.platforms'
    assert found['python'] == [line + origin for line in lines(os.path.join(REPO_ROOT, 'requirements.txt'))]
    assert found['system'] == [line + origin for line in lines(os.path.join(REPO_ROOT, 'bindep.txt'))]


def test_build_context_has_the_containerfile_and_the_dependency_files(context):
    containerfile = text(os.path.join(context, 'Containerfile'))
    assert 'FROM $EE_BASE_IMAGE AS base' in containerfile
    assert '-r requirements.yml --collections-path "/usr/share/ansible/collections"' in containerfile
    assert 'introspect --user-pip=requirements.txt --user-bindep=bindep.txt' in containerfile
    assert 'COPY _build/collections/ /tmp/deployops-collections/' in containerfile
    build = os.path.join(context, '_build')
    assert lines(os.path.join(build, 'requirements.txt')) == lines(os.path.join(REPO_ROOT, 'requirements.txt'))
    assert lines(os.path.join(build, 'bindep.txt')) == lines(os.path.join(REPO_ROOT, 'bindep.txt'))


def test_build_context_installs_this_collection_from_its_tarball(context):
    build = os.path.join(context, '_build')
    requirements = yaml.safe_load(text(os.path.join(build, 'requirements.yml')))
    assert requirements['collections'] == [
        {'name': '/tmp/deployops-collections/deployops-platforms.tar.gz', 'type': 'file'}]
    with tarfile.open(os.path.join(build, 'collections', 'deployops-platforms.tar.gz')) as tarball:
        manifest = json.load(tarball.extractfile('MANIFEST.json'))['collection_info']
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as handle:
        galaxy = yaml.safe_load(handle)
    assert (manifest['namespace'], manifest['name'], manifest['version']) == (
        'deployops', 'platforms', galaxy['version'])
