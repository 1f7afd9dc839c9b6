"""Changes the sandbox makes to its copy of the DeployHQ OpenAPI document.

The document (a snapshot of the backend's ``/docs.json``) has gaps the research notes
(``../shared/reference/deployhq/notes.md``) fill from the vendor's docs and SDK:

* ``"type": "hash"`` (not a JSON-schema type) is an object;
* the per-protocol server fields (hostname, bucket_name, ...) are missing from the server
  request bodies and the non-secret ones from the server response;
* ``protocol_type`` is required on every server PUT ([DOC] edit-an-existing-server);
* config files and SSH commands take ``all_servers`` and ``server_identifiers``; global
  environment variables take ``build_pipeline``;
* enumerations stated in prose (``email_notify_on``, ``cback``, ``timing``, ``timeout``, ``mode``,
  ``protocol_type``) and the environment-variable name rule;
* a 422 is a hash keyed by field (``{"base": [...], "hostname": [...]}``), not the placeholder
  ``{"field_with_error": "..."}``.

``document_gaps(spec)`` applies the changes that describe what the API really sends and
accepts; the sandbox's response tests validate against a copy with the same changes.
"""

from __future__ import annotations

PROTOCOL_TYPES = ["ssh", "ftp", "ftps", "rsync", "s3", "s3_compatible", "rackspace", "shopify",
                  "elastic_beanstalk", "heroku", "netlify", "docker_build", "digital_ocean", "hetzner_cloud",
                  "shell", "custom_action", "pterodactyl", "managed_vps", "static_hosting"]
MANAGED_PROTOCOLS = ("managed_vps", "static_hosting")

# protocol -> its own fields ([DOC] create-a-new-server, [SDK] ServerCreateRequest)
_FTP = ("hostname", "username", "password", "port", "passive", "force_hidden_files")
_S3 = ("bucket_name", "access_key_id", "secret_access_key")
PROTOCOL_FIELDS = {
    "ftp": _FTP,
    "ftps": _FTP + ("implicit", "ignore_certificate_errors"),
    "ssh": ("hostname", "username", "password", "port", "use_ssh_keys", "atomic", "atomic_strategy"),
    "rsync": ("hostname", "username", "password", "port", "use_ssh_keys"),
    "s3": _S3,
    "s3_compatible": _S3 + ("custom_endpoint",),
    "rackspace": ("username", "api_key", "region", "container_name"),
    "digital_ocean": ("personal_access_token", "droplet_name"),
    "hetzner_cloud": ("api_token", "hetzner_server_name"),
    "heroku": ("app_name", "api_key_heroku"),
    "netlify": ("site_id", "access_token"),
    "shopify": ("store_url", "theme_name"),
}
# fields a protocol cannot do without on create ([OAS] createProjectServer description)
PROTOCOL_REQUIRED = {
    "ssh": ("hostname", "username"),
    "rsync": ("hostname", "username"),
    "ftp": ("hostname", "username", "password"),
    "ftps": ("hostname", "username", "password"),
    "s3": _S3,
    "s3_compatible": _S3 + ("custom_endpoint",),
}
SECRET_SERVER_FIELDS = ("password", "secret_access_key", "api_key", "personal_access_token", "api_token",
                        "api_key_heroku", "access_token")
_BOOLEAN = {"passive", "force_hidden_files", "implicit", "ignore_certificate_errors", "use_ssh_keys", "atomic"}
_ENUMS = {"atomic_strategy": ["copy_release", "copy_cache"]}


def _field_schema(name):
    if name == "port":
        return {"type": "integer", "minimum": 1, "maximum": 65535}
    if name in _BOOLEAN:
        return {"type": "boolean"}
    if name in _ENUMS:
        return {"type": "string", "enum": _ENUMS[name]}
    return {"type": "string"}


PROTOCOL_FIELD_SCHEMAS = {name: _field_schema(name) for fields in PROTOCOL_FIELDS.values() for name in fields}
RETURNED_SERVER_FIELDS = sorted(set(PROTOCOL_FIELD_SCHEMAS) - set(SECRET_SERVER_FIELDS)) + ["host_key"]

EMAIL_NOTIFY_ON = ["never", "failure", "always"]
ENV_NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_]*$"
SCHEDULE_FREQUENCIES = ["future", "daily", "weekly", "monthly", "custom"]
SERVER_IDENTIFIERS = {"all_servers": {"type": "boolean"},
                      "server_identifiers": {"type": "array", "items": {"type": "string"}}}


def _fix_hash(node):
    if isinstance(node, dict):
        if node.get("type") == "hash":
            node["type"] = "object"
        for value in node.values():
            _fix_hash(value)
    elif isinstance(node, list):
        for value in node:
            _fix_hash(value)


def _inner(schemas, name, root):
    return schemas[name]["properties"][root]


def document_gaps(spec) -> None:
    """Apply the documented fields and shapes the document lacks (see module docstring)."""
    schemas = spec.schemas
    _fix_hash(spec.doc)
    for name in ("ServerRegionSizeObject", "ServerObject2"):
        server = _inner(schemas, name, "server")
        server["properties"].update(PROTOCOL_FIELD_SCHEMAS)
        server["properties"]["protocol_type"] = {"type": "string", "enum": PROTOCOL_TYPES}
        server["properties"]["email_notify_on"] = {"type": "string", "enum": EMAIL_NOTIFY_ON}
    _inner(schemas, "ServerObject2", "server")["required"] = ["protocol_type"]
    _inner(schemas, "ServerRegionSizeObject", "server")["required"] = ["name", "protocol_type"]
    returned = {name: PROTOCOL_FIELD_SCHEMAS.get(name, {"type": "string"}) for name in RETURNED_SERVER_FIELDS}
    managed = {"type": "object", "properties": {"status": {"type": "string"}, "ip_address": {"type": ["null", "string"]},
                                                "region": {"type": "string"}, "size": {"type": "string"}}}
    schemas["Server"]["properties"].update(returned, managed_vps=managed)
    schemas["ServerList"]["items"]["properties"].update(returned, managed_vps=managed)
    for name in ("ConfigFileObject",):
        _inner(schemas, name, "config_file")["properties"].update(SERVER_IDENTIFIERS)
    for name in ("CommandObject", "CommandObject2"):
        command = _inner(schemas, name, "command")["properties"]
        command.update(SERVER_IDENTIFIERS)
        command["cback"] = {"type": "string", "enum": ["before_changes", "after_changes"]}
        command["timing"] = {"type": "string", "enum": ["all", "first", "after_first"]}
        command["timeout"] = {"type": "integer", "enum": [300, 1800, 3600, 5400]}
    for name in ("EnvironmentVariableObject", "EnvironmentVariableObject2", "EnvironmentVariableObject3",
                 "EnvironmentVariableObject4"):
        variable = _inner(schemas, name, "environment_variable")["properties"]
        variable["build_pipeline"] = {"type": "boolean"}
        variable["name"] = {"type": "string", "pattern": ENV_NAME_PATTERN}
    for name in ("ProjectObject2", "ServerGroupObject"):
        root = "project" if name == "ProjectObject2" else "server_group"
        _inner(schemas, name, root)["properties"]["email_notify_on"] = {"type": "string", "enum": EMAIL_NOTIFY_ON}
    deployment = _inner(schemas, "DeploymentScheduleSaveServerBranchObject", "deployment")
    deployment["properties"]["mode"] = {"type": "string", "enum": ["queue", "preview"]}
    deployment["required"] = ["start_revision", "end_revision"]
    for name in ("ScheduledDeploymentObject2", "ScheduledDeploymentObject3"):
        _inner(schemas, name, "scheduled_deployment")["properties"]["frequency"] = {
            "type": "string", "enum": SCHEDULE_FREQUENCIES}
    field_hash = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    schemas["FieldWithErrorObject"] = field_hash
    schemas["FieldWithErrorObject2"] = field_hash
    spec.forget_validators()
