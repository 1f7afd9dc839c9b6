"""DeployHQ request handlers, grouped by resource.

Each class is a mixin of ``deployhq.DeployHQ``; a method named after an operationId in snake case
(``createProjectServer`` -> ``create_project_server``) handles that operation.  Handlers take
``(self, request, path, query, body)``; bodies are already validated against the document.
"""

from .configuration import ConfigurationHandlers
from .deployments import DeploymentHandlers
from .projects import ProjectHandlers
from .servers import ServerHandlers

__all__ = ["ConfigurationHandlers", "DeploymentHandlers", "ProjectHandlers", "ServerHandlers"]
