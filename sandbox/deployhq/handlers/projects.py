"""Projects, their repository, zones and the account's SSH keys."""

from __future__ import annotations

from ...http_types import ApiError, Response
from ..state import ZONES, fake_public_key, fingerprint, new_identifier, now_iso

REPOSITORY_CREATE_ONLY = ("url", "scm_type", "username", "password", "port", "manual_config")


class ProjectHandlers:
    # -- projects ----------------------------------------------------------------------------
    def list_projects(self, request, path, query, body):
        ordered = sorted(self.projects.values(), key=lambda p: p["name"].lower())
        return Response(200, [self.view_project(p) for p in ordered])

    def create_project(self, request, path, query, body):
        fields = body["project"]
        if not fields.get("name"):
            raise ApiError(422, "Validation failed", {"name": ["can't be blank"]})
        zone = fields.get("zone_id") or "uk"
        if zone not in {z["identifier"] for z in ZONES}:
            raise ApiError(422, "Validation failed", {"zone_id": ["is not a valid zone"]})
        if fields.get("keypair_identifier") and fields["keypair_identifier"] not in self.ssh_keys:
            raise ApiError(422, "Validation failed", {"keypair_identifier": ["is not a known SSH key"]})
        project = self.new_project(fields["name"], zone)
        return Response(200, self.view_project(project))

    def get_project(self, request, path, query, body):
        return Response(200, self.view_project(self.project(path["id"]), full=True))

    def replace_project(self, request, path, query, body):
        project = self.project(path["id"])
        fields = body["project"]
        if "name" in fields and not fields["name"]:
            raise ApiError(422, "Validation failed", {"name": ["can't be blank"]})
        if "permalink" in fields:
            taken = any(p["permalink"] == fields["permalink"] for p in self.projects.values() if p is not project)
            if taken or not fields["permalink"]:
                raise ApiError(422, "Validation failed", {"permalink": ["has already been taken" if taken
                                                                        else "can't be blank"]})
        if "zone_id" in fields:
            if fields["zone_id"] not in {z["identifier"] for z in ZONES}:
                raise ApiError(422, "Validation failed", {"zone_id": ["is not a valid zone"]})
            project["zone"] = fields["zone_id"]
        for key in ("name", "permalink", "email_notify_on", "notification_email", "notify_committer",
                    "check_undeployed_changes", "store_artifacts_enabled"):
            if key in fields:
                project[key] = fields[key]
        if "custom_private_key" in fields:
            project["public_key"] = fake_public_key(fields["custom_private_key"], "RSA")
        return Response(200, self.view_project(project))

    update_project = replace_project

    def delete_project(self, request, path, query, body):
        project = self.project(path["id"])
        if self.running_deployments(project):
            raise ApiError(422, "Validation failed",
                           {"base": ["The project cannot be removed while deployments are running."]})
        # CHOICE: the queued deletion is done at once
        del self.projects[project["identifier"]]
        return Response(200, {"status": "queued"})

    # -- repository ------------------------------------------------------------------------------
    def get_project_repository(self, request, path, query, body):
        project = self.project(path["project_id"])
        if project["repository"] is None:
            raise self.not_found("Repository")
        return Response(200, self.view_repository(project))

    def create_project_repository(self, request, path, query, body):
        """POST destroys and replaces any existing repository ([OAS])."""
        project = self.project(path["project_id"])
        fields = body["repository"]
        errors = {}
        if not fields.get("url"):
            errors["url"] = ["can't be blank"]
        if fields.get("scm_type", "git") not in ("git", "subversion", "mercurial"):
            errors["scm_type"] = ["is not included in the list"]
        if errors:
            raise ApiError(422, "Validation failed", errors)
        self.new_repository(project, fields)
        return Response(200, self.view_repository(project))

    def replace_project_repository(self, request, path, query, body):
        project = self.project(path["project_id"])
        if project["repository"] is None:
            raise self.not_found("Repository")
        repository = project["repository"]
        for key in ("branch", "root_path", "hosting_service_type"):
            if key in body["repository"]:
                repository[key] = body["repository"][key]
        if repository["branch"] not in repository["branches"]:
            repository["branches"][repository["branch"]] = list(
                next(iter(repository["branches"].values()), []))  # a new branch starts where the first one is
        return Response(200, self.view_repository(project))

    update_project_repository = replace_project_repository

    def branches_project_repository(self, request, path, query, body):
        project = self.project(path["project_id"])
        branches = (project["repository"] or {}).get("branches", {})
        return Response(200, {name: commits[-1] for name, commits in branches.items()})

    def latest_revision_project_repository(self, request, path, query, body):
        project = self.project(path["project_id"])
        ref = self.latest_revision(project, query["branch"])
        if ref is None:
            raise self.not_found("Branch")
        return Response(200, {"ref": ref})

    # -- zones and SSH keys ------------------------------------------------------------------------
    def list_zones(self, request, path, query, body):
        return Response(200, list(ZONES))

    def list_ssh_keys(self, request, path, query, body):
        return Response(200, [self.view_ssh_key(k) for k in self.ssh_keys.values()])

    def create_ssh_key(self, request, path, query, body):
        fields = body["key_pair"]
        key_type = (fields.get("key_type") or "ED25519").upper()
        if key_type not in ("ED25519", "RSA", "ECDSA"):
            raise ApiError(422, "Validation failed", {"key_type": ["is not included in the list"]})
        if not fields.get("title"):
            raise ApiError(422, "Validation failed", {"title": ["can't be blank"]})
        if fields.get("use_custom_key") and not fields.get("custom_private_key"):
            raise ApiError(422, "Validation failed", {"custom_private_key": ["can't be blank"]})
        identifier = new_identifier()
        public_key = fake_public_key(fields.get("custom_private_key") or identifier,
                                     "RSA" if key_type == "RSA" else "ED25519")
        self.ssh_keys[identifier] = {"identifier": identifier, "title": fields["title"], "key_type": key_type,
                                     "public_key": public_key, "fingerprint": fingerprint(public_key),
                                     "created_at": now_iso()}
        return Response(201, self.view_ssh_key(self.ssh_keys[identifier]))

    def delete_ssh_key(self, request, path, query, body):
        if self.ssh_keys.pop(path["id"], None) is None:
            raise self.not_found("SSH key")
        return Response(200, {"status": "deleted"})
