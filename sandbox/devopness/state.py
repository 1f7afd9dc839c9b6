"""Devopness records: the tables, ids, lookups, links between resources, cascading removal and
the bulk seed.  Records are plain dicts in ``self.db[<resource type>][<id>]``."""

from __future__ import annotations

import datetime as _dt
import functools
import time

from ..http_types import ApiError, Response, validation_error
from ..platform import VOLATILE_KEYS, snapshot_records

ORGANIZATION_MODEL = "App\\Models\\Organization"
MODEL = {
    "organization": "Organization", "project": "Project", "environment": "Environment",
    "credential": "Credential", "server": "Server", "application": "Application",
    "daemon": "Daemon", "virtual-host": "VirtualHost", "ssl-certificate": "SslCertificate",
    "service": "Service", "cronjob": "CronJob", "ssh-key": "SshKey", "network-rule": "NetworkRule",
    "variable": "Variable", "pipeline": "Pipeline", "step": "Step", "hook": "Hook", "action": "Action",
}
HUMAN = {
    "application": ("Application", "Applications"), "credential": ("Credential", "Credentials"),
    "cronjob": ("Cron Job", "Cron Jobs"), "daemon": ("Daemon", "Daemons"),
    "network-rule": ("Network Rule", "Network Rules"), "server": ("Server", "Servers"),
    "service": ("Service", "Services"), "ssh-key": ("SSH Key", "SSH Keys"),
    "ssl-certificate": ("SSL Certificate", "SSL Certificates"),
    "virtual-host": ("Virtual Host", "Virtual Hosts"),
}
# resource types that live in an environment and can be linked to servers
LINKABLE = ("application", "daemon", "virtual-host", "cronjob", "service", "ssh-key", "network-rule",
            "ssl-certificate")
# resource types that are not resources of their own (no variables, pipelines or links)
NOT_RESOURCES = ("action", "variable", "step", "hook", "organization")
# resource type -> supported lifecycle operations (besides delete)
OPERATIONS = {
    "application": ["deploy"],
    "daemon": ["deploy", "start", "stop", "restart", "get-status"],
    "virtual-host": ["deploy", "get-status"],
    "ssl-certificate": ["deploy"],
    "service": ["deploy", "start", "stop", "restart", "reload", "get-status"],
    "cronjob": ["deploy"],
    "ssh-key": ["deploy"],
    "network-rule": ["deploy"],
    "server": ["deploy", "start", "stop", "restart", "get-status", "rotate-key"],
    "credential": ["get-status"],
}
# cloud service code -> (provider, provider name, default region, region name)
CLOUD = {
    "aws-ec2": ("aws", "Amazon Web Services", "us-east-1", "US East (N. Virginia) us-east-1"),
    "azure-rm": ("azure", "Microsoft Azure", "eastus", "East US"),
    "digitalocean-droplet": ("digitalocean", "DigitalOcean", "nyc1", "New York 1"),
    "gcp-gce": ("gcp", "Google Cloud Platform", "us-central1", "Iowa us-central1"),
    "hetzner-hcloud": ("hetzner", "Hetzner", "fsn1", "Falkenstein fsn1"),
    "self-hosted-custom": ("self-hosted", "VPS/Self Hosted", None, None),
}
# provider code -> (provider type, name)
PROVIDERS = {
    "aws": ("cloud_provider", "Amazon Web Services"), "azure": ("cloud_provider", "Microsoft Azure"),
    "digitalocean": ("cloud_provider", "DigitalOcean"), "gcp": ("cloud_provider", "Google Cloud Platform"),
    "hetzner": ("cloud_provider", "Hetzner"), "github": ("source_provider", "GitHub"),
    "gitlab": ("source_provider", "GitLab"), "bitbucket": ("source_provider", "Bitbucket"),
}
SNAPSHOT_VOLATILE = VOLATILE_KEYS | {"activation_token", "uuid", "secret"}
USER = {"id": 1, "name": "Sandbox User", "email": "sandbox@example.com", "url_slug": "sandbox-user",
        "language": "en", "active": True, "type": "user"}


@functools.lru_cache(maxsize=65536)  # a page of servers renders the same few timestamps again and again
def iso(timestamp: float) -> str:
    return _dt.datetime.fromtimestamp(timestamp, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def operation_id_prefix(operation: str) -> str:
    """How an operation starts the operationIds of its endpoints: ``get-status`` -> ``getStatus``."""
    first, *rest = operation.split("-")
    return first + "".join(word.capitalize() for word in rest)


def server_ip(server_id: int) -> str:
    """The private address the sandbox gives cloud servers: ``10.x.y.z`` from the id."""
    return "10.%d.%d.%d" % ((server_id >> 16) & 255, (server_id >> 8) & 255, server_id & 255)


class Records:
    """State and lookups (a mixin of ``Devopness``)."""

    def reset_records(self):
        now = time.time()
        self.db = {kind: {} for kind in MODEL}
        self.ids = {kind: 0 for kind in MODEL}
        self.links = []  # (parent_type, parent_id, child_type, child_id, created)
        self.actions_of = {}  # (resource type, id) -> [action ids], oldest first
        self.db["organization"][1] = {"id": 1, "name": "Sandbox", "url_slug": "sandbox", "created": now,
                                      "updated": now}
        self.ids["organization"] = 1
        self.started = now
        self._nested = False  # while rendering inside an action: no last_action / servers (no cycles)
        self._indexes = {}  # (kind, field) -> (when it was made, {value: [record]}); see records_where

    def new_id(self, kind):
        self.ids[kind] += 1
        return self.ids[kind]

    def create_record(self, kind, **fields):
        now = time.time()
        record = {"id": self.new_id(kind), "created": now, "updated": now}
        record.update(fields)
        self.db[kind][record["id"]] = record
        return record

    def record(self, kind, record_id, *, field=None):
        """The record, else 404 (or a 422 on ``field`` when it came from a body field)."""
        found = self.db[kind].get(record_id) if isinstance(record_id, int) else None
        if found is None:
            if field:
                raise validation_error({field: ["The selected %s is invalid." % field]})
            raise ApiError(404, "No query results for model [App\\Models\\%s] %s" % (MODEL[kind], record_id))
        return found

    def records_where(self, kind, field, value):
        """The records of ``kind`` whose ``field`` is ``value``, without reading the whole table: from an
        index made again when a record of the kind was created (a new id) or removed (another size) since.
        A record whose field changed in place leaves its old group (each match is checked) but does not
        join its new one: index only fields that never change (a server's environment)."""
        table = self.db[kind]
        made = (self.ids[kind], len(table))
        index = self._indexes.get((kind, field))
        if index is None or index[0] != made:
            groups = {}
            for record in table.values():
                groups.setdefault(record.get(field), []).append(record)
            index = self._indexes[(kind, field)] = (made, groups)
        return [record for record in index[1].get(value, ()) if record.get(field) == value]

    def resource(self, kind, record_id):
        """A record that variables, pipelines and links can belong to (404 for other types)."""
        if kind not in MODEL or kind in NOT_RESOURCES:
            raise ApiError(404, "Unknown resource type %s" % kind)
        return self.record(kind, record_id)

    def organization(self, key):
        """By id or url slug."""
        for org in self.db["organization"].values():
            if str(org["id"]) == str(key) or org["url_slug"] == str(key):
                return org
        raise ApiError(404, "No query results for model [%s] %s" % (ORGANIZATION_MODEL, key))

    def credential_field(self, credential_id, field="credential_id"):
        """The credential a body field names (an integer or a numeric string), None for None."""
        if credential_id is None:
            return None
        try:
            credential_id = int(credential_id)
        except (TypeError, ValueError):
            raise validation_error({field: ["The selected %s is invalid." % field]})
        return self.record("credential", credential_id, field=field)

    def servers_field(self, body, field="servers"):
        """The server ids of a body's ``servers`` list (each must exist), or None when empty."""
        server_ids = []
        for index, server_id in enumerate(body.get(field) or []):
            if server_id not in self.db["server"]:
                raise validation_error({"%s.%d" % (field, index): ["The selected %s.%d is invalid." % (field, index)]})
            server_ids.append(server_id)
        return server_ids or None

    @staticmethod
    def touch(record):
        record["updated"] = time.time()

    def update_fields(self, record, body, fields):
        """Copy the ``fields`` the body has onto the record: the 204 of an update."""
        for field in fields:
            if field in body:
                record[field] = body[field]
        self.touch(record)
        return Response(204)

    def delete_at_once(self, kind, record_id):
        """A synchronous delete (no action): the 204."""
        self.db[kind].pop(self.record(kind, record_id)["id"])
        return Response(204)

    @staticmethod
    def check_body_id(body, record_id):
        if body.get("id") != record_id:
            raise validation_error({"id": ["The id must match the id in the URL (%s)." % record_id]})

    def record_to_update(self, kind, record_id, body):
        """The record a PUT names; the body's ``id`` must be the path id (422 on ``id``)."""
        record = self.record(kind, record_id)
        self.check_body_id(body, record["id"])
        return record

    def check_unique(self, kind, environment_id, field, value, exclude=None):
        for other in self.db[kind].values():
            if other.get("environment_id") == environment_id and other.get(field) == value and other["id"] != exclude:
                raise validation_error({field: ["The %s has already been taken." % field]})

    # -- resource links -----------------------------------------------------------
    def linked_servers(self, kind, record_id):
        server_ids = set()
        for parent_type, parent_id, child_type, child_id, _created in self.links:
            if parent_type == kind and parent_id == record_id and child_type == "server":
                server_ids.add(child_id)
            elif child_type == kind and child_id == record_id and parent_type == "server":
                server_ids.add(parent_id)
        return [self.db["server"][i] for i in sorted(server_ids) if i in self.db["server"]]

    def link(self, parent_type, parent_id, child_type, child_id):
        pair = {(parent_type, parent_id), (child_type, child_id)}
        if not any({(lk[0], lk[1]), (lk[2], lk[3])} == pair for lk in self.links):
            self.links.append((parent_type, parent_id, child_type, child_id, time.time()))

    def links_of(self, kind, record_id):
        """``(link type, other type, other id, created)`` for each link of the resource."""
        out = []
        for parent_type, parent_id, child_type, child_id, created in self.links:
            if parent_type == kind and parent_id == record_id:
                out.append(("child", child_type, child_id, created))
            elif child_type == kind and child_id == record_id:
                out.append(("parent", parent_type, parent_id, created))
        return out

    def links_in_body(self, body):
        """The ``linked_resources`` of a create body, checked (422 on a bad entry)."""
        pending = []
        for index, entry in enumerate(body.get("linked_resources") or []):
            kind, record_id = entry["resource_type"], entry["resource_id"]
            if kind not in self.db or kind in ("action", "variable", "pipeline", "step", "hook") or \
                    self.db[kind].get(record_id) is None:
                raise validation_error({"linked_resources.%d.resource_id" % index: [
                    "The selected linked_resources.%d.resource_id is invalid." % index]})
            pending.append((kind, record_id))
        return pending

    def link_all(self, kind, record_id, pending):
        for other_type, other_id in pending:
            self.link(kind, record_id, other_type, other_id)

    # -- removal ------------------------------------------------------------------
    def remove_record(self, kind, record_id):
        """Remove a resource with its links, variables and pipelines."""
        self.db[kind].pop(record_id, None)
        self.links = [lk for lk in self.links
                      if not ((lk[0] == kind and lk[1] == record_id) or (lk[2] == kind and lk[3] == record_id))]
        for variable_id in [v["id"] for v in self.db["variable"].values()
                            if v["resource_type"] == kind and v["resource_id"] == record_id]:
            self.db["variable"].pop(variable_id)
        for pipeline_id in [p["id"] for p in self.db["pipeline"].values()
                            if p["resource_type"] == kind and p["resource_id"] == record_id]:
            self.db["pipeline"].pop(pipeline_id)
        if kind == "ssl-certificate":
            for virtual_host in self.db["virtual-host"].values():
                if virtual_host.get("ssl_certificate_id") == record_id:
                    virtual_host["ssl_certificate_id"] = None

    def remove_environment(self, environment):
        for kind in ("server",) + LINKABLE:
            for record_id in [r["id"] for r in self.db[kind].values() if r.get("environment_id") == environment["id"]]:
                self.remove_record(kind, record_id)
        for credential in self.db["credential"].values():
            credential["environment_ids"].discard(environment["id"])
        self.db["environment"].pop(environment["id"], None)

    # -- state snapshot (control API) -------------------------------------------
    def state_snapshot(self, secrets=False):
        """Records and links without timestamps and random values (server activation tokens, hook
        uuids and secrets); actions (history a retried deploy lengthens) are only counted."""
        links = sorted([parent_type, parent_id, child_type, child_id]
                       for parent_type, parent_id, child_type, child_id, _created in self.links)
        resources = snapshot_records(self.db, skip=("action",), volatile=VOLATILE_KEYS if secrets else SNAPSHOT_VOLATILE)
        # An unlinked step is out of every pipeline: the API no longer shows it anywhere.
        in_pipelines = {step_id for pipeline in self.db["pipeline"].values() for step_id in pipeline["step_ids"]}
        resources["step"] = [step for step in resources["step"] if step["id"] in in_pipelines]
        return {"resources": resources, "links": links, "history": {"actions": len(self.db["action"])}}

    # -- bulk seed (control API) ------------------------------------------------
    def seed(self, options):
        """P projects x E environments x S running servers, and one cloud credential per provider
        linked to every environment (no actions)."""
        values = {}
        for key in ("projects", "environments", "servers"):
            value = options[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ApiError(422, "%s must be an integer >= 0" % key, {key: ["The %s must be an integer >= 0." % key]})
            values[key] = value
        projects, environments, servers = values["projects"], values["environments"], values["servers"]
        prefix = str(options["name_prefix"])
        if projects * environments * servers > 200000:
            raise ApiError(422, "projects/environments/servers must be >= 0 and P*E*S <= 200000")
        now = time.time()
        codes = [code for code in CLOUD if code != "self-hosted-custom"] + ["self-hosted-custom"]
        credential_for = {}
        for code in codes[:-1]:
            provider = CLOUD[code][0]
            credential = self.create_record("credential", organization_id=1, name="%s-%s" % (prefix, provider),
                                            provider_code=provider, active=True, settings={}, environment_ids=set())
            credential_for[code] = credential["id"]
        counts = {"projects": 0, "environments": 0, "servers": 0, "credentials": len(credential_for)}
        server_table = self.db["server"]
        made = 0
        for project_index in range(projects):
            project = self.create_record("project", name="%s-project-%d" % (prefix, project_index + 1),
                                         organization_id=1, logo_url=None)
            counts["projects"] += 1
            for environment_index in range(environments):
                environment = self.create_record(
                    "environment", project_id=project["id"], name="%s-env-%d" % (prefix, environment_index + 1),
                    type=("development", "staging", "production")[environment_index % 3], description=None,
                    is_archived=False)
                counts["environments"] += 1
                for credential_id in credential_for.values():
                    self.db["credential"][credential_id]["environment_ids"].add(environment["id"])
                for server_index in range(servers):
                    code = codes[made % len(codes)]
                    made += 1
                    server_id = self.new_id("server")
                    settings = {"os_version_code": "ubuntu_22_04"}
                    if CLOUD[code][2]:
                        settings.update(region=CLOUD[code][2], instance_type="small")
                    server_table[server_id] = {
                        "id": server_id, "created": now, "updated": now, "environment_id": environment["id"],
                        "project_id": project["id"],
                        "hostname": "%s-p%d-e%d-s%d" % (prefix, project_index + 1, environment_index + 1,
                                                        server_index + 1),
                        "ip_address": server_ip(server_id), "ssh_port": 22, "max_parallel_actions": 0,
                        "blueprint": [], "credential_id": credential_for.get(code), "status": "running",
                        "active": True, "provision_input": {"cloud_service_code": code, "settings": settings},
                        "activation_token": "seed",
                    }
                    counts["servers"] += 1
        return counts
