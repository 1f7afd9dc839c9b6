"""Devopness actions: each action record is a view of a ``jobs.Job`` (one job per action, shown
once per target server), plus the effect applied to the resource when the job finishes."""

from __future__ import annotations

import datetime as _dt
import hashlib
import time

from ..faults import normal_operation
from ..http_types import Response
from ..jobs import COMPLETED
from .state import HUMAN, USER, iso

STEP_NAMES = {
    ("server", "provision"): ["Create cloud instance", "Configure SSH access", "Install base packages"],
    ("application", "deploy"): ["Clone repository", "Install dependencies", "Build application",
                                "Activate release"],
    ("server", "delete"): ["Destroy cloud instance"],
}
ACTION_TYPE = {"get-status": "get_status", "rotate-key": "rotate_key"}  # path operation -> action type
STATUS_NAMES = {"running": "in-progress"}  # jobs status -> Devopness status
STATUS_HUMAN = {
    "pending": ("Pending", "PENDING", "Pending: Action created successfully but has not yet been queued."),
    "in-progress": ("In Progress", "IN_PROGRESS", "In progress: Action is being executed."),
    "completed": ("Completed", "COMPLETED", "Completed: Action completed successfully."),
    "failed": ("Failed", "FAILED", "Failed: Action failed during execution."),
    "skipped": ("Skipped", "SKIPPED", "Skipped: Action was skipped."),
}
RELATION_SCHEMA = {
    "application": "ApplicationRelation", "credential": "CredentialRelation", "cronjob": "CronJobRelation",
    "daemon": "DaemonRelation", "network-rule": "NetworkRuleRelation", "server": "ServerRelation",
    "service": "ServiceRelation", "ssh-key": "SshKeyRelation", "ssl-certificate": "SslCertificateRelation",
    "virtual-host": "VirtualHostRelation",
}


def _iso_or_none(timestamp):
    return iso(timestamp) if timestamp else None


class Actions:
    """Creating, finishing and rendering actions (a mixin of ``Devopness``)."""

    def create_action(self, operation, kind, record_id, *, servers=None, effect=None, pipeline_id=None,
                      retry_of=None, comment=None, source_type=None, source_ref=None, duration=None,
                      environment_id=None, project_id=None):
        """An action on resource ``kind``/``record_id`` over ``servers`` (default: the linked
        servers, or the server itself).  ``effect`` is applied to the resource when it ends."""
        action_type = ACTION_TYPE.get(operation, operation)
        record = self.db[kind].get(record_id)
        if servers is None:
            servers = [s["id"] for s in self.linked_servers(kind, record_id)] if kind != "server" else [record_id]
        words = action_type.replace("_", " ")
        step_names = STEP_NAMES.get((kind, action_type)) or ["Prepare %s" % words, "Run %s" % words, "Finish"]
        if duration is None:
            duration = self.config("provision_seconds" if action_type == "provision" else "action_seconds")
        action = self.create_record(
            "action", type=action_type, operation=normal_operation(operation), resource_type=kind,
            resource_id=record_id, environment_id=(record or {}).get("environment_id", environment_id),
            project_id=(record or {}).get("project_id", project_id),
            organization_id=self.organization_id_of(record, kind), effect=effect, pipeline_id=pipeline_id,
            retry_of=retry_of, trigger_comment=comment, source_type=source_type, source_ref=source_ref,
            snapshot=self.snapshot(kind, record))
        action["job"] = self.start_job(kind, action_type, step_names, duration=duration,
                                       on_finish=lambda job, status: self.apply_effect(action, status))
        action["targets"] = [{"id": action["id"] * 100 + i + 1, "server_id": server_id}
                             for i, server_id in enumerate(servers)]
        self.actions_of.setdefault((kind, record_id), []).append(action["id"])
        return action

    def action_state(self, action, now=None):
        """The action's ``jobs.JobState`` with Devopness status names."""
        return action["job"].state(now, names=STATUS_NAMES)

    def snapshot(self, kind, record):
        """The resource as it was, for actions whose resource is later deleted."""
        if record is None:
            return None
        outer, self._nested = self._nested, True
        try:
            return self.view(kind, record)
        finally:
            self._nested = outer

    def organization_id_of(self, record, kind):
        if record is None:
            return 1
        if kind == "credential":
            return record["organization_id"]
        project = self.db["project"].get(record.get("project_id"))
        return project["organization_id"] if project else 1

    def apply_effect(self, action, status):
        """What a finished action does to its resource (``jobs.Job.on_finish``)."""
        effect, kind, record_id = action.get("effect"), action["resource_type"], action["resource_id"]
        if kind == "server":
            server = self.db["server"].get(record_id)
            if server is not None:
                if effect == "provision":
                    server["status"] = "running" if status == COMPLETED else "failed"
                elif effect in ("start", "restart") and status == COMPLETED:
                    server["status"] = "running"
                elif effect == "restart":
                    server["status"] = "running"
                elif effect == "stop" and status == COMPLETED:
                    server["status"] = "stopped"
                self.touch(server)
        if effect == "delete" and status == COMPLETED:
            self.remove_record(kind, record_id)

    def latest_and_live_deployments(self, application_id):
        """The newest deploy action of an application, and the newest completed one."""
        latest = live = None
        for action_id in reversed([] if self._nested else self.actions_of.get(("application", application_id), [])):
            action = self.db["action"][action_id]
            if action["type"] != "deploy":
                continue
            if latest is None:
                latest = action
            if live is None and self.action_state(action).status == "completed":
                live = action
            if latest and live:
                break
        return latest, live

    def action_response(self, action, status=204):
        return Response(status, None, {"X-Devopness-Action-Id": str(action["id"])})

    # -- views ---------------------------------------------------------------------
    def view_last_action(self, kind, record_id):
        action_ids = self.actions_of.get((kind, record_id))
        if not action_ids or self._nested:
            return None
        return self.view_action(self.db["action"][action_ids[-1]])

    def view_action(self, action):
        if action is None:
            return None
        self.reads_clock()  # its targets are "updated" now
        # nested views inside an action carry no last_action / servers (no cycles)
        outer, self._nested = self._nested, True
        try:
            return self._view_action(action)
        finally:
            self._nested = outer

    def _view_action(self, action):
        job = action["job"]
        state = self.action_state(action)
        status = state.status
        human, code, reason = STATUS_HUMAN[status]
        targets = []
        counts = {"count": 0, "pending": 0, "in_progress": 0, "completed": 0, "failed": 0}
        for target in action["targets"]:
            steps = []
            current = None
            for step in state.steps:
                step_human, step_code, step_reason = STATUS_HUMAN[step.status]
                item = {"id": target["id"] * 100 + step.order, "action_id": action["id"],
                        "action_target_id": target["id"], "name": step.name, "description": step.name,
                        "order": step.order, "status": step.status, "status_human_readable": step_human,
                        "status_reason_code": step_code, "status_reason_human_readable": step_reason,
                        "started_at": _iso_or_none(step.started_at), "completed_at": _iso_or_none(step.finished_at),
                        "created_at": iso(job.started),
                        "updated_at": iso(step.finished_at or step.started_at or job.started)}
                steps.append(item)
                if step.status in ("in-progress", "failed") or (current is None and step.status == "pending"):
                    current = current or item
            counts["count"] += 1
            counts[{"in-progress": "in_progress"}.get(status, status) if status != "skipped" else "completed"] += 1
            targets.append({
                "id": target["id"], "resource_type": "server", "resource_type_human_readable": "Server",
                "resource_id": target["server_id"], "status": status, "status_human_readable": human,
                "status_reason_code": code, "status_reason_human_readable": reason,
                "total_steps": len(steps), "current_step": current, "steps": steps,
                "resource_data": self.target_server_data(target["server_id"]),
                "started_at": _iso_or_none(state.started_at), "completed_at": _iso_or_none(state.finished_at),
                "created_at": iso(job.started), "updated_at": iso(time.time()),
            })
        kind = action["resource_type"]
        record = self.db[kind].get(action["resource_id"])
        data = self.view(kind, record) if record else action["snapshot"]
        if data is not None and kind in RELATION_SCHEMA:
            data = dict(data, __schema__=RELATION_SCHEMA[kind])
        environment = self.db["environment"].get(action["environment_id"])
        project = self.db["project"].get(action["project_id"])
        org = self.db["organization"].get(action["organization_id"])
        return {
            "id": action["id"], "pipeline_id": action["pipeline_id"], "retry_of": action["retry_of"],
            "status": status, "status_human_readable": human, "status_reason_code": code,
            "status_reason_human_readable": "Failed: %s" % job.failure.reason if status == "failed" else reason,
            "type": action["type"], "type_human_readable": action["type"].replace("_", " ").capitalize(),
            "url_web_permalink": "https://app.devopness.com/actions/%d" % action["id"],
            "trigger_comment": action["trigger_comment"], "action_data": self.deployment_data(action),
            "triggered_from": {"origin": "sandbox", "trigger_type": None, "name": USER["name"], "email": USER["email"],
                               "ip_address": "127.0.0.1", "user_id": 1, "hook_id": None, "hook_request_id": None},
            "parent": None, "children": [], "triggered_by_user": USER,
            "resource": {"id": action["resource_id"], "type": kind, "type_human_readable": HUMAN.get(kind, (kind, kind))[0],
                         "data": data},
            "summary": {"targets": counts}, "environment": self.view_environment(environment) if environment else None,
            "project": self.view_project(project) if project else None,
            "organization": self.view_organization(org) if org else None,
            "targets": targets,
            "started_at": _iso_or_none(state.started_at), "completed_at": _iso_or_none(state.finished_at),
            "created_at": iso(job.started),
            "updated_at": iso(state.finished_at or state.started_at or job.started),
        }

    @staticmethod
    def deployment_data(action):
        """``action_data`` of an application deploy: release name, commit and source."""
        if not (action["type"] == "deploy" and action["resource_type"] == "application"):
            return None
        started = action["job"].started
        return {"__schema__": "ActionDeploymentData",
                "release_name": _dt.datetime.fromtimestamp(started, _dt.timezone.utc).strftime("%Y-%m-%d-%H-%M-%S"),
                "commit": {"hash": hashlib.sha1(str(action["source_ref"]).encode()).hexdigest(),
                           "message": "sandbox commit", "author_name": "Sandbox",
                           "author_email": "sandbox@example.com", "url": None},
                "deployment": {"type": "deploy", "source_type": action["source_type"] or "branch",
                               "source_ref": action["source_ref"] or ""}}

    def target_server_data(self, server_id):
        server = self.db["server"].get(server_id)
        if server is None:
            return {"__schema__": "ActionTargetServerData", "id": server_id, "hostname": "deleted-%d" % server_id,
                    "provider_name": "self-hosted", "provider_name_human_readable": "VPS/Self Hosted",
                    "ip_address": None, "ssh_port": 22, "os_version_code": "ubuntu_22_04",
                    "provision_input": {"cloud_service_code": "self-hosted-custom",
                                        "settings": {"os_version_code": "ubuntu_22_04"}}}
        out = self.view_server(server)
        out["__schema__"] = "ActionTargetServerData"
        out.setdefault("ip_address", None)
        return out
