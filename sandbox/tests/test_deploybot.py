"""The DeployBot platform of the sandbox: auth (header, ?token=, read-only), cursor paging, the
initial account, filters, deployments as jobs, webhooks, faults and the seed."""

from __future__ import annotations

import re
import time

import pytest
import requests

from sandbox import registry
from sandbox.deploybot import DeployBot

TOKEN = "sandbox-token"
READONLY = "sandbox-readonly-token"
TIMESTAMP = r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \+0000$"


class DeployBotClient:
    def __init__(self, base):
        self.base = base
        self.root = base + "/deploybot/api/v1"
        self.s = requests.Session()
        self.s.headers["X-Api-Token"] = TOKEN

    def get(self, path, **kw):
        return self.s.get(self.root + path, timeout=10, **kw)

    def post(self, path, body=None, **kw):
        return self.s.post(self.root + path, json=body, timeout=10, **kw)

    def control(self, method, path, body=None):
        return requests.request(method, self.base + "/_sandbox" + path, json=body, timeout=30)

    def entries(self, path, **params):
        """Every entry of a list, following meta.next."""
        items, after = [], None
        while True:
            query = dict(params, limit=50)
            if after is not None:
                query["after"] = after
            page = self.get(path, params=query).json()
            items += page["entries"]
            after = page["meta"]["next"]
            if after is None:
                return items

    def wait(self, deployment_id, timeout=10.0):
        deadline = time.time() + timeout
        seen = []
        while time.time() < deadline:
            deployment = self.get("/deployments/%d" % deployment_id).json()
            if not seen or seen[-1] != deployment["state"]:
                seen.append(deployment["state"])
            if deployment["state"] in ("success", "failed", "skipped"):
                return deployment, seen
            time.sleep(0.02)
        raise AssertionError("deployment %s did not finish: %s" % (deployment_id, seen))


@pytest.fixture
def bot(base):
    client = DeployBotClient(base)
    assert client.control("POST", "/reset").status_code == 200
    return client


def test_registered_with_its_prefix(bot):
    assert DeployBot in registry.PLATFORMS and "deploybot" not in registry.NOT_SIMULATED_YET
    listed = {p["name"]: p for p in bot.control("GET", "/platforms").json()}
    assert listed["deploybot"] == {"name": "deploybot", "prefix": "/deploybot/api/v1", "simulated": True}


def test_header_or_query_token_and_the_request_log_keeps_the_query(bot):
    assert requests.get(bot.root + "/users", timeout=5).status_code == 401
    r = requests.get(bot.root + "/users", headers={"X-Api-Token": "wrong"}, timeout=5)
    assert r.status_code == 401 and r.json() == {"message": "Missing or invalid API token."}
    assert bot.get("/users").status_code == 200
    assert requests.get(bot.root + "/users", params={"token": TOKEN}, timeout=5).status_code == 200
    log = bot.control("GET", "/requests?platform=deploybot").json()
    assert [r["query"].get("token") for r in log] == [None, None, None, TOKEN]


def test_readonly_token_reads_but_cannot_trigger(bot):
    ro = {"X-Api-Token": READONLY}
    assert requests.get(bot.root + "/repositories", headers=ro, timeout=5).status_code == 200
    r = requests.post(bot.root + "/deployments", json={"environment_id": 1}, headers=ro, timeout=5)
    assert r.status_code == 403 and r.json() == {"message": "Attempting to perform a restricted action."}
    r = requests.post(bot.root + "/deployments?token=" + READONLY, json={"environment_id": 1}, timeout=5)
    assert r.status_code == 403
    assert bot.entries("/deployments", environment_id=1) == []  # nothing was triggered


def test_initial_account(bot):
    users = bot.get("/users").json()
    assert users["meta"] == {"next": None, "next_uri": None, "total": 2}
    assert [u["email"] for u in users["entries"]] == ["ada@example.com", "grace@example.com"]
    assert set(users["entries"][0]) == {"id", "first_name", "last_name", "timezone", "email", "is_admin",
                                        "created_at", "updated_at"}
    repositories = {r["name"]: r for r in bot.entries("/repositories")}
    assert sorted(repositories) == ["api", "website"]
    website = repositories["website"]
    assert website["type"] == "GitRepository" and website["title"] == "Website"
    assert website["refresh_webhook_url"].startswith(bot.root + "/webhook/refresh/")
    assert re.match(TIMESTAMP, website["created_at"])
    environments = bot.entries("/environments", repository_id=website["id"])
    assert [(e["name"], e["branch_name"]) for e in environments] == [("staging", "develop"), ("production", "main")]
    for environment in environments:
        assert environment["repository_id"] == str(website["id"])  # a string, as in the vendor's example
        assert len(environment["current_version"]) == 40
        servers = bot.entries("/servers", environment_id=environment["id"])
        assert len(servers) == 2 and len({s["protocol"] for s in servers}) == 2
        assert {s["name"] for s in servers} == {"web", "assets"}
    api_environments = bot.entries("/environments", repository_id=repositories["api"]["id"])
    assert len(api_environments) == 1
    assert len(bot.entries("/servers", repository_id=website["id"])) == 4
    assert bot.get("/servers/1").json()["name"] == "web"
    assert bot.get("/servers/999").status_code == 404
    assert bot.get("/servers/x").json() == {"message": "Server not found."}


def test_cursor_paging_limit_after_and_next_uri(bot):
    assert bot.control("POST", "/seed", {"platform": "deploybot", "users": 120}).status_code == 201
    first = bot.get("/users", params={"limit": 50}).json()
    assert len(first["entries"]) == 50 and first["meta"]["total"] == 122
    assert first["meta"]["next"] == first["entries"][-1]["id"]
    assert first["meta"]["next_uri"] == "/users?after=%d&limit=50" % first["meta"]["next"]
    default = bot.get("/users").json()
    assert len(default["entries"]) == 50  # the default limit is the maximum
    assert len(bot.entries("/users")) == 122
    last = bot.get("/users", params={"after": 100, "limit": 50}).json()
    assert [u["id"] for u in last["entries"]] == list(range(101, 123)) and last["meta"]["next"] is None
    r = bot.get("/users", params={"limit": 51})
    assert r.status_code == 422 and "limit" in r.json()["message"]
    assert bot.get("/users", params={"after": "x"}).status_code == 422
    assert bot.get("/users", params={"limit": 0}).json()["entries"] == []
    kept = bot.get("/servers", params={"repository_id": 1, "limit": 1}).json()["meta"]["next_uri"]
    assert kept.startswith("/servers?") and "repository_id=1" in kept


def test_seed_makes_more_than_a_page_of_everything(bot):
    r = bot.control("POST", "/seed", {"platform": "deploybot", "users": 51, "repositories": 52, "environments": 1,
                                      "servers": 2, "deployments": 1, "name_prefix": "big"})
    assert r.status_code == 201
    assert r.json() == {"users": 51, "repositories": 52, "environments": 52, "servers": 104, "deployments": 52}
    assert len(bot.entries("/repositories")) == 54
    assert len(bot.entries("/environments")) == 55
    assert len(bot.entries("/servers")) == 109
    repository = next(r for r in bot.entries("/repositories") if r["name"] == "big-repo-7")
    assert len(bot.entries("/deployments", repository_id=repository["id"])) == 1
    r = bot.control("POST", "/seed", {"platform": "deploybot", "projects": 1})
    assert r.status_code == 422 and "projects" in r.json()["errors"]


def test_deployments_need_a_filter_and_filters_must_be_integers(bot):
    r = bot.get("/deployments")
    assert r.status_code == 422 and "repository_id" in r.json()["message"]
    assert bot.get("/environments", params={"repository_id": "abc"}).status_code == 422


def test_trigger_runs_pending_waiting_success_and_sets_current_version(bot):
    bot.control("POST", "/config", {"action_seconds": 0.6})
    version = "a" * 40
    r = bot.post("/deployments", {"environment_id": 2, "deployed_version": version, "comment": "Deploy via API",
                                  "user_id": 2})
    assert r.status_code == 200
    deployment = r.json()
    assert deployment["state"] == "pending" and deployment["environment_id"] == 2
    assert deployment["author_name"] == "Grace Developer" and deployment["is_automatic"] is False
    assert set(deployment) == {"id", "repository_id", "environment_id", "user_id", "deployed_version",
                               "deploy_from_scratch", "trigger_notifications", "is_automatic", "comment",
                               "author_name", "state", "retries", "created_at", "deployed_at"}
    assert bot.get("/environments/2").json()["current_version"] != version
    finished, seen = bot.wait(deployment["id"])
    assert seen[0] == "pending" and "waiting" in seen and seen[-1] == "success"
    assert finished["deployed_at"]
    assert bot.get("/environments/2").json()["current_version"] == version
    listed = bot.entries("/deployments", environment_id=2)
    assert [d["id"] for d in listed] == [deployment["id"]]


def test_trigger_defaults_to_the_branch_head_and_reads_query_parameters(bot):
    before = bot.get("/environments/1").json()["current_version"]
    r = bot.post("/deployments?environment_id=1&deploy_from_scratch=true")
    assert r.status_code == 200, r.text
    assert r.json()["deployed_version"] == before and r.json()["deploy_from_scratch"] is True
    assert r.json()["user_id"] == 1  # the account owner by default


@pytest.mark.parametrize("body, word", [
    ({}, "environment_id"),
    ({"environment_id": 99}, "Environment"),
    ({"environment_id": "x"}, "environment_id"),
    ({"environment_id": 1, "deployed_version": "not-a-sha"}, "deployed_version"),
    ({"environment_id": 1, "user_id": 77}, "User"),
    ({"environment_id": 1, "trigger_notifications": "maybe"}, "trigger_notifications"),
    ({"environment_id": 1, "comment": 5}, "comment"),
])
def test_trigger_validation_names_the_parameter(bot, body, word):
    r = bot.post("/deployments", body)
    assert r.status_code == 422 and word in r.json()["message"] and set(r.json()) == {"message"}
    assert bot.entries("/deployments", repository_id=1) == []


def test_malformed_json_is_400(bot):
    r = bot.s.post(bot.root + "/deployments", data="{", timeout=5)
    assert r.status_code == 400 and r.json() == {"message": "Malformed JSON payload."}


def test_failed_deployment_through_the_faults_api_keeps_current_version(bot):
    bot.control("POST", "/faults", {"action_failures": [
        {"platform": "deploybot", "resource_type": "deployment", "operation": "deploy", "reason": "rsync: 23"}]})
    before = bot.get("/environments/2").json()["current_version"]
    deployment = bot.post("/deployments", {"environment_id": 2, "deployed_version": "b" * 40}).json()
    finished, _seen = bot.wait(deployment["id"])
    assert finished["state"] == "failed"
    assert bot.get("/environments/2").json()["current_version"] == before
    second = bot.post("/deployments", {"environment_id": 2, "deployed_version": "b" * 40}).json()
    assert bot.wait(second["id"])[0]["state"] == "success"  # count 1: only the first failed


def test_refresh_and_deploy_webhooks_need_no_token_but_their_secret(bot):
    website = bot.get("/repositories/1").json()
    r = requests.get(website["refresh_webhook_url"], timeout=5)
    assert r.status_code == 200 and r.text == "Thank you"
    assert requests.get(bot.root + "/webhook/refresh/nope", timeout=5).status_code == 404
    environment = bot.get("/environments/1").json()
    r = requests.post(environment["deploy_webhook_url"], timeout=5)
    assert r.status_code == 200 and r.json()["environment_id"] == 1
    assert requests.post(bot.root + "/webhook/deploy?env_id=1&secret=x", timeout=5).status_code == 404


def test_injected_errors_use_the_message_body(bot):
    bot.control("POST", "/faults", {"error_rate": 1, "statuses": [503], "path_prefix": "/deploybot"})
    r = bot.get("/users")
    assert r.status_code == 503 and r.json() == {"message": "Service Unavailable"}


# The fields the vendor documents for each object (../shared/reference/deploybot/notes.md, Endpoints).
DOCUMENTED = {
    "/users": {"id", "first_name", "last_name", "timezone", "email", "is_admin", "created_at", "updated_at"},
    "/repositories": {"id", "name", "title", "color_label", "type", "url", "refresh_webhook_url", "created_at",
                      "updated_at"},
    "/environments": {"id", "name", "current_version", "is_automatic", "repository_id", "branch_name",
                      "deploy_webhook_url", "status_badge_png_url", "status_badge_svg_url", "created_at", "updated_at"},
    "/servers": {"id", "name", "protocol", "repository_id", "environment_id", "pre_deploy_hook", "post_deploy_hook",
                 "created_at", "updated_at"},
}


@pytest.mark.parametrize("path", sorted(DOCUMENTED))
def test_answers_carry_exactly_the_documented_fields_in_their_documented_forms(bot, path):
    listed = bot.entries(path)
    assert listed and all(set(item) == DOCUMENTED[path] for item in listed)
    one = bot.get("%s/%d" % (path, listed[0]["id"])).json()
    assert one == listed[0]
    for item in listed:
        assert re.match(TIMESTAMP, item["created_at"]) and re.match(TIMESTAMP, item["updated_at"])
        assert isinstance(item["id"], int)
    if path == "/servers":
        assert all(item["protocol"] in ("ftp", "sftp", "shell", "dreamobjects", "heroku", "s3", "cloud_files",
                                        "digital_ocean", "shopify", "elastic_beanstalk", "atomic",
                                        "atomic_digital_ocean") for item in listed)
    if path == "/environments":
        assert all(re.match(r"^[0-9a-f]{40}$", item["current_version"]) for item in listed)
        assert all("secret=" in item["deploy_webhook_url"] for item in listed)
