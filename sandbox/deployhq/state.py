"""DeployHQ records: plain dicts.

``self.projects`` maps a project's UUID ``identifier`` to its record; each project holds its own
children (``servers``, ``server_groups``, ``config_files``, ``environment_variables``,
``commands``, ``excluded_files``, ``build_commands``, ``integrations``, ``scheduled_deployments``,
``deployments``), each a dict keyed by the child's identifier (an integer for environment
variables).  Account-level objects: ``global_environment_variables``, ``global_config_files``,
``ssh_keys``.  The repository keeps ``branches``: ``{name: [sha, ...]}``, oldest first.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import time
import uuid

from ..http_types import ApiError
from ..platform import relabelled_records

CHILDREN = ("servers", "server_groups", "config_files", "environment_variables", "commands", "excluded_files",
            "build_commands", "integrations", "scheduled_deployments", "deployments")
#: values derived from random identifiers (keys, fingerprints, commit SHAs) or from the clock, and the job
#: running a deployment: left out of state snapshots
DERIVED_FROM_IDS = ("public_key", "host_key", "fingerprint", "last_revision", "start_revision", "end_revision",
                    "revision", "ref", "step_ids", "job", "queued_at", "runs_at")
ZONES = [{"identifier": "uk", "description": "United Kingdom"}, {"identifier": "us_east", "description": "US East"},
         {"identifier": "eu_west", "description": "EU West"}]


def now_iso(at=None):
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() if at is None else at))


def new_identifier():
    return str(uuid.uuid4())


def permalink_for(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "project"


def sha_for(*parts):
    return hashlib.sha1("/".join(str(p) for p in parts).encode()).hexdigest()


def fake_public_key(seed, key_type="ED25519"):
    """An OpenSSH public key line whose blob is well formed for its type, derived from ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    if key_type == "RSA":
        kind = b"ssh-rsa"
        blob = _ssh_string(kind) + _ssh_string(b"\x01\x00\x01") + _ssh_string(b"\x00" + digest * 8)
    else:
        kind = b"ssh-ed25519"
        blob = _ssh_string(kind) + _ssh_string(digest)
    return "%s %s sandbox@deployhq" % (kind.decode(), base64.b64encode(blob).decode())


def fingerprint(public_key):
    blob = base64.b64decode(public_key.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def _ssh_string(data):
    return len(data).to_bytes(4, "big") + data


class Records:
    """State of the simulated account (a mixin of ``DeployHQ``)."""

    def reset_records(self):
        self.projects = {}
        self.global_environment_variables = {}
        self.global_config_files = {}
        self.ssh_keys = {}
        self.ids = itertools.count(1)  # integer ids: servers, build commands, environment variables

    # -- lookups ---------------------------------------------------------------------------
    @staticmethod
    def not_found(what="Record"):
        return ApiError(404, "%s not found" % what)

    def project(self, key):
        """A project by its permalink or identifier ([OAS] "identifier or permalink")."""
        found = self.projects.get(key) or next((p for p in self.projects.values() if p["permalink"] == key), None)
        if found is None:
            raise self.not_found("Project")
        return found

    def child(self, project, kind, key):
        record = project[kind].get(int(key) if kind == "environment_variables" and str(key).isdigit() else key)
        if record is None:
            raise self.not_found(kind[:-1].replace("_", " ").capitalize())
        return record

    def target(self, project, identifier):
        """A server or server group by UUID: ``("server", record)`` or ``("server_group", record)``."""
        if identifier in project["servers"]:
            return "server", project["servers"][identifier]
        if identifier in project["server_groups"]:
            return "server_group", project["server_groups"][identifier]
        return None, None

    def group_servers(self, project, group):
        return [s for s in project["servers"].values() if s["server_group_identifier"] == group["identifier"]]

    # -- creation ---------------------------------------------------------------------------
    def new_project(self, name, zone="uk"):
        permalink = base = permalink_for(name)
        taken = {p["permalink"] for p in self.projects.values()}
        for n in itertools.count(2):
            if permalink not in taken:
                break
            permalink = "%s-%d" % (base, n)
        identifier = new_identifier()
        project = {
            "identifier": identifier, "name": name, "permalink": permalink, "zone": zone,
            "public_key": fake_public_key(identifier, "RSA"), "repository": None,
            "email_notify_on": "never", "notification_email": "", "notify_committer": False,
            "check_undeployed_changes": "0", "store_artifacts_enabled": "0", "last_deployed_at": None,
            "created_at": now_iso(),
        }
        project.update({kind: {} for kind in CHILDREN})
        self.projects[identifier] = project
        return project

    def new_repository(self, project, fields):
        branch = fields.get("branch") or "master"
        repository = {"scm_type": fields.get("scm_type") or "git", "url": fields["url"], "port": fields.get("port"),
                      "username": fields.get("username"), "password": fields.get("password"), "branch": branch,
                      "root_path": fields.get("root_path") or "", "cached": False,
                      "hosting_service_type": fields.get("hosting_service_type"), "branches": {}}
        project["repository"] = repository
        self.commit(project, branch, "Initial commit")
        return repository

    def commit(self, project, branch, message):
        commits = project["repository"]["branches"].setdefault(branch, [])
        ref = sha_for(project["identifier"], project["repository"]["url"], branch, len(commits), message)
        commits.append(ref)
        return ref

    def latest_revision(self, project, branch):
        commits = (project["repository"] or {}).get("branches", {}).get(branch)
        return commits[-1] if commits else None

    def known_commit(self, project, ref):
        repository = project["repository"] or {}
        return any(ref in commits for commits in repository.get("branches", {}).values())

    def new_id(self):
        return next(self.ids)

    # -- state snapshot (control API) -------------------------------------------------------
    def state_snapshot(self, secrets=False):
        """Projects, their children (``project_id`` names the project) and the account's objects, their
        UUIDs replaced by what they name (``relabelled_records``)."""
        tables = {"project": {}, "global_environment_variable": self.global_environment_variables,
                  "global_config_file": self.global_config_files, "ssh_key": self.ssh_keys}
        for identifier, project in self.projects.items():
            record = {key: value for key, value in project.items() if key not in CHILDREN}
            if record["repository"]:
                record["repository"] = {k: v for k, v in record["repository"].items() if k != "branches"}
            tables["project"][identifier] = record
            for kind in CHILDREN:
                table = tables.setdefault(kind[:-1], {})
                for key, child in project[kind].items():
                    table[(identifier, key)] = dict(child, project_id=identifier)
        resources = relabelled_records(tables, id_key="identifier", drop=DERIVED_FROM_IDS)
        for rows in resources.values():
            for row in rows:
                if isinstance(row.get("server_identifiers"), list):  # a set: its order is the servers' creation order
                    row["server_identifiers"] = sorted(row["server_identifiers"])
        return {"resources": resources}

    # -- seed --------------------------------------------------------------------------------
    def seed(self, options):
        counts = {}
        for key in ("projects", "servers"):
            value = options[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ApiError(422, "%s must be an integer >= 0" % key, {key: ["must be an integer >= 0"]})
            counts[key] = value
        prefix = str(options["name_prefix"])
        servers = 0
        for p in range(counts["projects"]):
            project = self.new_project("%s-project-%d" % (prefix, p + 1))
            self.new_repository(project, {"url": "git@example.com:acme/%s.git" % project["permalink"],
                                          "branch": "main"})
            for s in range(counts["servers"]):
                self.store_server(project, {
                    "name": "%s-%d-server-%d" % (prefix, p + 1, s + 1), "protocol_type": "ssh",
                    "hostname": "10.%d.%d.%d" % ((p // 250) % 250, p % 250, s % 250 + 1),
                    "username": "deploy", "port": 22, "server_path": "/var/www/app",
                    "environment": "production" if s % 2 == 0 else "staging"})
                servers += 1
        return {"projects": counts["projects"], "servers": servers}

    def store_server(self, project, fields, top_level=None):
        identifier = new_identifier()
        server = {"id": self.new_id(), "identifier": identifier, "name": fields["name"],
                  "protocol_type": fields["protocol_type"], "server_path": "", "last_revision": None,
                  "branch": "", "notify_email": "", "email_notify_on": "never", "notification_email": "",
                  "server_group_identifier": None, "auto_deploy": False, "environment": "",
                  "enabled": True, "agent": None, "root_path": "", "position": len(project["servers"]) + 1,
                  "created_at": now_iso(), "updated_at": now_iso(), "atomic": None, "atomic_strategy": "copy_release",
                  "atomic_retention": 5, "connection_checked_at": None, "connection_error_message": None,
                  "secrets": {}, "top_level": dict(top_level or {})}
        self.apply_server_fields(server, fields)
        if server["protocol_type"] in ("ssh", "rsync"):
            server["host_key"] = fake_public_key(identifier)
        project["servers"][identifier] = server
        return server
