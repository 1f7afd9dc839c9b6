"""Records rendered as DeployHQ answers them.  Secrets (server passwords and tokens, repository
passwords, environment variable values, integration properties) are never rendered."""

from __future__ import annotations

from .spec_fixes import MANAGED_PROTOCOLS, RETURNED_SERVER_FIELDS

SERVER_KEYS = ("id", "identifier", "name", "protocol_type", "server_path", "last_revision", "branch",
               "notify_email", "server_group_identifier", "auto_deploy", "environment", "enabled", "agent",
               "atomic", "atomic_strategy", "atomic_retention", "root_path", "position", "created_at", "updated_at",
               "connection_checked_at", "connection_error_message")


class Views:
    def view_project(self, project, full=False):
        base = "/projects/%s" % project["permalink"]
        out = {key: project[key] for key in ("name", "permalink", "identifier", "public_key", "zone")}
        out.update(repository=self.view_repository(project) if project["repository"] else {},
                   repository_url=(project["repository"] or {}).get("url", ""),
                   last_deployed_at=project["last_deployed_at"] or "",
                   auto_deploy_url="https://sandbox.deployhq.com/deploy/%s/to/auto/%s" % (
                       project["permalink"], project["identifier"][:8]),
                   url=base, servers_url=base + "/servers", deployments_url=base + "/deployments",
                   config_files_url=base + "/config_files", environment_variables_url=base + "/environment_variables",
                   build_commands_url=base + "/build_commands", starred=False)
        if full:
            out["capabilities"] = [{"name": "deployments", "enabled": True, "url": base + "/deployments"}]
        return out

    def view_repository(self, project):
        repository = project["repository"]
        out = {key: repository[key] for key in ("scm_type", "url", "port", "username", "branch", "cached")}
        out["root_path"] = repository["root_path"]
        if repository.get("hosting_service_type"):
            out["hosting_service"] = {"name": repository["hosting_service_type"], "url": repository["url"],
                                      "tree_url": repository["url"], "commits_url": repository["url"]}
        return out

    def view_server(self, project, server):
        out = {key: server.get(key) for key in SERVER_KEYS}
        out["preferred_branch"] = server["branch"] or (project["repository"] or {}).get("branch", "")
        out["notify_email"] = server["notification_email"]
        for key in RETURNED_SERVER_FIELDS:
            if key in server:
                out[key] = server[key]
        if server["protocol_type"] in MANAGED_PROTOCOLS:
            out[server["protocol_type"]] = dict(server["managed"])
        return {key: value for key, value in out.items() if value is not None or key in (
            "last_revision", "server_group_identifier", "agent", "atomic", "connection_checked_at",
            "connection_error_message")}

    def view_server_brief(self, project, server):
        """A server inside another object (groups, config files, commands, deployments)."""
        out = self.view_server(project, server)
        out.pop("static_hosting", None)
        out.pop("managed_vps", None)
        out["last_revision"] = out["last_revision"] or ""
        # the document types a summary's ``atomic`` as a boolean in groups and a string in commands
        out.pop("atomic", None)
        for key in ("passive", "force_hidden_files", "implicit", "ignore_certificate_errors", "bucket_name",
                    "access_key_id", "custom_endpoint", "region", "container_name", "droplet_name",
                    "hetzner_server_name", "app_name", "site_id", "store_url", "theme_name"):
            out.pop(key, None)
        return out

    def view_server_group(self, project, group):
        return {"identifier": group["identifier"], "name": group["name"],
                "servers": [self.view_server_brief(project, s) for s in self.group_servers(project, group)],
                "preferred_branch": group["branch"] or (project["repository"] or {}).get("branch", ""),
                "last_revision": group["last_revision"] or "", "environment": group["environment"] or None}

    def linked_servers(self, project, record):
        if project is None:
            return []
        chosen = project["servers"].values() if record.get("all_servers") else [
            project["servers"][i] for i in record.get("server_identifiers", []) if i in project["servers"]]
        return [self.view_server_brief(project, s) for s in chosen]

    def view_config_file(self, project, config_file):
        out = {key: config_file[key] for key in ("identifier", "description", "path", "body", "build")}
        out["servers"] = self.linked_servers(project, config_file)
        return out

    @staticmethod
    def view_environment_variable(variable):
        out = {key: variable[key] for key in ("identifier", "name", "locked", "build_pipeline", "created_at",
                                               "updated_at")}
        out["masked_value"] = "*" * 8
        return out

    def view_command(self, project, command):
        out = {key: command[key] for key in ("identifier", "cback", "position", "description", "command",
                                              "halt_on_error", "timing", "timeout", "enabled")}
        out["servers"] = self.linked_servers(project, command)
        return out

    @staticmethod
    def view_excluded_file(excluded):
        return {"identifier": excluded["identifier"], "path": excluded["path"], "servers": []}

    @staticmethod
    def view_build_command(command):
        return {key: command[key] for key in ("id", "project_id", "description", "command", "halt_on_error", "position",
                                               "created_at", "updated_at", "identifier", "parent_type", "parent_id",
                                               "template_name", "enabled", "watch_files")}

    @staticmethod
    def view_integration(integration):
        return {key: integration[key] for key in ("identifier", "hook_type", "name", "send_on_start",
                                                   "send_on_completion", "send_on_failure", "send_on_check_failed",
                                                   "created_at", "updated_at")}

    @staticmethod
    def view_ssh_key(key):
        return {name: key[name] for name in ("identifier", "title", "public_key", "key_type", "fingerprint")}

    def view_scheduled_deployment(self, project, schedule):
        server = project["servers"].get(schedule["server_identifier"])
        out = {key: schedule[key] for key in ("identifier", "frequency", "at", "weekday", "day", "month", "year",
                                               "schedule", "copy_config_files", "run_build_commands",
                                               "use_build_cache", "skip_if_not_changes", "start_revision",
                                               "end_revision", "use_latest", "deploy_entire_repository",
                                               "next_deployment_at")}
        out["server"] = {"identifier": schedule["server_identifier"], "name": server["name"] if server else None}
        return out

    def deployables(self, project):
        items = [{"identifier": s["identifier"], "name": s["name"], "type": "Server", "auto_deploy": s["auto_deploy"],
                  "preferred_branch": s["branch"] or (project["repository"] or {}).get("branch", "")}
                 for s in project["servers"].values()]
        items += [{"identifier": g["identifier"], "name": g["name"], "type": "ServerGroup",
                   "auto_deploy": g["auto_deploy"],
                   "preferred_branch": g["branch"] or (project["repository"] or {}).get("branch", "")}
                  for g in project["server_groups"].values()]
        return items
