# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The failures the engine and the platform files report to a task (HTTP failures are ``client.ApiError``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class EngineError(Exception):
    """A failure the engine reports as the task's ``msg`` (with optional extra result keys)."""

    def __init__(self, message, **details):
        super(EngineError, self).__init__(message)
        self.details = details


class ParentMissing(Exception):
    """A parent named by the task (project, environment, ...) does not exist (yet)."""
