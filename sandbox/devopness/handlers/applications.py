"""Applications of an environment, their deployments and hooks, and variables of any resource."""

from __future__ import annotations

from ...http_types import validation_error

APPLICATION_FIELDS = ("name", "engine_version", "framework", "programming_language", "repository",
                      "default_branch", "build_command", "root_directory", "deployments_keep",
                      "install_dependencies_command")


def check_source_pair(body):
    """``source_type`` and ``source_ref`` are sent together or not at all."""
    if ("source_type" in body) != ("source_ref" in body):
        missing = "source_ref" if "source_type" in body else "source_type"
        other = "source_type" if missing == "source_ref" else "source_ref"
        raise validation_error({missing: ["The %s field is required when %s is present." % (missing, other)]})


class ApplicationHandlers:
    def list_environment_applications(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        applications = [a for a in self.db["application"].values() if a["environment_id"] == environment["id"]]
        needle = request.query.get("filter[name]")
        if isinstance(needle, list):
            needle = needle[-1]
        if needle:
            applications = [a for a in applications if needle.lower() in a["name"].lower()]
        return self.list_response(request, query, sorted(applications, key=lambda a: a["id"]), "application",
                                  "ApplicationRelation")

    def add_environment_application(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        self.check_unique("application", environment["id"], "name", body["name"])
        credential = self.credential_field(body["credential_id"])
        links = self.links_in_body(body)
        application = self.create_record(
            "application", environment_id=environment["id"], project_id=environment["project_id"],
            credential_id=credential["id"], build_command=None, root_directory=None, deployments_keep=5,
            install_dependencies_command=None)
        for field in APPLICATION_FIELDS:
            if field in body:
                application[field] = body[field]
        self.link_all("application", application["id"], links)
        self.create_default_pipeline("application", application, "deploy", [
            ("Clone repository", "git clone --depth 1 $REPOSITORY ."),
            ("Install dependencies", application.get("install_dependencies_command") or "echo 'install dependencies'"),
            ("Build application", application.get("build_command") or "echo 'no build command'"),
        ])
        return self.created_response("application", application, "Application")

    def get_application(self, request, path, query, body):
        return self.read_response("application", path["application_id"], "Application")

    def update_application(self, request, path, query, body):
        application = self.record_to_update("application", path["application_id"], body)
        if "repository" in body and body.get("credential_id") is None:
            raise validation_error({"credential_id": [
                "The credential_id field is required when repository is present."]})
        if "credential_id" in body:
            application["credential_id"] = self.credential_field(body["credential_id"])["id"]
        self.check_unique("application", application["environment_id"], "name", body["name"],
                          exclude=application["id"])
        return self.update_fields(application, body, APPLICATION_FIELDS)

    def delete_application(self, request, path, query, body):
        application = self.record("application", path["application_id"])
        return self.action_response(self.create_action("delete", "application", application["id"], effect="delete"))

    def add_application_deployment(self, request, path, query, body):
        application = self.record("application", path["application_id"])
        check_source_pair(body)
        servers = self.servers_field(body)
        if body.get("pipeline_id") is not None:
            pipeline = self.db["pipeline"].get(body["pipeline_id"])
            if not pipeline or pipeline["resource_type"] != "application" or pipeline["resource_id"] != application["id"]:
                raise validation_error({"pipeline_id": ["The selected pipeline_id is invalid."]})
        action = self.create_action(
            "deploy", "application", application["id"], servers=servers,
            source_type=body.get("source_type", "branch"),
            source_ref=body.get("source_ref", application["default_branch"]),
            pipeline_id=body.get("pipeline_id") or self.pipeline_id_for("application", application["id"], "deploy"))
        return self.action_response(action)

    def list_application_hooks(self, request, path, query, body):
        application = self.record("application", path["application_id"])
        hooks = [h for h in self.db["hook"].values()
                 if h["resource_type"] == "application" and h["resource_id"] == application["id"]]
        return self.paginate(request, query, sorted(hooks, key=lambda h: h["created"]),
                             lambda hook: self.render("HookRelation", self.view_hook(hook)))

    # -- variables ---------------------------------------------------------------------
    def list_variables_by_resource_type(self, request, path, query, body):
        kind, record_id = path["resource_type"], path["resource_id"]
        resource = self.resource(kind, record_id)
        variables = [v for v in self.db["variable"].values()
                     if v["resource_type"] == kind and v["resource_id"] == record_id]
        variables.sort(key=lambda v: v["id"])
        if query.get("include_virtual_variables", True):
            variables = [{"id": 0, "key": "DEVOPNESS_%s_ID" % kind.upper().replace("-", "_"), "type": "variable",
                          "target": "os-env-var", "value": str(resource["id"]), "hidden": False,
                          "description": "Virtual variable managed by Devopness (read-only)",
                          "resource_type": kind, "resource_id": record_id, "created": resource["created"],
                          "updated": resource["updated"]}] + variables
        if "variable_target" in query:
            variables = [v for v in variables if v["target"] == query["variable_target"]]
        return self.paginate(request, query, variables,
                             lambda variable: self.render("VariableRelation", self.view_variable(variable)))

    def _check_variable_unique(self, kind, record_id, target, key, exclude=None):
        for v in self.db["variable"].values():
            if v["resource_type"] == kind and v["resource_id"] == record_id and v["target"] == target \
                    and v["key"] == key and v["id"] != exclude:
                raise validation_error({"key": ["The key has already been taken for target %s." % target]})

    def add_variable(self, request, path, query, body):
        kind, record_id = path["resource_type"], path["resource_id"]
        self.resource(kind, record_id)
        self._check_variable_unique(kind, record_id, body["target"], body["key"])
        variable = self.create_record("variable", resource_type=kind, resource_id=record_id, key=body["key"],
                                      value=body["value"], target=body["target"], type=body["type"],
                                      hidden=body["hidden"], description=body.get("description"))
        return self.created_response("variable", variable, "Variable")

    def get_variable(self, request, path, query, body):
        return self.read_response("variable", path["variable_id"], "Variable")

    def update_variable(self, request, path, query, body):
        variable = self.record_to_update("variable", path["variable_id"], body)
        self._check_variable_unique(variable["resource_type"], variable["resource_id"], body["target"], body["key"],
                                    exclude=variable["id"])
        return self.update_fields(variable, body, ("key", "value", "target", "type", "hidden", "description"))

    def delete_variable(self, request, path, query, body):
        return self.delete_at_once("variable", path["variable_id"])
