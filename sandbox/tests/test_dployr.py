"""The dployr Base simulator behaves as the running Base was observed to (notes.md): envelope and both error
shapes, cluster scoping and roles, 202 taskId, the 403 on GET /v1/deployments/{id}, plan limits, the simulated
node, deployments that progress and fail, services that sleep and wake, rate limits; answers of routes the
OpenAPI document describes match its response schemas."""

from __future__ import annotations

import os
import time

import pytest
import requests

from sandbox.dployr import OTHER_TOKEN, TOKEN
from sandbox.dployr.spec_gaps import DECLARED_ROUTES, DIFFERENCES
from sandbox.openapi import Spec, find_reference_dir


class Base:
    def __init__(self, base, token=TOKEN):
        self.base = base
        self.root = base + "/dployr"
        self.s = requests.Session()
        if token:
            self.s.headers["Authorization"] = "Bearer " + token

    def req(self, method, path, body=None, **kw):
        return self.s.request(method, self.root + path, json=body, timeout=10, **kw)

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body if body is not None else {}, **kw)

    def control(self, method, path, body=None):
        response = requests.request(method, self.base + "/_sandbox" + path, json=body, timeout=10)
        assert response.status_code < 300, response.text
        return response.json() if response.content else None

    def cluster(self, name="sandbox"):
        return next(c for c in self.get("/v1/clusters").json()["data"]["clusters"] if c["name"] == name)["id"]

    def deploy(self, cluster_id, name="api", **fields):
        body = dict(name=name, type="web", source="image", image="nginx:1.27", port=80)
        body.update(fields)
        return self.post("/v1/deployments", body, params={"clusterId": cluster_id})

    def wait_deployment(self, cluster_id, deployment_id, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            items = self.get("/v1/deployments", params={"clusterId": cluster_id}).json()["data"]["items"]
            record = next(d for d in items if d["id"] == deployment_id)
            if record["status"] in ("success", "failed"):
                return record
            time.sleep(0.05)
        raise AssertionError("deployment %s did not finish" % deployment_id)


@pytest.fixture
def api(base):
    client = Base(base)
    client.control("POST", "/reset")
    return client


@pytest.fixture(scope="module")
def base_spec():
    return Spec(os.path.join(find_reference_dir(), "dployr", "base-openapi.yaml"))


def matches_schema(spec, method, path, response):
    operation, _params = spec.match(method, path)
    schema = operation.response_schema(response.status_code)
    assert schema is not None, "%s %s has no %s response in the document" % (method, path, response.status_code)
    errors = spec.schema_errors(schema, response.json())
    assert not errors, [e.message for e in errors]


def test_initial_state_is_one_cluster_owned_by_the_token_user(api):
    me = api.get("/v1/users/me").json()
    assert me["success"] is True
    assert [(c["name"], c["role"]) for c in me["data"]["clusters"]] == [("sandbox", "owner")]
    assert me["data"]["user"]["email"] == "sandbox@example.com"


def test_auth_errors_are_flat(api):
    missing = Base(api.base, token=None).get("/v1/clusters")
    assert missing.status_code == 401 and missing.json() == {"error": "Unauthorized", "code": "auth.bad_session"}
    wrong = Base(api.base, token="dpat_" + "0" * 64).get("/v1/clusters")
    assert wrong.status_code == 401 and wrong.json()["code"] == "auth.bad_token"


def test_cluster_id_is_required_and_scoped(api):
    missing = api.get("/v1/services")
    assert missing.status_code == 400
    assert missing.json() == {"error": "clusterId is required", "code": "request.bad_request"}
    other = Base(api.base, token=OTHER_TOKEN).cluster("other")
    foreign = api.get("/v1/services", params={"clusterId": other})
    assert foreign.status_code == 403 and foreign.json()["code"] == "permission.viewer_role_required"


def test_roles_a_viewer_reads_but_cannot_deploy(api):
    cluster_id = api.cluster()
    viewer = Base(api.base, token=OTHER_TOKEN)
    assert viewer.get("/v1/services", params={"clusterId": cluster_id}).status_code == 200
    refused = viewer.deploy(cluster_id)
    assert refused.status_code == 403 and refused.json()["code"] == "permission.developer_role_required"


def test_handler_errors_are_nested_with_details(api):
    cluster_id = api.cluster()
    response = api.post("/v1/instances", {"clusterId": cluster_id, "address": "10.0.0.9", "tag": "x"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert response.json()["success"] is False and error["code"] == "request.bad_request"
    assert error["details"] == [{"field": "tag", "message": "String must contain at least 3 character(s)"}]


def test_deploy_answers_202_with_a_task_id_and_progresses(api, base_spec):
    cluster_id = api.cluster()
    response = api.deploy(cluster_id)
    assert response.status_code == 202
    matches_schema(base_spec, "POST", "/v1/deployments", response)
    task_id = response.json()["data"]["taskId"]
    first = api.get("/v1/deployments", params={"clusterId": cluster_id}).json()["data"]["items"]
    assert [d["id"] for d in first] == [task_id] and first[0]["status"] in ("pending", "running")
    assert api.wait_deployment(cluster_id, task_id)["status"] == "success"


def test_the_wrapped_body_of_the_document_is_refused(api):
    response = api.post("/v1/deployments", {"instanceName": "node-1", "payload": {"name": "a", "type": "web",
                                                                                 "source": "image"}},
                        params={"clusterId": api.cluster()})
    assert response.status_code == 400 and response.json()["error"]["code"] == "request.bad_request"


def test_get_deployment_by_id_is_always_403_and_delete_needs_the_cluster_in_the_body(api):
    cluster_id = api.cluster()
    task_id = api.deploy(cluster_id).json()["data"]["taskId"]
    got = api.get("/v1/deployments/" + task_id, params={"clusterId": cluster_id})
    assert got.status_code == 403 and got.json() == {"error": "Insufficient permissions. Viewer role is required",
                                                     "code": "permission.viewer_role_required"}
    api.wait_deployment(cluster_id, task_id)
    assert api.req("DELETE", "/v1/deployments/" + task_id, params={"clusterId": cluster_id}).status_code == 403
    assert api.req("DELETE", "/v1/deployments/" + task_id, {"clusterId": cluster_id}).status_code == 200


def test_a_redeploy_keeps_the_record_id_and_answers_a_new_task_id(api):
    cluster_id = api.cluster()
    first = api.deploy(cluster_id).json()["data"]["taskId"]
    api.wait_deployment(cluster_id, first)
    service = api.get("/v1/services", params={"clusterId": cluster_id}).json()["data"]["items"][0]
    patched = api.req("PATCH", "/v1/services/" + service["id"], {"instanceName": "node-1", "port": 8080})
    assert patched.status_code == 200
    data = patched.json()["data"]
    assert data["deployment"]["id"] == first and data["taskId"] != first
    assert api.wait_deployment(cluster_id, first)["port"] == 8080
    assert api.req("PATCH", "/v1/services/" + service["id"], {"port": 1}).status_code == 400  # no instanceName


def test_plan_limit_is_worded_as_the_api_does(api):
    cluster_id = api.cluster()
    api.control("POST", "/config", {"dployr_service_limit": 1})
    assert api.deploy(cluster_id, name="one").status_code == 202
    second = api.deploy(cluster_id, name="two")
    assert second.status_code == 400
    assert second.json()["error"]["message"] == "Service limit reached for hobby plan (1 service max)"


def test_service_names_are_global(api):
    assert api.deploy(api.cluster(), name="taken").status_code == 202
    other = Base(api.base, token=OTHER_TOKEN)
    assert other.deploy(other.cluster("other"), name="taken").status_code == 409


def test_a_disconnected_node_answers_503(api):
    cluster_id = api.cluster()
    task_id = api.deploy(cluster_id).json()["data"]["taskId"]
    api.wait_deployment(cluster_id, task_id)
    service_id = api.get("/v1/services", params={"clusterId": cluster_id}).json()["data"]["items"][0]["id"]
    api.control("POST", "/config", {"dployr_node_connected": 0})
    stopped = api.post("/v1/services/%s/stop" % service_id)
    assert stopped.status_code == 503
    assert stopped.json()["error"] == {"message": "No node connected to this cluster",
                                       "code": "runtime.node_not_connected"}
    api.control("POST", "/config", {"dployr_build_node_connected": 0})
    remote = api.deploy(cluster_id, name="repo", source="remote", remote={"url": "https://g/x.git", "branch": "main"})
    assert remote.status_code == 503


def test_a_failed_deployment_carries_its_logs(api):
    cluster_id = api.cluster()
    api.control("POST", "/faults", {"action_failures": [{"platform": "dployr", "resource_type": "deployment",
                                                          "step": 2, "reason": "container exited with code 1"}]})
    task_id = api.deploy(cluster_id).json()["data"]["taskId"]
    record = api.wait_deployment(cluster_id, task_id)
    assert record["status"] == "failed" and "container exited with code 1" in record["logs"]


def test_services_sleep_and_wake(api, base_spec):
    cluster_id = api.cluster()
    api.wait_deployment(cluster_id, api.deploy(cluster_id, domain="api.example.com").json()["data"]["taskId"])
    service_id = api.get("/v1/services", params={"clusterId": cluster_id}).json()["data"]["items"][0]["id"]
    stopped = api.post("/v1/services/%s/stop" % service_id)
    matches_schema(base_spec, "POST", "/v1/services/x/stop", stopped)
    time.sleep(0.4)
    assert api.get("/v1/services/" + service_id).json()["data"]["service"]["icedAt"] is not None
    api.post("/v1/services/%s/start" % service_id)
    time.sleep(0.4)
    assert api.get("/v1/services/" + service_id).json()["data"]["service"]["icedAt"] is None
    api.post("/v1/services/%s/stop" % service_id)
    time.sleep(0.4)
    requests.get(api.root + "/v1/status", params={"domain": "api.example.com"}, timeout=10)  # a visit wakes it
    assert api.get("/v1/services/" + service_id).json()["data"]["service"]["icedAt"] is None


def test_envs_and_masked_secrets(api):
    cluster_id = api.cluster()
    api.deploy(cluster_id, env_vars={"A": "1"}, secrets={"TOKEN": "hunter2"})
    service_id = api.get("/v1/services", params={"clusterId": cluster_id}).json()["data"]["items"][0]["id"]
    assert api.get("/v1/services/%s/envs" % service_id).json()["data"]["envs"] == {"A": "1"}
    secrets = api.get("/v1/services/%s/secrets" % service_id)
    assert secrets.json()["data"]["secrets"] == {"TOKEN": "***"} and "hunter2" not in secrets.text


def test_rate_limit_headers_and_429(api):
    response = api.get("/v1/clusters")
    assert response.headers["X-RateLimit-Limit"] == "100"
    assert int(response.headers["X-RateLimit-Remaining"]) == 99
    assert int(response.headers["X-RateLimit-Reset"]) >= time.time()
    api.control("POST", "/config", {"dployr_rate_limit": 2, "dployr_rate_window_seconds": 1})
    time.sleep(1.1)  # a new window
    codes = [api.get("/v1/clusters") for _ in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert codes[1].headers["X-RateLimit-Remaining"] == "0"
    assert codes[2].json()["error"]["code"] == "request.too_many_requests" and codes[2].headers["Retry-After"]
    time.sleep(1.1)
    assert api.get("/v1/clusters").status_code == 200


def test_paging(api):
    api.control("POST", "/seed", {"platform": "dployr", "services": 3})
    cluster_id = api.cluster()
    page = api.get("/v1/services", params={"clusterId": cluster_id, "pageSize": 2}).json()["data"]
    assert len(page["items"]) == 2 and page["pagination"]["hasNextPage"] is True
    last = api.get("/v1/services", params={"clusterId": cluster_id, "pageSize": 2, "page": 2}).json()["data"]
    assert len(last["items"]) == 1 and last["pagination"]["hasNextPage"] is False


def test_instances_domains_and_notifications(api, base_spec):
    cluster_id = api.cluster()
    created = api.post("/v1/instances", {"clusterId": cluster_id, "address": "10.0.0.9", "tag": "web-9"})
    assert created.status_code == 201 and created.json()["data"]["token"]
    instance = created.json()["data"]["instance"]
    assert api.post("/v1/instances", {"clusterId": cluster_id, "address": "10.0.0.9", "tag": "web-10"}).status_code == 409
    assert api.post("/v1/instances", {"clusterId": cluster_id, "address": "fe80::1", "tag": "web-11"}).status_code == 400
    listed = api.get("/v1/instances", params={"clusterId": cluster_id})
    matches_schema(base_spec, "GET", "/v1/instances", listed)
    assert "clusterName" in listed.json()["data"]["items"][0]
    domain = api.post("/v1/domains", {"domain": "app.example.com", "clusterId": cluster_id},
                      params={"instanceId": instance["id"]})
    matches_schema(base_spec, "POST", "/v1/domains", domain)
    assert domain.json()["data"]["record"]["value"] == "10.0.0.9"
    assert api.post("/v1/domains/app.example.com/verify").status_code == 204
    assert api.get("/v1/domains/app.example.com").json()["data"]["status"] == "active"
    hook = api.post("/v1/notifications/slack/setup", {"webhookUrl": "https://hooks.slack.com/x", "enabled": True,
                                                      "events": ["instance.created"]}, params={"clusterId": cluster_id})
    matches_schema(base_spec, "POST", "/v1/notifications/slack/setup", hook)
    integrations = api.get("/v1/clusters/%s/integrations" % cluster_id)
    matches_schema(base_spec, "GET", "/v1/clusters/x/integrations", integrations)
    assert integrations.json()["data"]["notification"]["slack"]["events"] == ["instance.created"]
    deleted = api.req("DELETE", "/v1/instances/" + instance["id"])
    assert deleted.json()["data"] == {"deleted": True, "instance": "web-9"}


def test_logs_and_the_501_without_a_log_backend(api):
    cluster_id = api.cluster()
    api.wait_deployment(cluster_id, api.deploy(cluster_id).json()["data"]["taskId"])
    lines = api.get("/v1/services/api/logs", params={"source": "runtime"}).json()
    assert lines and all(line["source"] == "runtime" for line in lines)
    api.control("POST", "/config", {"dployr_logs_backend": 0})
    missing = api.get("/v1/services/api/logs")
    assert missing.status_code == 501 and missing.json()["error"]["code"] == "LOGS_NOT_AVAILABLE"


def test_routes_matched_against_the_document_have_response_schemas(api, base_spec):
    cluster_id = api.cluster()
    api.wait_deployment(cluster_id, api.deploy(cluster_id).json()["data"]["taskId"])
    service_id = api.get("/v1/services", params={"clusterId": cluster_id}).json()["data"]["items"][0]["id"]
    for path, params in (("/v1/clusters", None), ("/v1/users/me", None), ("/v1/services", {"clusterId": cluster_id}),
                         ("/v1/deployments", {"clusterId": cluster_id}), ("/v1/services/" + service_id, None),
                         ("/v1/services/%s/envs" % service_id, None), ("/v1/services/%s/secrets" % service_id, None),
                         ("/v1/domains", {"clusterId": cluster_id})):
        matches_schema(base_spec, "GET", path, api.get(path, params=params))


def test_the_differences_with_the_document_are_listed(base_spec):
    declared = {(route.method, route.path) for route in DECLARED_ROUTES}
    listed = {entry[0] for entry in DIFFERENCES}
    for method, path in declared:
        assert "%s %s" % (method, path) in listed
    with pytest.raises(LookupError):
        base_spec.match("GET", "/v1/services/x/logs")  # not in the document: declared in code


def test_seed_needs_the_platform_and_knows_its_options(api):
    made = api.control("POST", "/seed", {"platform": "dployr", "services": 2, "instances": 3})
    assert len(made["services"]) == 2 and len(made["instances"]) == 3
    response = requests.post(api.base + "/_sandbox/seed", json={"platform": "dployr", "projects": 1}, timeout=10)
    assert response.status_code == 422
