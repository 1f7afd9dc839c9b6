"""GET answers are rendered once per state (``Platform.cache_reads``): an equal GET gets the answer kept,
until a write, a seed, a reset or the end of a job may have changed what it shows."""

import time

import pytest

from .conftest import mk_env, mk_project, mk_server, wait_action


@pytest.fixture
def renders(server, monkeypatch):
    """How many times the handler of ``GET /projects`` ran."""
    platform = server.sandbox.platform("devopness")
    calls = []
    handler = platform.handlers["listProjects"]

    def counting(*args):
        calls.append(args[0].path)
        return handler(*args)

    monkeypatch.setitem(platform.handlers, "listProjects", counting)
    return calls


def names(c, **params):
    return [project["name"] for project in c.get("/projects", params=params).json()]


def test_an_equal_read_is_answered_without_rendering_it_again(c, renders):
    mk_project(c, "a")
    assert names(c) == ["a"] and names(c) == ["a"]
    assert len(renders) == 1
    assert names(c, per_page=1) == ["a"]  # another query is another answer
    assert len(renders) == 2
    assert c.get("/projects", headers={"Authorization": "Bearer wrong"}).status_code == 401  # still checked


def test_a_write_is_seen_by_the_next_read(c):
    project = mk_project(c, "before")
    assert names(c) == ["before"]
    assert c.put("/projects/%d" % project["id"], {"id": project["id"], "name": "after"}).status_code == 204
    assert names(c) == ["after"]
    mk_project(c, "second")
    assert names(c) == ["after", "second"]
    assert c.delete("/projects/%d" % project["id"]).status_code in (200, 204)
    assert names(c) == ["second"]


def test_a_seed_and_a_reset_are_seen_by_the_next_read(c):
    mk_project(c, "mine")
    assert names(c) == ["mine"]
    assert c.control("POST", "/seed", {"projects": 1, "environments": 1, "servers": 1, "name_prefix": "s"}).status_code == 201
    assert names(c) == ["mine", "s-project-1"]
    c.control("POST", "/reset")
    assert names(c) == []


def test_a_read_while_a_job_runs_is_not_kept(c):
    # A server's variables do not show its last action, but its virtual variable is "updated" when the
    # server is, which its provisioning does when it ends.
    c.control("POST", "/config", {"action_seconds": 0.3, "provision_seconds": 0.3})
    created = mk_server(c, mk_env(c, mk_project(c)["id"])["id"])
    path = "/variables/server/%d" % created.json()["id"]
    while_provisioning = c.get(path).json()[0]["updated_at"]
    wait_action(c, created.headers["X-Devopness-Action-Id"])
    assert c.get(path).json()[0]["updated_at"] != while_provisioning


def test_an_answer_that_reads_the_clock_is_not_kept(c):
    c.control("POST", "/config", {"action_seconds": 0.1, "provision_seconds": 0.1})
    environment = mk_env(c, mk_project(c)["id"])
    action = wait_action(c, mk_server(c, environment["id"]).headers["X-Devopness-Action-Id"])
    first = c.get("/actions/%d" % action["id"]).json()["targets"][0]["updated_at"]
    time.sleep(0.01)
    assert c.get("/actions/%d" % action["id"]).json()["targets"][0]["updated_at"] != first
