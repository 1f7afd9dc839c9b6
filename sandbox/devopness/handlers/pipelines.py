"""Pipelines of a resource, their steps, runs (actions) and hooks."""

from __future__ import annotations

import secrets
import uuid

from ...http_types import ApiError, Response, validation_error
from ..actions import ACTION_TYPE
from ..state import OPERATIONS
from .applications import check_source_pair

HOOK_TYPES = {"incoming": "in", "outgoing": "out"}  # path segment -> response ``type``
HOOK_FIELDS = ("name", "active", "requires_secret", "secret_algorithm", "secret_header_name", "trigger_when",
               "target_url")


def hook_settings(hook_type, settings):
    """Settings tagged with the oneOf branch of their hook type (see README, Hook.settings)."""
    return dict(settings, __schema__="HookIncomingSettings" if hook_type == "in" else "HookOutgoingSettings")


class PipelineHandlers:
    def pipeline_id_for(self, kind, record_id, operation):
        for pipeline in self.db["pipeline"].values():
            if pipeline["resource_type"] == kind and pipeline["resource_id"] == record_id \
                    and pipeline["operation"] == operation:
                return pipeline["id"]
        return None

    def create_default_pipeline(self, kind, resource, operation, steps):
        """A pipeline of ``is_default_step`` steps (``[(name, command)]``), as applications get."""
        pipeline = self.create_record(
            "pipeline", name="Deploy %s" % resource.get("name", kind) if operation == "deploy" else operation.title(),
            operation=operation, resource_type=kind, resource_id=resource["id"],
            environment_id=resource["environment_id"], project_id=resource["project_id"], max_parallel_actions=1,
            trigger_when=None, step_ids=[])
        for index, (name, command) in enumerate(steps):
            step = self.create_record("step", name=name, description=name, type="default-step", command=command,
                                      runner="custom", run_as_user="devopness", pipeline_id=pipeline["id"],
                                      trigger_order=(index + 1) * 1000, is_auto_generated=True,
                                      is_default_step=True, script_id=0)
            pipeline["step_ids"].append(step["id"])
        return pipeline

    def list_pipelines_by_resource_type(self, request, path, query, body):
        kind, record_id = path["resource_type"], path["resource_id"]
        self.resource(kind, record_id)
        pipelines = sorted((p for p in self.db["pipeline"].values()
                            if p["resource_type"] == kind and p["resource_id"] == record_id), key=lambda p: p["id"])
        return self.paginate(request, query, pipelines,
                             lambda pipeline: self.render("PipelineRelation", self.view_pipeline(pipeline)))

    def add_pipeline(self, request, path, query, body):
        kind, record_id = path["resource_type"], path["resource_id"]
        resource = self.resource(kind, record_id)
        if kind not in OPERATIONS:
            message = "Resource type %s does not support pipelines." % kind
            raise ApiError(422, message, {"resource_type": [message]})
        if body["operation"] not in OPERATIONS[kind]:
            raise validation_error({"operation": ["The operation must be one of: %s." % ", ".join(OPERATIONS[kind])]})
        pipeline = self.create_record(
            "pipeline", name=body["name"], operation=body["operation"], resource_type=kind, resource_id=record_id,
            environment_id=resource.get("environment_id"), project_id=resource.get("project_id"),
            max_parallel_actions=body.get("max_parallel_actions", 1), trigger_when=body.get("trigger_when"),
            step_ids=[])
        return self.created_response("pipeline", pipeline, "Pipeline")

    def get_pipeline(self, request, path, query, body):
        return self.read_response("pipeline", path["pipeline_id"], "Pipeline")

    def update_pipeline(self, request, path, query, body):
        pipeline = self.record_to_update("pipeline", path["pipeline_id"], body)
        return self.update_fields(pipeline, body, ("name", "max_parallel_actions", "trigger_when"))

    def delete_pipeline(self, request, path, query, body):
        return self.delete_at_once("pipeline", path["pipeline_id"])

    # -- steps ---------------------------------------------------------------------
    def _steps_of(self, pipeline, exclude=None):
        return sorted((self.db["step"][i] for i in pipeline["step_ids"] if i in self.db["step"] and i != exclude),
                      key=lambda step: step["trigger_order"])

    def add_pipeline_step(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        orders = [step["trigger_order"] for step in self._steps_of(pipeline)]
        step = self.create_record(
            "step", name=body.get("name"), description=body.get("description"), type=body.get("type", "custom"),
            command=body["command"], runner=body["runner"], run_as_user=body.get("run_as_user", "devopness"),
            pipeline_id=pipeline["id"], trigger_order=(max(orders) if orders else 0) + 1000,
            is_auto_generated=False, is_default_step=False, script_id=0)
        pipeline["step_ids"].append(step["id"])
        return self.created_response("step", step, "Step")

    def update_pipeline_step(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        step = self.record("step", path["step_id"])
        if step["id"] not in pipeline["step_ids"]:
            raise ApiError(404, "No query results for model [App\\Models\\Step] %s" % step["id"])
        self.check_body_id(body, step["id"])
        if step["is_default_step"]:
            raise ApiError(422, "Default steps cannot be updated.", {"id": ["Default steps cannot be updated."]})
        if "trigger_after" in body:
            self._move_step_after(pipeline, step, body["trigger_after"])
        return self.update_fields(step, body, ("command", "runner", "name", "description", "type", "run_as_user"))

    def _move_step_after(self, pipeline, step, after):
        """Give ``step`` a trigger order just after ``after``: halfway to the next step when there
        is room, else renumber every step by 1000s."""
        others = self._steps_of(pipeline, exclude=step["id"])
        later = [other["trigger_order"] for other in others if other["trigger_order"] > after]
        if later and later[0] - after > 1:
            step["trigger_order"] = after + (later[0] - after) // 2
        elif later:
            ordered = [s for s in others if s["trigger_order"] <= after] + [step] + \
                      [s for s in others if s["trigger_order"] > after]
            for index, each in enumerate(ordered):
                each["trigger_order"] = (index + 1) * 1000
        else:
            step["trigger_order"] = after + 1000

    def link_step_to_pipeline(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        step = self.record("step", path["step_id"])
        if step["id"] not in pipeline["step_ids"]:
            pipeline["step_ids"].append(step["id"])
        return Response(204)

    def unlink_step_from_pipeline(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        step = self.record("step", path["step_id"])
        if step["is_default_step"]:
            raise ApiError(422, "Default steps cannot be unlinked.", {"step_id": ["Default steps cannot be unlinked."]})
        if step["id"] in pipeline["step_ids"]:
            pipeline["step_ids"].remove(step["id"])
        return Response(204)

    # -- runs ----------------------------------------------------------------------
    def add_pipeline_action(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        check_source_pair(body)
        servers = self.servers_field(body)
        kind, record_id, operation = pipeline["resource_type"], pipeline["resource_id"], pipeline["operation"]
        resource = self.record(kind, record_id)
        action = self.create_action(
            operation, kind, record_id, servers=servers, pipeline_id=pipeline["id"],
            comment=body.get("trigger_comment"),
            source_type=body.get("source_type", "branch" if kind == "application" else None),
            source_ref=body.get("source_ref", resource.get("default_branch")),
            effect=operation if kind == "server" else ("delete" if operation == "delete" else None))
        return Response(201, self.render("Action", self.view_action(action)))

    def list_pipeline_actions(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        return self._list_actions(request, query, self._actions_where(pipeline_id=pipeline["id"]))

    # -- hooks ---------------------------------------------------------------------
    def _hook(self, hook_type, hook_id):
        wanted = HOOK_TYPES[hook_type]
        for hook in self.db["hook"].values():
            if hook["uuid"] == hook_id and hook["type"] == wanted:
                return hook
        raise ApiError(404, "No query results for model [App\\Models\\Hook] %s" % hook_id)

    def add_pipeline_hook(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        hook_type = HOOK_TYPES[path["hook_type"]]
        for hook in self.db["hook"].values():
            if hook["pipeline_id"] == pipeline["id"] and hook["name"] == body["name"] and hook["type"] == hook_type:
                raise validation_error({"name": ["The name has already been taken."]})
        hook_id = str(uuid.uuid4())
        default_settings = {"variables": []} if hook_type == "in" else {"request_headers": [], "request_body": None}
        hook = self.create_record(
            "hook", uuid=hook_id, name=body["name"], type=hook_type,
            action_type=ACTION_TYPE.get(pipeline["operation"], pipeline["operation"]),
            url="%s/hooks/%s/trigger" % (request.base_url, hook_id) if hook_type == "in" else None,
            target_url=body.get("target_url") if hook_type == "out" else None,
            is_auto_generated=False, requires_secret=body.get("requires_secret", False), verify_ssl=True,
            active=body.get("active", True), project_id=pipeline["project_id"],
            environment_id=pipeline["environment_id"], pipeline_id=pipeline["id"],
            resource_type=pipeline["resource_type"], resource_id=pipeline["resource_id"],
            settings=hook_settings(hook_type, body.get("settings") or default_settings),
            trigger_when=body.get("trigger_when") or {"events": [], "conditions": []},
            secret=secrets.token_hex(20), secret_algorithm=body.get("secret_algorithm", "sha256"),
            secret_header_name=body.get("secret_header_name", "X-Hook-Signature"))
        return Response(201, self.render("Hook", self.view_hook(hook, secret=True)))

    def list_pipeline_hooks(self, request, path, query, body):
        pipeline = self.record("pipeline", path["pipeline_id"])
        hooks = sorted((h for h in self.db["hook"].values() if h["pipeline_id"] == pipeline["id"]),
                       key=lambda h: h["id"])
        return self.paginate(request, query, hooks, lambda hook: self.render("HookRelation", self.view_hook(hook)))

    def get_hook(self, request, path, query, body):
        return Response(200, self.render("Hook", self.view_hook(self._hook(path["hook_type"], path["hook_id"]))))

    def update_hook(self, request, path, query, body):
        hook = self._hook(path["hook_type"], path["hook_id"])
        if body.get("id") != hook["uuid"]:
            raise validation_error({"id": ["The id must match the id in the URL (%s)." % hook["uuid"]]})
        if "settings" in body:
            hook["settings"] = hook_settings(hook["type"], body["settings"])
        return self.update_fields(hook, body, HOOK_FIELDS)

    def delete_hook(self, request, path, query, body):
        hook = self._hook(path["hook_type"], path["hook_id"])
        self.db["hook"].pop(hook["id"])
        return Response(204)
