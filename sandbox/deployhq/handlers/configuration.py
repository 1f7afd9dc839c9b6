"""Config files and environment variables (project and account scope), SSH commands (served at
both ``/commands`` and ``/ssh_commands``), excluded files, build commands and integrations."""

from __future__ import annotations

from ...http_types import ApiError, Response
from ..state import new_identifier, now_iso

# CHOICE: the hook types the API accepts ("only certain hook types are allowed via the API")
API_HOOK_TYPES = ("slack", "discord", "microsoft_teams", "google_chat", "webhook", "email")


def invalid(errors):
    return ApiError(422, "Validation failed", errors)


class ConfigurationHandlers:
    def check_servers(self, project, fields):
        unknown = [i for i in fields.get("server_identifiers") or [] if i not in project["servers"]
                   and i not in project["server_groups"]]
        if unknown:
            raise invalid({"server_identifiers": ["contains unknown servers: %s" % ", ".join(unknown)]})

    def expand_groups(self, project, identifiers):
        """Group UUIDs in ``server_identifiers`` stand for the group's servers ([DOC])."""
        out = []
        for identifier in identifiers:
            if identifier in project["server_groups"]:
                out += [s["identifier"] for s in self.group_servers(project, project["server_groups"][identifier])]
            else:
                out.append(identifier)
        return list(dict.fromkeys(out))

    # -- config files ------------------------------------------------------------------------------------
    def save_config_file(self, project, scope, fields, record=None):
        if record is None or "path" in fields:
            if not fields.get("path"):
                raise invalid({"path": ["can't be blank"]})
            if any(c["path"] == fields["path"] for c in scope.values() if c is not record):
                raise invalid({"path": ["has already been taken"]})
        if project is not None:
            self.check_servers(project, fields)
        if record is None:
            record = {"identifier": new_identifier(), "description": "", "body": "", "build": False,
                      "language": "", "all_servers": False, "server_identifiers": []}
            scope[record["identifier"]] = record
        record.update(fields)
        if project is not None and "server_identifiers" in fields:
            record["server_identifiers"] = self.expand_groups(project, fields["server_identifiers"])
        return self.view_config_file(project, record)

    def list_project_config_files(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_config_file(project, c) for c in project["config_files"].values()])

    def create_project_config_file(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.save_config_file(project, project["config_files"], body["config_file"]))

    def get_project_config_file_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_config_file(project, self.child(project, "config_files", path["id"])))

    def replace_project_config_file(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "config_files", path["id"])
        return Response(200, self.save_config_file(project, project["config_files"], body["config_file"], record))

    update_project_config_file = replace_project_config_file

    def delete_project_config_file(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["config_files"][self.child(project, "config_files", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})

    def list_global_config_files(self, request, path, query, body):
        return Response(200, [self.view_config_file(None, c) for c in self.global_config_files.values()])

    def create_global_config_file(self, request, path, query, body):
        return Response(201, self.save_config_file(None, self.global_config_files, body["config_file"]))

    def global_config_file(self, key):
        if key not in self.global_config_files:
            raise self.not_found("Config file")
        return self.global_config_files[key]

    def get_global_config_file(self, request, path, query, body):
        return Response(200, self.view_config_file(None, self.global_config_file(path["id"])))

    def replace_global_config_file(self, request, path, query, body):
        record = self.global_config_file(path["id"])
        return Response(200, self.save_config_file(None, self.global_config_files, body["config_file"], record))

    update_global_config_file = replace_global_config_file

    def delete_global_config_file(self, request, path, query, body):
        del self.global_config_files[self.global_config_file(path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})

    # -- environment variables (integer identifiers; values never returned; 422 is {"errors": [...]}) ----
    def save_variable(self, scope, fields, record=None):
        errors = []
        if record is None and not fields.get("name"):
            errors.append("Name can't be blank")
        if record is None and fields.get("value") is None:
            errors.append("Value can't be blank")
        name = fields.get("name")
        if name and any(v["name"] == name for v in scope.values() if v is not record):
            errors.append("Name has already been taken")
        if record is not None and record["locked"] and fields.get("locked") is False:
            errors.append("Locked variables cannot be unlocked")
        if errors:
            raise ApiError(422, errors[0], errors)
        if record is None:
            record = {"identifier": self.new_id(), "locked": False, "build_pipeline": True, "created_at": now_iso()}
            scope[record["identifier"]] = record
        record.update(fields)
        record["updated_at"] = now_iso()
        return self.view_environment_variable(record)

    def variable(self, scope, key):
        record = scope.get(int(key)) if str(key).isdigit() else None
        if record is None:
            raise self.not_found("Environment variable")
        return record

    def list_project_environment_variables(self, request, path, query, body):
        scope = self.project(path["project_id"])["environment_variables"]
        return Response(200, [self.view_environment_variable(v) for v in sorted(scope.values(),
                                                                                key=lambda v: v["name"])])

    def create_project_environment_variable(self, request, path, query, body):
        scope = self.project(path["project_id"])["environment_variables"]
        return Response(201, self.save_variable(scope, body["environment_variable"]))

    def get_project_environment_variable_by_id(self, request, path, query, body):
        scope = self.project(path["project_id"])["environment_variables"]
        return Response(200, self.view_environment_variable(self.variable(scope, path["id"])))

    def replace_project_environment_variable(self, request, path, query, body):
        scope = self.project(path["project_id"])["environment_variables"]
        return Response(200, self.save_variable(scope, body["environment_variable"], self.variable(scope, path["id"])))

    update_project_environment_variable = replace_project_environment_variable

    def delete_project_environment_variable(self, request, path, query, body):
        scope = self.project(path["project_id"])["environment_variables"]
        del scope[self.variable(scope, path["id"])["identifier"]]
        return Response(204)

    def list_global_environment_variables(self, request, path, query, body):
        return Response(200, [self.view_environment_variable(v) for v in sorted(
            self.global_environment_variables.values(), key=lambda v: v["name"])])

    def create_global_environment_variable(self, request, path, query, body):
        return Response(201, self.save_variable(self.global_environment_variables, body["environment_variable"]))

    def get_global_environment_variable(self, request, path, query, body):
        return Response(200, self.view_environment_variable(self.variable(self.global_environment_variables,
                                                                          path["id"])))

    def replace_global_environment_variable(self, request, path, query, body):
        scope = self.global_environment_variables
        return Response(200, self.save_variable(scope, body["environment_variable"], self.variable(scope, path["id"])))

    update_global_environment_variable = replace_global_environment_variable

    def delete_global_environment_variable(self, request, path, query, body):
        scope = self.global_environment_variables
        del scope[self.variable(scope, path["id"])["identifier"]]
        return Response(204)

    # -- SSH commands ---------------------------------------------------------------------------------------
    def ordered_commands(self, project):
        return sorted(project["commands"].values(), key=lambda c: (c["cback"] != "before_changes", c["position"]))

    def list_project_commands(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_command(project, c) for c in self.ordered_commands(project)])

    def create_project_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        fields = body["command"]
        if not fields.get("command"):
            raise invalid({"command": ["can't be blank"]})
        self.check_servers(project, fields)
        record = {"identifier": new_identifier(), "cback": "after_changes", "description": "", "halt_on_error": True,
                  "timing": "all", "timeout": 300, "enabled": True, "all_servers": False, "server_identifiers": []}
        record.update(fields)
        record["server_identifiers"] = self.expand_groups(project, record["server_identifiers"])
        if "position" not in fields:
            record["position"] = 1 + max([c["position"] for c in project["commands"].values()
                                          if c["cback"] == record["cback"]] or [0])
        project["commands"][record["identifier"]] = record
        return Response(200, self.view_command(project, record))

    def get_project_command_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_command(project, self.child(project, "commands", path["id"])))

    def replace_project_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "commands", path["id"])
        fields = body["command"]
        if "command" in fields and not fields["command"]:
            raise invalid({"command": ["can't be blank"]})
        self.check_servers(project, fields)
        record.update(fields)
        if "server_identifiers" in fields:
            record["server_identifiers"] = self.expand_groups(project, fields["server_identifiers"])
        return Response(200, self.view_command(project, record))

    update_project_command = replace_project_command

    def delete_project_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["commands"][self.child(project, "commands", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})

    list_project_ssh_commands = list_project_commands
    create_project_ssh_command = create_project_command
    get_project_ssh_command_by_id = get_project_command_by_id
    replace_project_ssh_command = update_project_ssh_command = replace_project_command
    delete_project_ssh_command = delete_project_command

    # -- excluded files ---------------------------------------------------------------------------------------
    def list_project_excluded_files(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_excluded_file(e) for e in project["excluded_files"].values()])

    def save_excluded_file(self, project, fields, record=None):
        if not fields.get("path"):
            raise invalid({"path": ["can't be blank"]})
        if any(e["path"] == fields["path"] for e in project["excluded_files"].values() if e is not record):
            raise invalid({"path": ["has already been taken"]})
        if record is None:
            record = {"identifier": new_identifier()}
            project["excluded_files"][record["identifier"]] = record
        record["path"] = fields["path"]
        return Response(200, self.view_excluded_file(record))

    def create_project_excluded_file(self, request, path, query, body):
        return self.save_excluded_file(self.project(path["project_id"]), body["excluded_file"])

    def get_project_excluded_file_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_excluded_file(self.child(project, "excluded_files", path["id"])))

    def replace_project_excluded_file(self, request, path, query, body):
        project = self.project(path["project_id"])
        return self.save_excluded_file(project, body["excluded_file"],
                                       self.child(project, "excluded_files", path["id"]))

    update_project_excluded_file = replace_project_excluded_file

    def delete_project_excluded_file(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["excluded_files"][self.child(project, "excluded_files", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})

    # -- build commands (addressed by UUID; 422 is {status, error}) -------------------------------------------
    def list_project_build_commands(self, request, path, query, body):
        project = self.project(path["project_id"])
        ordered = sorted(project["build_commands"].values(), key=lambda c: c["position"])
        return Response(200, [self.view_build_command(c) for c in ordered])

    def create_project_build_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        fields = body["build_command"]
        if not fields.get("command"):
            raise ApiError(422, "Command can't be blank", {"error_code": "validation_failed"})
        record = {"id": self.new_id(), "identifier": new_identifier(), "project_id": None, "description": "",
                  "halt_on_error": True, "template_name": None, "enabled": True, "watch_files": None,
                  "parent_type": "Project", "parent_id": len(self.projects), "created_at": now_iso(),
                  "position": 1 + max([c["position"] for c in project["build_commands"].values()] or [0])}
        record.update(fields, updated_at=now_iso())
        project["build_commands"][record["identifier"]] = record
        return Response(200, self.view_build_command(record))

    def replace_project_build_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "build_commands", path["id"])
        record.update(body["build_command"], updated_at=now_iso())
        return Response(200, self.view_build_command(record))

    update_project_build_command = replace_project_build_command

    def delete_project_build_command(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["build_commands"][self.child(project, "build_commands", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})

    # -- integrations (hook_type cannot change; properties never returned) ----------------------------------
    def list_project_integrations(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_integration(i) for i in project["integrations"].values()])

    def create_project_integration(self, request, path, query, body):
        project = self.project(path["project_id"])
        fields = body["integration"]
        if fields["hook_type"] not in API_HOOK_TYPES:
            raise invalid({"hook_type": ["is not a type that can be created through the API (%s)"
                                         % ", ".join(API_HOOK_TYPES)]})
        record = {"identifier": new_identifier(), "name": fields["hook_type"], "send_on_start": False,
                  "send_on_completion": True, "send_on_failure": True, "send_on_check_failed": False,
                  "properties": {}, "created_at": now_iso()}
        record.update(fields, updated_at=now_iso())
        project["integrations"][record["identifier"]] = record
        return Response(200, self.view_integration(record))

    def get_project_integration_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_integration(self.child(project, "integrations", path["id"])))

    def replace_project_integration(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "integrations", path["id"])
        record.update(body["integration"], updated_at=now_iso())
        return Response(200, self.view_integration(record))

    update_project_integration = replace_project_integration

    def delete_project_integration(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["integrations"][self.child(project, "integrations", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})
