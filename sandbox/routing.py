"""Path templates such as ``/projects/{project_id}/servers`` matched against request paths.

Shared by OpenAPI documents (``openapi.Spec``) and by routes a platform declares in code
(``Route``, for APIs that publish no OpenAPI document, like DeployBot).
"""

from __future__ import annotations


def _segments(path: str) -> list:
    return path.strip("/").split("/") if path.strip("/") else [""]


class RouteTable:
    """Templates mapped to ``{METHOD: target}``.  ``match`` prefers the template with the most
    literal segments first (so ``/projects/archived`` beats ``/projects/{id}``)."""

    def __init__(self):
        # {number of segments: [(segments, {METHOD: target})]}, in the order templates were added: only
        # templates as long as the path can match it
        self._routes: dict = {}

    def add(self, template: str, method: str, target) -> None:
        segments = _segments(template)
        same_length = self._routes.setdefault(len(segments), [])
        for known, methods in same_length:
            if known == segments:
                methods[method.upper()] = target
                return
        same_length.append((segments, {method.upper(): target}))

    def match(self, method: str, path: str):
        """Return ``(target, path_params)``; raise ``LookupError(404)`` when no template fits the
        path and ``LookupError(405)`` when templates fit but none has the method."""
        segments = _segments(path)
        candidates = []
        for template, methods in self._routes.get(len(segments), ()):
            params = {}
            score = []
            for literal, given in zip(template, segments):
                if literal.startswith("{") and literal.endswith("}"):
                    if given == "":
                        break
                    params[literal[1:-1]] = given
                    score.append(0)
                elif literal == given:
                    score.append(1)
                else:
                    break
            else:
                candidates.append((score, methods, params))
        if not candidates:
            raise LookupError(404)
        candidates.sort(key=lambda candidate: candidate[0], reverse=True)
        for _score, methods, params in candidates:
            if method.upper() in methods:
                return methods[method.upper()], params
        raise LookupError(405)


class Route:
    """A route declared in code: ``Route("GET", "/deployments/{id}", "getDeployment")``.

    ``operation_id`` names the handler the same way an OpenAPI operationId does.  Path and query
    parameters reach the handler as the strings that were sent; the handler checks them."""

    def __init__(self, method: str, template: str, operation_id: str, requires_auth: bool = True):
        self.method = method.upper()
        self.path = template
        self.operation_id = operation_id
        self.requires_auth = requires_auth
