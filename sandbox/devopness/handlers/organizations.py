"""Users, organizations, projects and environments."""

from __future__ import annotations

from ...http_types import Response
from ..state import USER, iso


class OrganizationHandlers:
    def get_user_me(self, request, path, query, body):
        return Response(200, self.render("UserMe", dict(USER, social_accounts=[], created_at=iso(self.started),
                                                        updated_at=iso(self.started))))

    def list_organizations(self, request, path, query, body):
        orgs = sorted(self.db["organization"].values(), key=lambda org: org["id"])
        schema = self.spec.schema_ref("OrganizationRelation")
        return self.paginate(request, query, orgs, lambda org: self.spec.shape(schema, self.view_organization(org)))

    def get_organization(self, request, path, query, body):
        return Response(200, self.render("Organization", self.view_organization(self.organization(path["organization_id"]))))

    # -- projects ----------------------------------------------------------------
    def list_projects(self, request, path, query, body):
        projects = sorted(self.db["project"].values(), key=lambda project: project["id"])
        if "owner" in query:
            owner = self.organization(query["owner"])
            projects = [project for project in projects if project["organization_id"] == owner["id"]]
        return self.list_response(request, query, projects, "project", "ProjectRelation")

    def add_organization_project(self, request, path, query, body):
        org = self.organization(path["organization_id"])
        project = self.create_record("project", name=body["name"], organization_id=org["id"],
                                     logo_url=body.get("logo_url"))
        return self.created_response("project", project, "Project")

    def get_project(self, request, path, query, body):
        return self.read_response("project", path["project_id"], "Project")

    def update_project(self, request, path, query, body):
        project = self.record_to_update("project", path["project_id"], body)
        return self.update_fields(project, body, ("name", "logo_url"))

    def delete_project(self, request, path, query, body):
        project = self.record("project", path["project_id"])
        for environment in [e for e in self.db["environment"].values() if e["project_id"] == project["id"]]:
            self.remove_environment(environment)
        self.db["project"].pop(project["id"])
        return Response(204)

    # -- environments ------------------------------------------------------------
    def _project_environments(self, project_id, archived):
        project = self.record("project", project_id)
        environments = [e for e in self.db["environment"].values()
                        if e["project_id"] == project["id"] and e["is_archived"] == archived]
        return sorted(environments, key=lambda environment: environment["id"])

    def list_project_environments(self, request, path, query, body):
        environments = self._project_environments(path["project_id"], archived=False)
        return self.list_response(request, query, environments, "environment", "EnvironmentRelation")

    def list_project_archived_environments(self, request, path, query, body):
        environments = self._project_environments(path["project_id"], archived=True)
        return self.list_response(request, query, environments, "environment", "ArchivedEnvironmentRelation")

    def add_project_environment(self, request, path, query, body):
        project = self.record("project", path["project_id"])
        environment = self.create_record("environment", project_id=project["id"], name=body["name"],
                                         type=body["type"], description=body.get("description"), is_archived=False)
        return self.created_response("environment", environment, "Environment")

    def get_environment(self, request, path, query, body):
        return self.read_response("environment", path["environment_id"], "Environment")

    def update_environment(self, request, path, query, body):
        environment = self.record_to_update("environment", path["environment_id"], body)
        return self.update_fields(environment, body, ("name", "type", "description"))

    def delete_environment(self, request, path, query, body):
        self.remove_environment(self.record("environment", path["environment_id"]))
        return Response(204)

    def _set_archived(self, environment_id, archived):
        environment = self.record("environment", environment_id)
        environment["is_archived"] = archived
        self.touch(environment)
        return Response(204)

    def archive_environment(self, request, path, query, body):
        return self._set_archived(path["environment_id"], True)

    def unarchive_environment(self, request, path, query, body):
        return self._set_archived(path["environment_id"], False)
