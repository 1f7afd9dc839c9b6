"""``GET /_sandbox/state``: what each platform holds, without what differs between two runs that
did the same work (timestamps, random tokens, action history), for comparing end states."""

from __future__ import annotations

from sandbox import registry
from sandbox.platform import snapshot_records

from .conftest import mk_env, mk_project, mk_server


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
