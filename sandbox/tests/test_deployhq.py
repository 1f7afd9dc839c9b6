"""The DeployHQ simulator: Basic auth, root-key bodies validated against the vendor document plus
the per-protocol fields of the notes, the three error shapes, write-only secrets, integer
environment-variable ids, deployments that progress and fail, the one paged list, the commit and
settings control calls, and the seed."""

from __future__ import annotations

import time

import pytest
import requests

from .deployhq_client import USER, DeployHQClient


@pytest.fixture
def dhq(base):
    client = DeployHQClient(base)
    assert client.control("POST", "/reset").status_code == 200
    client.control("POST", "/config", {"action_seconds": 0.3, "provision_seconds": 0.2})
    return client


# -- auth and the error shapes -------------------------------------------------------------------

def test_basic_auth_with_email_and_api_key(dhq):
    assert dhq.get("/projects").status_code == 200
    for auth in ((USER, "wrong"), ("other@example.com", "sandbox-token")):
        r = dhq.s.get(dhq.root + "/projects", auth=auth)
        assert r.status_code == 401
        body = r.json()
        assert body["status"] == 401 and "API key" in body["error"] and body["hint"]
    r = requests.get(dhq.root + "/projects", headers={"Authorization": "Bearer sandbox-token"}, timeout=10)
    assert r.status_code == 401


def test_api_access_restricted_toggle_answers_403_with_code_and_hint(dhq):
    assert dhq.control("POST", "/deployhq/settings", {"api_access_restricted": True}).json() == {
        "api_access_restricted": True}
    r = dhq.get("/projects")
    assert r.status_code == 403
    assert r.json()["error_code"] == "api_access_restricted" and "plan" in r.json()["hint"]
    assert dhq.control("POST", "/deployhq/settings", {"api_access_restricted": "yes"}).status_code == 422
    dhq.control("POST", "/reset")
    assert dhq.get("/projects").status_code == 200


def test_not_found_shapes(dhq):
    r = dhq.get("/projects/nope")
    assert r.status_code == 404 and r.json()["error_code"] == "record_not_found"
    r = dhq.get("/nowhere")
    assert r.status_code == 404 and r.json()["error_code"] == "invalid_api_method"
    r = dhq.s.post(dhq.root + "/projects", data="{nope", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error_code"] == "invalid_json"


def test_field_keyed_422_for_servers_and_unknown_keys(dhq):
    project = dhq.project()
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "web", "protocol_type": "ssh", "colour": "red"},
                                               "size": "xl"})
    assert r.status_code == 422
    assert r.json() == {"size": ["is only for managed_vps servers"], "server.colour": []} or r.json() == {
        "colour": ["is not a permitted parameter"]}
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "web", "protocol_type": "ssh", "bucket_name": "b"}})
    assert r.status_code == 422
    assert r.json() == {"bucket_name": ["is not a field of the ssh protocol"], "hostname": ["can't be blank"],
                        "username": ["can't be blank"]}
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "web", "protocol_type": "teleport"}})
    assert r.status_code == 422 and r.json() == {"protocol_type": ["is not included in the list"]}
    server = dhq.server(project)
    r = dhq.put("/projects/my-site/servers/%s" % server["identifier"], {"server": {"name": "web-2"}})
    assert r.status_code == 422 and r.json() == {"protocol_type": ["can't be blank"]}
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "web-1", "protocol_type": "ftp",
                                                          "hostname": "h", "username": "u", "password": "p"}})
    assert r.status_code == 422 and r.json() == {"name": ["has already been taken"]}


def test_errors_list_and_error_and_status_shapes(dhq):
    project = dhq.project()
    r = dhq.post("/projects/my-site/environment_variables", {"environment_variable": {"name": "9LIVES", "value": "x"}})
    assert r.status_code == 422 and r.json() == {"errors": ["Name is invalid"]}
    r = dhq.post("/projects/my-site/build_commands", {"build_command": {"description": "no command"}})
    assert r.status_code == 422 and r.json()["status"] == 422 and "Command" in r.json()["error"]
    server = dhq.server(project)
    deployment = dhq.deploy(project, server).json()
    r = dhq.post("/projects/my-site/deployments/%s/rollback" % deployment["identifier"])
    assert r.status_code == 422 and set(r.json()) == {"error"}


# -- servers -----------------------------------------------------------------------------------------

def test_server_secrets_are_write_only_and_protocol_fields_returned(dhq):
    project = dhq.project()
    server = dhq.server(project, password="hunter2", port=2222)
    assert server["hostname"] == "web-1.example.com" and server["port"] == 2222 and "password" not in server
    r = dhq.post("/projects/my-site/servers", {"server": {
        "name": "assets", "protocol_type": "s3", "bucket_name": "b", "access_key_id": "AKIA", "secret_access_key": "S"}})
    assert r.status_code == 200 and r.json()["bucket_name"] == "b" and "secret_access_key" not in r.json()
    listed = dhq.get("/projects/my-site/servers").text
    assert "hunter2" not in listed and '"S"' not in listed
    r = dhq.put("/projects/my-site/servers/%s" % server["identifier"],
                {"server": {"protocol_type": "ssh", "port": 22, "password": "new"}})
    assert r.status_code == 200 and r.json()["port"] == 22


def test_managed_server_is_provisioned_until_active(dhq):
    dhq.project()
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "vps", "protocol_type": "managed_vps"},
                                               "region": "lon1", "size": "s-1vcpu-1gb", "os_image": "ubuntu-24-04-x64"})
    assert r.status_code == 200 and r.json()["managed_vps"]["status"] == "provisioning"
    identifier = r.json()["identifier"]
    deadline = time.time() + 10
    while dhq.get("/projects/my-site/servers/%s" % identifier).json()["managed_vps"]["status"] != "active":
        assert time.time() < deadline
        time.sleep(0.05)
    r = dhq.post("/projects/my-site/servers", {"server": {"name": "ssh2", "protocol_type": "ssh", "hostname": "h",
                                                          "username": "u"}, "region": "lon1"})
    assert r.status_code == 422 and "region" in r.json()


def test_server_groups_and_auto_deployments(dhq):
    project = dhq.project()
    group = dhq.post("/projects/my-site/server_groups", {"server_group": {"name": "web"}}).json()
    server = dhq.server(project, server_group_identifier=group["identifier"])
    assert [s["identifier"] for s in dhq.get("/projects/my-site/server_groups").json()[0]["servers"]] == [
        server["identifier"]]
    r = dhq.post("/projects/my-site/auto_deployments", {"deployables": {group["identifier"]: True, "nope": True}})
    assert r.status_code == 200
    flags = {d["identifier"]: d["auto_deploy"] for d in dhq.get("/projects/my-site/auto_deployments").json()[
        "deployables"]}
    assert flags == {group["identifier"]: True, server["identifier"]: False}


# -- environment variables, config files, commands -----------------------------------------------------------

def test_environment_variables_have_integer_ids_and_hidden_values(dhq):
    dhq.project()
    r = dhq.post("/projects/my-site/environment_variables", {"environment_variable": {
        "name": "API_TOKEN", "value": "s3cret", "locked": True}})
    assert r.status_code == 201 and isinstance(r.json()["identifier"], int) and "value" not in r.json()
    identifier = r.json()["identifier"]
    assert "s3cret" not in dhq.get("/projects/my-site/environment_variables").text
    r = dhq.put("/projects/my-site/environment_variables/%d" % identifier,
                {"environment_variable": {"locked": False}})
    assert r.status_code == 422 and r.json() == {"errors": ["Locked variables cannot be unlocked"]}
    assert dhq.delete("/projects/my-site/environment_variables/%d" % identifier).status_code == 204
    r = dhq.post("/global_environment_variables", {"environment_variable": {"name": "GLOBAL", "value": "v",
                                                                            "build_pipeline": False}})
    assert r.status_code == 201 and r.json()["build_pipeline"] is False


def test_config_files_and_commands_take_server_identifiers(dhq):
    project = dhq.project()
    server = dhq.server(project)
    r = dhq.post("/projects/my-site/config_files", {"config_file": {
        "path": "config/db.yml", "body": "x: 1", "server_identifiers": [server["identifier"]]}})
    assert r.status_code == 200 and [s["identifier"] for s in r.json()["servers"]] == [server["identifier"]]
    r = dhq.post("/projects/my-site/ssh_commands", {"command": {"command": "touch x", "cback": "after_changes",
                                                                "all_servers": True, "timeout": 999}})
    assert r.status_code == 422 and r.json() == {"timeout": ["is not included in the list"]}
    r = dhq.post("/projects/my-site/commands", {"command": {"command": "touch x", "all_servers": True}})
    assert r.status_code == 200 and len(r.json()["servers"]) == 1
    assert [c["command"] for c in dhq.get("/projects/my-site/ssh_commands").json()] == ["touch x"]
    r = dhq.put("/projects/my-site/integrations/x", {"integration": {"hook_type": "slack"}})
    assert r.status_code == 422  # hook_type cannot be changed


# -- repository and deployments -------------------------------------------------------------------------------

def test_commit_control_call_advances_the_latest_revision(dhq):
    project = dhq.project()
    first = dhq.latest(project)
    r = dhq.control("POST", "/deployhq/commit", {"project": "my-site", "branch": "main"})
    assert r.status_code == 201 and r.json()["ref"] != first
    assert dhq.latest(project) == r.json()["ref"] == dhq.get("/projects/my-site/repository/branches").json()["main"]
    dhq.control("POST", "/deployhq/commit", {"project": project["identifier"], "branch": "feature"})
    assert set(dhq.get("/projects/my-site/repository/branches").json()) == {"main", "feature"}
    assert dhq.control("POST", "/deployhq/commit", {"project": "nope"}).status_code == 404


def test_deployment_progresses_and_sets_the_last_revision(dhq):
    project = dhq.project()
    server = dhq.server(project)
    r = dhq.deploy(project, server, copy_config_files=True, notification_addresses="ops@example.com")
    assert r.status_code == 201 and r.json()["status"] == "pending"
    seen = {r.json()["status"]}
    deadline = time.time() + 10
    while True:
        deployment = dhq.get("/projects/my-site/deployments/%s" % r.json()["identifier"]).json()
        seen.add(deployment["status"])
        if deployment["status"] == "completed" or time.time() > deadline:
            break
        time.sleep(0.02)
    assert {"pending", "running", "completed"} <= seen
    assert [step["status"] for step in deployment["steps"]] == ["completed"] * 5
    assert dhq.get("/projects/my-site/servers/%s" % server["identifier"]).json()["last_revision"] == dhq.latest(project)
    logs = dhq.get("/projects/my-site/deployments/%s/steps/%s/logs" % (
        deployment["identifier"], deployment["steps"][2]["identifier"])).json()
    assert logs and all(set(line) >= {"id", "step", "message"} for line in logs)


def test_start_revision_must_be_a_deployed_revision(dhq):
    project = dhq.project()
    server = dhq.server(project)
    r = dhq.deploy(project, server, start="0" * 40)
    assert r.status_code == 422 and r.json() == {"parent": ["must exist"]}
    done = dhq.wait_deployment(project, dhq.deploy(project, server).json()["identifier"])
    new = dhq.control("POST", "/deployhq/commit", {"project": "my-site"}).json()["ref"]
    r = dhq.deploy(project, server, start=done["end_revision"]["ref"], end=new)
    assert r.status_code == 201


def test_failed_deployment_through_faults_and_its_log(dhq):
    project = dhq.project()
    server = dhq.server(project)
    dhq.control("POST", "/faults", {"action_failures": [{"platform": "deployhq", "resource_type": "deployment",
                                                         "operation": "deploy", "step": 3,
                                                         "reason": "npm ci exited with code 1"}]})
    deployment = dhq.wait_deployment(project, dhq.deploy(project, server).json()["identifier"])
    assert deployment["status"] == "failed"
    assert [s["status"] for s in deployment["steps"]] == ["completed", "completed", "failed", "skipped", "skipped"]
    logs = dhq.get("/projects/my-site/deployments/%s/steps/%s/logs" % (
        deployment["identifier"], deployment["steps"][2]["identifier"])).json()
    assert any("npm ci exited with code 1" in line["message"] for line in logs)
    assert dhq.get("/projects/my-site/servers/%s" % server["identifier"]).json()["last_revision"] is None
    retried = dhq.post("/projects/my-site/deployments/%s/retry" % deployment["identifier"])
    assert retried.status_code == 200 and dhq.wait_deployment(project, retried.json()["identifier"])[
        "status"] == "completed"


def test_abort_cancels_a_running_deployment(dhq):
    dhq.control("POST", "/config", {"action_seconds": 5})
    project = dhq.project()
    server = dhq.server(project)
    deployment = dhq.deploy(project, server).json()
    assert dhq.get("/projects/my-site/deployments", params={"currently_running": "1"}).json()[
        "pagination"]["total_records"] == 1
    r = dhq.delete("/projects/my-site/servers/%s" % server["identifier"])
    assert r.status_code == 422 and list(r.json()) == ["base"]
    r = dhq.post("/projects/my-site/deployments/%s/abort" % deployment["identifier"])
    assert r.status_code == 200 and r.json() == {"status": "cancelled"}
    assert dhq.get("/projects/my-site/deployments/%s" % deployment["identifier"]).json()["status"] == "cancelled"
    assert dhq.get("/projects/my-site/servers/%s" % server["identifier"]).json()["last_revision"] is None


def test_preview_answers_only_status_and_identifier_and_is_not_listed(dhq):
    project = dhq.project()
    server = dhq.server(project)
    r = dhq.deploy(project, server, mode="preview")
    assert r.status_code == 201 and set(r.json()) == {"status", "identifier"} and r.json()["status"] == "preview_pending"
    assert dhq.wait_deployment(project, r.json()["identifier"])["status"] == "preview_ready"
    assert dhq.get("/projects/my-site/deployments").json()["records"] == []


def test_deployments_are_the_one_paged_list(dhq):
    dhq.control("POST", "/config", {"action_seconds": 0.01})
    project = dhq.project()
    server = dhq.server(project)
    other = dhq.server(project, "web-2")
    for _ in range(12):
        time.sleep(0.02)
        assert dhq.deploy(project, server, start="").status_code == 201
    dhq.deploy(project, other)
    page = dhq.get("/projects/my-site/deployments", params={"page": 2}).json()
    assert page["pagination"] == {"current_page": 2, "total_pages": 2, "offset": 10, "total_records": 13}
    assert len(page["records"]) == 3
    assert dhq.get("/projects/my-site/deployments", params={"to": other["identifier"]}).json()[
        "pagination"]["total_records"] == 1


def test_rollback_redeploys_an_earlier_revision(dhq):
    project = dhq.project()
    server = dhq.server(project)
    first = dhq.wait_deployment(project, dhq.deploy(project, server).json()["identifier"])
    new = dhq.control("POST", "/deployhq/commit", {"project": "my-site"}).json()["ref"]
    dhq.wait_deployment(project, dhq.deploy(project, server, start=first["end_revision"]["ref"], end=new).json()[
        "identifier"])
    r = dhq.post("/projects/my-site/deployments/%s/rollback" % first["identifier"])
    assert r.status_code == 200 and r.json()["end_revision"]["ref"] == first["end_revision"]["ref"]
    assert r.json()["start_revision"]["ref"] == new


def test_scheduled_deployments_need_their_frequency_fields(dhq):
    project = dhq.project()
    server = dhq.server(project)
    r = dhq.post("/projects/my-site/scheduled_deployments", {"scheduled_deployment": {
        "server_identifier": server["identifier"], "frequency": "weekly", "at": "03:00"}})
    assert r.status_code == 422 and r.json() == {"errors": ["Weekday can't be blank for a weekly schedule"]}
    r = dhq.post("/projects/my-site/scheduled_deployments", {"scheduled_deployment": {
        "server_identifier": server["identifier"], "frequency": "daily", "at": "03:00"}})
    assert r.status_code == 201 and r.json()["server"]["identifier"] == server["identifier"]


# -- seed -----------------------------------------------------------------------------------------------

def test_seed_creates_projects_with_servers_and_rejects_unknown_keys(dhq):
    r = dhq.control("POST", "/seed", {"platform": "deployhq", "projects": 3, "servers": 4})
    assert r.status_code == 201 and r.json() == {"projects": 3, "servers": 4 * 3}
    projects = dhq.get("/projects").json()
    assert len(projects) == 3
    assert len(dhq.get("/projects/%s/servers" % projects[0]["permalink"]).json()) == 4
    r = dhq.control("POST", "/seed", {"platform": "deployhq", "projects": 1, "environments": 2})
    assert r.status_code == 422 and list(r.json()["errors"]) == ["environments"]
    r = dhq.control("POST", "/seed", {"platform": "deployhq", "servers": -1})
    assert r.status_code == 422
