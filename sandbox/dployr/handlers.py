"""dployr Base request handlers, one per operationId (``listServices`` -> ``list_services``).

Handlers take ``(self, request, path, query, body)``; routes of the OpenAPI document arrive validated,
routes declared in ``spec_gaps`` arrive as sent. Success bodies are ``{"success": true, "data": ...}``.
"""

from __future__ import annotations

import ipaddress
import secrets as random_secrets
import time

from ..http_types import ApiError, Response
from .state import CREATE_ALIASES, PATCHABLE, now_ms

SERVICE_TYPES = ("static", "web", "worker", "job")
SOURCES = ("remote", "image")


def ok(data, status=200, message=None):
    body = {"success": True, "data": data}
    if message:
        body["message"] = message
    return Response(status, body)


def bad_request(message, details=None, status=400, code="request.bad_request"):
    return ApiError(status, message, {"code": code, "details": details})


class Handlers:
    # -- health, users, clusters -----------------------------------------------------------
    def health_check(self, request, path, query, body):
        return Response(200, {"status": "ok", "timestamp": now_ms(), "version": "sandbox"})

    def get_current_user(self, request, path, query, body):
        user = self.db["users"][request.user_id]
        return ok({"user": user, "clusters": self.user_clusters(request.user_id)})

    def list_clusters(self, request, path, query, body):
        return ok({"clusters": self.user_clusters(request.user_id)})

    def user_clusters(self, user_id):
        return [self.cluster_summary(c, user_id) for c in self.db["clusters"].values() if user_id in c["roles"]]

    def list_cluster_integrations(self, request, path, query, body):
        cluster = self.require_role(request, path["id"], "viewer")
        metadata = cluster["metadata"]
        return ok({"email": {}, "remote": {"gitHub": None, "gitLab": None, "bitBucket": None}, "notification": {
            "discord": metadata.get("discord"), "slack": metadata.get("slack"),
            "customWebhook": metadata.get("customWebhook"), "email": metadata.get("emailNotification")}})

    def get_cluster_notifications(self, request, path, query, body):
        cluster = self.require_role(request, path["id"], "viewer")
        metadata = cluster["metadata"]
        return ok({"notifications": {
            "discordWebhookUrl": (metadata.get("discord") or {}).get("webhookUrl"),
            "slackWebhookUrl": (metadata.get("slack") or {}).get("webhookUrl"),
            "enabled": any((metadata.get(k) or {}).get("enabled") for k in ("discord", "slack"))}})

    # -- notifications: settings kept in the cluster's metadata --------------------------------
    def _notification(self, request, query, key, settings):
        cluster = self.require_role(request, query["clusterId"], "developer")
        cluster["metadata"][key] = settings
        return ok(settings, message="%s integration configured" % key)

    def setup_discord(self, request, path, query, body):
        return self._notification(request, query, "discord", self._hook_settings(body))

    def setup_slack(self, request, path, query, body):
        return self._notification(request, query, "slack", self._hook_settings(body))

    def setup_custom_webhook(self, request, path, query, body):
        return self._notification(request, query, "customWebhook", self._hook_settings(body))

    def setup_email_notifications(self, request, path, query, body):
        return self._notification(request, query, "emailNotification",
                                  {"enabled": body["enabled"], "events": body.get("events")})

    @staticmethod
    def _hook_settings(body):
        return {"webhookUrl": body["webhookUrl"], "enabled": body["enabled"],
                "events": body.get("events") or ["instance.created", "instance.deleted"]}

    def update_notification_events(self, request, path, query, body):
        cluster = self.require_role(request, query["clusterId"], "developer")
        key = "emailNotification" if body["integration"] == "email" else body["integration"]
        current = dict(cluster["metadata"].get(key) or {})
        current["events"] = body["events"]
        cluster["metadata"][key] = current
        return ok({"integration": body["integration"], "events": body["events"]}, message="Notification events updated")

    # -- instances -------------------------------------------------------------------------
    def list_instances(self, request, path, query, body):
        self.require_role(request, query["clusterId"], "viewer")
        items = [i for i in self.db["instances"].values() if i["clusterId"] == query["clusterId"]]
        return self.paginate(request, request.query, items, lambda i: self.instance_view(i, listed=True))

    def create_instance(self, request, path, query, body):
        self.require_role(request, body["clusterId"], "admin")
        try:
            address = ipaddress.ip_address(body["address"])
        except ValueError:
            address = None
        if address is None or address.version != 4:
            raise bad_request("Validation failed: address: Invalid IPv4 address",
                              [{"field": "address", "message": "Invalid IPv4 address"}])
        for other in self.db["instances"].values():
            if other["address"] == body["address"]:
                raise bad_request("An instance with this address already exists", status=409, code="resource.conflict")
            if other["tag"] == body["tag"]:
                raise bad_request("An instance with this tag already exists", status=409, code="resource.conflict")
        instance = self.add_instance(body["clusterId"], body["address"], body["tag"], region=body.get("region"))
        token = "eyJhbGciOiJSUzI1NiJ9.%s.%s" % (instance["id"], random_secrets.token_hex(16))
        return ok({"instance": self.instance_view(instance), "token": token}, status=201)

    def get_instance(self, request, path, query, body):
        instance = self.found("instances", path["id"], "Instance")
        self.require_role(request, instance["clusterId"], "viewer")
        return ok(self.instance_view(instance))

    def delete_instance(self, request, path, query, body):
        instance = self.found("instances", path["id"], "Instance")
        self.require_role(request, instance["clusterId"], "admin")
        del self.db["instances"][instance["id"]]
        return ok({"deleted": True, "instance": instance["tag"]})

    # -- deployments -----------------------------------------------------------------------
    def list_deployments(self, request, path, query, body):
        self.require_role(request, query["clusterId"], "viewer")
        items = [d for d in self.db["deployments"].values() if d["clusterId"] == query["clusterId"]
                 and query.get("serviceId") in (None, d["serviceId"])]
        views = [self.deployment_view(d) for d in items]
        views = [v for v in views if query.get("status") in (None, v["status"])]
        return self.paginate(request, request.query, views, lambda v: v)

    def get_deployment(self, request, path, query, body):
        # Base resolves the cluster from the path id (a deployment id), so the check always fails.
        self.require_role(request, path["id"], "viewer")
        raise AssertionError("unreachable")

    def delete_deployment(self, request, path, query, body):
        cluster_id = body.get("clusterId") if isinstance(body, dict) else None
        self.require_role(request, cluster_id, "developer")
        record = self.db["deployments"].get(path["id"])
        if record is None or record["clusterId"] != cluster_id:
            raise bad_request("Deployment not found", status=404, code="resource.missing_resource")
        if self.deployment_view(record)["status"] in ("pending", "running"):
            raise bad_request("Cannot delete a running deployment")
        del self.db["deployments"][record["id"]]
        return ok({})

    def create_deployment(self, request, path, query, body):
        cluster_id = request.query.get("clusterId") or (body.get("clusterId") if isinstance(body, dict) else None)
        if not cluster_id:
            raise ApiError(400, "clusterId is required", {"flat": True, "code": "request.bad_request"})
        self.require_role(request, cluster_id, "developer")
        fields = self.deployment_fields(body)
        service = next((s for s in self.db["services"].values() if s["name"] == fields["name"]), None)
        if service is not None and service["clusterId"] != cluster_id:
            raise bad_request("Service name '%s' is already taken" % fields["name"], status=409, code="resource.conflict")
        if service is None:
            limit = int(self.config("dployr_service_limit"))
            used = sum(1 for s in self.db["services"].values() if s["clusterId"] == cluster_id)
            if used >= limit:
                raise bad_request("Service limit reached for %s plan (%d service%s max)" % (
                    "hobby" if limit <= 1 else "pro", limit, "" if limit == 1 else "s"))
        queued = not any(i["clusterId"] == cluster_id for i in self.db["instances"].values())
        if not queued:
            self.require_node(cluster_id, "build" if fields["source"] == "remote" else "instance")
        if service is None:
            service = self.new_service(cluster_id, fields["name"], fields["type"], fields["env_vars"], fields["secrets"])
        else:
            service["envVars"] = dict(fields["env_vars"])
            service["secrets"] = dict(fields["secrets"])
            service["updatedAt"] = now_ms()
        task_id = self.ulid()
        record = self.db["deployments"].get(service["deploymentId"] or "")
        if record is None:
            record = self.new_deployment(cluster_id, service, request.user_id, fields, record_id=task_id)
        else:  # a redeploy keeps the record (and its id); the task id is new
            record.update({key: fields.get(key) for key in set(CREATE_ALIASES.values())}, type=fields["type"],
                          source=fields["source"])
        data = {"taskId": task_id}
        if queued:
            data["queued"] = True
        else:
            self.start_deployment(record)
        return ok(data, status=202, message="Deployment accepted")

    @staticmethod
    def deployment_fields(body):
        if not isinstance(body, dict):
            raise bad_request("Validation failed: body: Expected object")
        if "payload" in body and "name" not in body:
            raise bad_request("Validation failed: name: Required; type: Required; source: Required", [
                {"field": name, "message": "Required"} for name in ("name", "type", "source")])
        details = []
        for name, choices in (("name", None), ("type", SERVICE_TYPES), ("source", SOURCES)):
            value = body.get(name)
            if not isinstance(value, str) or not value:
                details.append({"field": name, "message": "Required"})
            elif choices and value not in choices:
                details.append({"field": name, "message": "Invalid enum value. Expected %s" % " | ".join(
                    "'%s'" % c for c in choices)})
        port = body.get("port")
        if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535):
            details.append({"field": "port", "message": "Expected a port number from 1 to 65535"})
        for name in ("env_vars", "envVars", "secrets"):
            value = body.get(name)
            if value is not None and (not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values())):
                details.append({"field": name, "message": "Expected record of strings"})
        if details:
            raise bad_request("Validation failed: " + "; ".join("%s: %s" % (d["field"], d["message"]) for d in details),
                              details)
        fields = {"name": body["name"], "type": body["type"], "source": body["source"]}
        for alias, key in CREATE_ALIASES.items():
            if body.get(alias) is not None:
                fields[key] = body[alias]
        remote = body.get("remote") if isinstance(body.get("remote"), dict) else {}
        for sub, key in (("url", "remoteUrl"), ("branch", "remoteBranch"), ("commit_hash", "remoteCommitHash")):
            if remote.get(sub) is not None:
                fields[key] = remote[sub]
        fields["env_vars"] = body.get("env_vars") or body.get("envVars") or {}
        fields["secrets"] = body.get("secrets") or {}
        return fields

    # -- services --------------------------------------------------------------------------
    def list_services(self, request, path, query, body):
        self.require_role(request, query["clusterId"], "viewer")
        items = [s for s in self.db["services"].values() if s["clusterId"] == query["clusterId"]]
        return self.paginate(request, request.query, items, self.service_view)

    def service_for(self, request, service_id, role):
        service = self.found("services", service_id, "Service")
        self.require_role(request, service["clusterId"], role)
        return service

    def get_service(self, request, path, query, body):
        return ok({"service": self.service_view(self.service_for(request, path["serviceId"], "viewer"))})

    def list_service_envs(self, request, path, query, body):
        return ok({"envs": dict(self.service_for(request, path["serviceId"], "viewer")["envVars"])})

    def list_service_secrets(self, request, path, query, body):
        service = self.service_for(request, path["serviceId"], "developer")
        return ok({"secrets": {key: "***" for key in service["secrets"]}})

    def delete_service(self, request, path, query, body):
        service = self.service_for(request, path["serviceId"], "developer")
        del self.db["services"][service["id"]]
        for record_id in [d["id"] for d in self.db["deployments"].values() if d["serviceId"] == service["id"]]:
            del self.db["deployments"][record_id]
        return ok({})

    def redeploy_service(self, request, path, query, body):
        service = self.service_for(request, path["serviceId"], "developer")
        tags = [i["tag"] for i in self.db["instances"].values() if i["clusterId"] == service["clusterId"]]
        if body["instanceName"] not in tags:
            raise bad_request("Instance %s not found in this cluster" % body["instanceName"], status=404,
                              code="resource.missing_resource")
        if "env_vars" in body:
            service["envVars"] = dict(body["env_vars"] or {})
        record = self.db["deployments"].get(service["deploymentId"] or "")
        if record is None:
            raise bad_request("Service has no deployment record", status=404, code="resource.missing_resource")
        self.require_node(service["clusterId"], "build" if record["source"] == "remote" else "instance")
        if "secrets" in body:
            kept = {key: value for key, value in service["secrets"].items() if key in (body.get("keep_secret_keys") or [])}
            kept.update(body["secrets"] or {})
            service["secrets"] = kept
        for name, key in PATCHABLE.items():
            if name in body:
                record[key] = body[name]
        service["updatedAt"] = now_ms()
        self.start_deployment(record)
        return ok({"service": self.service_view(service), "deployment": self.deployment_view(record),
                   "taskId": self.ulid()})

    def _sleep_or_wake(self, request, path, iced):
        service = self.service_for(request, path["serviceId"], "developer")
        self.require_node(service["clusterId"])

        def finished(job, status):
            if status == "completed" and service["id"] in self.db["services"]:
                service["icedAt"] = now_ms() if iced else None
                service["updatedAt"] = now_ms()

        self.start_job("service", "stop" if iced else "start", ["Signal daemon"], on_finish=finished)
        return ok({"taskId": self.ulid()})

    def stop_service(self, request, path, query, body):
        return self._sleep_or_wake(request, path, True)

    def start_service(self, request, path, query, body):
        return self._sleep_or_wake(request, path, False)

    def get_service_status(self, request, path, query, body):
        """``GET /v1/status?domain=``: a request for a sleeping service wakes it, as on Base."""
        for service in self.db["services"].values():
            record = self.db["deployments"].get(service["deploymentId"] or "") or {}
            if record.get("domain") == query.get("domain") and service["icedAt"]:
                service["icedAt"] = None
                return ok({"status": "waking"})
        return ok({"status": "running"})

    def get_service_logs(self, request, path, query, body):
        ref = path["idOrName"]
        service = self.db["services"].get(ref) or next(
            (s for s in self.db["services"].values() if s["name"] == ref), None)
        if service is None:
            raise ApiError(404, "Service not found", {"flat": True, "code": "resource.missing_resource"})
        self.require_role(request, service["clusterId"], "viewer")
        if not self.config("dployr_logs_backend"):
            raise ApiError(501, "Centralized logs are not available on this server", {"code": "LOGS_NOT_AVAILABLE"})
        source = query.get("source") or "all"
        if source not in ("build", "runtime", "all"):
            raise bad_request("Validation failed: source: Invalid enum value. Expected 'build' | 'runtime' | 'all'")
        try:
            limit = min(max(int(query.get("limit") or 1000), 1), 5000)
        except ValueError:
            raise bad_request("Validation failed: limit: Expected number")
        entries = []
        for record in self.db["deployments"].values():
            if record["serviceId"] != service["id"]:
                continue
            view = self.deployment_view(record)
            if source in ("build", "all"):
                for line in (view.get("logs") or "").splitlines():
                    entries.append({"timestamp": view["updatedAt"], "source": "build", "level": "info",
                                    "message": line, "serviceId": service["id"], "deploymentId": record["id"]})
            if source in ("runtime", "all") and view["status"] == "success":
                entries.append({"timestamp": view["finishedAt"], "source": "runtime", "level": "info",
                                "message": "listening on port %s" % (view.get("port") or 80),
                                "serviceId": service["id"], "deploymentId": record["id"]})
        since, until = int(query.get("since") or 0), int(query.get("until") or 0) or int(time.time() * 1000) + 1
        entries = [e for e in entries if since <= (e["timestamp"] or 0) <= until]
        return Response(200, entries[:limit])

    # -- domains ---------------------------------------------------------------------------
    def list_cluster_domains(self, request, path, query, body):
        self.require_role(request, query["clusterId"], "viewer")
        return ok({"domains": [self.domain_summary(d) for d in self.db["domains"].values()
                               if d["clusterId"] == query["clusterId"]]})

    @staticmethod
    def domain_summary(domain):
        return {key: domain[key] for key in ("id", "domain", "status", "provider", "createdAt", "activatedAt")}

    def create_custom_domain(self, request, path, query, body):
        self.require_role(request, body["clusterId"], "developer")
        instance = self.db["instances"].get(query["instanceId"])
        if instance is None or instance["clusterId"] != body["clusterId"]:
            raise bad_request("Instance not found", status=404, code="resource.missing_resource")
        name = body["domain"].strip().lower()
        if any(d["domain"] == name for d in self.db["domains"].values()):
            raise bad_request("Domain already registered to another instance", status=409, code="resource.conflict")
        domain = {"id": self.ulid(), "domain": name, "clusterId": body["clusterId"], "instanceId": instance["id"],
                  "status": "pending", "provider": "unknown", "autoSetupUrl": None, "hasOAuth": False,
                  "manualGuideUrl": "https://docs.dployr.io/domains/manual",
                  "record": {"type": "A", "name": name, "value": instance["address"], "ttl": 300},
                  "verification": {"type": "TXT", "name": "_dployr." + name,
                                   "value": "dployr-verify=" + random_secrets.token_hex(12)},
                  "createdAt": now_ms(), "activatedAt": None}
        self.db["domains"][name] = domain
        return ok({key: domain[key] for key in ("domain", "provider", "hasOAuth", "autoSetupUrl", "manualGuideUrl",
                                                "record", "verification")})

    def domain_for(self, request, name, role):
        domain = self.db["domains"].get(name.lower())
        if domain is None:
            raise bad_request("Domain not found", status=404, code="resource.missing_resource")
        self.require_role(request, domain["clusterId"], role)
        return domain

    def get_domain(self, request, path, query, body):
        domain = self.domain_for(request, path["domain"], "viewer")
        view = {key: domain[key] for key in ("domain", "clusterId", "status", "provider", "autoSetupUrl",
                                             "manualGuideUrl", "createdAt", "activatedAt")}
        pending = domain["status"] == "pending"
        view["record"] = domain["record"] if pending else None
        view["verification"] = domain["verification"] if pending else None
        return ok(view)

    def remove_domain(self, request, path, query, body):
        domain = self.domain_for(request, path["domain"], "developer")
        del self.db["domains"][domain["domain"]]
        return Response(204)

    def verify_domain(self, request, path, query, body):
        domain = self.domain_for(request, path["domain"], "developer")
        if not self.config("dployr_dns_verified"):
            raise bad_request("TXT record not found", status=422, code="request.unprocessable_entity")
        domain.update(status="active", activatedAt=domain["activatedAt"] or now_ms())
        return Response(204)
