"""The seam every platform builds on: the registry, the Platform hooks (auth, negotiation, error
body, paging, extra headers, seed, routes declared in code), jobs started through the platform,
and the seed control endpoint."""

from __future__ import annotations

import ast
import json
import os
import time

import pytest
import requests

from sandbox import registry
from sandbox.deployhq import DeployHQ
from sandbox.devopness import Devopness
from sandbox.http_types import ApiError, Headers, Request, Response
from sandbox.platform import Paging, Platform, handler_name
from sandbox.routing import Route
from sandbox.server import Sandbox, make_server

from .conftest import serving

SANDBOX_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CursorPaging(Paging):
    """DeployBot-style paging, written the way a platform would: ``limit``/``after``."""

    def respond(self, request, query, items, render):
        limit = min(int(query.get("limit", 50)), 50)
        after = int(query.get("after", 0))
        rest = [item for item in items if item["id"] > after]
        page = rest[:limit]
        following = page[-1]["id"] if len(rest) > limit else None
        return Response(200, {"meta": {"next": following, "total": len(items)},
                              "entries": [render(item) for item in page]})


class Toy(Platform):
    """A platform with no OpenAPI document: routes declared in code, its own auth, error body,
    paging, headers, seed and jobs."""

    name = "toy"
    prefix = "/toy/api/v1"
    routes = (
        Route("GET", "/items", "listItems"),
        Route("POST", "/items", "addItem"),
        Route("GET", "/items/{item_id}", "getItem"),
        Route("GET", "/ping", "ping", requires_auth=False),
        Route("POST", "/deployments", "triggerDeployment"),
        Route("GET", "/deployments/{deployment_id}", "getDeployment"),
    )
    paging = CursorPaging()
    seed_options = {"items": 0}
    STATES = {"running": "waiting", "completed": "success"}

    def authenticate(self, request):
        token = request.header("X-Api-Token") or request.query.get("token")
        if token not in (self.token, "read-only"):
            raise ApiError(401, "Missing or invalid API token")
        if token == "read-only" and request.method != "GET":
            raise ApiError(403, "Read-only token")

    def negotiate(self, request):
        pass  # Content-Type and Accept are ignored

    def error_body(self, status, message, errors=None):
        return {"status": status, "error": message}

    def extra_headers(self, request, response):
        return {"X-RateLimit-Limit": "100"}

    def reset(self):
        super().reset()
        self.items = []
        self.deployments = {}
        self.finished = []

    def seed(self, options):
        for _ in range(options["items"]):
            self.items.append({"id": len(self.items) + 1, "name": "seed-%d" % (len(self.items) + 1)})
        return {"items": len(self.items)}

    def list_items(self, request, path, query, body):
        return self.paginate(request, query, self.items, lambda item: dict(item))

    def add_item(self, request, path, query, body):
        if not body.get("name"):
            raise ApiError(422, "name is required")
        self.items.append({"id": len(self.items) + 1, "name": body["name"]})
        return Response(200, self.items[-1])

    def get_item(self, request, path, query, body):
        if not path["item_id"].isdigit() or not 0 < int(path["item_id"]) <= len(self.items):
            raise ApiError(404, "Not found")
        return Response(200, self.items[int(path["item_id"]) - 1])

    def ping(self, request, path, query, body):
        return Response(200, {"pong": True})

    def trigger_deployment(self, request, path, query, body):
        deployment_id = len(self.deployments) + 1
        self.deployments[deployment_id] = self.start_job(
            "deployment", "deploy", ["Build", "Transfer", "Activate"],
            on_finish=lambda job, status: self.finished.append((deployment_id, status)))
        return Response(200, {"id": deployment_id, "state": self.deployments[deployment_id].state(names=self.STATES).status})

    def get_deployment(self, request, path, query, body):
        job = self.deployments[int(path["deployment_id"])]
        state = job.state(names=self.STATES)
        return Response(200, {"state": state.status, "steps": [[s.name, s.status] for s in state.steps]})


@pytest.fixture(scope="module")
def toy_server():
    srv = make_server("127.0.0.1", 0, platforms=[Toy])
    with serving(srv):
        yield srv


@pytest.fixture
def toy(toy_server):
    base = "http://127.0.0.1:%d" % toy_server.server_address[1]
    assert requests.post(base + "/_sandbox/reset", timeout=5).status_code == 200
    session = requests.Session()
    session.headers["X-Api-Token"] = "sandbox-token"
    session.base = base
    session.root = base + "/toy/api/v1"
    session.platform = toy_server.sandbox.platform("toy")
    return session


# -- registry -------------------------------------------------------------------------

def test_registry_lists_the_simulated_platforms_and_the_others_answer_404(c):
    assert Devopness in registry.PLATFORMS and DeployHQ in registry.PLATFORMS
    listed = {p["name"]: p for p in c.control("GET", "/platforms").json()}
    assert listed["devopness"] == {"name": "devopness", "prefix": "/devopness", "simulated": True}
    built = {platform.name for platform in registry.PLATFORMS}
    placeholders = {name: prefix for name, prefix in registry.NOT_SIMULATED_YET.items() if name not in built}
    assert {name: (p["prefix"], p["simulated"]) for name, p in listed.items() if name not in built} == {
        name: (prefix, False) for name, prefix in placeholders.items()}
    samples = {"deployhq": "/deployhq/projects", "deploybot": "/deploybot/api/v1/users", "dployr": "/dployr/v1/deployments"}
    for name in placeholders:
        r = c.s.get(c.base + samples[name])
        assert r.status_code == 404 and r.json() == {"message": "platform not simulated yet"}, name
    assert c.s.get(c.base + "/nowhere/x").json() == {"message": "Unknown platform prefix: /nowhere/x"}


def test_a_registered_platform_replaces_its_placeholder(toy_server):
    box = toy_server.sandbox
    assert [p.name for p in box.platforms][:1] == ["toy"] and box.platform("devopness") is None
    placeholders = [name for name in registry.NOT_SIMULATED_YET]
    assert placeholders and all(not box.platform(name).simulated for name in placeholders)


def test_platform_modules_never_import_the_registry_or_the_server():
    for folder, _dirs, files in os.walk(os.path.join(SANDBOX_DIR, "devopness")):
        for name in files:
            if name.endswith(".py"):
                tree = ast.parse(open(os.path.join(folder, name)).read())
                for node in ast.walk(tree):
                    if isinstance(node, ast.ImportFrom):
                        assert not (node.module or "").endswith(("registry", "server")), (name, node.module)


def test_handler_naming_rule_and_reserved_names():
    assert handler_name("listEnvironmentServers") == "list_environment_servers"
    assert handler_name("getStatusCredential") == "get_status_credential"

    class Clash(Toy):  # an operationId whose snake-case name is a base method is not routed to it
        routes = Toy.routes + (Route("POST", "/seed", "seed"), Route("POST", "/reset", "reset"))

    handlers = Sandbox(platforms=[Clash]).platform("toy").handlers
    assert "seed" not in handlers and "reset" not in handlers
    assert set(handlers) == {"listItems", "addItem", "getItem", "ping", "triggerDeployment", "getDeployment"}


def test_declared_routes_add_to_and_replace_a_documents_routes(tmp_path):
    document = {"openapi": "3.1.0", "security": [{"bearer": []}], "paths": {"/v1/things": {
        "get": {"operationId": "listThings", "parameters": [
            {"in": "query", "name": "clusterId", "required": True, "schema": {"type": "string"}}]},
        "post": {"operationId": "createThing", "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "required": ["wrapper"]}}}}}}}}
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "openapi.json").write_text(json.dumps(document))

    class Mixed(Platform):
        name, prefix, spec_file = "mixed", "/mixed", "doc/openapi.json"
        routes = (Route("POST", "/v1/things", "createThingFlat"), Route("GET", "/v1/health", "health", False))

        def authenticate(self, request):
            if self.bearer_token(request) != self.token:
                raise ApiError(401, "Unauthenticated.")

        def list_things(self, request, path, query, body):
            return Response(200, {"cluster": query["clusterId"]})

        def create_thing_flat(self, request, path, query, body):
            return Response(202, {"got": body})  # the document's body schema no longer applies

        def health(self, request, path, query, body):
            return Response(200, {"status": "ok"})

    mixed = Sandbox(reference_dir=str(tmp_path), platforms=[Mixed]).platform("mixed")
    assert set(mixed.handlers) == {"listThings", "createThingFlat", "health"}

    def call(method, path, query=None, body=None):
        headers = Headers({"Authorization": "Bearer sandbox-token", "Accept": "application/json",
                           "Content-Type": "application/json"})
        request = Request(method, path, query or {}, headers, json.dumps(body).encode() if body else b"",
                          "127.0.0.1", "/mixed")
        response = mixed.handle(request)
        return response.status, response.body

    assert call("GET", "/v1/things", {"clusterId": "c1"}) == (200, {"cluster": "c1"})
    assert call("GET", "/v1/things")[0] == 422  # validated against the document
    assert call("POST", "/v1/things", body={"name": "flat"}) == (202, {"got": {"name": "flat"}})
    assert call("GET", "/v1/health") == (200, {"status": "ok"})


# -- hooks of a platform declared in code ------------------------------------------------

def test_declared_routes_auth_and_error_body(toy):
    assert toy.get(toy.root + "/ping", headers={"X-Api-Token": ""}).json() == {"pong": True}  # no auth needed
    r = toy.get(toy.root + "/items", headers={"X-Api-Token": "nope"})
    assert r.status_code == 401 and r.json() == {"status": 401, "error": "Missing or invalid API token"}
    assert requests.get(toy.root + "/items?token=sandbox-token", timeout=5).status_code == 200
    r = toy.post(toy.root + "/items", json={"name": "x"}, headers={"X-Api-Token": "read-only"})
    assert r.status_code == 403 and r.json()["error"] == "Read-only token"
    assert toy.get(toy.root + "/nope").json() == {"status": 404, "error": "The route nope could not be found."}
    assert toy.delete(toy.root + "/items").status_code == 405
    r = toy.post(toy.root + "/items", data="{", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and r.json()["status"] == 400  # content type ignored, JSON still parsed
    r = toy.post(toy.root + "/items", data='{"name": "a"}', headers={"Content-Type": "text/plain", "Accept": "*/*"})
    assert r.status_code == 200 and r.json() == {"id": 1, "name": "a"}
    assert toy.get(toy.root + "/items/1").json()["name"] == "a"
    assert toy.get(toy.root + "/items/x").json() == {"status": 404, "error": "Not found"}


def test_extra_headers_on_every_answer_including_injected_faults(toy):
    assert toy.get(toy.root + "/items").headers["X-RateLimit-Limit"] == "100"
    assert toy.get(toy.root + "/items", headers={"X-Api-Token": "x"}).headers["X-RateLimit-Limit"] == "100"
    requests.post(toy.base + "/_sandbox/faults", json={"error_rate": 1, "statuses": [503], "retry_after": 2},
                  timeout=5)
    r = toy.get(toy.root + "/items")
    assert r.status_code == 503 and r.json() == {"status": 503, "error": "Service Unavailable"}
    assert r.headers["X-RateLimit-Limit"] == "100" and r.headers["Retry-After"] == "2"


def test_commit_then_fail_under_another_prefix_uses_its_error_body(toy):
    requests.post(toy.base + "/_sandbox/faults", json={"commit_then_fail_rate": 1, "methods": ["POST"],
                                                       "path_prefix": "/toy/api/v1/items"}, timeout=5)
    r = toy.post(toy.root + "/items", json={"name": "lost"})
    assert r.status_code == 502 and r.json() == {"status": 502, "error": "Bad Gateway"}
    assert toy.get(toy.root + "/items").json()["entries"] == [{"id": 1, "name": "lost"}]


def test_custom_paging_hook(toy):
    assert requests.post(toy.base + "/_sandbox/seed", json={"platform": "toy", "items": 5}, timeout=5).json() == \
        {"items": 5}
    first = toy.get(toy.root + "/items", params={"limit": 2}).json()
    assert first["meta"] == {"next": 2, "total": 5} and [i["id"] for i in first["entries"]] == [1, 2]
    last = toy.get(toy.root + "/items", params={"limit": 2, "after": 4}).json()
    assert last["meta"]["next"] is None and [i["id"] for i in last["entries"]] == [5]


def test_seed_rejects_unknown_keys_for_that_platform(toy):
    r = requests.post(toy.base + "/_sandbox/seed", json={"platform": "toy", "items": 1, "servers": 3}, timeout=5)
    assert r.status_code == 422 and "servers" in r.json()["message"] and list(r.json()["errors"]) == ["servers"]
    r = requests.post(toy.base + "/_sandbox/seed", json={"items": 1}, timeout=5)  # default platform: devopness
    assert r.status_code == 422 and "devopness" in r.json()["message"]


def test_jobs_through_the_platform_use_its_status_names_and_faults(toy):
    requests.post(toy.base + "/_sandbox/config", json={"action_seconds": 0.3}, timeout=5)
    r = toy.post(toy.root + "/deployments", json={})
    assert r.json() == {"id": 1, "state": "pending"}
    seen = set()
    deadline = time.time() + 5
    while time.time() < deadline:
        state = toy.get(toy.root + "/deployments/1").json()
        seen.add(state["state"])
        if state["state"] in ("success", "failed"):
            break
        time.sleep(0.02)
    # the platform's names apply to the job and its steps alike
    assert state == {"state": "success", "steps": [["Build", "success"], ["Transfer", "success"],
                                                   ["Activate", "success"]]}
    assert "waiting" in seen
    # an action_failures entry for another platform does not touch this one; one for it does
    requests.post(toy.base + "/_sandbox/faults", json={"action_failures": [
        {"platform": "devopness", "step": 1, "reason": "not mine"},
        {"platform": "toy", "resource_type": "deployment", "operation": "deploy", "step": 2, "reason": "rsync: 23"}]},
        timeout=5)
    toy.post(toy.root + "/deployments", json={})
    time.sleep(0.35)
    toy.get(toy.root + "/items")  # any request ticks the jobs
    assert toy.get(toy.root + "/deployments/2").json() == {
        "state": "failed", "steps": [["Build", "success"], ["Transfer", "failed"], ["Activate", "skipped"]]}
    box = requests.get(toy.base + "/_sandbox/faults", timeout=5).json()
    assert [f["platform"] for f in box["action_failures"]] == ["devopness"]
    assert toy.platform.finished == [(1, "completed"), (2, "failed")]  # each effect applied once


# -- seed control endpoint ------------------------------------------------------------------

def test_seed_names_the_platform_and_rejects_unknown_keys(c):
    r = c.control("POST", "/seed", {"platform": "devopness", "projects": 1, "environments": 1, "servers": 2})
    assert r.status_code == 201 and r.json()["servers"] == 2
    r = c.control("POST", "/seed", {"projects": 1, "servers": 1, "regions": 2, "flavour": "x"})
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"flavour", "regions"} and "flavour, regions" in r.json()["message"]
    simulated = {platform.name for platform in registry.PLATFORMS}
    for platform in [name for name in registry.NOT_SIMULATED_YET if name not in simulated] + ["nope", 7]:
        r = c.control("POST", "/seed", {"platform": platform})
        assert r.status_code == 422 and list(r.json()["errors"]) == ["platform"], platform
    r = c.control("POST", "/seed", {"servers": -1})
    assert r.status_code == 422 and "servers" in r.json()["errors"]
    assert len(c.get("/projects").json()) == 1  # nothing was seeded by the refused calls
