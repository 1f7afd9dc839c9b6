"""Rules the vendor spec states only in prose, and fields the sandbox must echo back the way the
response schema places them: SSH key fingerprints and names, virtual host names by type, cron
patterns, network rule CIDR blocks and server blueprints."""

import base64
import hashlib

import pytest

from .conftest import mk_server, world

# Generated once with `ssh-keygen -t ed25519 -C sandbox@example`; `ssh-keygen -lf` printed
# "256 SHA256:rC7lfKO/eUEyVEff0H6T2UQogDTsApUQA+bieu5IaXk sandbox@example (ED25519)".
ED25519_KEY = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ097O74r3bxBhK/DzimGPoxAfqSQWwHzHJiNQUn8ZbY "
               "sandbox@example")
ED25519_FP = "SHA256:rC7lfKO/eUEyVEff0H6T2UQogDTsApUQA+bieu5IaXk"
# `ssh-keygen -t rsa -b 1024 -C r@x`; `ssh-keygen -lf`: "1024 SHA256:7+DjkDNObNlnz5V9bB081A9uNj36sc3b8Bijv2UCyY4"
RSA_KEY = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDX7t3wZPH6yTe6Msz4x8VIvWRkYY+b6Mi3ALP2RqnEbuoIOBS83u6WiWALB/xSPWo"
           "ZI20ITv7Hhe914T2U+f/ksE25gTjjWoruR0tVAG/Da/MN4bWZUtGwAQNfG9B+xAMToDr4HHg4GCgemL6uRbDxToDlmKzdoKccIOLGFn7L"
           "iQ== r@x")
RSA_FP = "SHA256:7+DjkDNObNlnz5V9bB081A9uNj36sc3b8Bijv2UCyY4"


def openssh_fp(line):
    blob = base64.b64decode(line.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def assert_422(r, field):
    assert r.status_code == 422, (r.status_code, r.text)
    body = r.json()
    assert field in body["errors"], body
    assert body["message"] == body["errors"][field][0]
    return body


def test_known_vectors_are_openssh_fingerprints():
    assert openssh_fp(ED25519_KEY) == ED25519_FP
    assert openssh_fp(RSA_KEY) == RSA_FP


@pytest.mark.parametrize("line,fp", [(ED25519_KEY, ED25519_FP), (RSA_KEY, RSA_FP)])
def test_ssh_key_fingerprint_is_openssh(c, line, fp):
    p, e, gh, s = world(c)
    k = c.post("/environments/%d/ssh-keys" % e["id"], {"name": "k", "public_key": line})
    assert k.status_code == 201, k.text
    assert k.json()["fingerprint"] == fp
    assert c.get("/ssh-keys/%d" % k.json()["id"]).json()["fingerprint"] == fp
    assert c.get("/environments/%d/ssh-keys" % e["id"]).json()[0]["fingerprint"] == fp


def test_ssh_key_comment_and_spacing_do_not_change_fingerprint(c):
    p, e, gh, s = world(c)
    ktype, blob, _ = ED25519_KEY.split()
    for i, line in enumerate([ktype + " " + blob, "  %s\t%s other comment with spaces \n" % (ktype, blob)]):
        k = c.post("/environments/%d/ssh-keys" % e["id"], {"name": "k%d" % i, "public_key": line})
        assert k.status_code == 201, k.text
        assert k.json()["fingerprint"] == ED25519_FP


@pytest.mark.parametrize("bad", [
    "not a key!",                                          # blob is not base64
    "ssh-ed25519",                                         # no blob
    "",                                                    # empty
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB user@host",    # truncated base64 (bad padding)
    "ssh-ed25519 AAAAC3 me@host",                          # not decodable
    "ssh-rsa " + ED25519_KEY.split()[1],                   # blob says ssh-ed25519
    "ssh-ed25519 " + base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519").decode(),  # type only, no key
])
def test_ssh_key_bad_public_key_422(c, bad):
    p, e, gh, s = world(c)
    body = assert_422(c.post("/environments/%d/ssh-keys" % e["id"], {"name": "k", "public_key": bad}), "public_key")
    assert "OpenSSH public key" in body["errors"]["public_key"][0]
    assert c.get("/environments/%d/ssh-keys" % e["id"]).json() == []


def test_ssh_key_names_unique_per_environment(c):
    p, e, gh, s = world(c)
    eid = e["id"]
    a = c.post("/environments/%d/ssh-keys" % eid, {"name": "deploy", "public_key": ED25519_KEY}).json()
    body = assert_422(c.post("/environments/%d/ssh-keys" % eid, {"name": "deploy", "public_key": RSA_KEY}), "name")
    assert body["errors"]["name"] == ["The name has already been taken."]
    b = c.post("/environments/%d/ssh-keys" % eid, {"name": "other", "public_key": RSA_KEY}).json()
    assert_422(c.put("/ssh-keys/%d" % b["id"], {"id": b["id"], "name": "deploy"}), "name")
    assert c.get("/ssh-keys/%d" % b["id"]).json()["name"] == "other"
    assert c.put("/ssh-keys/%d" % a["id"], {"id": a["id"], "name": "deploy"}).status_code == 204  # own name
    # another environment may reuse the name
    e2 = c.post("/projects/%d/environments" % p["id"], {"name": "e2", "type": "production"}).json()
    r = c.post("/environments/%d/ssh-keys" % e2["id"], {"name": "deploy", "public_key": ED25519_KEY})
    assert r.status_code == 201


@pytest.mark.parametrize("vtype,name,ok", [
    ("name-based", "shop.example.com", True),
    ("name-based", "*.example.com", True),
    ("name-based", "xn--bcher-kva.example", True),
    ("name-based", "127.0.0.1", False),
    ("name-based", "localhost", False),
    ("name-based", "-bad.example.com", False),
    ("name-based", "has space.example.com", False),
    ("name-based", "example.com:8080", False),
    ("ip-based", "127.0.0.1", True),
    ("ip-based", "10.0.0.5:3000", True),
    ("ip-based", "256.0.0.1", False),
    ("ip-based", "10.0.0.5:0", False),
    ("ip-based", "10.0.0.5:70000", False),
    ("ip-based", "10.0.0.5:", False),
    ("ip-based", "::1", False),
    ("ip-based", "shop.example.com", False),
])
def test_virtual_host_name_matches_type(c, vtype, name, ok):
    p, e, gh, s = world(c)
    r = c.post("/environments/%d/virtual-hosts" % e["id"], {"type": vtype, "name": name})
    if ok:
        assert r.status_code == 201, r.text
        assert r.json()["name"] == name
    else:
        body = assert_422(r, "name")
        assert vtype in body["errors"]["name"][0]


def test_virtual_host_rename_checks_its_type(c):
    p, e, gh, s = world(c)
    eid = e["id"]
    nb = c.post("/environments/%d/virtual-hosts" % eid, {"type": "name-based", "name": "a.example.com"}).json()
    ib = c.post("/environments/%d/virtual-hosts" % eid, {"type": "ip-based", "name": "10.0.0.1"}).json()
    assert_422(c.put("/virtual-hosts/%d" % nb["id"], {"id": nb["id"], "name": "10.0.0.2"}), "name")
    assert_422(c.put("/virtual-hosts/%d" % ib["id"], {"id": ib["id"], "name": "b.example.com"}), "name")
    assert c.put("/virtual-hosts/%d" % ib["id"], {"id": ib["id"], "name": "10.0.0.1:8080"}).status_code == 204
    assert c.put("/virtual-hosts/%d" % nb["id"], {"id": nb["id"], "name": "b.example.com"}).status_code == 204
    assert c.get("/virtual-hosts/%d" % ib["id"]).json()["name"] == "10.0.0.1:8080"


@pytest.mark.parametrize("pattern,ok", [
    ("* * * * *", True), ("*/5 * * * *", True), ("0 0 * * *", True), ("0,30 9-17 * * mon-fri", True),
    ("15 3 1 jan,jul ?", True), ("0 0 1-31/2 * 0-7", True),
    ("@hourly", False), ("* * * *", False), ("0 * * * * *", False), ("60 * * * *", False),
    ("* 24 * * *", False), ("* * 0 * *", False), ("* * * 13 *", False), ("* * * * 8", False),
    ("*/0 * * * *", False), ("a b c d e", False), ("1-x * * * *", False), ("", False),
])
def test_cron_pattern_is_five_fields(c, pattern, ok):
    p, e, gh, s = world(c)
    body = {"name": "job", "command": "echo hello", "pattern": pattern, "run_as_user": "root"}
    r = c.post("/environments/%d/cron-jobs" % e["id"], body)
    if ok:
        assert r.status_code == 201, r.text
        assert r.json()["pattern"] == pattern
    else:
        assert_422(r, "pattern")


def test_cron_pattern_checked_on_update(c):
    p, e, gh, s = world(c)
    cj = c.post("/environments/%d/cron-jobs" % e["id"], {"name": "job", "command": "echo hello", "pattern": "* * * * *",
                                                        "run_as_user": "root"}).json()
    upd = {"id": cj["id"], "name": "job", "command": "echo hello", "run_as_user": "root"}
    assert_422(c.put("/cron-jobs/%d" % cj["id"], dict(upd, pattern="@daily")), "pattern")
    assert c.get("/cron-jobs/%d" % cj["id"]).json()["pattern"] == "* * * * *"
    assert c.put("/cron-jobs/%d" % cj["id"], dict(upd, pattern="0 */2 * * *")).status_code == 204


@pytest.mark.parametrize("cidr,ok", [
    ("0.0.0.0/0", True), ("10.0.0.0/8", True), ("192.168.1.7/32", True), ("10.0.0.1/24", True),
    ("::/0", True), ("2001:db8::/32", True),
    ("everyone", False), ("10.0.0.0", False), ("10.0.0.0/33", False), ("300.0.0.0/8", False),
    ("2001:db8::/129", False), ("10.0.0.0/", False), ("/8", False),
])
def test_network_rule_cidr_block(c, cidr, ok):
    p, e, gh, s = world(c)
    body = {"name": "rule", "direction": "inbound", "protocol": "tcp", "port": 443, "cidr_block": cidr}
    r = c.post("/environments/%d/network-rules" % e["id"], body)
    if ok:
        assert r.status_code == 201, r.text
        assert r.json()["cidr_block"] == cidr
    else:
        assert_422(r, "cidr_block")


def test_network_rule_cidr_checked_on_update(c):
    p, e, gh, s = world(c)
    nr = c.post("/environments/%d/network-rules" % e["id"], {"name": "rule", "direction": "inbound", "protocol": "tcp",
                                                            "port": 443, "cidr_block": "0.0.0.0/0"}).json()
    upd = {"id": nr["id"], "name": "rule", "direction": "inbound"}
    assert_422(c.put("/network-rules/%d" % nr["id"], dict(upd, cidr_block="anywhere")), "cidr_block")
    assert c.put("/network-rules/%d" % nr["id"], dict(upd, cidr_block="fd00::/8")).status_code == 204
    assert c.get("/network-rules/%d" % nr["id"]).json()["cidr_block"] == "fd00::/8"


def test_server_blueprint_round_trips_under_spec_services(c):
    p, e, gh, s = world(c)
    sent = [{"type": "mysql", "version": "8.0"},
            {"type": "redis", "version": "7", "auto_start": False, "initial_state": "stopped"}]
    created = mk_server(c, e["id"], "db-1", blueprint=sent).json()
    assert created["blueprint"]["spec"]["services"] == sent
    got = c.get("/servers/%d" % created["id"]).json()
    assert got["blueprint"]["spec"]["services"] == sent
    # a server created without one reports an empty service list, not {}
    assert s["blueprint"] == {"spec": {"services": []}}
    assert c.get("/servers/%d" % s["id"]).json()["blueprint"] == {"spec": {"services": []}}
