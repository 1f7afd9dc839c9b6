"""Devopness request handlers, grouped by resource.

Each class is a mixin of ``devopness.Devopness``; a method named after an operationId in
snake case (``addVariable`` -> ``add_variable``) handles that operation (``platform.handler_name``).
Handlers take ``(self, request, path, query, body)``: the request, the path and query parameters
(already validated against the spec) and the parsed JSON body (``{}`` when there is none).
"""

from .actions import ActionHandlers
from .applications import ApplicationHandlers
from .credentials import CredentialHandlers
from .environment_resources import EnvironmentResourceHandlers
from .links import LinkHandlers
from .organizations import OrganizationHandlers
from .pipelines import PipelineHandlers
from .servers import ServerHandlers
from .static import StaticHandlers

__all__ = ["ActionHandlers", "ApplicationHandlers", "CredentialHandlers", "EnvironmentResourceHandlers",
           "LinkHandlers", "OrganizationHandlers", "PipelineHandlers", "ServerHandlers", "StaticHandlers"]
