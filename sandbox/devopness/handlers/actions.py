"""Reading, listing and retrying actions, and step logs."""

from __future__ import annotations

import time

from ...faults import normal_operation
from ...http_types import ApiError, Response
from ..state import iso

# filter[<name>] -> how an action matches the filter's value
ACTION_FILTERS = {
    "organization_id": lambda platform, action, value: str(action["organization_id"]) == value,
    "project_id": lambda platform, action, value: str(action["project_id"]) == value,
    "environment_id": lambda platform, action, value: str(action["environment_id"]) == value,
    "resource_type": lambda platform, action, value: action["resource_type"] == value,
    "resource_id": lambda platform, action, value: str(action["resource_id"]) == value,
    "operation": lambda platform, action, value: normal_operation(action["type"]) == normal_operation(value),
    "status": lambda platform, action, value: platform.action_state(action).status == value,
}


class ActionHandlers:
    def _list_actions(self, request, query, actions):
        """Newest first, filtered by ``filter[...]`` query parameters."""
        filters = {}
        for name, value in request.query.items():
            if name.startswith("filter[") and name.endswith("]"):
                filters[name[len("filter["):-1]] = value[-1] if isinstance(value, list) else value
        actions = [action for action in actions
                   if all(ACTION_FILTERS[name](self, action, value) for name, value in filters.items()
                          if name in ACTION_FILTERS)]
        actions.sort(key=lambda action: action["id"], reverse=True)
        return self.paginate(request, query, actions,
                             lambda action: self.render("ActionRelation", self.view_action(action)))

    def _actions_where(self, **fields):
        return [action for action in self.db["action"].values()
                if all(action[name] == value for name, value in fields.items())]

    def list_actions(self, request, path, query, body):
        return self._list_actions(request, query, list(self.db["action"].values()))

    def get_action(self, request, path, query, body):
        return Response(200, self.render("Action", self.view_action(self.record("action", path["action_id"]))))

    def list_actions_by_resource_type(self, request, path, query, body):
        action_ids = self.actions_of.get((path["resource_type"], path["resource_id"]), [])
        return self._list_actions(request, query, [self.db["action"][i] for i in action_ids if i in self.db["action"]])

    def list_actions_by_target_resource_type(self, request, path, query, body):
        kind, record_id = path["target_resource_type"], path["target_resource_id"]
        actions = [action for action in self.db["action"].values()
                   if kind == "server" and any(t["server_id"] == record_id for t in action["targets"])]
        return self._list_actions(request, query, actions)

    def list_environment_actions(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        return self._list_actions(request, query, self._actions_where(environment_id=environment["id"]))

    def list_environment_actions_by_resource_type(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        return self._list_actions(request, query, self._actions_where(environment_id=environment["id"],
                                                                      resource_type=path["resource_type"]))

    def list_project_actions_by_resource_type(self, request, path, query, body):
        project = self.record("project", path["project_id"])
        return self._list_actions(request, query, self._actions_where(project_id=project["id"],
                                                                      resource_type=path["resource_type"]))

    def retry_action(self, request, path, query, body):
        old = self.record("action", path["action_id"])
        if self.action_state(old).status not in ("failed", "completed", "skipped"):
            raise ApiError(422, "Only finished actions can be retried.")
        effect = old.get("effect")
        if old["resource_type"] == "server" and effect == "provision":
            server = self.db["server"].get(old["resource_id"])
            if server:
                server["status"] = "provisioning"
        action = self.create_action(
            old["operation"], old["resource_type"], old["resource_id"],
            servers=[target["server_id"] for target in old["targets"]], effect=effect,
            pipeline_id=old["pipeline_id"], retry_of=old["id"], comment=old["trigger_comment"],
            source_type=old["source_type"], source_ref=old["source_ref"],
            environment_id=old["environment_id"], project_id=old["project_id"])
        return Response(201, self.render("ActionRetryResponse", self.view_action(action)))

    def get_action_log(self, request, path, query, body):
        action = self.record("action", path["action_id"])
        target = next((t for t in action["targets"] if t["id"] == path["action_target_id"]), None)
        if target is None:
            raise ApiError(404, "No query results for model [App\\Models\\ActionTarget] %s" % path["action_target_id"])
        self.reads_clock()
        now = time.time()
        order = path["action_step_order"]
        step = next((s for s in self.action_state(action, now).steps if s.order == order), None)
        if step is None:
            raise ApiError(404, "No query results for model [App\\Models\\ActionStep] %s" % order)
        lines = action["job"].step_log(order, now)
        finished_or_started = step.finished_at or step.started_at
        return Response(200, self.render("Log", {
            "target": self.target_server_data(target["server_id"]),
            "step": {"order": order, "started_at": iso(step.started_at) if step.started_at else None,
                     "completed_at": iso(step.finished_at) if step.finished_at else None,
                     "output": "\n".join(lines) if lines else None},
            "updated_at": iso(finished_or_started) if finished_or_started else None}))
