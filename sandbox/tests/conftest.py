"""Fixtures: one in-process sandbox on a free 127.0.0.1 port per session,
reset before each test; a small ``requests`` client bound to it."""

from __future__ import annotations

import contextlib
import json
import os
import threading

import pytest
import requests

from sandbox.openapi import Spec, find_reference_dir
from sandbox.server import make_server

TOKEN = "sandbox-token"


@contextlib.contextmanager
def serving(srv):
    """Serve ``srv`` in a thread; yield its base URL; shut it down afterwards."""
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield "%s://127.0.0.1:%d" % (srv.scheme, srv.server_address[1])
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def server():
    srv = make_server("127.0.0.1", 0)
    with serving(srv):
        yield srv


@pytest.fixture(scope="session")
def base(server):
    return "http://127.0.0.1:%d" % server.server_address[1]


@pytest.fixture(scope="session")
def spec():
    # an independent copy of the spec (not the one the server patched)
    return Spec(os.path.join(find_reference_dir(), "devopness", "openapi.json"))


class Client:
    def __init__(self, base):
        self.base = base
        self.root = base + "/devopness"
        self.s = requests.Session()
        self.s.headers.update({"Authorization": "Bearer " + TOKEN, "Accept": "application/json"})

    def req(self, method, path, body=None, **kw):
        headers = kw.pop("headers", {})
        data = None
        if body is not None:
            data = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        return self.s.request(method, self.root + path, data=data, headers=headers, timeout=10, **kw)

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.req("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.req("DELETE", path, **kw)

    def control(self, method, path, body=None):
        return requests.request(method, self.base + "/_sandbox" + path,
                                data=json.dumps(body) if body is not None else None, timeout=30)


@pytest.fixture
def c(base):
    cl = Client(base)
    r = cl.control("POST", "/reset")
    assert r.status_code == 200
    return cl


# -- helpers to build a small world -------------------------------------------

def mk_project(c, name="proj"):
    r = c.post("/organizations/1/projects", {"name": name})
    assert r.status_code == 201, r.text
    return r.json()


def mk_env(c, pid, name="env", type_="staging"):
    r = c.post("/projects/%d/environments" % pid, {"name": name, "type": type_})
    assert r.status_code == 201, r.text
    return r.json()


def mk_cred(c, code="aws", ptype="cloud_provider", name=None):
    r = c.post("/organizations/sandbox/credentials", {
        "name": name or code + "-cred", "provider_code": code, "provider_type": ptype, "active": True,
        "settings": {"credential": {"access_key_id": "AK", "secret_access_key": "SECRET"}}})
    assert r.status_code == 201, r.text
    return r.json()


def mk_server(c, eid, hostname="web-1", cred=None, **extra):
    body = {"hostname": hostname, "provision_input": {"cloud_service_code": "self-hosted-custom",
                                                      "settings": {"os_version_code": "ubuntu_22_04"}},
            "ip_address": "192.0.2.10", "ssh_port": 22}
    if cred is not None:
        body = {"hostname": hostname, "credential_id": str(cred),
                "provision_input": {"cloud_service_code": "aws-ec2", "settings": {
                    "instance_type": "t3.micro", "region": "us-east-1", "storage_size": 20,
                    "os_version_code": "ubuntu_22_04"}}}
    body.update(extra)
    r = c.post("/environments/%d/servers" % eid, body)
    assert r.status_code == 201, r.text
    return r


def mk_app(c, eid, cred_id, name="api", **extra):
    body = {"name": name, "engine_version": "20", "framework": "express", "programming_language": "nodejs",
            "repository": "acme/api", "credential_id": cred_id, "default_branch": "main"}
    body.update(extra)
    r = c.post("/environments/%d/applications" % eid, body)
    assert r.status_code == 201, r.text
    return r.json()


def world(c):
    p = mk_project(c)
    e = mk_env(c, p["id"])
    gh = mk_cred(c, "github", "source_provider")
    s = mk_server(c, e["id"]).json()
    return p, e, gh, s


def wait_action(c, aid, timeout=5.0):
    import time

    end = time.time() + timeout
    while time.time() < end:
        a = c.get("/actions/%s" % aid).json()
        if a["status"] in ("completed", "failed", "skipped"):
            return a
        time.sleep(0.05)
    raise AssertionError("action %s did not finish" % aid)
