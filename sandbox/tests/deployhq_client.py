"""A ``requests`` client for the DeployHQ sandbox (HTTP Basic, JSON) and small builders."""

from __future__ import annotations

import time

import requests

USER = "sandbox@example.com"
TOKEN = "sandbox-token"


class DeployHQClient:
    def __init__(self, base, recorder=None):
        self.base = base
        self.root = base + "/deployhq"
        self.s = requests.Session()
        self.s.auth = (USER, TOKEN)
        self.s.headers.update({"Accept": "application/json"})
        self.recorder = recorder

    def req(self, method, path, body=None, **kw):
        r = self.s.request(method, self.root + path, json=body, timeout=10, **kw)
        if self.recorder is not None:
            self.recorder(method, path, r)
        return r

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.req("PUT", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.req("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.req("DELETE", path, **kw)

    def control(self, method, path, body=None):
        return requests.request(method, self.base + "/_sandbox" + path, json=body, timeout=30)

    # -- builders ------------------------------------------------------------------------------
    def project(self, name="My Site", repository=True):
        r = self.post("/projects", {"project": {"name": name}})
        assert r.status_code == 200, r.text
        project = r.json()
        if repository:
            r = self.post("/projects/%s/repository" % project["permalink"], {"repository": {
                "scm_type": "git", "url": "git@github.com:acme/site.git", "branch": "main"}})
            assert r.status_code == 200, r.text
        return project

    def server(self, project, name="web-1", **extra):
        fields = {"name": name, "protocol_type": "ssh", "hostname": "web-1.example.com", "username": "deploy",
                  "server_path": "/var/www/site"}
        fields.update(extra)
        r = self.post("/projects/%s/servers" % project["permalink"], {"server": fields})
        assert r.status_code == 200, r.text
        return r.json()

    def latest(self, project, branch="main"):
        r = self.get("/projects/%s/repository/latest_revision" % project["permalink"], params={"branch": branch})
        assert r.status_code == 200, r.text
        return r.json()["ref"]

    def deploy(self, project, target, start="", end=None, **extra):
        fields = {"parent_identifier": target["identifier"], "start_revision": start,
                  "end_revision": end or self.latest(project)}
        fields.update(extra)
        return self.post("/projects/%s/deployments" % project["permalink"], {"deployment": fields})

    def wait_deployment(self, project, identifier, timeout=10.0):
        end = time.time() + timeout
        while time.time() < end:
            deployment = self.get("/projects/%s/deployments/%s" % (project["permalink"], identifier)).json()
            if deployment["status"] in ("completed", "failed", "cancelled", "preview_ready", "preview_failed"):
                return deployment
            time.sleep(0.05)
        raise AssertionError("deployment %s did not finish" % identifier)
