"""The environment-scoped resources that share one shape of endpoints: daemons, virtual hosts,
SSL certificates, services, cron jobs, SSH keys and network rules.

Their handlers are built per resource type from ``RESOURCES``: ``listEnvironment<Plural>``,
``addEnvironment<Model>``, ``get<Model>``, ``update<Model>`` (not for SSL certificates),
``delete<Model>`` (async: the resource goes when the delete action completes) and one handler
per lifecycle operation (``deploy<Model>``, ``getStatus<Model>`` ...)."""

from __future__ import annotations

import time

from ...http_types import validation_error
from ..rules import check_fields, ssh_fingerprint
from ..state import OPERATIONS, iso, operation_id_prefix

# resource type -> (schema model, plural, path id parameter, fields a PUT may change)
RESOURCES = {
    "daemon": ("Daemon", "Daemons", "daemon_id", ["command", "process_count", "working_directory", "run_as_user",
                                                  "name", "application_id"]),
    "virtual-host": ("VirtualHost", "VirtualHosts", "virtual_host_id",
                     ["name", "root_directory", "application_listen_address", "application_id"]),
    "ssl-certificate": ("SslCertificate", "SslCertificates", "ssl_certificate_id", []),
    "service": ("Service", "Services", "service_id", []),
    "cronjob": ("CronJob", "CronJobs", "cron_job_id", ["pattern", "name", "command", "run_as_user",
                                                       "application_id"]),
    "ssh-key": ("SshKey", "SshKeys", "ssh_key_id", ["name"]),
    "network-rule": ("NetworkRule", "NetworkRules", "network_rule_id", ["name", "direction", "cidr_block",
                                                                         "protocol"]),
}
UNIQUE_NAMES = ("daemon", "virtual-host", "ssh-key")  # name is unique per environment


class EnvironmentResourceHandlers:
    def environment_resource_handlers(self) -> dict:
        """operationId -> handler for every type in ``RESOURCES``."""
        handlers = {}
        for kind, (model, plural, id_param, updatable) in RESOURCES.items():
            handlers["listEnvironment" + plural] = self._list_handler(kind, model)
            handlers["addEnvironment" + model] = self._create_handler(kind, model)
            handlers["get" + model] = self._get_handler(kind, model, id_param)
            if kind != "ssl-certificate":
                handlers["update" + model] = self._update_handler(kind, id_param, updatable)
            handlers["delete" + model] = self._delete_handler(kind, id_param)
            for operation in OPERATIONS[kind]:
                handlers[operation_id_prefix(operation) + model] = self._operation_handler(kind, id_param, operation)
        return handlers

    def _list_handler(self, kind, model):
        def list_resources(request, path, query, body):
            environment = self.record("environment", path["environment_id"])
            records = sorted((r for r in self.db[kind].values() if r["environment_id"] == environment["id"]),
                             key=lambda r: r["id"])
            return self.list_response(request, query, records, kind, model + "Relation")
        return list_resources

    def _get_handler(self, kind, model, id_param):
        def get_resource(request, path, query, body):
            return self.read_response(kind, path[id_param], model)
        return get_resource

    def _create_handler(self, kind, model):
        create = getattr(self, "_create_" + kind.replace("-", "_"))

        def create_resource(request, path, query, body):
            record = create(self.record("environment", path["environment_id"]), body)
            return self.created_response(kind, record, model)
        return create_resource

    def _update_handler(self, kind, id_param, fields):
        def update_resource(request, path, query, body):
            record = self.record_to_update(kind, path[id_param], body)
            check_fields(kind, body, virtual_host_type=record.get("type"))
            if "name" in body and kind in UNIQUE_NAMES:
                self.check_unique(kind, record["environment_id"], "name", body["name"], exclude=record["id"])
            if body.get("application_id") is not None:
                self.record("application", body["application_id"], field="application_id")
            return self.update_fields(record, body, fields)
        return update_resource

    def _delete_handler(self, kind, id_param):
        def delete_resource(request, path, query, body):
            record = self.record(kind, path[id_param])
            return self.action_response(self.create_action("delete", kind, record["id"], effect="delete"))
        return delete_resource

    def _operation_handler(self, kind, id_param, operation):
        def run_operation(request, path, query, body):
            record = self.record(kind, path[id_param])
            servers = self.servers_field(body or {})
            return self.action_response(self.create_action(operation, kind, record["id"], servers=servers,
                                                           comment=(body or {}).get("trigger_comment")))
        return run_operation

    # -- create, per type ----------------------------------------------------------
    def _create_in_environment(self, kind, environment, body, fields, **defaults):
        """A record of ``kind`` in ``environment`` with ``defaults``, then the ``fields`` sent, then
        its ``linked_resources``."""
        links = self.links_in_body(body)
        if body.get("application_id") is not None:
            self.record("application", body["application_id"], field="application_id")
        record = self.create_record(kind, environment_id=environment["id"], project_id=environment["project_id"],
                                    **defaults)
        for field in fields:
            if field in body:
                record[field] = body[field]
        self.link_all(kind, record["id"], links)
        return record

    def _create_daemon(self, environment, body):
        self.check_unique("daemon", environment["id"], "name", body["name"])
        return self._create_in_environment("daemon", environment, body, RESOURCES["daemon"][3], application_id=None)

    def _create_virtual_host(self, environment, body):
        if body["type"] not in ("ip-based", "name-based"):
            # the create schema types `type` as a free string; responses use the enum
            raise validation_error({"type": ["The type must be one of: ip-based, name-based."]})
        check_fields("virtual-host", body, virtual_host_type=body["type"])
        self.check_unique("virtual-host", environment["id"], "name", body["name"])
        return self._create_in_environment(
            "virtual-host", environment, body, RESOURCES["virtual-host"][3] + ["type"], application_id=None,
            root_directory=None, application_listen_address=None, ssl_certificate_id=None)

    def _create_ssl_certificate(self, environment, body):
        virtual_host = self.db["virtual-host"].get(body["virtual_host_id"])
        if virtual_host is None or virtual_host["environment_id"] != environment["id"]:
            raise validation_error({"virtual_host_id": ["The selected virtual host id is invalid."]})
        if virtual_host.get("ssl_certificate_id") in self.db["ssl-certificate"]:  # CHOICE: one per virtual host
            raise validation_error({"virtual_host_id": ["The virtual host already has an SSL certificate."]})
        if body["issuer"] == "custom":
            errors = {field: ["The %s field is required when issuer is custom." % field]
                      for field in ("custom_private_key", "custom_certificate") if not body.get(field)}
            if errors:
                raise validation_error(errors)
        now = time.time()
        certificate = self._create_in_environment(
            "ssl-certificate", environment, body, ["issuer", "custom_private_key", "custom_certificate"],
            name=virtual_host["name"], type=body.get("type", "single-domain"),
            validation_level=body.get("validation_level", "DV"), active=True,
            expires_at=iso(now + 90 * 86400), last_renewed_at=iso(now))
        virtual_host["ssl_certificate_id"] = certificate["id"]
        for server in self.linked_servers("virtual-host", virtual_host["id"]):
            self.link("ssl-certificate", certificate["id"], "server", server["id"])
        return certificate

    def _create_service(self, environment, body):
        return self._create_in_environment(
            "service", environment, body, ["type", "version"], name="%s %s" % (body["type"], body["version"]),
            auto_start=body.get("auto_start", True), initial_state=body.get("initial_state", "started"))

    def _create_cronjob(self, environment, body):
        check_fields("cronjob", body)
        return self._create_in_environment("cronjob", environment, body, RESOURCES["cronjob"][3],
                                           application_id=None)

    def _create_ssh_key(self, environment, body):
        check_fields("ssh-key", body)
        self.check_unique("ssh-key", environment["id"], "name", body["name"])
        return self._create_in_environment("ssh-key", environment, body, ["name", "public_key"],
                                           fingerprint=ssh_fingerprint(body["public_key"]))

    def _create_network_rule(self, environment, body):
        check_fields("network-rule", body)
        return self._create_in_environment("network-rule", environment, body,
                                           ["name", "direction", "protocol", "port", "cidr_block"])
