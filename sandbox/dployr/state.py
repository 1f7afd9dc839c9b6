"""The records of the dployr sandbox, their ids (ULIDs), their views and the simulated node.

Records are plain dicts in ``self.db[<kind>][<id>]`` (insertion order is listing order).
Timestamps are Unix milliseconds, as Base sends them.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time

from ..http_types import ApiError
from ..platform import relabelled_records

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ROLES = ("viewer", "developer", "admin", "owner")
DEPLOYMENT_STATUS = {"pending": "pending", "running": "running", "completed": "success", "failed": "failed"}
# PATCH /v1/services/{id} (snake_case) -> the deployment record (camelCase)
PATCHABLE = {"description": "description", "run_cmd": "runCmd", "build_cmd": "buildCmd", "port": "port",
             "working_dir": "workingDir", "static_dir": "staticDir", "image": "image", "domain": "domain",
             "runtime": "runtimeType", "version": "runtimeVersion", "remote_url": "remoteUrl",
             "remote_branch": "remoteBranch", "health_check": "healthCheck"}
# POST /v1/deployments accepts both spellings of each field
CREATE_ALIASES = dict(PATCHABLE, runtimeType="runtimeType", runtimeVersion="runtimeVersion", runCmd="runCmd",
                      buildCmd="buildCmd", workingDir="workingDir", staticDir="staticDir", healthCheck="healthCheck",
                      remoteUrl="remoteUrl", remoteBranch="remoteBranch", remoteCommitHash="remoteCommitHash",
                      remote_commit_hash="remoteCommitHash")


def now_ms() -> int:
    return int(time.time() * 1000)


class State:
    USER_ID = "01JSANDB0XUSER00000000000A"
    OTHER_USER_ID = "01JSANDB0XUSER00000000000B"

    def reset_records(self):
        self._counter = itertools.count(1)
        self.db = {"users": {}, "clusters": {}, "instances": {}, "services": {}, "deployments": {}, "domains": {}}
        self.add_user(self.USER_ID, "sandbox@example.com", "Sandbox User")
        self.add_user(self.OTHER_USER_ID, "other@example.com", "Other User")
        sandbox = self.add_cluster("sandbox", self.USER_ID)
        sandbox["roles"][self.OTHER_USER_ID] = "viewer"
        self.add_cluster("other", self.OTHER_USER_ID)
        # The simulated node: an application instance and a build instance whose daemons are connected
        # (dployr_node_connected / dployr_build_node_connected turn them off).
        self.add_instance(sandbox["id"], "192.0.2.10", "node-1", role="instance", simulated=True)
        self.add_instance(sandbox["id"], "192.0.2.11", "build-1", role="build", simulated=True)

    # -- ids and records -----------------------------------------------------------------
    def ulid(self) -> str:
        stamp, chars = now_ms(), []
        for _ in range(10):
            stamp, digit = divmod(stamp, 32)
            chars.append(CROCKFORD[digit])
        tail = int.from_bytes(os.urandom(8), "big") ^ next(self._counter)
        for _ in range(16):
            tail, digit = divmod(tail, 32)
            chars.append(CROCKFORD[digit])
        return "".join(reversed(chars[:10])) + "".join(chars[10:])

    def add_user(self, user_id, email, name):
        self.db["users"][user_id] = {"id": user_id, "email": email, "name": name, "provider": "email",
                                     "picture": None, "metadata": {}, "createdAt": now_ms(), "updatedAt": now_ms()}

    def add_cluster(self, name, owner_id):
        cluster = {"id": self.ulid(), "name": name, "ownerId": owner_id, "roles": {owner_id: "owner"}, "metadata": {}}
        self.db["clusters"][cluster["id"]] = cluster
        return cluster

    def add_instance(self, cluster_id, address, tag, role="instance", region=None, simulated=False):
        instance = {"id": self.ulid(), "kind": "dedicated", "clusterId": cluster_id, "address": address, "tag": tag,
                    "status": "healthy", "role": role, "managed": True, "region": region or "eu-west",
                    "metadata": {}, "createdAt": now_ms(), "updatedAt": now_ms(), "simulated": simulated}
        self.db["instances"][instance["id"]] = instance
        return instance

    def cluster_named(self, name):
        return next((c for c in self.db["clusters"].values() if c["name"] == name), None)

    # -- access ----------------------------------------------------------------------------
    def require_role(self, request, cluster_id, role):
        """The auth layer: the user's role on the cluster must reach ``role`` (flat 403 otherwise)."""
        cluster = self.db["clusters"].get(cluster_id)
        have = cluster["roles"].get(getattr(request, "user_id", None)) if cluster else None
        if have is None or ROLES.index(have) < ROLES.index(role):
            raise ApiError(403, "Insufficient permissions. %s role is required" % role.capitalize(),
                           {"flat": True, "code": "permission.%s_role_required" % role})
        return cluster

    def found(self, kind, record_id, what):
        record = self.db[kind].get(record_id)
        if record is None:
            raise ApiError(404, "%s not found" % what, {"flat": True, "code": "resource.missing_resource"})
        return record

    # -- the simulated node --------------------------------------------------------------
    def connected(self, cluster_id, role):
        setting = "dployr_node_connected" if role == "instance" else "dployr_build_node_connected"
        if not self.config(setting):
            return None
        return next((i for i in self.db["instances"].values()
                     if i["clusterId"] == cluster_id and i["role"] == role and i["simulated"]), None)

    def require_node(self, cluster_id, role="instance"):
        if self.connected(cluster_id, role) is None:
            message = "No node connected to this cluster" if role == "instance" else "Instance build-node is not connected"
            raise ApiError(503, message, {"code": "runtime.node_not_connected"})

    # -- deployments ---------------------------------------------------------------------
    def start_deployment(self, record):
        """(Re)start the deploy of ``record``: pending, then running, then success (or failed, with an
        ``action_failures`` fault for resource_type ``deployment``)."""
        steps = ["Build image", "Start container", "Health check"] if record["source"] == "remote" else [
            "Pull image", "Start container", "Health check"]
        record.update(status="pending", finishedAt=None, updatedAt=now_ms(), logs=None)

        def finished(job, status):
            record["status"] = DEPLOYMENT_STATUS[status]
            record["finishedAt"] = now_ms()
            record["updatedAt"] = now_ms()
            lines = []
            for order in range(1, len(job.steps) + 1):
                lines.extend(job.step_log(order))
            record["logs"] = "\n".join(lines)
            if status == "completed" and record["source"] == "remote":
                fingerprint = hashlib.sha256(("%s@%s" % (record.get("remoteUrl"), record.get("remoteBranch"))).encode())
                record["buildFingerprint"] = fingerprint.hexdigest()
                record["image"] = "registry.dployr.io/%s:%s" % (record["name"], record["buildFingerprint"][:12])

        record["job"] = self.start_job("deployment", "deploy", steps, on_finish=finished)

    def deployment_view(self, record):
        view = {key: value for key, value in record.items() if key != "job"}
        job = record.get("job")
        if job is not None and not job.finished:
            view["status"] = DEPLOYMENT_STATUS[job.state().status]
        return view

    @staticmethod
    def service_view(service):
        return {key: service[key] for key in ("id", "clusterId", "name", "label", "type", "deploymentId", "icedAt",
                                              "createdAt", "updatedAt")}

    def instance_view(self, instance, listed=False):
        view = {key: value for key, value in instance.items() if key != "simulated"}
        if listed:
            view["clusterName"] = self.db["clusters"][instance["clusterId"]]["name"]
        return view

    def cluster_summary(self, cluster, user_id):
        owner = self.db["users"].get(cluster["ownerId"]) or {}
        return {"id": cluster["id"], "name": cluster["name"], "owner": owner.get("name") or "",
                "role": cluster["roles"][user_id]}

    # -- state snapshot (control API) -----------------------------------------------------
    def state_snapshot(self, secrets=False):
        """Users, clusters (their notification settings in ``metadata``), instances, services,
        deployments and domains, their ULIDs replaced by what they name (``relabelled_records``);
        without deploy logs (their lines are timed) nor a domain's random verification value."""
        tables = {kind.rstrip("s"): records for kind, records in self.db.items()}
        return {"resources": relabelled_records(tables, drop=("job", "logs", "verification"))}

    # -- bulk seed -------------------------------------------------------------------------
    def seed(self, options):
        cluster = self.cluster_named("sandbox")
        prefix = str(options["name_prefix"])
        made = {"services": [], "instances": []}
        for index in range(int(options["instances"])):
            instance = self.add_instance(cluster["id"], "198.51.%d.%d" % (index // 250, index % 250 + 1),
                                         ("%s-%d" % (prefix, index + 1))[:15])
            made["instances"].append(instance["id"])
        for index in range(int(options["services"])):
            name = "%s-svc-%d" % (prefix, index + 1)
            service = self.new_service(cluster["id"], name, "web", {}, {})
            for _ in range(max(1, int(options["deployments_per_service"]))):
                record = self.new_deployment(cluster["id"], service, self.USER_ID, {
                    "name": name, "type": "web", "source": "image", "image": "nginx:1.27", "port": 80})
                record.update(status="success", finishedAt=now_ms(), logs="seeded")
            made["services"].append(service["id"])
        return {"platform": self.name, "cluster": cluster["id"], **made}

    def new_service(self, cluster_id, name, service_type, env_vars, secrets):
        service = {"id": self.ulid(), "clusterId": cluster_id, "name": name, "label": name, "type": service_type,
                   "deploymentId": None, "icedAt": None, "createdAt": now_ms(), "updatedAt": now_ms(),
                   "envVars": dict(env_vars), "secrets": dict(secrets)}
        self.db["services"][service["id"]] = service
        return service

    def new_deployment(self, cluster_id, service, user_id, fields, record_id=None):
        record = {"id": record_id or self.ulid(), "clusterId": cluster_id, "serviceId": service["id"],
                  "userId": user_id, "name": service["name"], "type": fields["type"], "source": fields["source"],
                  "status": "pending", "logs": None, "buildFingerprint": None, "createdAt": now_ms(),
                  "updatedAt": now_ms(), "finishedAt": None}
        for key in set(CREATE_ALIASES.values()):
            record[key] = fields.get(key)
        self.db["deployments"][record["id"]] = record
        if service["deploymentId"] is None:
            service["deploymentId"] = record["id"]
        return record
