"""Every DeployHQ operation the sandbox implements is exercised, and every answer (errors too) is
validated against an independent copy of the vendor document with the documented gaps filled
(``spec_fixes.document_gaps``: per-protocol server fields, field-keyed 422 hashes)."""

from __future__ import annotations

import os
import time

import pytest

from sandbox.deployhq import DeployHQ
from sandbox.deployhq.spec_fixes import document_gaps
from sandbox.openapi import Spec, find_reference_dir
from sandbox.platform import handler_name

from .deployhq_client import DeployHQClient


@pytest.fixture(scope="module")
def dhq_spec():
    spec = Spec(os.path.join(find_reference_dir(), "deployhq", "openapi.json"))
    document_gaps(spec)
    return spec


@pytest.fixture
def rc(base, dhq_spec):
    covered, problems = set(), []

    def record(method, path, response):
        operation, _ = dhq_spec.match(method, path.split("?")[0])
        covered.add(operation.operation_id)
        if response.status_code == 204:
            if response.content:
                problems.append("%s %s: 204 with a body" % (method, path))
            return
        if str(response.status_code) not in operation.responses:
            problems.append("%s %s: undeclared status %s" % (method, path, response.status_code))
            return
        schema = operation.response_schema(response.status_code)
        if schema is not None:
            for error in dhq_spec.schema_errors(schema, response.json())[:3]:
                problems.append("%s %s -> %s: %s at %s" % (method, path, response.status_code, error.message[:200],
                                                           list(error.absolute_path)))

    client = DeployHQClient(base, recorder=record)
    client.control("POST", "/reset")
    client.control("POST", "/config", {"action_seconds": 0.05, "provision_seconds": 0.05})
    client.covered, client.problems = covered, problems
    return client


def ok(r, status):
    assert r.status_code == status, "%s %s -> %s %s" % (r.request.method, r.request.url, r.status_code, r.text)
    return r.json() if r.content else None


def test_every_implemented_operation_answers_as_documented(rc, server):
    c = rc
    ok(c.get("/zones"), 200)
    key = ok(c.post("/ssh_keys", {"key_pair": {"title": "deploy", "key_type": "ED25519"}}), 201)
    ok(c.get("/ssh_keys"), 200)
    project = ok(c.post("/projects", {"project": {"name": "Shop", "keypair_identifier": key["identifier"]}}), 200)
    p = "/projects/" + project["permalink"]
    ok(c.get("/projects"), 200)
    ok(c.get(p), 200)
    ok(c.put(p, {"project": {"name": "Shop", "email_notify_on": "failure", "notify_committer": True}}), 200)
    ok(c.patch(p, {"project": {"notification_email": "ops@example.com"}}), 200)
    ok(c.post(p + "/repository", {"repository": {"scm_type": "git", "url": "git@example.com:a/shop.git",
                                                 "branch": "main", "username": "git", "password": "pw"}}), 200)
    ok(c.get(p + "/repository"), 200)
    ok(c.put(p + "/repository", {"repository": {"branch": "main", "root_path": "app"}}), 200)
    ok(c.patch(p + "/repository", {"repository": {"branch": "main"}}), 200)
    ok(c.get(p + "/repository/branches"), 200)
    ref = ok(c.get(p + "/repository/latest_revision", params={"branch": "main"}), 200)["ref"]
    group = ok(c.post(p + "/server_groups", {"server_group": {"name": "web", "transfer_order": "sequential"}}), 200)
    ok(c.get(p + "/server_groups"), 200)
    ok(c.get(p + "/server_groups/" + group["identifier"]), 200)
    ok(c.put(p + "/server_groups/" + group["identifier"], {"server_group": {"name": "web", "branch": "main"}}), 200)
    ok(c.patch(p + "/server_groups/" + group["identifier"], {"server_group": {"environment": "production"}}), 200)
    servers = {}
    for protocol, extra in (
            ("ssh", {"hostname": "h", "username": "u", "port": 22, "use_ssh_keys": True, "atomic": True}),
            ("ftp", {"hostname": "h", "username": "u", "password": "p", "passive": True}),
            ("ftps", {"hostname": "h", "username": "u", "password": "p", "implicit": True}),
            ("s3", {"bucket_name": "b", "access_key_id": "a", "secret_access_key": "s"}),
            ("s3_compatible", {"bucket_name": "b", "access_key_id": "a", "secret_access_key": "s",
                               "custom_endpoint": "https://r2.example.com"}),
            ("rackspace", {"username": "u", "api_key": "k", "region": "LON", "container_name": "c"}),
            ("digital_ocean", {"personal_access_token": "t", "droplet_name": "d"}),
            ("hetzner_cloud", {"api_token": "t", "hetzner_server_name": "h"}),
            ("heroku", {"app_name": "a", "api_key_heroku": "k"}),
            ("netlify", {"site_id": "s", "access_token": "t"}),
            ("shopify", {"store_url": "https://s.myshopify.com", "theme_name": "dawn"})):
        fields = dict(extra, name=protocol, protocol_type=protocol, server_group_identifier=group["identifier"])
        servers[protocol] = ok(c.post(p + "/servers", {"server": fields}), 200)
    ok(c.post(p + "/servers", {"server": {"name": "site", "protocol_type": "static_hosting"},
                               "hosted_website_attributes": {"subdomain": "shop", "spa_mode": True}}), 200)
    vps = ok(c.post(p + "/servers", {"server": {"name": "vps", "protocol_type": "managed_vps"}, "region": "lon1",
                                     "size": "s-1vcpu-1gb", "os_image": "ubuntu-24-04-x64"}), 200)
    time.sleep(0.1)
    ok(c.get(p + "/servers/" + vps["identifier"]), 200)
    ok(c.get(p + "/servers"), 200)
    ssh = servers["ssh"]
    ok(c.put(p + "/servers/" + ssh["identifier"], {"server": {"protocol_type": "ssh", "port": 2222}}), 200)
    ok(c.patch(p + "/servers/" + ssh["identifier"], {"server": {"protocol_type": "ssh", "branch": "main"}}), 200)
    ok(c.get(p + "/auto_deployments"), 200)
    ok(c.post(p + "/auto_deployments", {"deployables": {ssh["identifier"]: True}}), 200)
    ok(c.post(p + "/auto_deployments", {"deployables": {ssh["identifier"]: "yes"}}), 422)
    # configuration
    for scope in (p + "/config_files", "/global_config_files"):
        body = {"path": "config/app.yml", "body": "a: 1", "description": "app"}
        if scope.startswith(p):
            body["server_identifiers"] = [ssh["identifier"]]
        created = ok(c.post(scope, {"config_file": body}), 200 if scope.startswith(p) else 201)
        ok(c.get(scope), 200)
        ok(c.get(scope + "/" + created["identifier"]), 200)
        ok(c.put(scope + "/" + created["identifier"], {"config_file": {"body": "a: 2"}}), 200)
        ok(c.patch(scope + "/" + created["identifier"], {"config_file": {"build": True}}), 200)
        ok(c.post(scope, {"config_file": {"path": "config/app.yml"}}), 422)
        ok(c.delete(scope + "/" + created["identifier"]), 200)
    for scope in (p + "/environment_variables", "/global_environment_variables"):
        created = ok(c.post(scope, {"environment_variable": {"name": "TOKEN", "value": "x", "locked": True}}), 201)
        ok(c.get(scope), 200)
        ok(c.get(scope + "/%d" % created["identifier"]), 200)
        ok(c.put(scope + "/%d" % created["identifier"], {"environment_variable": {"value": "y"}}), 200)
        ok(c.patch(scope + "/%d" % created["identifier"], {"environment_variable": {"locked": False}}), 422)
        ok(c.post(scope, {"environment_variable": {"name": "TOKEN", "value": "z"}}), 422)
        ok(c.delete(scope + "/%d" % created["identifier"]), 204)
    for scope in (p + "/commands", p + "/ssh_commands"):
        created = ok(c.post(scope, {"command": {"command": "ls", "cback": "before_changes", "timing": "first",
                                                "timeout": 1800, "server_identifiers": [group["identifier"]]}}), 200)
        ok(c.get(scope), 200)
        ok(c.get(scope + "/" + created["identifier"]), 200)
        ok(c.put(scope + "/" + created["identifier"], {"command": {"position": 3}}), 200)
        ok(c.patch(scope + "/" + created["identifier"], {"command": {"all_servers": True}}), 200)
        ok(c.post(scope, {"command": {"command": "ls", "cback": "sometime"}}), 422)
        ok(c.delete(scope + "/" + created["identifier"]), 200)
    excluded = ok(c.post(p + "/excluded_files", {"excluded_file": {"path": "tmp/"}}), 200)
    ok(c.get(p + "/excluded_files"), 200)
    ok(c.get(p + "/excluded_files/" + excluded["identifier"]), 200)
    ok(c.put(p + "/excluded_files/" + excluded["identifier"], {"excluded_file": {"path": "log/"}}), 200)
    ok(c.patch(p + "/excluded_files/" + excluded["identifier"], {"excluded_file": {"path": "log/*"}}), 200)
    ok(c.post(p + "/excluded_files", {"excluded_file": {"path": "log/*"}}), 422)
    ok(c.delete(p + "/excluded_files/" + excluded["identifier"]), 200)
    build = ok(c.post(p + "/build_commands", {"build_command": {"command": "npm ci", "description": "deps"}}), 200)
    ok(c.get(p + "/build_commands"), 200)
    ok(c.put(p + "/build_commands/" + build["identifier"], {"build_command": {"command": "npm ci --quiet"}}), 200)
    ok(c.patch(p + "/build_commands/" + build["identifier"], {"build_command": {"command": "npm ci", "enabled": False}}), 200)
    ok(c.post(p + "/build_commands", {"build_command": {"description": "x"}}), 422)
    ok(c.delete(p + "/build_commands/" + build["identifier"]), 200)
    hook = ok(c.post(p + "/integrations", {"integration": {"hook_type": "slack", "name": "ops",
                                                           "properties": {"webhook_url": "https://x"}}}), 200)
    ok(c.get(p + "/integrations"), 200)
    ok(c.get(p + "/integrations/" + hook["identifier"]), 200)
    ok(c.put(p + "/integrations/" + hook["identifier"], {"integration": {"send_on_start": True}}), 200)
    ok(c.patch(p + "/integrations/" + hook["identifier"], {"integration": {"name": "ops2"}}), 200)
    ok(c.post(p + "/integrations", {"integration": {"hook_type": "carrier_pigeon"}}), 422)
    ok(c.delete(p + "/integrations/" + hook["identifier"]), 200)
    # deployments
    deployment = ok(c.post(p + "/deployments", {"deployment": {"parent_identifier": ssh["identifier"],
                                                               "start_revision": "", "end_revision": ref,
                                                               "branch": "main", "run_build_commands": True}}), 201)
    ok(c.post(p + "/deployments", {"deployment": {"parent_identifier": ssh["identifier"], "start_revision": "",
                                                  "end_revision": ref, "mode": "preview"}}), 201)
    ok(c.post(p + "/deployments", {"deployment": {"parent_identifier": "nope", "start_revision": "",
                                                  "end_revision": ref}}), 404)
    ok(c.get(p + "/deployments"), 200)
    ok(c.get(p + "/deployments", params={"page": 1, "per_page": 5, "currently_running": "1"}), 200)
    done = DeployHQClient(c.base).wait_deployment(project, deployment["identifier"])
    ok(c.get(p + "/deployments/" + deployment["identifier"]), 200)
    ok(c.get(p + "/deployments/%s/steps/%s/logs" % (deployment["identifier"], done["steps"][0]["identifier"])), 200)
    ok(c.post(p + "/deployments/%s/retry" % deployment["identifier"]), 200)
    ok(c.post(p + "/deployments/%s/rollback" % deployment["identifier"]), 200)
    # Deployments that are still running whenever the next request comes, however loaded the machine is.
    c.control("POST", "/config", {"action_seconds": 60})
    group_deploy = ok(c.post(p + "/deployments", {"deployment": {"parent_identifier": group["identifier"],
                                                                 "start_revision": "", "end_revision": ref}}), 201)
    ok(c.post(p + "/deployments/%s/abort" % group_deploy["identifier"]), 200)
    running = ok(c.post(p + "/deployments", {"deployment": {
        "parent_identifier": ssh["identifier"], "start_revision": "", "end_revision": ref}}), 201)
    ok(c.post(p + "/deployments/%s/retry" % running["identifier"]), 422)
    ok(c.post(p + "/deployments/%s/abort" % running["identifier"]), 200)
    c.control("POST", "/config", {"action_seconds": 0.05})
    schedule = ok(c.post(p + "/scheduled_deployments", {"scheduled_deployment": {
        "server_identifier": ssh["identifier"], "frequency": "monthly", "day": 1, "at": "02:00"}}), 201)
    ok(c.get(p + "/scheduled_deployments"), 200)
    ok(c.get(p + "/scheduled_deployments/" + schedule["identifier"]), 200)
    ok(c.put(p + "/scheduled_deployments/" + schedule["identifier"], {"scheduled_deployment": {"day": 2}}), 200)
    ok(c.patch(p + "/scheduled_deployments/" + schedule["identifier"], {"scheduled_deployment": {
        "frequency": "custom"}}), 422)
    ok(c.delete(p + "/scheduled_deployments/" + schedule["identifier"]), 200)
    # teardown, once the deployments started above have finished
    time.sleep(0.3)
    for protocol in servers:
        ok(c.delete(p + "/servers/" + servers[protocol]["identifier"]), 200)
    ok(c.delete(p + "/server_groups/" + group["identifier"]), 200)
    ok(c.delete("/ssh_keys/" + key["identifier"]), 200)
    ok(c.delete(p), 200)
    ok(c.get(p), 404)

    assert c.problems == [], "\n".join(c.problems)
    implemented = {op.operation_id for op in dhq_spec_operations(server)}
    assert implemented - c.covered == set()


def dhq_spec_operations(server):
    platform = server.sandbox.platform("deployhq")
    return [op for op in platform.spec.operations if op.operation_id in platform.handlers]


def test_handlers_are_named_after_operations():
    assert handler_name("createProjectServer") == "create_project_server"
    assert hasattr(DeployHQ, "retry_project_deployment_retry")
