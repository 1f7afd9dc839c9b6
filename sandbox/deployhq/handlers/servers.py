"""Servers (every protocol, managed ones provisioned as jobs), server groups, auto deployments."""

from __future__ import annotations

from ...http_types import ApiError, Response
from ..spec_fixes import MANAGED_PROTOCOLS, PROTOCOL_FIELDS, PROTOCOL_REQUIRED, SECRET_SERVER_FIELDS
from ..state import new_identifier, now_iso

COMMON_FIELDS = ("name", "protocol_type", "server_path", "email_notify_on", "root_path", "notification_email",
                 "branch", "environment", "server_group_identifier", "agent_id", "enabled", "global_key_pair_id")
TOP_LEVEL = {"managed_vps": ("region", "size", "os_image"), "static_hosting": ("hosted_website_attributes",)}


def invalid(errors):
    return ApiError(422, "Validation failed", errors)


class ServerHandlers:
    # -- server fields -----------------------------------------------------------------------------
    def check_server_fields(self, project, fields, server=None):
        protocol = fields.get("protocol_type") or (server or {}).get("protocol_type")
        own = PROTOCOL_FIELDS.get(protocol, ())
        errors = {key: ["is not a field of the %s protocol" % protocol] for key in fields
                  if key not in COMMON_FIELDS and key not in own and key != "auto_deploy"}
        if server is None:
            for key in PROTOCOL_REQUIRED.get(protocol, ()):
                if fields.get(key) in (None, ""):
                    errors[key] = ["can't be blank"]
        if "name" in fields or server is None:
            name = fields.get("name")
            if not name:
                errors["name"] = ["can't be blank"]
            elif any(s["name"] == name for s in project["servers"].values() if s is not server):
                errors["name"] = ["has already been taken"]
        group = fields.get("server_group_identifier")
        if group and group not in project["server_groups"]:
            errors["server_group_identifier"] = ["is not a server group of this project"]
        if "global_key_pair_id" in fields and fields["global_key_pair_id"] not in self.ssh_keys:
            errors["global_key_pair_id"] = ["is not a known SSH key"]
        if errors:
            raise invalid(errors)

    def apply_server_fields(self, server, fields):
        for key, value in fields.items():
            if key in SECRET_SERVER_FIELDS:
                server["secrets"][key] = value
            elif key == "auto_deploy":
                server[key] = value in (True, "true", "1", 1)
            elif key == "notification_email":
                server[key] = value
            else:
                server[key] = value
        if server["protocol_type"] in PROTOCOL_FIELDS and "port" in PROTOCOL_FIELDS[server["protocol_type"]]:
            server.setdefault("port", 22 if server["protocol_type"] in ("ssh", "rsync") else 21)
        if server["protocol_type"] in ("ssh", "rsync"):
            server.setdefault("use_ssh_keys", True)
        server["updated_at"] = now_iso()

    # -- servers ---------------------------------------------------------------------------------------
    def list_project_servers(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_server(project, s) for s in project["servers"].values()])

    def create_project_server(self, request, path, query, body):
        project = self.project(path["project_id"])
        fields = body["server"]
        self.check_server_fields(project, fields)
        protocol = fields["protocol_type"]
        top_level = {key: value for key, value in body.items() if key != "server"}
        wrong = sorted(set(top_level) - set(TOP_LEVEL.get(protocol, ())))
        if wrong:
            raise invalid({key: ["is only for %s servers" % " or ".join(
                p for p, keys in TOP_LEVEL.items() if key in keys)] for key in wrong})
        server = self.store_server(project, fields, top_level)
        if protocol in MANAGED_PROTOCOLS:
            self.provision(project, server)
        return Response(200, self.view_server(project, server))

    def provision(self, project, server):
        """Managed servers are ``provisioning`` until a job of ``provision_seconds`` ends: then
        ``active`` (``error`` when an ``action_failures`` fault for server/provision matches)."""
        top = server["top_level"]
        server["managed"] = {"status": "provisioning"}
        if server["protocol_type"] == "managed_vps":
            server["managed"].update(region=top.get("region", "lon1"),
                                     size=top.get("size", "s-1vcpu-1gb"))
        else:
            site = top.get("hosted_website_attributes") or {}
            subdomain = site.get("subdomain") or server["name"]
            server["managed"].update(hosted_website_identifier=new_identifier(), subdomain=subdomain,
                                     url="https://%s.deployhq.site" % subdomain, spa_mode=bool(site.get("spa_mode")),
                                     active_deployment_uuid=None)

        def done(job, status):
            server["managed"]["status"] = "active" if status == "completed" else "error"
            if server["protocol_type"] == "managed_vps" and status == "completed":
                server["managed"]["ip_address"] = "203.0.113.%d" % (server["id"] % 250 + 1)

        self.start_job("server", "provision", ["Provisioning"], duration=self.config("provision_seconds"),
                       on_finish=done)

    def get_project_server_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_server(project, self.child(project, "servers", path["id"])))

    def replace_project_server(self, request, path, query, body):
        project = self.project(path["project_id"])
        server = self.child(project, "servers", path["id"])
        fields = body["server"]
        if fields["protocol_type"] != server["protocol_type"] and (
                server["protocol_type"] in MANAGED_PROTOCOLS or fields["protocol_type"] in MANAGED_PROTOCOLS):
            raise invalid({"protocol_type": ["cannot be changed to or from a managed protocol"]})
        self.check_server_fields(project, fields, server)
        if fields["protocol_type"] != server["protocol_type"]:
            for key in [k for p in PROTOCOL_FIELDS.values() for k in p if k not in PROTOCOL_FIELDS.get(
                    fields["protocol_type"], ())]:
                server.pop(key, None)
                server["secrets"].pop(key, None)
        self.apply_server_fields(server, fields)
        return Response(200, self.view_server(project, server))

    update_project_server = replace_project_server

    def delete_project_server(self, request, path, query, body):
        project = self.project(path["project_id"])
        server = self.child(project, "servers", path["id"])
        if any(server["identifier"] in d["server_identifiers"] for d in self.running_deployments(project)):
            raise invalid({"base": ["The server cannot be removed while a deployment to it is running."]})
        del project["servers"][server["identifier"]]
        return Response(200, {"status": "deleted"})

    # -- server groups ----------------------------------------------------------------------------------
    def list_project_server_groups(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_server_group(project, g) for g in project["server_groups"].values()])

    def check_group_fields(self, project, fields, group=None):
        if "name" in fields or group is None:
            if not fields.get("name"):
                raise invalid({"name": ["can't be blank"]})
            if any(g["name"] == fields["name"] for g in project["server_groups"].values() if g is not group):
                raise invalid({"name": ["has already been taken"]})
        if fields.get("transfer_order", "parallel") not in ("parallel", "sequential"):
            raise invalid({"transfer_order": ["is not included in the list"]})

    def create_project_server_group(self, request, path, query, body):
        project = self.project(path["project_id"])
        fields = body["server_group"]
        self.check_group_fields(project, fields)
        group = {"identifier": new_identifier(), "name": "", "branch": "", "auto_deploy": False,
                 "email_notify_on": "never", "notification_email": "", "transfer_order": "parallel",
                 "environment": "", "last_revision": None}
        group.update(fields)
        project["server_groups"][group["identifier"]] = group
        return Response(200, self.view_server_group(project, group))

    def get_project_server_group_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_server_group(project, self.child(project, "server_groups", path["id"])))

    def replace_project_server_group(self, request, path, query, body):
        project = self.project(path["project_id"])
        group = self.child(project, "server_groups", path["id"])
        self.check_group_fields(project, body["server_group"], group)
        group.update(body["server_group"])
        return Response(200, self.view_server_group(project, group))

    update_project_server_group = replace_project_server_group

    def delete_project_server_group(self, request, path, query, body):
        project = self.project(path["project_id"])
        group = self.child(project, "server_groups", path["id"])
        for server in self.group_servers(project, group):
            server["server_group_identifier"] = None
        del project["server_groups"][group["identifier"]]
        return Response(200, {"status": "deleted"})

    # -- auto deployments ---------------------------------------------------------------------------------
    def list_project_auto_deployments(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, {"webhook_url": "https://sandbox.deployhq.com/deploy/%s/to/auto/%s" % (
            project["permalink"], project["identifier"][:8]), "deployables": self.deployables(project)})

    def create_project_auto_deployment(self, request, path, query, body):
        """``{"deployables": {uuid: bool}}``; unknown identifiers are skipped ([OAS])."""
        project = self.project(path["project_id"])
        deployables = body["deployables"]
        if any(not isinstance(value, bool) for value in deployables.values()):
            raise ApiError(422, "Each deployable takes true or false.")
        for identifier, enabled in deployables.items():
            _kind, record = self.target(project, identifier)
            if record is not None:
                record["auto_deploy"] = enabled
        return Response(200, {"deployables": self.deployables(project)})
