"""Servers of an environment: create (provisioning action), read, update, async delete and the
lifecycle operations."""

from __future__ import annotations

import secrets

from ...http_types import Response, validation_error
from ..state import OPERATIONS, PROVIDERS, operation_id_prefix, server_ip


class ServerHandlers:
    def list_environment_servers(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        servers = self.records_where("server", "environment_id", environment["id"])
        return self.list_response(request, query, sorted(servers, key=lambda s: s["id"]), "server", "ServerRelation")

    @staticmethod
    def _check_server_create(body):
        """``credential_id`` is required unless self-hosted; self-hosted needs address and port."""
        code = body["provision_input"]["cloud_service_code"]
        errors = {}
        if code == "self-hosted-custom":
            for field in ("ip_address", "ssh_port"):
                if body.get(field) is None:
                    errors[field] = ["The %s field is required when provision input.cloud service code is "
                                     "self-hosted-custom." % field]
        elif body.get("credential_id") is None:
            errors["credential_id"] = ["The credential_id field is required unless provision_input."
                                       "cloud_service_code is in self-hosted-custom."]
        if errors:
            raise validation_error(errors)

    def add_environment_server(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        self._check_server_create(body)
        provision_input = body["provision_input"]
        code = provision_input["cloud_service_code"]
        credential = self.credential_field(body.get("credential_id"))
        if credential is not None and PROVIDERS[credential["provider_code"]][0] != "cloud_provider":
            raise validation_error({"credential_id": ["The credential must be a cloud provider credential."]})
        links = self.links_in_body(body)
        stored_input = {"cloud_service_code": code, "settings": dict(provision_input.get("settings") or {})}
        if "subnet_id" in provision_input:
            stored_input["subnet_id"] = provision_input["subnet_id"]
        server = self.create_record(
            "server", environment_id=environment["id"], project_id=environment["project_id"],
            hostname=body["hostname"], ip_address=body.get("ip_address"), ssh_port=body.get("ssh_port", 22),
            max_parallel_actions=body.get("max_parallel_actions", 0),
            blueprint=[dict(x) for x in body.get("blueprint") or []],
            credential_id=credential["id"] if credential else None, status="provisioning", active=True,
            provision_input=stored_input, activation_token=secrets.token_hex(16))
        if server["ip_address"] is None and code != "self-hosted-custom":
            server["ip_address"] = server_ip(server["id"])
        self.link_all("server", server["id"], links)
        action = self.create_action("provision", "server", server["id"], effect="provision")
        return self.created_response("server", server, "Server", {"X-Devopness-Action-Id": str(action["id"])})

    def get_server(self, request, path, query, body):
        return self.read_response("server", path["server_id"], "Server")

    def update_server(self, request, path, query, body):
        server = self.record_to_update("server", path["server_id"], body)
        if "credential_id" in body:
            credential = self.credential_field(body["credential_id"])
            server["credential_id"] = credential["id"] if credential else None
        return self.update_fields(server, body, ("ip_address", "ssh_port", "max_parallel_actions"))

    def delete_server(self, request, path, query, body):
        server = self.record("server", path["server_id"])
        action = self.create_action("delete", "server", server["id"], effect="delete")
        action["destroy_server_disks"] = query.get("destroy_server_disks", False)
        return self.action_response(action)

    def server_operation_handlers(self) -> dict:
        """``deployServer``, ``startServer`` ... ``rotateKeyServer``: an action whose effect is
        the operation (``restart`` shows ``restarting`` at once)."""
        handlers = {}
        for operation in OPERATIONS["server"]:
            def run_operation(request, path, query, body, operation=operation):
                server = self.record("server", path["server_id"])
                if operation == "restart":
                    server["status"] = "restarting"
                return self.action_response(self.create_action(operation, "server", server["id"], effect=operation))
            handlers[operation_id_prefix(operation) + "Server"] = run_operation
        return handlers

    def get_server_commands(self, request, path, query, body):
        server = self.record("server", path["server_id"])
        url = "%s/servers/%d/connect/%s" % (request.base_url, server["id"], server["activation_token"])
        return Response(200, self.render("ServerCommand", {
            "connect_command": "curl -fsSL -X POST '%s' | sudo bash" % url}))
