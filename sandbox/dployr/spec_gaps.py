"""Where ``dployr/base-openapi.yaml`` does not describe dployr Base as it runs.

Every route listed here is declared in code (its handler checks what it is sent); every other route
is matched and validated against the document. ``DIFFERENCES`` is the list the README and the tests
read: what the document says, and what the running server does (notes.md, "Observed on a running
dployr Base").
"""

from __future__ import annotations

from ..routing import Route

DECLARED_ROUTES = (
    # The document wraps the body as {instanceName, payload: {...}}; Base reads a flat body (snake_case or
    # camelCase) and answers the wrapped form 400.
    Route("POST", "/v1/deployments", "createDeployment"),
    # The document puts clusterId in the query; Base deletes only with {"clusterId"} in the JSON body.
    Route("DELETE", "/v1/deployments/{id}", "deleteDeployment"),
    # Not in the document at all.
    Route("GET", "/v1/services/{idOrName}/logs", "getServiceLogs"),
)

DIFFERENCES = [
    ("all routes", "security: sessionCookie only",
     "a personal access token 'Authorization: Bearer dpat_<64 hex>' works on every cluster route"),
    ("auth and permission errors", "ErrorResponse {success: false, error: {message, code}}",
     "flat {error, code} from the auth layer (401, 403, 'clusterId is required' 400, resolver 404)"),
    ("POST /v1/deployments", "body {instanceName, payload: {...}}",
     "a flat body (snake_case or camelCase); the wrapped form answers 400; 202 {taskId}"),
    ("GET /v1/deployments/{id}", "200 {deployment}",
     "always 403 permission.viewer_role_required: the path id is checked as a cluster id"),
    ("DELETE /v1/deployments/{id}", "clusterId in the query",
     "clusterId in the JSON body; without it 403"),
    ("POST /v1/instances", "200", "201 {instance, token}; a duplicate tag or address 409; a non-IPv4 address 400"),
    ("GET /v1/instances", "items: Instance", "items also carry clusterName"),
    ("DELETE /v1/instances/{id}", "{deleted}", "{deleted: true, instance: <tag>}"),
    ("GET /v1/services/{idOrName}/logs", "absent",
     "log lines [{timestamp, source, level, message, serviceId, deploymentId}] (not enveloped); "
     "501 LOGS_NOT_AVAILABLE without a log backend"),
    ("redeploys", "taskId is the deployment id",
     "a redeploy keeps the service's first deployment record id and answers a new taskId"),
]
