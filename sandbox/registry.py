"""The platforms the sandbox simulates: one line each.

To add a platform, write it as its own module or package under ``sandbox/`` (a subclass of
``platform.Platform``) and list its class in ``PLATFORMS``.  Platforms never import this module.
"""

from __future__ import annotations

from .deploybot import DeployBot
from .deployhq import DeployHQ
from .devopness import Devopness
from .dployr import Dployr

PLATFORMS = [
    Devopness,
    DeployBot,
    DeployHQ,
    Dployr,
]
