import email.utils
import time

from .conftest import mk_app, mk_cred, mk_env, mk_project, mk_server, wait_action, world


def test_health_and_unknown_platform(c):
    assert c.control("GET", "/health").json() == {"status": "ok"}
    r = c.s.get(c.base + "/nowhere/projects")
    assert r.status_code == 404


def test_auth_401(c):
    r = c.get("/projects", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json() == {"message": "Unauthenticated."}
    c.s.headers.pop("Authorization")
    r = c.get("/users/me")
    assert r.status_code == 401 and r.json() == {"message": "Unauthenticated."}


def test_415_and_400(c):
    r = c.get("/projects", headers={"Accept": "text/html"})
    assert r.status_code == 415 and "message" in r.json()
    r = c.s.post(c.root + "/organizations/1/projects", data='{"name": "x"}', headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = c.s.post(c.root + "/organizations/1/projects", data='{"name": ', headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_404_405_and_bad_ids(c):
    assert c.get("/nope/1").status_code == 404
    assert c.put("/projects", {"id": 1}).status_code == 405
    r = c.get("/projects/abc")
    assert r.status_code == 404 and "message" in r.json()
    assert c.get("/projects/0").status_code == 404
    r = c.get("/projects/999")
    assert r.status_code == 404 and r.json()["message"].startswith("No query results for model")


def test_org_by_slug_and_projects_crud(c):
    assert c.get("/organizations/sandbox").json()["id"] == 1
    p = mk_project(c, "alpha")
    mk_project(c, "alpha")  # duplicates allowed
    assert [x["name"] for x in c.get("/projects").json()] == ["alpha", "alpha"]
    r = c.put("/projects/%d" % p["id"], {"name": "beta"})
    assert r.status_code == 422 and "id" in r.json()["errors"]
    r = c.put("/projects/%d" % p["id"], {"id": p["id"], "name": "beta"})
    assert r.status_code == 204 and r.content == b""
    assert c.get("/projects/%d" % p["id"]).json()["name"] == "beta"
    assert c.delete("/projects/%d" % p["id"]).status_code == 204
    assert c.get("/projects/%d" % p["id"]).status_code == 404


def _links(r):
    out = {}
    for part in r.headers["Link"].split(","):
        url, rel = part.split(";")
        out[rel.strip().split("=")[1].strip('"')] = url.strip()[1:-1]
    return out


def test_paging_and_link_header(c):
    for i in range(7):
        mk_project(c, "p%d" % i)
    r = c.get("/projects", params={"per_page": 3, "owner": "sandbox"})
    assert [x["name"] for x in r.json()] == ["p0", "p1", "p2"]
    links = _links(r)
    assert set(links) == {"first", "next", "last"}
    assert links["last"].startswith("http://127.0.0.1:") and "page=3" in links["last"]
    assert "per_page=3" in links["next"] and "owner=sandbox" in links["next"] and "page=2" in links["next"]
    r = c.get("/projects", params={"per_page": 3, "page": 2})
    assert set(_links(r)) == {"first", "prev", "next", "last"}
    r = c.get("/projects", params={"per_page": 3, "page": 3})
    assert [x["name"] for x in r.json()] == ["p6"] and set(_links(r)) == {"first", "prev", "last"}
    assert c.get("/projects").headers["Link"].count("rel=") == 2  # default per_page 20: first+last
    for bad in ({"per_page": 0}, {"per_page": 101}, {"page": 0}, {"per_page": "x"}):
        r = c.get("/projects", params=bad)
        assert r.status_code == 422, bad
        assert list(r.json()["errors"]) == [list(bad)[0]]


def test_422_from_spec(c):
    p = mk_project(c)
    r = c.post("/projects/%d/environments" % p["id"], {"type": "qa", "name": "x" * 61})
    assert r.status_code == 422
    errs = r.json()["errors"]
    assert errs["type"] == ["The type must be one of: development, production, staging."]
    assert errs["name"] == ["The name may not be greater than 60 characters."]
    assert r.json()["message"] in (errs["type"][0], errs["name"][0])
    r = c.post("/projects/%d/environments" % p["id"], {"type": "staging"})
    assert r.json() == {"message": "The name field is required.",
                        "errors": {"name": ["The name field is required."]}}
    e = mk_env(c, p["id"])
    r = c.post("/environments/%d/servers" % e["id"], {"hostname": "h", "provision_input": {}})
    assert r.status_code == 422
    assert "provision_input.cloud_service_code" in r.json()["errors"]


def test_business_rules(c):
    p, e, gh, s = world(c)
    eid = e["id"]
    r = c.post("/environments/%d/servers" % eid, {"hostname": "x", "provision_input": {"cloud_service_code": "aws-ec2", "settings": {"instance_type": "t3", "region": "r", "storage_size": 20, "os_version_code": "ubuntu_22_04"}}})
    assert r.status_code == 422 and "credential_id" in r.json()["errors"]
    r = c.post("/environments/%d/servers" % eid, {"hostname": "x", "provision_input": {"cloud_service_code": "self-hosted-custom", "settings": {"os_version_code": "ubuntu_22_04"}}})
    assert set(r.json()["errors"]) == {"ip_address", "ssh_port"}
    aws = mk_cred(c)
    mk_server(c, eid, "cloud-1", cred=aws["id"])
    r = c.post("/environments/%d/servers" % eid, {"hostname": "x", "credential_id": "9999", "provision_input": {"cloud_service_code": "aws-ec2", "settings": {"instance_type": "t3", "region": "r", "storage_size": 20, "os_version_code": "ubuntu_22_04"}}})
    assert r.status_code == 422 and "credential_id" in r.json()["errors"]
    app = mk_app(c, eid, gh["id"])
    r = c.post("/environments/%d/applications" % eid, {"name": "api", "engine_version": "20", "framework": "express", "programming_language": "nodejs", "repository": "a/b", "credential_id": gh["id"], "default_branch": "main"})
    assert r.status_code == 422 and "name" in r.json()["errors"]
    r = c.put("/applications/%d" % app["id"], {"id": app["id"], "name": "api", "engine_version": "20", "framework": "express", "programming_language": "nodejs", "default_branch": "main", "repository": "a/c"})
    assert r.status_code == 422 and "credential_id" in r.json()["errors"]
    assert c.post("/environments/999/daemons", {"name": "d", "command": "run", "process_count": 1, "working_directory": None, "run_as_user": "u"}).status_code == 404
    body = {"name": "worker", "command": "node worker.js", "process_count": 1, "working_directory": None, "run_as_user": "devopness"}
    assert c.post("/environments/%d/daemons" % eid, body).status_code == 201
    assert "name" in c.post("/environments/%d/daemons" % eid, body).json()["errors"]
    vh = {"type": "name-based", "name": "example.com"}
    vhost = c.post("/environments/%d/virtual-hosts" % eid, vh).json()
    assert "name" in c.post("/environments/%d/virtual-hosts" % eid, vh).json()["errors"]
    r = c.post("/environments/%d/ssl-certificates" % eid, {"virtual_host_id": vhost["id"], "issuer": "custom"})
    assert set(r.json()["errors"]) == {"custom_private_key", "custom_certificate"}
    ssl = {"virtual_host_id": vhost["id"], "issuer": "lets-encrypt"}
    assert c.post("/environments/%d/ssl-certificates" % eid, ssl).status_code == 201
    r = c.post("/environments/%d/ssl-certificates" % eid, ssl)  # one certificate per virtual host
    assert r.status_code == 422 and "already has an SSL certificate" in r.json()["errors"]["virtual_host_id"][0]
    v = {"key": "A", "value": "1", "target": "os-env-var", "type": "variable", "hidden": False}
    assert c.post("/variables/application/%d" % app["id"], v).status_code == 201
    assert "key" in c.post("/variables/application/%d" % app["id"], v).json()["errors"]
    assert c.post("/variables/application/999", v).status_code == 404


def test_write_only_fields(c):
    p, e, gh, s = world(c)
    cred = c.get("/credentials/%d" % gh["id"]).json()
    assert "settings" not in cred and "settings" not in gh
    app = mk_app(c, e["id"], gh["id"])
    v = c.post("/variables/application/%d" % app["id"], {"key": "S", "value": "top", "target": "os-env-var", "type": "variable", "hidden": True}).json()
    assert v["value"] is None and c.get("/variables/%d" % v["id"]).json()["value"] is None
    lst = c.get("/variables/application/%d" % app["id"]).json()
    assert len(lst) == 2  # includes a virtual variable by default
    lst = c.get("/variables/application/%d" % app["id"], params={"include_virtual_variables": "false"}).json()
    assert [x["key"] for x in lst] == ["S"] and lst[0]["value"] is None
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ097O74r3bxBhK/DzimGPoxAfqSQWwHzHJiNQUn8ZbY user@host"
    k = c.post("/environments/%d/ssh-keys" % e["id"], {"name": "me", "public_key": key}).json()
    assert "public_key" not in k and k["fingerprint"].startswith("SHA256:")
    assert "public_key" not in c.get("/ssh-keys/%d" % k["id"]).json()
    pl = c.get("/pipelines/application/%d" % app["id"]).json()[0]
    h = c.post("/pipelines/%d/hooks/incoming" % pl["id"], {"name": "gh push"}).json()
    assert h["type"] == "in" and len(h["secret"]) > 10
    assert c.get("/hooks/incoming/%s" % h["id"]).json()["secret"] == ""


def test_action_progression_and_provisioning(c):
    # Long enough that a loaded machine still reads the action before it ends; it cannot end sooner.
    c.control("POST", "/config", {"action_seconds": 1.5, "provision_seconds": 1.5})
    p = mk_project(c)
    e = mk_env(c, p["id"])
    t0 = time.time()
    r = mk_server(c, e["id"])
    aid = r.headers["X-Devopness-Action-Id"]
    srv = r.json()
    assert srv["status"] == "provisioning"
    a = c.get("/actions/%s" % aid).json()
    assert a["status"] in ("pending", "in-progress") and a["type"] == "provision"
    assert a["targets"][0]["resource_id"] == srv["id"] and len(a["targets"][0]["steps"]) == 3
    seen = {a["status"]}
    while a["status"] not in ("completed", "failed") and time.time() - t0 < 60:
        time.sleep(0.03)
        a = c.get("/actions/%s" % aid).json()
        seen.add(a["status"])
    assert "in-progress" in seen and a["status"] == "completed"
    assert time.time() - t0 >= 1.5
    assert all(s["status"] == "completed" for s in a["targets"][0]["steps"])
    assert c.get("/servers/%d" % srv["id"]).json()["status"] == "running"
    c.control("POST", "/config", {"action_seconds": 0.3})
    r = c.post("/servers/%d/stop" % srv["id"])
    assert r.status_code == 204
    wait_action(c, r.headers["X-Devopness-Action-Id"])
    assert c.get("/servers/%d" % srv["id"]).json()["status"] == "stopped"
    r = c.post("/servers/%d/start" % srv["id"])
    wait_action(c, r.headers["X-Devopness-Action-Id"])
    assert c.get("/servers/%d" % srv["id"]).json()["status"] == "running"
    # async delete: resource disappears when the action completes
    r = c.delete("/servers/%d" % srv["id"], params={"destroy_server_disks": "true"})
    assert r.status_code == 204 and r.headers["X-Devopness-Action-Id"]
    wait_action(c, r.headers["X-Devopness-Action-Id"])
    assert c.get("/servers/%d" % srv["id"]).status_code == 404


def test_action_failures_and_retry(c):
    p, e, gh, s = world(c)
    wait_action(c, c.get("/actions").json()[0]["id"])
    app = mk_app(c, e["id"], gh["id"], linked_resources=[{"resource_type": "server", "resource_id": s["id"]}])
    c.control("POST", "/faults", {"action_failures": [{"resource_type": "application", "operation": "deploy",
                                                       "step": 2, "count": 1, "reason": "npm install exited with code 1"}]})
    r = c.post("/applications/%d/deployments" % app["id"], {"type": "deploy", "source_type": "branch", "source_ref": "feature"})
    assert r.status_code == 204
    a = wait_action(c, r.headers["X-Devopness-Action-Id"])
    assert a["status"] == "failed" and a["status_reason_code"] == "FAILED"
    steps = a["targets"][0]["steps"]
    assert [st["status"] for st in steps][:2] == ["completed", "failed"]
    log = c.get("/actions/%d/targets/%d/steps/2/logs" % (a["id"], a["targets"][0]["id"])).json()
    assert "npm install exited with code 1" in log["step"]["output"]
    got = c.get("/applications/%d" % app["id"]).json()["last_deployments"]
    assert got["latest"]["id"] == a["id"] and got["live"] is None
    r = c.post("/actions/%d/retry" % a["id"])
    assert r.status_code == 201 and r.json()["retry_of"] == a["id"]
    b = wait_action(c, r.json()["id"])
    assert b["status"] == "completed"
    got = c.get("/applications/%d" % app["id"]).json()["last_deployments"]
    assert got["live"]["id"] == b["id"]
    lst = c.get("/actions", params={"filter[resource_type]": "application", "filter[operation]": "deploy"}).json()
    assert {x["id"] for x in lst} == {a["id"], b["id"]}


def test_faults_statuses_retry_after(c):
    mk_project(c)
    c.control("POST", "/faults", {"error_rate": 1, "statuses": [429], "retry_after": 7, "seed": 1})
    r = c.get("/projects")
    assert r.status_code == 429 and r.headers["Retry-After"] == "7" and r.json() == {"message": "Too Many Requests"}
    c.control("POST", "/faults", {"error_rate": 1, "statuses": [503], "retry_after": 30, "retry_after_date": True})
    r = c.get("/projects")
    assert r.status_code == 503
    dt = email.utils.parsedate_to_datetime(r.headers["Retry-After"])
    assert 20 < dt.timestamp() - time.time() < 40
    assert c.control("DELETE", "/faults").status_code == 204
    assert c.get("/projects").status_code == 200
    log = c.control("GET", "/requests").json()
    assert [x["status"] for x in log][-3:] == [429, 503, 200]


def test_faults_max_and_filters_deterministic(c):
    c.control("POST", "/faults", {"error_rate": 1, "statuses": [500, 502, 503], "max_faults": 2, "seed": 42,
                                  "methods": ["GET"], "path_prefix": "/devopness/projects"})
    assert c.get("/users/me").status_code == 200
    s1 = [c.get("/projects").status_code for _ in range(4)]
    assert s1[2:] == [200, 200] and all(x >= 500 for x in s1[:2])
    c.control("POST", "/faults", {"error_rate": 0.5, "statuses": [500, 502, 503], "max_faults": None, "seed": 7,
                                  "methods": None, "path_prefix": None})
    a = [c.get("/projects").status_code for _ in range(12)]
    c.control("POST", "/faults", {"seed": 7})
    b = [c.get("/projects").status_code for _ in range(12)]
    assert a == b and 200 in a and any(x != 200 for x in a)


def test_commit_then_fail(c):
    c.control("POST", "/faults", {"commit_then_fail_rate": 1, "methods": ["POST"], "max_faults": 1})
    r = c.post("/organizations/1/projects", {"name": "lost"})
    assert r.status_code == 502
    names = [p["name"] for p in c.get("/projects").json()]
    assert names == ["lost"]  # the state change was committed
    assert c.post("/organizations/1/projects", {"name": "ok"}).status_code == 201


def test_request_log_and_reset(c):
    mk_project(c, "x")
    c.get("/projects", params={"page": 1, "filter[a]": ["1", "2"]})
    c.control("GET", "/health")
    log = c.control("GET", "/requests").json()
    assert [(x["seq"], x["method"], x["path"], x["status"]) for x in log] == [
        (1, "POST", "/organizations/1/projects", 201), (2, "GET", "/projects", 200)]
    assert log[0]["body"] == {"name": "x"} and log[0]["platform"] == "devopness"
    assert log[1]["query"] == {"page": "1", "filter[a]": ["1", "2"]} and log[1]["body"] is None
    assert len(c.control("GET", "/requests?method=POST").json()) == 1
    assert c.control("DELETE", "/requests").status_code == 204
    assert c.control("GET", "/requests").json() == []
    c.control("POST", "/faults", {"error_rate": 1})
    c.control("POST", "/reset")
    assert c.get("/projects").json() == [] and c.control("GET", "/requests").json() == [
        {"seq": 1, "platform": "devopness", "method": "GET", "path": "/projects", "query": {}, "body": None,
         "status": 200}]


def test_seed_at_scale(c):
    t0 = time.time()
    r = c.control("POST", "/seed", {"projects": 10, "environments": 5, "servers": 100, "name_prefix": "seed"})
    took = time.time() - t0
    assert r.status_code == 201 and r.json()["servers"] == 5000, r.text
    assert took < 2.0, took
    projects = c.get("/projects", params={"per_page": 100}).json()
    assert len(projects) == 10
    env = c.get("/projects/%d/environments" % projects[0]["id"]).json()[0]
    r = c.get("/environments/%d/servers" % env["id"], params={"per_page": 100})
    srv = r.json()
    assert len(srv) == 100 and all(s["status"] == "running" and s["ssh_port"] == 22 and s["ip_address"] for s in srv)
    assert len({s["provider_name"] for s in srv}) >= 5


def test_an_environments_server_list_follows_servers_created_and_removed_after_it_was_read(c):
    project = mk_project(c)
    e = mk_env(c, project["id"])
    other = mk_env(c, project["id"], name="other")
    mk_server(c, e["id"], "web-1")
    mk_server(c, other["id"], "elsewhere")

    def hostnames():
        return [s["hostname"] for s in c.get("/environments/%d/servers" % e["id"]).json()]

    assert hostnames() == ["web-1"]
    second = mk_server(c, e["id"], "web-2").json()
    assert hostnames() == ["web-1", "web-2"]
    wait_action(c, c.delete("/servers/%d" % second["id"]).headers["X-Devopness-Action-Id"])
    assert hostnames() == ["web-1"]


def test_pipelines_steps_and_application_filter(c):
    p, e, gh, s = world(c)
    mk_app(c, e["id"], gh["id"], name="Billing-API")
    mk_app(c, e["id"], gh["id"], name="web")
    r = c.get("/environments/%d/applications" % e["id"], params={"filter[name]": "api"})
    assert [a["name"] for a in r.json()] == ["Billing-API"]
    app = r.json()[0]
    pls = c.get("/pipelines/application/%d" % app["id"]).json()
    assert [x["operation"] for x in pls] == ["deploy"]
    pl = c.get("/pipelines/%d" % pls[0]["id"]).json()
    assert len(pl["steps"]) >= 2 and all(st["is_default_step"] for st in pl["steps"])
    st1 = c.post("/pipelines/%d/steps" % pl["id"], {"command": "echo one two three", "runner": "custom", "name": "step-one"}).json()
    st2 = c.post("/pipelines/%d/steps" % pl["id"], {"command": "echo four five six", "runner": "custom", "name": "step-two"}).json()
    first = pl["steps"][0]["trigger_order"]
    assert c.put("/pipelines/%d/steps/%d" % (pl["id"], st2["id"]), {"id": st2["id"], "command": "echo four five six", "runner": "custom", "trigger_after": first}).status_code == 204
    names = [x["name"] for x in c.get("/pipelines/%d" % pl["id"]).json()["steps"]]
    assert names.index("step-two") == 1 and names.index("step-one") > 1
    assert c.delete("/pipelines/%d/steps/%d/unlink" % (pl["id"], st1["id"])).status_code == 204
    assert "step-one" not in [x["name"] for x in c.get("/pipelines/%d" % pl["id"]).json()["steps"]]
    r = c.post("/pipelines/%d/actions" % pl["id"], {"servers": [s["id"]], "source_type": "tag", "source_ref": "v1"})
    assert r.status_code == 201 and r.json()["pipeline_id"] == pl["id"]
    assert c.get("/pipelines/%d/actions" % pl["id"]).json()[0]["id"] == r.json()["id"]


def test_an_application_lists_the_daemons_virtual_hosts_and_cron_jobs_that_run_it(c):
    p, e, gh, s = world(c)
    app = mk_app(c, e["id"], gh["id"])
    other = mk_app(c, e["id"], gh["id"], name="other")

    def create(kind, body):
        r = c.post("/environments/%d/%s" % (e["id"], kind), body)
        assert r.status_code == 201, r.text
        return r.json()

    daemon = {"name": "worker", "command": "run", "process_count": 1, "working_directory": None,
              "run_as_user": "devopness"}
    mine = create("daemons", dict(daemon, application_id=app["id"]))
    create("daemons", dict(daemon, name="other-worker", application_id=other["id"]))
    create("daemons", dict(daemon, name="loose"))
    vhost = create("virtual-hosts", {"type": "name-based", "name": "shop.example.com", "application_id": app["id"]})
    cron = create("cron-jobs", {"name": "nightly", "pattern": "0 0 * * *", "command": "run nightly", "run_as_user": "devopness",
                                "application_id": app["id"]})
    got = c.get("/applications/%d" % app["id"]).json()
    assert [(d["id"], d["name"]) for d in got["daemons"]] == [(mine["id"], "worker")]
    assert [(v["id"], v["name"]) for v in got["virtual_hosts"]] == [(vhost["id"], "shop.example.com")]
    assert [(j["id"], j["name"]) for j in got["cronjobs"]] == [(cron["id"], "nightly")]
    assert [d["name"] for d in c.get("/applications/%d" % other["id"]).json()["daemons"]] == ["other-worker"]


def test_a_burst_of_connections_is_queued_not_dropped():
    # A client opening a dozen connections at once on a loaded machine overflowed socketserver's backlog of 5:
    # the kernel dropped the SYN and the client sent it again a second later.
    import socket

    from sandbox.server import make_server

    srv = make_server("127.0.0.1", 0)  # not serving: nothing accepts, the kernel queues what the backlog holds
    try:
        connections = []
        for dummy in range(32):
            connections.append(socket.create_connection(srv.server_address, timeout=1))
        assert len(connections) == 32
    finally:
        for connection in connections:
            connection.close()
        srv.server_close()
