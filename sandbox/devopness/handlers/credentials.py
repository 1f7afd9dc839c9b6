"""Credentials of an organization, and their links to environments."""

from __future__ import annotations

from ...http_types import Response, validation_error
from ..state import PROVIDERS


class CredentialHandlers:
    @staticmethod
    def _filter_credentials(credentials, query):
        if "provider_code" in query:
            credentials = [c for c in credentials if c["provider_code"] == query["provider_code"]]
        if "provider_type" in query:
            credentials = [c for c in credentials if PROVIDERS[c["provider_code"]][0] == query["provider_type"]]
        return sorted(credentials, key=lambda credential: credential["id"])

    def list_organization_credentials(self, request, path, query, body):
        org = self.organization(path["organization_id"])
        credentials = [c for c in self.db["credential"].values() if c["organization_id"] == org["id"]]
        return self.list_response(request, query, self._filter_credentials(credentials, query), "credential",
                                  "CredentialRelation")

    def add_organization_credential(self, request, path, query, body):
        org = self.organization(path["organization_id"])
        provider_type = PROVIDERS[body["provider_code"]][0]
        if provider_type != body["provider_type"]:
            raise validation_error({"provider_type": ["The provider type must be %s for provider %s." % (
                provider_type, body["provider_code"])]})
        credential = self.create_record("credential", organization_id=org["id"], name=body["name"],
                                        provider_code=body["provider_code"], active=body["active"],
                                        settings=body["settings"], environment_ids=set())
        return self.created_response("credential", credential, "Credential")

    def get_credential(self, request, path, query, body):
        return self.read_response("credential", path["credential_id"], "Credential")

    def update_credential(self, request, path, query, body):
        credential = self.record_to_update("credential", path["credential_id"], body)
        return self.update_fields(credential, body, ("name", "settings"))

    def delete_credential(self, request, path, query, body):
        return self.delete_at_once("credential", path["credential_id"])

    def list_environment_credentials(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        credentials = [c for c in self.db["credential"].values() if environment["id"] in c["environment_ids"]]
        return self.list_response(request, query, self._filter_credentials(credentials, query), "credential",
                                  "CredentialRelation")

    def link_credential_to_environment(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        self.record("credential", path["credential_id"])["environment_ids"].add(environment["id"])
        return Response(204)

    def unlink_credential_from_environment(self, request, path, query, body):
        environment = self.record("environment", path["environment_id"])
        self.record("credential", path["credential_id"])["environment_ids"].discard(environment["id"])
        return Response(204)

    def get_status_credential(self, request, path, query, body):
        credential = self.record("credential", path["credential_id"])
        return self.action_response(self.create_action("get-status", "credential", credential["id"], servers=[]))
