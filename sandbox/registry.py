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

# Known platforms that are not simulated yet answer 404 {"message": "platform not simulated yet"}
# under these prefixes; an entry is ignored once a platform of that name is in PLATFORMS.
NOT_SIMULATED_YET = {
}
