"""Every implemented operation is exercised at least once, and every response
body is validated against the (pristine) vendor spec's schema for that
operation and status.  Missing required fields or wrong types fail here."""

import time

import pytest

from .conftest import Client, mk_cred, wait_action


def _spec_contradiction(err):
    """Hook.settings is ``oneOf [HookIncomingSettings, HookOutgoingSettings]``
    but neither branch has required keys, so every object matches both and
    no body can satisfy the oneOf.  Accept a match of *each* branch there
    (the sandbox follows endpoints.md: incoming -> variables, outgoing ->
    request_headers/request_body)."""
    return (err.validator == "oneOf" and "is valid under each of" in err.message
            and list(err.absolute_path)[-1:] == ["settings"])


class Recorder(Client):
    def __init__(self, base, spec):
        super().__init__(base)
        self.spec = spec
        self.covered = set()
        self.problems = []

    def req(self, method, path, body=None, **kw):
        r = super().req(method, path, body, **kw)
        op, _ = self.spec.match(method, path.split("?")[0])
        self.covered.add(op.operation_id)
        schema = op.response_schema(r.status_code)
        declared = str(r.status_code) in op.responses
        if r.status_code < 300 and not declared:
            self.problems.append("%s %s: undeclared status %s" % (method, path, r.status_code))
        if r.status_code == 204 and r.content:
            self.problems.append("%s %s: 204 with a body" % (method, path))
        if schema is not None:
            errs = [e for e in self.spec.schema_errors(schema, r.json()) if not _spec_contradiction(e)]
            for e in errs[:3]:
                self.problems.append("%s %s -> %s: %s at %s" % (method, path, r.status_code, e.message[:200],
                                                                 list(e.absolute_path)))
        hdrs = (op.responses.get(str(r.status_code)) or {}).get("headers", {})
        if "X-Devopness-Action-Id" in hdrs and r.status_code < 300:
            if not r.headers.get("X-Devopness-Action-Id", "").isdigit():
                self.problems.append("%s %s: missing X-Devopness-Action-Id" % (method, path))
        if "Link" in hdrs and "Link" not in r.headers:
            self.problems.append("%s %s: missing Link header" % (method, path))
        return r


@pytest.fixture
def rc(c, spec):
    rec = Recorder(c.base, spec)
    rec.control("POST", "/config", {"action_seconds": 0.05, "provision_seconds": 0.05})
    return rec


def ok(r, status):
    assert r.status_code == status, "%s %s -> %s %s" % (r.request.method, r.request.url, r.status_code, r.text)
    return r


def test_every_operation_matches_the_spec(rc, server):
    c = rc
    ok(c.get("/users/me"), 200)
    ok(c.get("/organizations"), 200)
    ok(c.get("/organizations/sandbox"), 200)
    proj = ok(c.post("/organizations/1/projects", {"name": "schema"}), 201).json()
    pid = proj["id"]
    ok(c.get("/projects"), 200)
    ok(c.get("/projects/%d" % pid), 200)
    ok(c.put("/projects/%d" % pid, {"id": pid, "name": "schema2"}), 204)
    env = ok(c.post("/projects/%d/environments" % pid, {"name": "stg", "type": "staging", "description": "d"}), 201).json()
    eid = env["id"]
    env2 = ok(c.post("/projects/%d/environments" % pid, {"name": "old", "type": "development"}), 201).json()
    ok(c.get("/projects/%d/environments" % pid), 200)
    ok(c.get("/environments/%d" % eid), 200)
    ok(c.put("/environments/%d" % eid, {"id": eid, "name": "stg", "type": "staging"}), 204)
    ok(c.post("/environments/%d/archive" % env2["id"]), 204)
    ok(c.get("/projects/%d/environments/archived" % pid), 200)
    ok(c.post("/environments/%d/unarchive" % env2["id"]), 204)

    # credentials
    aws = ok(c.post("/organizations/1/credentials", {"name": "aws", "provider_code": "aws", "provider_type": "cloud_provider", "active": True, "settings": {"credential": {"access_key_id": "a", "secret_access_key": "b"}}}), 201).json()
    gh = mk_cred(c, "github", "source_provider")
    ok(c.get("/organizations/1/credentials"), 200)
    ok(c.get("/credentials/%d" % aws["id"]), 200)
    ok(c.put("/credentials/%d" % aws["id"], {"id": aws["id"], "name": "aws2"}), 204)
    ok(c.post("/environments/%d/credentials/%d/link" % (eid, aws["id"])), 204)
    ok(c.get("/environments/%d/credentials" % eid), 200)
    ok(c.post("/credentials/%d/get-status" % aws["id"]), 204)

    # servers
    r = ok(c.post("/environments/%d/servers" % eid, {"hostname": "web-1", "credential_id": str(aws["id"]), "provision_input": {"cloud_service_code": "aws-ec2", "settings": {"instance_type": "t3.micro", "region": "us-east-1", "storage_size": 20, "os_version_code": "ubuntu_22_04"}}}), 201)
    sid = r.json()["id"]
    r2 = ok(c.post("/environments/%d/servers" % eid, {"hostname": "self-1", "ip_address": "192.0.2.1", "ssh_port": 2222, "provision_input": {"cloud_service_code": "self-hosted-custom", "settings": {"os_version_code": "ubuntu_24_04"}}}), 201)
    sid2 = r2.json()["id"]
    ok(c.get("/environments/%d/servers" % eid), 200)
    ok(c.get("/servers/%d" % sid), 200)  # while provisioning
    wait_action(c, r.headers["X-Devopness-Action-Id"])
    ok(c.get("/servers/%d" % sid), 200)
    ok(c.put("/servers/%d" % sid, {"id": sid, "ssh_port": 2200, "credential_id": aws["id"]}), 204)
    for op in ("deploy", "start", "stop", "restart", "get-status", "rotate-key"):
        ok(c.post("/servers/%d/%s" % (sid, op)), 204)
    ok(c.get("/servers/%d/commands" % sid2), 200)

    # applications
    app = ok(c.post("/environments/%d/applications" % eid, {"name": "api", "engine_version": "20", "framework": "express", "programming_language": "nodejs", "repository": "acme/api", "credential_id": gh["id"], "default_branch": "main", "linked_resources": [{"resource_type": "server", "resource_id": sid}]}), 201).json()
    aid = app["id"]
    ok(c.get("/environments/%d/applications" % eid), 200)
    ok(c.put("/applications/%d" % aid, {"id": aid, "name": "api", "engine_version": "22", "framework": "express", "programming_language": "nodejs", "default_branch": "main", "repository": "acme/api2", "credential_id": gh["id"], "build_command": "npm run build"}), 204)
    dep = ok(c.post("/applications/%d/deployments" % aid, {"type": "deploy", "source_type": "branch", "source_ref": "main"}), 204)
    ok(c.get("/applications/%d" % aid), 200)  # deployment in progress
    wait_action(c, dep.headers["X-Devopness-Action-Id"])
    ok(c.get("/applications/%d" % aid), 200)
    ok(c.get("/environments/%d/applications" % eid), 200)

    # variables
    v = ok(c.post("/variables/application/%d" % aid, {"key": "APP_ENV", "value": "prod", "target": "os-env-var", "type": "variable", "hidden": False}), 201).json()
    ok(c.post("/variables/server/%d" % sid, {"key": "SECRET", "value": "x", "target": "os-env-var", "type": "variable", "hidden": True, "description": "s"}), 201)
    ok(c.get("/variables/application/%d" % aid), 200)
    ok(c.get("/variables/server/%d" % sid, params={"include_virtual_variables": "false", "variable_target": "os-env-var"}), 200)
    ok(c.get("/variables/%d" % v["id"]), 200)
    ok(c.put("/variables/%d" % v["id"], {"id": v["id"], "key": "APP_ENV", "value": "stg", "target": "os-env-var", "type": "variable", "hidden": False}), 204)

    # env-scoped resources
    d = ok(c.post("/environments/%d/daemons" % eid, {"name": "worker", "command": "node worker.js", "process_count": 2, "working_directory": None, "run_as_user": "devopness", "application_id": aid, "linked_resources": [{"resource_type": "server", "resource_id": sid}]}), 201).json()
    ok(c.get("/environments/%d/daemons" % eid), 200)
    ok(c.get("/daemons/%d" % d["id"]), 200)
    ok(c.put("/daemons/%d" % d["id"], {"id": d["id"], "name": "worker", "command": "node w.js", "process_count": 1, "working_directory": None, "run_as_user": "devopness"}), 204)
    for op in ("deploy", "start", "stop", "restart", "get-status"):
        ok(c.post("/daemons/%d/%s" % (d["id"], op), {"servers": [sid]}), 204)
    vh = ok(c.post("/environments/%d/virtual-hosts" % eid, {"type": "name-based", "name": "api.example.com", "application_id": aid, "root_directory": "public", "application_listen_address": "http://127.0.0.1:3000"}), 201).json()
    ok(c.get("/environments/%d/virtual-hosts" % eid), 200)
    ok(c.put("/virtual-hosts/%d" % vh["id"], {"id": vh["id"], "name": "api.example.com", "root_directory": "web"}), 204)
    ok(c.post("/virtual-hosts/%d/deploy" % vh["id"]), 204)
    ok(c.post("/virtual-hosts/%d/get-status" % vh["id"]), 204)
    cert = ok(c.post("/environments/%d/ssl-certificates" % eid, {"virtual_host_id": vh["id"], "issuer": "lets-encrypt"}), 201).json()
    ok(c.get("/virtual-hosts/%d" % vh["id"]), 200)
    ok(c.get("/environments/%d/ssl-certificates" % eid), 200)
    ok(c.get("/ssl-certificates/%d" % cert["id"]), 200)
    ok(c.post("/ssl-certificates/%d/deploy" % cert["id"]), 204)
    svc = ok(c.post("/environments/%d/services" % eid, {"type": "redis", "version": "7", "auto_start": True, "initial_state": "started"}), 201).json()
    ok(c.get("/environments/%d/services" % eid), 200)
    ok(c.get("/services/%d" % svc["id"]), 200)
    ok(c.put("/services/%d" % svc["id"], {"id": svc["id"]}), 204)
    for op in ("deploy", "start", "stop", "restart", "reload", "get-status"):
        ok(c.post("/services/%d/%s" % (svc["id"], op)), 204)
    cj = ok(c.post("/environments/%d/cron-jobs" % eid, {"name": "cleanup", "command": "php artisan x", "pattern": "0 0 * * *", "run_as_user": "devopness", "application_id": aid}), 201).json()
    ok(c.get("/environments/%d/cron-jobs" % eid), 200)
    ok(c.get("/cron-jobs/%d" % cj["id"]), 200)
    ok(c.put("/cron-jobs/%d" % cj["id"], {"id": cj["id"], "name": "cleanup", "command": "php artisan y", "pattern": "* * * * *", "run_as_user": "devopness"}), 204)
    ok(c.post("/cron-jobs/%d/deploy" % cj["id"]), 204)
    key = ok(c.post("/environments/%d/ssh-keys" % eid, {"name": "me", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ097O74r3bxBhK/DzimGPoxAfqSQWwHzHJiNQUn8ZbY me@host", "linked_resources": [{"resource_type": "server", "resource_id": sid}]}), 201).json()
    ok(c.get("/environments/%d/ssh-keys" % eid), 200)
    ok(c.get("/ssh-keys/%d" % key["id"]), 200)
    ok(c.put("/ssh-keys/%d" % key["id"], {"id": key["id"], "name": "me2"}), 204)
    ok(c.post("/ssh-keys/%d/deploy" % key["id"]), 204)
    nr = ok(c.post("/environments/%d/network-rules" % eid, {"name": "https", "direction": "inbound", "protocol": "tcp", "port": 443, "cidr_block": "0.0.0.0/0"}), 201).json()
    ok(c.get("/environments/%d/network-rules" % eid), 200)
    ok(c.get("/network-rules/%d" % nr["id"]), 200)
    ok(c.put("/network-rules/%d" % nr["id"], {"id": nr["id"], "name": "https", "direction": "inbound", "cidr_block": "10.0.0.0/8"}), 204)
    ok(c.post("/network-rules/%d/deploy" % nr["id"]), 204)

    # resource links
    ok(c.post("/resource-links/network-rule/%d/server/%d/link" % (nr["id"], sid)), 204)
    ok(c.get("/resource-links/application/%d" % aid), 200)
    ok(c.get("/resource-links/server/%d/parent" % sid, params={"linked_resource_type": "application"}), 200)
    ok(c.delete("/resource-links/network-rule/%d/server/%d/unlink" % (nr["id"], sid)), 204)

    # pipelines, steps, hooks
    pls = ok(c.get("/pipelines/application/%d" % aid), 200).json()
    plid = pls[0]["id"]
    ok(c.get("/pipelines/%d" % plid), 200)
    ok(c.put("/pipelines/%d" % plid, {"id": plid, "name": "Deploy API", "max_parallel_actions": 2}), 204)
    st = ok(c.post("/pipelines/%d/steps" % plid, {"command": "npm run migrate", "runner": "npm", "name": "migrate"}), 201).json()
    ok(c.put("/pipelines/%d/steps/%d" % (plid, st["id"]), {"id": st["id"], "command": "npm run migrate:up", "runner": "npm", "trigger_after": 1000}), 204)
    ok(c.delete("/pipelines/%d/steps/%d/unlink" % (plid, st["id"])), 204)
    ok(c.post("/pipelines/%d/steps/%d/link" % (plid, st["id"])), 204)
    act = ok(c.post("/pipelines/%d/actions" % plid, {"servers": [sid], "trigger_comment": "go"}), 201).json()
    ok(c.get("/pipelines/%d/actions" % plid), 200)
    p2 = ok(c.post("/pipelines/daemon/%d" % d["id"], {"name": "restart worker", "operation": "restart"}), 201).json()
    ok(c.get("/pipelines/%d" % p2["id"]), 200)
    hin = ok(c.post("/pipelines/%d/hooks/incoming" % plid, {"name": "push", "requires_secret": True, "settings": {"variables": [{"name": "ref", "path": "ref", "type": "string"}]}}), 201).json()
    hout = ok(c.post("/pipelines/%d/hooks/outgoing" % plid, {"name": "notify", "settings": {"request_headers": [{"name": "X-A", "value": "1"}], "request_body": {"a": 1}}}), 201).json()
    ok(c.get("/pipelines/%d/hooks" % plid), 200)
    ok(c.get("/applications/%d/hooks" % aid), 200)
    ok(c.get("/hooks/incoming/%s" % hin["id"]), 200)
    ok(c.get("/hooks/outgoing/%s" % hout["id"]), 200)
    ok(c.put("/hooks/incoming/%s" % hin["id"], {"id": hin["id"], "name": "push2", "active": False}), 204)
    ok(c.delete("/hooks/outgoing/%s" % hout["id"]), 204)
    ok(c.delete("/pipelines/%d" % p2["id"]), 204)

    # actions
    a = wait_action(c, act["id"])
    ok(c.get("/actions/%d" % a["id"]), 200)
    ok(c.get("/actions"), 200)
    ok(c.get("/actions", params={"filter[resource_type]": "server", "filter[status]": "completed"}), 200)
    ok(c.get("/actions/application/%d" % aid), 200)
    ok(c.get("/actions/targets/server/%d" % sid), 200)
    ok(c.get("/environments/%d/actions" % eid), 200)
    ok(c.get("/environments/%d/actions/daemon" % eid), 200)
    ok(c.get("/projects/%d/actions/server" % pid), 200)
    ok(c.get("/actions/%d/targets/%d/steps/1/logs" % (a["id"], a["targets"][0]["id"])), 200)
    ok(c.post("/actions/%d/retry" % a["id"]), 201)
    # a failed action (and its log) must validate too
    c.control("POST", "/faults", {"action_failures": [{"resource_type": "daemon", "operation": "deploy", "step": 1}]})
    fa = wait_action(c, ok(c.post("/daemons/%d/deploy" % d["id"]), 204).headers["X-Devopness-Action-Id"])
    assert fa["status"] == "failed"
    ok(c.get("/actions/%d/targets/%d/steps/1/logs" % (fa["id"], fa["targets"][0]["id"])), 200)
    ok(c.get("/actions/%d/targets/%d/steps/2/logs" % (fa["id"], fa["targets"][0]["id"])), 200)

    # static
    for path in ("application-options", "resource-types", "service-options", "environment-options",
                 "virtual-host-options", "cronjob-options", "server-options"):
        ok(c.get("/static/%s" % path), 200)

    # deletes (async ones complete later; the variable goes first, before its application's delete can take it)
    ok(c.delete("/variables/%d" % v["id"]), 204)
    for path in ("/ssl-certificates/%d" % cert["id"], "/virtual-hosts/%d" % vh["id"], "/daemons/%d" % d["id"],
                 "/services/%d" % svc["id"], "/cron-jobs/%d" % cj["id"], "/ssh-keys/%d" % key["id"],
                 "/network-rules/%d" % nr["id"], "/applications/%d" % aid, "/servers/%d" % sid2):
        ok(c.delete(path), 204)
    ok(c.delete("/environments/%d/credentials/%d/unlink" % (eid, aws["id"])), 204)
    ok(c.get("/actions", params={"per_page": 100}), 200)
    time.sleep(0.1)
    ok(c.get("/actions/application/%d" % aid), 200)  # resource gone, actions remain
    ok(c.get("/actions", params={"per_page": 100}), 200)
    ok(c.delete("/credentials/%d" % gh["id"]), 204)
    ok(c.delete("/environments/%d" % env2["id"]), 204)
    ok(c.delete("/projects/%d" % pid), 204)
    ok(c.get("/actions", params={"per_page": 100}), 200)

    # error bodies validate as ApiError where the spec declares them
    r = c.post("/projects/%d/environments" % 999, {"name": "x", "type": "staging"})
    assert r.status_code == 404
    r = c.post("/organizations/1/projects", {})
    assert r.status_code == 422

    assert not c.problems, "\n".join(c.problems)
    implemented = set(server.sandbox.platform("devopness").handlers)
    missing = implemented - c.covered
    assert not missing, sorted(missing)


def test_recorder_catches_bad_bodies(spec):
    """The checker itself must flag a body missing a required field / wrong type."""
    op = spec.by_id["getProject"]
    schema = op.response_schema(200)
    good_errs = spec.schema_errors(schema, {"id": 1})
    assert any("required" in e.message for e in good_errs)
    errs = spec.schema_errors(spec.by_id["getEnvironment"].response_schema(200),
                              {"id": "1", "type": "staging", "type_human_readable": "S", "name": "n",
                               "description": None, "is_archived": False, "teams": [],
                               "current_user_permissions": [], "created_by_user": None,
                               "created_at": "", "updated_at": ""})
    assert any(e.validator == "type" for e in errs)
