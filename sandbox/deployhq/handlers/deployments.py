"""Deployments as jobs (pending -> running -> completed | failed; cancelled when aborted; previews
end preview_ready | preview_failed), their steps and logs, the one paged list, retry, rollback,
and scheduled deployments."""

from __future__ import annotations

import time

from ...http_types import ApiError, Response
from ..state import new_identifier, now_iso

STEPS = (("check_access", "preparing", "Checking access to the servers"),
         ("fetch_changes", "preparing", "Fetching the changes between the revisions"),
         ("build", "building", "Running build commands"),
         ("transfer", "transferring", "Transferring changed files"),
         ("finish", "finishing", "Finishing the deployment"))
PREVIEW_NAMES = {"pending": "preview_pending", "running": "preview_pending", "completed": "preview_ready",
                 "failed": "preview_failed"}
FREQUENCY_NEEDS = {"daily": ("at",), "weekly": ("weekday", "at"), "monthly": ("day", "at"),
                   "future": ("year", "month", "day", "at"), "custom": ("schedule",)}
FLAGS = ("copy_config_files", "run_build_commands", "use_build_cache", "config_files_deployment")


def iso(at):
    return now_iso(at) if at else ""


class DeploymentHandlers:
    # -- state -----------------------------------------------------------------------------------------
    def deployment_status(self, deployment):
        if deployment.get("cancelled"):
            return "cancelled"
        if deployment["deferred"]:
            return "pending"
        status = deployment["job"].state().status
        return PREVIEW_NAMES[status] if deployment["mode"] == "preview" else status

    def running_deployments(self, project):
        return [d for d in project["deployments"].values() if self.deployment_status(d) in ("pending", "running")
                and not d["deferred"]]

    def target_servers(self, project, kind, record):
        return [record] if kind == "server" else self.group_servers(project, record)

    def deployed_revisions(self, project, parent):
        return {d["end_revision"] for d in project["deployments"].values()
                if d["parent_identifier"] == parent and d["mode"] == "queue"
                and self.deployment_status(d) == "completed"}

    # -- views -----------------------------------------------------------------------------------------------
    def revision(self, project, ref):
        if not ref:
            return {}
        return {"ref": ref, "author": "Sandbox Developer", "email": "developer@example.com",
                "timestamp": iso(time.time()), "message": "Commit %s" % ref[:7], "short_message": "Commit %s" % ref[:7],
                "tags": []}

    def view_steps(self, deployment):
        if deployment.get("cancelled"):
            state = deployment["cancelled_state"]
        else:
            state = deployment["job"].state()
        out = []
        for (step, stage, description), step_state, identifier in zip(STEPS, state.steps, deployment["step_ids"]):
            status = step_state.status
            if deployment.get("cancelled") and status in ("pending", "running"):
                status = "skipped"
            out.append({"step": step, "stage": stage, "identifier": identifier, "server": None,
                        "description": description, "status": status, "logs": step_state.started_at is not None,
                        "deployment_started_at": iso(deployment["queued_at"]), "updated_at": iso(time.time())})
        return out

    def view_deployment(self, project, deployment):
        state = deployment["job"].state()
        completed_at = deployment.get("cancelled_at") or state.finished_at
        servers = [project["servers"][i] for i in deployment["server_identifiers"] if i in project["servers"]]
        return {
            "identifier": deployment["identifier"], "servers": [self.view_server_brief(project, s) for s in servers],
            "project": {key: value for key, value in self.view_project(project).items() if key in (
                "name", "permalink", "identifier", "public_key", "repository", "repository_url", "zone",
                "last_deployed_at", "auto_deploy_url")},
            "deployer": "sandbox@example.com", "deployer_avatar": "", "branch": deployment["branch"],
            "start_revision": self.revision(project, deployment["start_revision"]),
            "end_revision": self.revision(project, deployment["end_revision"]),
            "status": self.deployment_status(deployment),
            "timestamps": {"queued_at": iso(deployment["queued_at"]), "started_at": iso(state.started_at),
                           "completed_at": iso(completed_at),
                           "duration": round(completed_at - state.started_at, 2) if completed_at and state.started_at
                           else 0, "runs_at": deployment.get("runs_at")},
            "configuration": {"copy_config_files": deployment["flags"]["copy_config_files"],
                              "notification_addresses": deployment["notification_addresses"],
                              "skip_project_files": False},
            "legacy": False, "deferred": deployment["deferred"],
            "config_files_deployment": deployment["flags"]["config_files_deployment"], "overview": None,
            "archived": False, "archived_at": None, "log_summary": None,
            "steps": self.view_steps(deployment),
        }

    # -- start ---------------------------------------------------------------------------------------------------
    def start_deployment(self, project, fields, top_level=None):
        parent = fields.get("parent_identifier") or fields.get("server_identifier")
        if not parent:
            raise ApiError(422, "Validation failed", {"parent_identifier": ["can't be blank"]})
        kind, target = self.target(project, parent)
        if target is None:
            raise ApiError(404, "Server or server group not found")
        if project["repository"] is None:
            raise ApiError(422, "Validation failed", {"base": ["The project has no repository to deploy from."]})
        branch = fields.get("branch") or target.get("branch") or project["repository"]["branch"]
        if branch not in project["repository"]["branches"]:
            raise ApiError(422, "Validation failed", {"branch": ["does not exist in the repository"]})
        end, start = fields.get("end_revision"), fields.get("start_revision", "")
        if not end or not self.known_commit(project, end):
            raise ApiError(422, "Validation failed", {"end_revision": ["is not a commit of the repository"]})
        if start and start != target["last_revision"] and start not in self.deployed_revisions(project, parent):
            raise ApiError(422, "Validation failed", {"parent": ["must exist"]})
        mode = fields.get("mode") or "queue"
        flags = {"copy_config_files": fields.get("copy_config_files", True),
                 "run_build_commands": fields.get("run_build_commands", True),
                 "use_build_cache": fields.get("use_build_cache", True),
                 "config_files_deployment": fields.get("config_files_deployment", False)}
        if flags["config_files_deployment"] and not flags["copy_config_files"]:
            raise ApiError(422, "Validation failed", {"config_files_deployment": ["needs copy_config_files"]})
        servers = self.target_servers(project, kind, target)
        deployment = {"identifier": new_identifier(), "parent_identifier": parent, "kind": kind,
                      "server_identifiers": [s["identifier"] for s in servers], "branch": branch,
                      "start_revision": start, "end_revision": end, "mode": mode, "flags": flags,
                      "notification_addresses": fields.get("notification_addresses"),
                      "queued_at": time.time(), "deferred": bool((top_level or {}).get("schedule")),
                      "step_ids": [new_identifier() for _ in STEPS]}
        if deployment["deferred"]:
            deployment["runs_at"] = now_iso(time.time() + 86400)

        def finished(job, status):
            if status != "completed" or deployment.get("cancelled") or mode != "queue" or deployment["deferred"]:
                return
            for server in servers:
                if server["identifier"] in project["servers"]:
                    server["last_revision"] = end
            if kind == "server_group":
                target["last_revision"] = end
            project["last_deployed_at"] = now_iso()

        deployment["job"] = self.start_job("deployment", "deploy" if mode == "queue" else "preview",
                                           [description for _step, _stage, description in STEPS], on_finish=finished)
        project["deployments"][deployment["identifier"]] = deployment
        return deployment

    # -- handlers ---------------------------------------------------------------------------------------------------
    def create_project_deployment(self, request, path, query, body):
        project = self.project(path["project_id"])
        deployment = self.start_deployment(project, body["deployment"], body)
        if deployment["mode"] == "preview":
            return Response(201, {"status": self.deployment_status(deployment), "identifier": deployment["identifier"]})
        return Response(201, self.view_deployment(project, deployment))

    def list_project_deployments(self, request, path, query, body):
        project = self.project(path["project_id"])
        page, size = query.get("page", 1), query.get("per_page", 10)
        if page < 1 or size < 1:
            raise ApiError(422, "Validation failed", {"page" if page < 1 else "per_page": ["must be at least 1"]})
        items = [d for d in reversed(list(project["deployments"].values())) if d["mode"] == "queue"]
        if query.get("to"):
            items = [d for d in items if d["parent_identifier"] == query["to"] or query["to"] in d["server_identifiers"]]
        if str(query.get("currently_running", "")).lower() in ("1", "true"):
            items = [d for d in items if self.deployment_status(d) in ("pending", "running")]
        total_pages = max(1, -(-len(items) // size))
        chunk = items[(page - 1) * size: page * size]
        return Response(200, {"pagination": {"current_page": page, "total_pages": total_pages,
                                             "offset": (page - 1) * size, "total_records": len(items)},
                              "records": [self.view_deployment(project, d) for d in chunk]})

    def deployment(self, project, key):
        if key not in project["deployments"]:
            raise ApiError(404, "Deployment not found")
        return project["deployments"][key]

    def get_project_deployment_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, self.view_deployment(project, self.deployment(project, path["id"])))

    def abort_project_deployment(self, request, path, query, body):
        project = self.project(path["project_id"])
        deployment = self.deployment(project, path["id"])
        if self.deployment_status(deployment) in ("pending", "running"):
            deployment["cancelled_state"] = deployment["job"].state()
            deployment["cancelled"] = True
            deployment["cancelled_at"] = time.time()
        return Response(200, {"status": self.deployment_status(deployment)})

    def retry_project_deployment_retry(self, request, path, query, body):
        project = self.project(path["project_id"])
        old = self.deployment(project, path["id"])
        if self.deployment_status(old) not in ("completed", "failed", "cancelled"):
            raise ApiError(422, "Only deployments that have finished can be retried.")
        fields = dict(old["flags"], parent_identifier=old["parent_identifier"], branch=old["branch"],
                      start_revision=old["start_revision"], end_revision=old["end_revision"],
                      notification_addresses=old["notification_addresses"])
        return Response(200, self.view_deployment(project, self.start_deployment(project, fields)))

    def rollback_project_deployment(self, request, path, query, body):
        """Deploys the revision an earlier completed deployment deployed, from what the target has now."""
        project = self.project(path["project_id"])
        old = self.deployment(project, path["id"])
        if self.deployment_status(old) != "completed" or old["mode"] != "queue":
            raise ApiError(422, "Only a completed deployment can be rolled back to.")
        _kind, target = self.target(project, old["parent_identifier"])
        if target is None:
            raise ApiError(422, "The server or group of that deployment no longer exists.")
        fields = {"parent_identifier": old["parent_identifier"], "branch": old["branch"],
                  "start_revision": target["last_revision"] or "", "end_revision": old["end_revision"],
                  "mode": body.get("mode", "queue")}
        fields.update({key: body[key] for key in ("copy_config_files", "run_build_commands") if key in body})
        return Response(200, self.view_deployment(project, self.start_deployment(project, fields)))

    def list_project_deployment_step_logs(self, request, path, query, body):
        project = self.project(path["project_id"])
        deployment = self.deployment(project, path["deployment_id"])
        if path["step_id"] not in deployment["step_ids"]:
            raise ApiError(404, "Step not found")
        order = deployment["step_ids"].index(path["step_id"]) + 1
        step = STEPS[order - 1][0]
        lines = deployment["job"].step_log(order)
        return Response(200, [{"id": order * 1000 + n, "step": step, "message": line, "detail": "",
                               "type": "error" if "failed" in line or n == 2 and deployment["job"].failure else "info"}
                              for n, line in enumerate(lines)])

    # -- scheduled deployments (422 is {"errors": [...]}) ---------------------------------------------------------
    def save_schedule(self, project, fields, record=None):
        merged = dict(record or {}, **fields)
        errors = []
        if record is None and fields.get("server_identifier") not in project["servers"]:
            errors.append("Server must exist")
        for key in FREQUENCY_NEEDS.get(merged.get("frequency"), ()):
            if merged.get(key) in (None, ""):
                errors.append("%s can't be blank for a %s schedule" % (key.capitalize(), merged["frequency"]))
        if errors:
            raise ApiError(422, errors[0], errors)
        if record is None:
            record = {"identifier": new_identifier(), "at": None, "weekday": None, "day": None, "month": None,
                      "year": None, "schedule": None, "copy_config_files": True, "run_build_commands": True,
                      "use_build_cache": True, "skip_if_not_changes": False, "start_revision": "___PREVIOUS___",
                      "end_revision": "__CURRENT__", "use_latest": True, "deploy_entire_repository": False}
            project["scheduled_deployments"][record["identifier"]] = record
        record.update(fields)
        record["next_deployment_at"] = now_iso(time.time() + 86400)
        return self.view_scheduled_deployment(project, record)

    def list_project_scheduled_deployments(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(200, [self.view_scheduled_deployment(project, s)
                              for s in project["scheduled_deployments"].values()])

    def create_project_scheduled_deployment(self, request, path, query, body):
        project = self.project(path["project_id"])
        return Response(201, self.save_schedule(project, body["scheduled_deployment"]))

    def get_project_scheduled_deployment_by_id(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "scheduled_deployments", path["id"])
        return Response(200, self.view_scheduled_deployment(project, record))

    def replace_project_scheduled_deployment(self, request, path, query, body):
        project = self.project(path["project_id"])
        record = self.child(project, "scheduled_deployments", path["id"])
        return Response(200, self.save_schedule(project, body["scheduled_deployment"], record))

    update_project_scheduled_deployment = replace_project_scheduled_deployment

    def delete_project_scheduled_deployment(self, request, path, query, body):
        project = self.project(path["project_id"])
        del project["scheduled_deployments"][self.child(project, "scheduled_deployments", path["id"])["identifier"]]
        return Response(200, {"status": "deleted"})
