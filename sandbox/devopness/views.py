"""Rendering Devopness records into the shapes of the spec's response schemas.

A ``view_*`` method builds a rich dict from a record; ``render`` (``Spec.shape``) then keeps the
properties the schema declares and fills required ones the view lacks, so every documented
field is present and typed."""

from __future__ import annotations

from ..http_types import Response
from .state import CLOUD, HUMAN, PROVIDERS, USER, iso

OS_VERSIONS = {
    "ubuntu_18_04": ("18.04 LTS (Bionic Beaver)", "Bionic Beaver", "18.04"),
    "ubuntu_20_04": ("20.04 LTS (Focal Fossa)", "Focal Fossa", "20.04"),
    "ubuntu_22_04": ("22.04 LTS (Jammy Jellyfish)", "Jammy Jellyfish", "22.04"),
    "ubuntu_24_04": ("24.04 LTS (Noble Numbat)", "Noble Numbat", "24.04"),
    "ubuntu_26_04": ("26.04 LTS", "Resolute Raccoon", "26.04"),
    "centos_7": ("CentOS 7", "CentOS 7", "7"),
}
VIEW_METHODS = {
    "server": "view_server", "application": "view_application", "credential": "view_credential",
    "project": "view_project", "environment": "view_environment", "variable": "view_variable",
    "pipeline": "view_pipeline", "step": "view_step",
}
CRON_HUMAN = {"* * * * *": "Every minute", "0 * * * *": "Hourly", "0 0 * * *": "Daily"}


class Views:
    """Record -> response dict (a mixin of ``Devopness``)."""

    def render(self, schema_name, data):
        return self.spec.shape(self.spec.schema_ref(schema_name), data)

    # While a list is rendered: the views most items of a page share (their scope, their credential).
    _shared_views = None

    def list_response(self, request, query, records, kind, schema_name):
        """A page of ``records`` of type ``kind``, each rendered as ``schema_name``."""
        schema = self.spec.schema_ref(schema_name)
        outer, self._shared_views = self._shared_views, {}
        try:
            return self.paginate(request, query, records, lambda record: self.spec.shape(schema, self.view(kind, record)))
        finally:
            self._shared_views = outer

    def shared_view(self, key, make):
        """``make()``, once per list being rendered (a copy of the top level each time it is asked for)."""
        if self._shared_views is None:
            return make()
        if key not in self._shared_views:
            self._shared_views[key] = make()
        view = self._shared_views[key]
        return dict(view) if isinstance(view, dict) else view

    def read_response(self, kind, record_id, schema_name):
        """The 200 of a GET of one record."""
        return Response(200, self.render(schema_name, self.view(kind, self.record(kind, record_id))))

    def created_response(self, kind, record, schema_name, headers=None):
        """The 201 of a create."""
        return Response(201, self.render(schema_name, self.view(kind, record)), headers)

    def view(self, kind, record):
        """The view of any record type (``view_resource`` for the environment-scoped ones)."""
        if kind in VIEW_METHODS:
            return getattr(self, VIEW_METHODS[kind])(record)
        return self.view_resource(kind, record)

    @staticmethod
    def with_times(record, out):
        out["created_at"] = iso(record["created"])
        out["updated_at"] = iso(record["updated"])
        return out

    def view_organization(self, org):
        return self.with_times(org, dict(org, owner=USER, current_user_permissions=[], resource_summary=[]))

    def view_project(self, project):
        org = self.db["organization"].get(project["organization_id"])
        return self.with_times(project, dict(
            project, user_id=1, organization=self.view_organization(org) if org else None, os_users=[],
            current_user_permissions=[], created_by_user=USER, resource_summary=[], used_credits=0))

    def view_environment(self, environment):
        return self.with_times(environment, dict(
            environment, type_human_readable=environment["type"].capitalize(), teams=[],
            current_user_permissions=[], created_by_user=USER, resource_summary=[]))

    def view_credential(self, credential):
        if credential is None:
            return None
        provider_type, provider_name = PROVIDERS[credential["provider_code"]]
        provider_type_human = provider_type.replace("_", " ").title()
        is_cloud = provider_type == "cloud_provider"
        org = self.db["organization"].get(credential["organization_id"])
        out = {k: v for k, v in credential.items() if k != "settings"}  # settings are write-only
        out.update(provider={"code": credential["provider_code"], "code_human_readable": provider_name,
                             "name": provider_name, "type": provider_type,
                             "type_human_readable": provider_type_human},
                   provider_type=provider_type, provider_type_human_readable=provider_type_human,
                   provider_auth_type="api_credentials" if is_cloud else "oauth",
                   provider_auth_type_human_readable="API Credentials" if is_cloud else "OAuth",
                   organization=self.view_organization(org) if org else None, created_by_user=USER,
                   last_action=self.view_last_action("credential", credential["id"]))
        return self.with_times(credential, out)

    def view_scope(self, record):
        """The environment and project a resource belongs to."""
        environment_id, project_id = record.get("environment_id"), record.get("project_id")
        return self.shared_view(("scope", environment_id, project_id), lambda: self._view_scope(environment_id, project_id))

    def _view_scope(self, environment_id, project_id):
        environment = self.db["environment"].get(environment_id)
        project = self.db["project"].get(project_id)
        return {"environment": self.view_environment(environment) if environment else None,
                "project": self.view_project(project) if project else None,
                "environment_id": environment_id, "project_id": project_id}

    def view_server(self, server):
        code = server["provision_input"]["cloud_service_code"]
        provider, provider_human, region, region_human = CLOUD[code]
        settings = server["provision_input"].get("settings") or {}
        os_code = settings.get("os_version_code") or "ubuntu_22_04"
        os_name, code_name, version = OS_VERSIONS.get(os_code, OS_VERSIONS["ubuntu_22_04"])
        chosen_region = settings.get("region", region)
        out = dict(
            server, name=server["hostname"], created_by=1, provider_name=provider,
            provider_name_human_readable=provider_human, cloud_service_code=code, region=chosen_region,
            region_human_readable=region_human if chosen_region == region else settings.get("region"),
            os={"name": os_name, "code_name": code_name, "version": version, "os_version_code": os_code,
                "os_version_code_human_readable": "Ubuntu " + os_name, "released_at": "2022-04-21",
                "end_standard_support_at": "2027-04-01", "end_of_life_at": "2032-04-01"},
            os_version_code=os_code,
            blueprint={"spec": {"services": [dict(x) for x in server.get("blueprint") or []]}},
            created_by_user=USER, credential=self.shared_view(
                ("credential", server.get("credential_id"), self._nested),
                lambda: self.view_credential(self.db["credential"].get(server.get("credential_id")))),
            last_action=self.view_last_action("server", server["id"]), **self.view_scope(server))
        out["provision_input"] = dict(server["provision_input"], settings=dict(settings))
        if out.get("ip_address") is None:
            out.pop("ip_address", None)
        return self.with_times(server, out)

    def view_linked_servers(self, kind, record_id):
        if self._nested:
            return []
        return [self.view_server(server) for server in self.linked_servers(kind, record_id)]

    def view_application(self, application, full=True):
        owner, _slash, name = application["repository"].partition("/")
        latest, live = self.latest_and_live_deployments(application["id"])
        out = dict(application, repository_owner=owner, repository_name=name, created_by=1,
                   programming_language_human_readable=application["programming_language"].capitalize(),
                   framework_human_readable=application["framework"].capitalize(), created_by_user=USER,
                   last_deployments={"latest": self.view_action(latest) if latest else None,
                                     "live": self.view_action(live) if live else None},
                   credential=self.view_credential(self.db["credential"].get(application.get("credential_id"))),
                   **self.view_scope(application))
        if full:
            out.update(servers=self.view_linked_servers("application", application["id"]), services=[], cronjobs=[],
                       virtual_hosts=[], daemons=[])
        return self.with_times(application, out)

    def view_application_reference(self, application_id):
        application = self.db["application"].get(application_id)
        return self.view_application(application, full=False) if application else None

    def view_resource(self, kind, record):
        """The simpler environment-scoped resources (daemon, virtual host, SSL certificate, service,
        cron job, SSH key, network rule)."""
        out = dict(record, created_by_user=USER, is_auto_generated=False,
                   last_action=self.view_last_action(kind, record["id"]), **self.view_scope(record))
        out["servers"] = self.view_linked_servers(kind, record["id"])
        if "application_id" in record:
            out["application"] = self.view_application_reference(record.get("application_id"))
        if kind == "virtual-host":
            certificate = self.db["ssl-certificate"].get(record.get("ssl_certificate_id"))
            out["ssl_certificate"] = self.view_resource("ssl-certificate", certificate) if certificate else None
            out["type_human_readable"] = record["type"].replace("-", " ").title()
        elif kind == "service":
            out["type_human_readable"] = record["type"].capitalize()
        elif kind == "cronjob":
            out["pattern_human_readable"] = CRON_HUMAN.get(record["pattern"], "Custom")
        elif kind == "ssh-key":
            out.pop("public_key", None)  # write-only
        elif kind == "ssl-certificate":
            out.pop("custom_private_key", None)
            out.pop("custom_certificate", None)
        return self.with_times(record, out)

    def view_variable(self, variable):
        out = dict(variable, target_human_readable=variable["target"].replace("-", " ").replace("_", " ").title(),
                   created_by_user=USER)
        if variable["hidden"]:
            out["value"] = None  # CHOICE: hidden values are write-only
        return self.with_times(variable, out)

    def view_pipeline(self, pipeline):
        project = self.db["project"].get(pipeline["project_id"])
        steps = sorted((self.db["step"][i] for i in pipeline["step_ids"] if i in self.db["step"]),
                       key=lambda step: step["trigger_order"])
        return self.with_times(pipeline, dict(
            pipeline, organization_id=project["organization_id"] if project else 1,
            resource_type_human_readable=HUMAN.get(pipeline["resource_type"], ("", ""))[0],
            operation_human_readable=pipeline["operation"].replace("-", " ").capitalize(),
            steps=[self.view_step(step) for step in steps], created_by_user=USER))

    def view_step(self, step):
        return self.with_times(step, dict(step))

    def view_hook(self, hook, secret=False):
        out = dict(hook, created_by_user=USER)
        out["id"] = hook["uuid"]
        # CHOICE: Hook.secret is a required non-nullable string in the spec but is "returned only
        # once": later reads return an empty string.
        out["secret"] = hook["secret"] if secret else ""
        return self.with_times(hook, out)

    def view_link(self, link_type, kind, record_id, created):
        record = self.db[kind].get(record_id) or {}
        return {"link_type": link_type, "resource_type": kind,
                "resource_type_human_readable": HUMAN.get(kind, (kind, kind))[0],
                "resource_id": record_id, "can_be_unlinked": True,
                "linked_resource_data": {"id": record_id, "name": record.get("name") or record.get("hostname") or "",
                                         "environment_id": record.get("environment_id"),
                                         "project_id": record.get("project_id")},
                "children": [], "created_at": iso(created), "updated_at": iso(created)}
