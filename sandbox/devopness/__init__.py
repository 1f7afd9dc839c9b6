"""Stateful simulator of the Devopness REST API, served under ``/devopness``.

* ``state.py``: the records (plain dicts in ``self.db[<type>][<id>]``), ids, lookups, links,
  cascading removal and the bulk seed.
* ``views.py``: records rendered into the spec's response schemas (``Spec.shape``).
* ``actions.py``: actions, each a view of a ``jobs.Job``, and their effects.
* ``rules.py``: field rules the spec states only in prose (fingerprints, cron, CIDR, vhost names).
* ``spec_fixes.py``: the changes made to the request-validation copy of the spec.
* ``handlers/``: one module per group of resources.

All handlers run under the sandbox's global lock.  Choices where the vendor docs are silent are
marked "CHOICE" (see README).
"""

from __future__ import annotations

from ..http_types import ApiError
from ..platform import Platform
from .actions import Actions
from .handlers import (ActionHandlers, ApplicationHandlers, CredentialHandlers, EnvironmentResourceHandlers,
                       LinkHandlers, OrganizationHandlers, PipelineHandlers, ServerHandlers, StaticHandlers)
from .spec_fixes import accept_numeric_credential_ids, enrich_from_prose
from .state import Records
from .views import Views


class Devopness(OrganizationHandlers, CredentialHandlers, ServerHandlers, ApplicationHandlers, ActionHandlers,
                PipelineHandlers, LinkHandlers, StaticHandlers, EnvironmentResourceHandlers,
                Actions, Views, Records, Platform):
    name = "devopness"
    prefix = "/devopness"
    spec_file = "devopness/openapi.json"
    seed_options = {"projects": 1, "environments": 1, "servers": 0, "name_prefix": "seed"}
    cache_reads = True  # an action's view reads the clock (``view_action``, ``get_action_log``)

    def __init__(self, sandbox):
        super().__init__(sandbox)
        self.reset()

    def load_spec(self):
        spec = super().load_spec()
        enrich_from_prose(spec)
        accept_numeric_credential_ids(spec)
        return spec

    def extra_handlers(self):
        return dict(self.environment_resource_handlers(), **self.server_operation_handlers())

    def authenticate(self, request):
        if self.bearer_token(request) != self.token:
            raise ApiError(401, "Unauthenticated.")

    def reset(self):
        super().reset()
        self.reset_records()
