"""openapi.Spec stays vendor-neutral: it loads the DeployHQ (OpenAPI 3.1, JSON) and dployr
(OpenAPI 3.0, YAML) documents, matches their paths, takes auth from ``security``, and handles
3.1 type lists."""

from __future__ import annotations

import json
import os

import pytest

from sandbox.openapi import Spec, find_reference_dir


@pytest.fixture(scope="module")
def deployhq():
    return Spec(os.path.join(find_reference_dir(), "deployhq", "openapi.json"))


@pytest.fixture(scope="module")
def dployr():
    return Spec(os.path.join(find_reference_dir(), "dployr", "base-openapi.yaml"))


def test_deployhq_31_document_loads_and_matches_paths(deployhq):
    assert deployhq.version.startswith("3.1") and len(deployhq.operations) > 150
    op, params = deployhq.match("GET", "/projects/my-site/deployments")
    assert op.operation_id == "listProjectDeployments" and params == {"project_id": "my-site"}
    op, params = deployhq.match("POST", "/projects/my-site/servers")
    assert op.operation_id == "createProjectServer" and op.requires_auth  # document-wide basic auth
    assert not deployhq.by_id["createSignup"].requires_auth  # security: []
    assert deployhq.validate_body(op, {"server": {"name": 5}}) == {"server.name": ["The server.name must be a string."]}
    with pytest.raises(LookupError) as raised:
        deployhq.match("DELETE", "/projects")
    assert raised.value.args[0] == 405


def test_dployr_yaml_document_loads_and_matches_v1_paths(dployr):
    assert dployr.version.startswith("3.0")
    op, params = dployr.match("GET", "/v1/deployments")
    assert op.operation_id == "listDeployments" and op.requires_auth and params == {}
    values, errors = dployr.coerce_params(op, "query", {"page": "2"})
    assert errors == {"clusterId": ["The clusterId field is required."]}
    values, errors = dployr.coerce_params(op, "query", {"clusterId": "c1", "page": "2"})
    assert values == {"clusterId": "c1", "page": 2} and errors == {}
    with pytest.raises(LookupError) as raised:
        dployr.match("GET", "/v2/nothing")
    assert raised.value.args[0] == 404


def test_31_type_lists_shape_and_validate(tmp_path):
    document = {
        "openapi": "3.1.0",
        "paths": {"/things/{id}": {"put": {
            "operationId": "putThing", "security": [],
            "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "integer"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
        "components": {"schemas": {"Thing": {
            "type": "object", "required": ["id", "note", "size"],
            "properties": {"id": {"type": "integer"}, "note": {"type": ["string", "null"]},
                           "size": {"type": ["integer", "null"], "minimum": 1}}}}},
    }
    path = tmp_path / "thing.json"
    path.write_text(json.dumps(document))
    spec = Spec(str(path))
    op, params = spec.match("PUT", "/things/3")
    assert not op.requires_auth
    assert spec.coerce_params(op, "path", params) == ({"id": 3}, {})
    assert spec.validate_body(op, {"id": 1, "note": None, "size": None}) == {}
    assert spec.validate_body(op, {"id": 1, "note": 2, "size": 0}) == {
        "note": ["The note must be a string."], "size": ["The size must be at least 1."]}
    assert spec.shape(op.response_schema(200), {"id": 1, "extra": True}) == {"id": 1, "note": None, "size": None}
