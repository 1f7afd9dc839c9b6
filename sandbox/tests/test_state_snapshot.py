"""``GET /_sandbox/state``: what each platform holds, without what differs between two runs that
did the same work (timestamps, random tokens, action history), for comparing end states."""

from __future__ import annotations

import requests

from sandbox import registry
from sandbox.dployr import TOKEN as DPLOYR_TOKEN
from sandbox.platform import relabelled_records, snapshot_records

from .conftest import mk_env, mk_project, mk_server
from .deployhq_client import DeployHQClient


def state(c, **query):
    r = c.s.get(c.base + "/_sandbox/state", params=query, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def test_state_lists_the_records_of_every_simulated_platform(c):
    pid = mk_project(c, "shop")["id"]
    eid = mk_env(c, pid, "production")["id"]
    mk_server(c, eid, "web-1", ip_address="10.0.0.1", ssh_port=22,
              provision_input={"cloud_service_code": "self-hosted-custom", "settings": {"os_version_code": "ubuntu_24_04"}})
    snapshot = state(c)
    assert set(snapshot) == {platform.name for platform in registry.PLATFORMS}
    resources = snapshot["devopness"]["resources"]
    assert [p["name"] for p in resources["project"]] == ["shop"]
    assert [(e["name"], e["project_id"]) for e in resources["environment"]] == [("production", pid)]
    server = resources["server"][0]
    assert server["hostname"] == "web-1"
    assert not {"created", "updated", "activation_token"} & set(server)
    assert "action" not in resources
    assert snapshot["devopness"]["history"]["actions"] >= 1  # the provisioning


def test_two_runs_of_the_same_work_give_equal_snapshots(c):
    def work():
        eid = mk_env(c, mk_project(c, "shop")["id"], "production")["id"]
        mk_server(c, eid, "web-1", ip_address="10.0.0.1", ssh_port=22,
                  provision_input={"cloud_service_code": "self-hosted-custom", "settings": {"os_version_code": "ubuntu_24_04"}})
        return state(c, platform="devopness")

    first = work()
    c.control("POST", "/reset")
    second = work()
    assert first == second
    c.control("POST", "/reset")
    mk_project(c, "shop")
    mk_project(c, "shop")
    assert state(c, platform="devopness") != first


def test_secrets_true_keeps_the_random_secrets(c):
    eid = mk_env(c, mk_project(c, "shop")["id"], "production")["id"]
    mk_server(c, eid, "web-1")
    server = state(c, platform="devopness", secrets="true")["devopness"]["resources"]["server"][0]
    assert len(server["activation_token"]) == 32 and "created" not in server


def test_an_unknown_platform_is_named(c):
    r = c.s.get(c.base + "/_sandbox/state", params={"platform": "nope"}, timeout=10)
    assert r.status_code == 404
    assert '"nope"' in r.json()["message"] and "devopness" in r.json()["message"]


def test_snapshot_records_orders_by_id_and_drops_volatile_values():
    tables = {"thing": {2: {"id": 2, "name": "b", "created": 5.0, "seen_at": "x", "tags": {"z", "a"}},
                        1: {"id": 1, "name": "a", "updated": 6.0, "pair": (1, 2)}},
              "history": {1: {"id": 1}}}
    assert snapshot_records(tables, skip=("history",)) == {
        "thing": [{"id": 1, "name": "a", "pair": [1, 2]}, {"id": 2, "name": "b", "tags": ["a", "z"]}]}


def test_relabelled_records_name_random_ids_and_show_duplicates_as_one_label_twice():
    tables = {"project": {"u-1": {"identifier": "u-1", "name": "shop", "public_key": "ssh-rsa random"}},
              "server": {"u-2": {"identifier": "u-2", "name": "web", "project_id": "u-1", "groups": ["u-1"]},
                         "u-3": {"identifier": "u-3", "name": "web", "project_id": "u-1", "created_at": "x"}},
              "excluded_file": {7: {"identifier": 7, "project_id": "u-1"}}}
    assert relabelled_records(tables, id_key="identifier", drop=("public_key",)) == {
        "project": [{"id": "project:shop", "name": "shop"}],
        "server": [{"groups": ["project:shop"], "id": "server:web", "name": "web", "project_id": "project:shop"},
                   {"id": "server:web", "name": "web", "project_id": "project:shop"}],
        "excluded_file": [{"id": "excluded_file:#1", "project_id": "project:shop"}]}


def deployhq_work(base):
    client = DeployHQClient(base)
    project = client.project("Shop")
    client.server(project, "web-1")
    deployment = client.deploy(project, client.server(project, "web-2")).json()
    client.wait_deployment(project, deployment["identifier"])
    return client


def test_deployhq_two_runs_of_the_same_work_give_equal_snapshots_and_a_duplicate_shows(c):
    client = deployhq_work(c.base)
    first = state(c, platform="deployhq")["deployhq"]
    c.control("POST", "/reset")
    deployhq_work(c.base)
    assert state(c, platform="deployhq")["deployhq"] == first
    servers = first["resources"]["server"]
    assert [(s["id"], s["project_id"]) for s in servers] == [("server:web-1", "project:Shop"),
                                                              ("server:web-2", "project:Shop")]
    assert [d["parent_identifier"] for d in first["resources"]["deployment"]] == ["server:web-2"]
    project = {"permalink": "shop"}
    client.deploy(project, client.get("/projects/shop/servers").json()[1])
    deployments = state(c, platform="deployhq")["deployhq"]["resources"]["deployment"]
    assert [d["parent_identifier"] for d in deployments] == ["server:web-2", "server:web-2"]


def test_dployr_two_runs_of_the_same_work_give_equal_snapshots(c):
    def work():
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + DPLOYR_TOKEN
        root = c.base + "/dployr"
        cluster = next(x for x in session.get(root + "/v1/clusters", timeout=10).json()["data"]["clusters"]
                       if x["name"] == "sandbox")["id"]
        r = session.post(root + "/v1/deployments", params={"clusterId": cluster}, timeout=10,
                         json=dict(name="api", type="web", source="image", image="nginx:1.27", port=80))
        assert r.status_code == 202, r.text
        return state(c, platform="dployr")["dployr"]

    first = work()
    c.control("POST", "/reset")
    assert work() == first
    service = first["resources"]["service"][0]
    assert service["id"] == "service:api" and service["clusterId"] == "cluster:sandbox"
    assert service["deploymentId"] == "deployment:api"
    assert "job" not in first["resources"]["deployment"][0]


def test_deploybot_lists_deployments_and_only_the_deploy_secret_with_secrets_true(c):
    session = requests.Session()
    session.headers["X-Api-Token"] = "sandbox-token"
    r = session.post(c.base + "/deploybot/api/v1/deployments", json={"environment_id": 1}, timeout=10)
    assert r.status_code == 200, r.text
    resources = state(c, platform="deploybot")["deploybot"]["resources"]
    assert [(d["id"], d["environment_id"]) for d in resources["deployment"]] == [(1, 1)]
    assert not any("secret" in record for rows in resources.values() for record in rows)
    secret = state(c, platform="deploybot", secrets="true")["deploybot"]["resources"]
    assert all(len(e["secret"]) == 20 for e in secret["environment"])
    assert not any("secret" in r for r in secret["repository"])
