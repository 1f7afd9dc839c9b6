"""Fault modes for client robustness tests: hangs, slow (trickled) bodies, malformed answers and
latency spikes, each restricted like the other faults and released by a reset."""

from __future__ import annotations

import json
import threading
import time

import pytest
import requests

from sandbox.faults import malformed
from sandbox.http_types import Response

from .conftest import mk_project


def timed(call, *args, **kwargs):
    start = time.monotonic()
    result = call(*args, **kwargs)
    return result, time.monotonic() - start


def in_thread(call, *args, **kwargs):
    """Run ``call`` in a thread; return (thread, box) where box gets "result" and "seconds"."""
    box = {}

    def run():
        box["result"], box["seconds"] = timed(call, *args, **kwargs)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box


def faults(c, **settings):
    r = c.control("POST", "/faults", settings)
    assert r.status_code == 200, r.text
    return r.json()


# -- hang ------------------------------------------------------------------------------

def test_hang_delays_matching_requests_only(c):
    faults(c, hang_rate=1, hang_seconds=0.6, path_prefix="/devopness/projects")
    r, seconds = timed(c.get, "/users/me")
    assert r.status_code == 200 and seconds < 0.4
    r, seconds = timed(c.get, "/projects")
    assert r.status_code == 200 and r.json() == [] and seconds >= 0.6
    assert c.control("GET", "/faults").json()["injected"] == 1


def test_a_client_timeout_fires_on_a_hang(c):
    faults(c, hang_rate=1, hang_seconds=5, methods=["GET"])
    with pytest.raises(requests.exceptions.ReadTimeout):
        c.s.get(c.root + "/projects", timeout=0.3)
    c.control("DELETE", "/faults")


@pytest.mark.parametrize("release", [("DELETE", "/faults"), ("POST", "/reset")])
def test_clearing_faults_or_reset_releases_a_hanging_request(c, release):
    faults(c, hang_rate=1, hang_seconds=60)
    thread, box = in_thread(c.get, "/projects")
    time.sleep(0.3)
    assert thread.is_alive()  # still hanging
    c.control(*release)
    thread.join(timeout=5)
    assert not thread.is_alive() and box["result"].status_code == 200 and box["seconds"] < 5


def test_shutdown_releases_a_hanging_request(c, server):
    from sandbox.server import make_server

    srv = make_server("127.0.0.1", 0)
    serving = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    requests.post(base + "/_sandbox/faults", json={"hang_rate": 1, "hang_seconds": 60}, timeout=5)
    thread, box = in_thread(requests.get, base + "/devopness/projects", timeout=10,
                            headers={"Authorization": "Bearer sandbox-token", "Accept": "application/json"})
    time.sleep(0.3)
    srv.shutdown()
    thread.join(timeout=5)
    srv.server_close()
    assert not thread.is_alive() and box["seconds"] < 5


@pytest.mark.parametrize("settings", [{"hang_seconds": 121}, {"hang_seconds": 0}, {"hang_rate": 1.5},
                                      {"trickle_bytes_per_second": 0}, {"malformed": ["xml"]}, {"malformed": []},
                                      {"latency_spike_ms": 200000}, {"error_rate": "high"},
                                      {"action_failures": [{"stage": 2}]}])
def test_bad_fault_values_are_refused_naming_the_key(c, settings):
    r = c.control("POST", "/faults", settings)
    key = next(iter(settings))
    assert r.status_code == 422 and key in r.json()["message"], r.text
    assert c.control("GET", "/faults").json()[key] != settings[key]


# -- trickle -----------------------------------------------------------------------------

def test_trickle_sends_the_body_a_few_bytes_at_a_time(c):
    plain = c.get("/static/application-options")
    size = len(plain.content)
    assert size > 500
    rate = size / 1.2  # about 1.2 s for the whole body
    faults(c, trickle_rate=1, trickle_bytes_per_second=rate, path_prefix="/devopness/static")
    start = time.monotonic()
    r = c.get("/static/application-options", stream=True)
    chunks = []
    first_at = None
    for chunk in r.iter_content(chunk_size=16):
        first_at = first_at or time.monotonic() - start
        chunks.append(chunk)
    total = time.monotonic() - start
    body = b"".join(chunks)
    assert r.status_code == 200 and json.loads(body) == plain.json()
    assert first_at < 0.5 and total >= 1.0, (first_at, total)
    r, seconds = timed(c.get, "/users/me")
    assert seconds < 0.5  # outside the path prefix


def test_clearing_faults_sends_the_rest_of_a_trickle_at_once(c):
    faults(c, trickle_rate=1, trickle_bytes_per_second=5, path_prefix="/devopness/static")
    thread, box = in_thread(c.get, "/static/application-options")
    time.sleep(0.4)
    assert thread.is_alive()
    c.control("DELETE", "/faults")
    thread.join(timeout=5)
    assert not thread.is_alive() and box["result"].json()["language_runtimes"]


# -- malformed answers ---------------------------------------------------------------------

def test_malformed_html_gateway_page(c):
    faults(c, malformed_rate=1, malformed=["html"])
    r = c.get("/projects")
    assert r.status_code == 502 and r.headers["Content-Type"].startswith("text/html")
    assert "502 Bad Gateway" in r.text and r.text.lstrip().startswith("<!DOCTYPE html>")


def test_malformed_truncated_empty_wrong_type_and_null_items(c):
    for name in ("a", "b"):
        mk_project(c, name)
    whole = c.get("/projects")
    faults(c, malformed_rate=1, malformed=["truncated"], seed=1)
    r = c.get("/projects")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/json"
    assert 0 < len(r.content) < len(whole.content) and whole.content.startswith(r.content)
    with pytest.raises(ValueError):
        json.loads(r.content)
    faults(c, malformed=["empty"])
    r = c.get("/projects")
    assert r.status_code == 200 and r.content == b""
    faults(c, malformed=["wrong_type"])
    r = c.get("/projects")
    assert r.status_code == 200 and isinstance(r.json(), str)
    faults(c, malformed=["null_items"])
    r = c.get("/projects")
    assert r.status_code == 200 and None in r.json()
    assert [x for x in r.json() if x is not None] == whole.json()


def test_malformed_is_restricted_by_method_and_prefix_and_the_work_is_done(c):
    faults(c, malformed_rate=1, malformed=["html"], methods=["POST"], path_prefix="/devopness/organizations")
    assert c.get("/projects").status_code == 200
    r = c.post("/organizations/1/projects", {"name": "committed"})
    assert r.status_code == 502 and "text/html" in r.headers["Content-Type"]
    assert [p["name"] for p in c.get("/projects").json()] == ["committed"]
    assert c.post("/projects/1/environments", {"name": "e", "type": "staging"}).status_code == 201


def test_malformed_kinds_are_drawn_from_the_list_deterministically(c):
    faults(c, malformed_rate=1, malformed=["empty", "wrong_type"], seed=3, max_faults=6)
    first = [c.get("/projects").content for _ in range(6)]
    assert c.get("/projects").json() == []  # max_faults reached
    faults(c, seed=3)
    assert [c.get("/projects").content for _ in range(6)] == first
    assert {b"" if not x else b"str" for x in first} == {b"", b"str"}


def test_null_items_reach_lists_inside_envelopes():
    paged = malformed("null_items", Response(200, {"pagination": {"page": 1}, "records": [{"id": 1}, {"id": 2}]}))
    assert paged.body == {"pagination": {"page": 1}, "records": [{"id": 1}, None, {"id": 2}, None]}
    enveloped = malformed("null_items", Response(200, {"success": True, "data": {"items": []}}))
    assert enveloped.body == {"success": True, "data": {"items": [None]}}
    assert malformed("null_items", Response(200, {"id": 1})).body == [{"id": 1}, None]
    assert malformed("wrong_type", Response(200, "text")).body == ["text"]


# -- latency spikes ----------------------------------------------------------------------------

def test_latency_spikes_add_to_latency_on_matching_requests(c):
    faults(c, latency_ms=100, latency_spike_rate=1, latency_spike_ms=400, path_prefix="/devopness/projects")
    r, seconds = timed(c.get, "/projects")
    assert r.status_code == 200 and seconds >= 0.5
    r, seconds = timed(c.get, "/users/me")
    assert r.status_code == 200 and 0.1 <= seconds < 0.45
