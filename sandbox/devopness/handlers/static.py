"""The static option lists (``/static/...``)."""

from __future__ import annotations

from ...http_types import Response
from ..state import HUMAN, LINKABLE, OPERATIONS


class StaticHandlers:
    def get_static_application_options(self, request, path, query, body):
        return Response(200, self.render("ApplicationOptions", {
            "language_runtimes": [
                {"name": "nodejs", "name_human_readable": "Node.js", "engine_versions": [{"version": v} for v in ("18", "20", "22")],
                 "frameworks": [{"name": "express", "name_human_readable": "Express"},
                                {"name": "none", "name_human_readable": "None"}]},
                {"name": "python", "name_human_readable": "Python", "engine_versions": [{"version": v} for v in ("3.11", "3.12")],
                 "frameworks": [{"name": "django", "name_human_readable": "Django"},
                                {"name": "fastapi", "name_human_readable": "FastAPI"},
                                {"name": "none", "name_human_readable": "None"}]},
                {"name": "html", "name_human_readable": "HTML", "engine_versions": [{"version": "none"}],
                 "frameworks": [{"name": "none", "name_human_readable": "None"}]},
            ],
            "variable_targets": [{"value": "os-env-var", "human_readable": "Operating System Environment Variable"},
                                 {"value": "resource-config-file", "human_readable": "Resource Configuration File"}],
            "script_runners": [{"value": r, "human_readable": r} for r in ("custom", "composer", "npm", "pip", "yarn")],
            "templates": [],
        }))

    def list_static_resource_types(self, request, path, query, body):
        """Every resource type with its operations; resources are parents of servers (CHOICE)."""
        resource_types = []
        for kind, operations in OPERATIONS.items():
            human, plural = HUMAN[kind]
            parent_of = [{"resource_type": "server", "resource_type_human_readable": "Server"}] \
                if kind in LINKABLE else []
            child_of = [{"resource_type": other, "resource_type_human_readable": HUMAN[other][0]}
                        for other in LINKABLE] if kind == "server" else []
            resource_types.append({
                "resource_type": kind, "resource_type_human_readable": human,
                "resource_type_human_readable_plural": plural,
                "supported_operations": [{"operation": operation,
                                          "operation_human_readable": operation.replace("-", " ").title()}
                                         for operation in operations],
                "can_be_child_of": child_of, "can_be_parent_of": parent_of})
        return self.paginate(request, query, resource_types,
                             lambda resource_type: self.render("ResourceTypeRelation", resource_type))

    def get_static_service_options(self, request, path, query, body):
        types = ["docker", "mysql", "newrelic-infra", "nginx", "php", "postgresql", "redis", "supervisor", "ufw"]
        return Response(200, self.render("ServiceOptions", {"types": [
            {"value": t, "human_readable": t.capitalize(), "supported_versions": [{"version": "latest"}]} for t in types]}))

    def get_static_environment_options(self, request, path, query, body):
        return Response(200, self.render("EnvironmentOptions", {"types": [
            {"value": t, "human_readable": t.capitalize()} for t in ("development", "staging", "production")]}))

    def get_static_virtual_host_options(self, request, path, query, body):
        return Response(200, self.render("VirtualHostOptions", {
            "variable_targets": [{"value": "nginx-http-server", "human_readable": "Nginx HTTP Server"}],
            "virtual_host_types": [{"value": "name-based", "human_readable": "Name-based"},
                                   {"value": "ip-based", "human_readable": "IP-based"}]}))

    def get_static_cron_job_options(self, request, path, query, body):
        return Response(200, self.render("CronJobOptions", {"frequencies": [
            {"pattern": "* * * * *", "human_readable": "Every minute"},
            {"pattern": "0 * * * *", "human_readable": "Hourly"},
            {"pattern": "0 0 * * *", "human_readable": "Daily"}]}))

    def get_static_server_options(self, request, path, query, body):
        return Response(200, self.render("ServerOptions", {"variable_targets": [
            {"value": "os-env-var", "human_readable": "Operating System Environment Variable"}]}))
