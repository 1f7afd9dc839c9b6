"""Stateful simulator of the Devopness REST API (state + handlers).

Records are plain dicts in ``self.db[<type>][<id>]``; responses are built as
rich "views" and rendered into the spec's response schema with
``Spec.shape`` (see openapi.py), so every documented field is present and
typed.  All handlers run under the sandbox's global lock.

Choices where the vendor docs are silent are marked "CHOICE" (see README).
"""

from __future__ import annotations

import base64
import datetime as _dt
import binascii
import hashlib
import ipaddress
import re
import secrets
import struct
import time
import uuid

from .server import ApiError, ApiPlatform, Response, validation_error

ORG_MODEL = "App\\Models\\Organization"

MODEL = {
    "organization": "Organization", "project": "Project", "environment": "Environment",
    "credential": "Credential", "server": "Server", "application": "Application",
    "daemon": "Daemon", "virtual-host": "VirtualHost", "ssl-certificate": "SslCertificate",
    "service": "Service", "cronjob": "CronJob", "ssh-key": "SshKey", "network-rule": "NetworkRule",
    "variable": "Variable", "pipeline": "Pipeline", "step": "Step", "hook": "Hook", "action": "Action",
}
HUMAN = {
    "application": ("Application", "Applications"), "credential": ("Credential", "Credentials"),
    "cronjob": ("Cron Job", "Cron Jobs"), "daemon": ("Daemon", "Daemons"),
    "network-rule": ("Network Rule", "Network Rules"), "server": ("Server", "Servers"),
    "service": ("Service", "Services"), "ssh-key": ("SSH Key", "SSH Keys"),
    "ssl-certificate": ("SSL Certificate", "SSL Certificates"),
    "virtual-host": ("Virtual Host", "Virtual Hosts"),
}
# resource types that live in an environment and can be linked to servers
LINKABLE = ("application", "daemon", "virtual-host", "cronjob", "service", "ssh-key", "network-rule",
            "ssl-certificate")
# resource type -> supported lifecycle operations (besides delete)
OPERATIONS = {
    "application": ["deploy"],
    "daemon": ["deploy", "start", "stop", "restart", "get-status"],
    "virtual-host": ["deploy", "get-status"],
    "ssl-certificate": ["deploy"],
    "service": ["deploy", "start", "stop", "restart", "reload", "get-status"],
    "cronjob": ["deploy"],
    "ssh-key": ["deploy"],
    "network-rule": ["deploy"],
    "server": ["deploy", "start", "stop", "restart", "get-status", "rotate-key"],
    "credential": ["get-status"],
}
CLOUD = {
    "aws-ec2": ("aws", "Amazon Web Services", "us-east-1", "US East (N. Virginia) us-east-1"),
    "azure-rm": ("azure", "Microsoft Azure", "eastus", "East US"),
    "digitalocean-droplet": ("digitalocean", "DigitalOcean", "nyc1", "New York 1"),
    "gcp-gce": ("gcp", "Google Cloud Platform", "us-central1", "Iowa us-central1"),
    "hetzner-hcloud": ("hetzner", "Hetzner", "fsn1", "Falkenstein fsn1"),
    "self-hosted-custom": ("self-hosted", "VPS/Self Hosted", None, None),
}
PROVIDERS = {
    "aws": ("cloud_provider", "Amazon Web Services"), "azure": ("cloud_provider", "Microsoft Azure"),
    "digitalocean": ("cloud_provider", "DigitalOcean"), "gcp": ("cloud_provider", "Google Cloud Platform"),
    "hetzner": ("cloud_provider", "Hetzner"), "github": ("source_provider", "GitHub"),
    "gitlab": ("source_provider", "GitLab"), "bitbucket": ("source_provider", "Bitbucket"),
}
OS_VERSIONS = {
    "ubuntu_18_04": ("18.04 LTS (Bionic Beaver)", "Bionic Beaver", "18.04"),
    "ubuntu_20_04": ("20.04 LTS (Focal Fossa)", "Focal Fossa", "20.04"),
    "ubuntu_22_04": ("22.04 LTS (Jammy Jellyfish)", "Jammy Jellyfish", "22.04"),
    "ubuntu_24_04": ("24.04 LTS (Noble Numbat)", "Noble Numbat", "24.04"),
    "ubuntu_26_04": ("26.04 LTS", "Resolute Raccoon", "26.04"),
    "centos_7": ("CentOS 7", "CentOS 7", "7"),
}
STEP_NAMES = {
    ("server", "provision"): ["Create cloud instance", "Configure SSH access", "Install base packages"],
    ("application", "deploy"): ["Clone repository", "Install dependencies", "Build application",
                                "Activate release"],
    ("server", "delete"): ["Destroy cloud instance"],
}
ACTION_TYPE = {"get-status": "get_status", "rotate-key": "rotate_key"}
STATUS_HUMAN = {
    "pending": ("Pending", "PENDING", "Pending: Action created successfully but has not yet been queued."),
    "in-progress": ("In Progress", "IN_PROGRESS", "In progress: Action is being executed."),
    "completed": ("Completed", "COMPLETED", "Completed: Action completed successfully."),
    "failed": ("Failed", "FAILED", "Failed: Action failed during execution."),
    "skipped": ("Skipped", "SKIPPED", "Skipped: Action was skipped."),
}
PENDING_FRACTION = 0.15
USER = {"id": 1, "name": "Sandbox User", "email": "sandbox@example.com", "url_slug": "sandbox-user",
        "language": "en", "active": True, "type": "user"}


def iso(ts: float) -> str:
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def norm_op(op: str) -> str:
    return (op or "").replace("_", "-")


# ---------------------------------------------------------------------------
# field rules the spec states only in prose (endpoints.md)

def ssh_fingerprint(public_key: str):
    """OpenSSH ``SHA256:`` fingerprint of a ``<type> <base64> [comment]`` line, or None if it is not one.

    Like ``ssh-keygen -lf``: sha256 of the base64-decoded key blob, base64 without padding.  The
    comment does not count.  The blob must start with its own key type (an SSH string)."""
    parts = (public_key or "").split()
    if len(parts) < 2:
        return None
    ktype, b64 = parts[0], parts[1]
    try:
        blob = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(blob) < 4:
        return None
    n = struct.unpack(">I", blob[:4])[0]
    if blob[4:4 + n] != ktype.encode() or len(blob) <= 4 + n:
        return None
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


_DOMAIN_RE = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", re.I)


def vhost_name_ok(vtype: str, name: str) -> bool:
    """``name-based``: a domain name (optionally ``*.``-wildcarded, at least two labels, a TLD that
    starts with a letter); ``ip-based``: an IPv4 address with an optional ``:port`` (1-65535)."""
    if vtype == "name-based":
        return len(name) <= 253 and bool(_DOMAIN_RE.match(name))
    addr, sep, port = name.partition(":")
    if sep and not (port.isdigit() and port.isascii() and 1 <= int(port) <= 65535):
        return False
    try:
        ipaddress.IPv4Address(addr)
    except ValueError:
        return False
    return True


_CRON_FIELDS = (  # (low, high, names)
    (0, 59, None), (0, 23, None), (1, 31, None),
    (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
    (0, 7, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
)


def _cron_value(text, low, high, names):
    if text.isdigit() and text.isascii():
        return low <= int(text) <= high
    return bool(names) and text.lower() in names


def cron_pattern_ok(pattern: str) -> bool:
    """Five whitespace-separated fields (minute hour day-of-month month day-of-week), each a list
    of ``*``, ``N``, ``N-M``, optionally with ``/step``; month and weekday names allowed; ``?`` for
    day-of-month or day-of-week.  Macros (``@hourly``) and 6-field (seconds) forms are refused."""
    fields = (pattern or "").split()
    if len(fields) != 5:
        return False
    for i, (field, (low, high, names)) in enumerate(zip(fields, _CRON_FIELDS)):
        if field == "?" and i in (2, 4):
            continue
        for item in field.split(","):
            rng, slash, step = item.partition("/")
            if slash and not (step.isdigit() and step.isascii() and 1 <= int(step) <= high):
                return False
            if rng == "*":
                continue
            a, dash, b = rng.partition("-")
            if not _cron_value(a, low, high, names):
                return False
            if dash and not _cron_value(b, low, high, names):
                return False
    return True


def cidr_ok(value: str) -> bool:
    """An IPv4 or IPv6 block written as ``address/prefix`` (host bits may be set)."""
    if "/" not in (value or ""):
        return False
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


class Devopness(ApiPlatform):
    name = "devopness"
    prefix = "/devopness"

    def __init__(self, sandbox, spec):
        super().__init__(sandbox, spec)
        self._patch_spec()
        self.handlers = {k[2:]: getattr(self, k) for k in dir(self) if k.startswith("h_")}
        self._register_generic()
        self.reset()

    def _patch_spec(self):
        # The spec types ServerEnvironmentCreate/ServerUpdate.credential_id as a
        # string although every other credential_id is an integer (endpoints.md
        # section 9.7).  Accept both an integer and a numeric string.
        self.spec.enrich_from_prose()
        sch = self.spec.schemas
        for name in ("ServerEnvironmentCreate", "ServerUpdate"):
            props = sch.get(name, {}).get("properties", {})
            if "credential_id" in props:
                props["credential_id"] = {"anyOf": [{"type": "integer", "minimum": 1},
                                                    {"type": "string", "pattern": "^[0-9]+$"}]}
        self.spec._validators.clear()

    # -- state ---------------------------------------------------------------
    def reset(self):
        now = time.time()
        self.db = {t: {} for t in MODEL}
        self.ids = {t: 0 for t in MODEL}
        self.links = []  # (parent_type, parent_id, child_type, child_id, created)
        self.pending = []  # action ids not yet finalised
        self.by_res = {}  # (type, id) -> [action ids]
        self.db["organization"][1] = {"id": 1, "name": "Sandbox", "url_slug": "sandbox", "created": now,
                                      "updated": now}
        self.ids["organization"] = 1
        self.started = now
        self._nested = False

    def new_id(self, t):
        self.ids[t] += 1
        return self.ids[t]

    def token(self):
        import os

        return os.environ.get("SANDBOX_TOKEN", "sandbox-token")

    def check_auth(self, req):
        auth = req.header("Authorization") or ""
        if not auth.startswith("Bearer ") or auth[7:].strip() != self.token():
            raise ApiError(401, "Unauthenticated.")

    def cfg(self, k):
        return self.sandbox.config[k]

    # -- lookups ---------------------------------------------------------------
    def get(self, t, rid, *, field=None):
        rec = self.db[t].get(rid) if isinstance(rid, int) else None
        if rec is None:
            if field:
                raise validation_error({field: ["The selected %s is invalid." % field]})
            raise ApiError(404, "No query results for model [App\\Models\\%s] %s" % (MODEL[t], rid))
        return rec

    def org(self, key):
        for o in self.db["organization"].values():
            if str(o["id"]) == str(key) or o["url_slug"] == str(key):
                return o
        raise ApiError(404, "No query results for model [%s] %s" % (ORG_MODEL, key))

    def stamp(self, rec):
        rec["updated"] = time.time()

    def base(self, t, **kw):
        now = time.time()
        rec = {"id": self.new_id(t), "created": now, "updated": now}
        rec.update(kw)
        self.db[t][rec["id"]] = rec
        return rec

    def check_id(self, body, rid):
        if body.get("id") != rid:
            raise validation_error({"id": ["The id must match the id in the URL (%s)." % rid]})

    def unique(self, t, env_id, field, value, exclude=None):
        for r in self.db[t].values():
            if r.get("environment_id") == env_id and r.get(field) == value and r["id"] != exclude:
                raise validation_error({field: ["The %s has already been taken." % field]})

    def env_of(self, rec):
        return self.db["environment"].get(rec.get("environment_id"))

    # -- generic views -----------------------------------------------------------
    def times(self, rec, out):
        out["created_at"] = iso(rec["created"])
        out["updated_at"] = iso(rec["updated"])
        return out

    def v_org(self, o):
        return self.times(o, dict(o, owner=USER, current_user_permissions=[], resource_summary=[]))

    def v_project(self, p):
        org = self.db["organization"].get(p["organization_id"])
        return self.times(p, dict(p, user_id=1, organization=self.v_org(org) if org else None,
                                  os_users=[], current_user_permissions=[], created_by_user=USER,
                                  resource_summary=[], used_credits=0))

    def v_env(self, e):
        return self.times(e, dict(e, type_human_readable=e["type"].capitalize(), teams=[],
                                  current_user_permissions=[], created_by_user=USER, resource_summary=[]))

    def v_cred(self, c):
        if c is None:
            return None
        ptype, pname = PROVIDERS[c["provider_code"]]
        org = self.db["organization"].get(c["organization_id"])
        out = {k: v for k, v in c.items() if k != "settings"}  # settings are write-only
        out.update(provider={"code": c["provider_code"], "code_human_readable": pname, "name": pname,
                             "type": ptype, "type_human_readable": ptype.replace("_", " ").title()},
                   provider_type=ptype, provider_type_human_readable=ptype.replace("_", " ").title(),
                   provider_auth_type="api_credentials" if ptype == "cloud_provider" else "oauth",
                   provider_auth_type_human_readable="API Credentials" if ptype == "cloud_provider" else "OAuth",
                   organization=self.v_org(org) if org else None, created_by_user=USER,
                   last_action=self.v_last_action("credential", c["id"]))
        return self.times(c, out)

    def scope(self, rec):
        env = self.db["environment"].get(rec.get("environment_id"))
        proj = self.db["project"].get(rec.get("project_id"))
        return {"environment": self.v_env(env) if env else None, "project": self.v_project(proj) if proj else None,
                "environment_id": rec.get("environment_id"), "project_id": rec.get("project_id")}

    def v_server(self, s):
        code = s["provision_input"]["cloud_service_code"]
        pname, phuman, region, rhuman = CLOUD[code]
        settings = s["provision_input"].get("settings") or {}
        osv = settings.get("os_version_code") or "ubuntu_22_04"
        on, cn, ver = OS_VERSIONS.get(osv, OS_VERSIONS["ubuntu_22_04"])
        out = dict(s, name=s["hostname"], created_by=1, provider_name=pname, provider_name_human_readable=phuman,
                   cloud_service_code=code, region=settings.get("region", region),
                   region_human_readable=rhuman if settings.get("region", region) == region else settings.get("region"),
                   os={"name": on, "code_name": cn, "version": ver, "os_version_code": osv,
                       "os_version_code_human_readable": "Ubuntu " + on, "released_at": "2022-04-21",
                       "end_standard_support_at": "2027-04-01", "end_of_life_at": "2032-04-01"},
                   os_version_code=osv, blueprint={"spec": {"services": [dict(x) for x in s.get("blueprint") or []]}},
                   created_by_user=USER, credential=self.v_cred(self.db["credential"].get(s.get("credential_id"))),
                   last_action=self.v_last_action("server", s["id"]), **self.scope(s))
        out["provision_input"] = dict(s["provision_input"], settings=dict(settings))
        if out.get("ip_address") is None:
            out.pop("ip_address", None)
        return self.times(s, out)

    def linked_servers(self, t, rid):
        ids = []
        for pt, pid, ct, cid, _ in self.links:
            if pt == t and pid == rid and ct == "server":
                ids.append(cid)
            elif ct == t and cid == rid and pt == "server":
                ids.append(pid)
        return [self.db["server"][i] for i in sorted(set(ids)) if i in self.db["server"]]

    def v_servers(self, t, rid):
        if self._nested:
            return []
        return [self.v_server(s) for s in self.linked_servers(t, rid)]

    def v_app(self, a, full=True):
        owner, _, name = a["repository"].partition("/")
        latest = live = None
        for aid in reversed([] if self._nested else self.by_res.get(("application", a["id"]), [])):
            act = self.db["action"][aid]
            if act["type"] != "deploy":
                continue
            st = self.astate(act)["status"]
            if latest is None:
                latest = act
            if live is None and st == "completed":
                live = act
            if latest and live:
                break
        out = dict(a, repository_owner=owner, repository_name=name, created_by=1,
                   programming_language_human_readable=a["programming_language"].capitalize(),
                   framework_human_readable=a["framework"].capitalize(), created_by_user=USER,
                   last_deployments={"latest": self.v_action(latest) if latest else None,
                                     "live": self.v_action(live) if live else None},
                   credential=self.v_cred(self.db["credential"].get(a.get("credential_id"))),
                   **self.scope(a))
        if full:
            out.update(servers=self.v_servers("application", a["id"]), services=[], cronjobs=[],
                       virtual_hosts=[], daemons=[])
        return self.times(a, out)

    def v_app_ref(self, app_id):
        a = self.db["application"].get(app_id)
        return self.v_app(a, full=False) if a else None

    def v_res(self, t, r):
        """View for the simpler env-scoped resources."""
        out = dict(r, created_by_user=USER, is_auto_generated=False,
                   last_action=self.v_last_action(t, r["id"]), **self.scope(r))
        out["servers"] = self.v_servers(t, r["id"])
        if "application_id" in r:
            out["application"] = self.v_app_ref(r.get("application_id"))
        if t == "virtual-host":
            cert = self.db["ssl-certificate"].get(r.get("ssl_certificate_id"))
            out["ssl_certificate"] = self.v_res("ssl-certificate", cert) if cert else None
            out["type_human_readable"] = r["type"].replace("-", " ").title()
        elif t == "service":
            out["type_human_readable"] = r["type"].capitalize()
        elif t == "cronjob":
            out["pattern_human_readable"] = {"* * * * *": "Every minute", "0 * * * *": "Hourly",
                                             "0 0 * * *": "Daily"}.get(r["pattern"], "Custom")
        elif t == "ssh-key":
            out.pop("public_key", None)  # write-only
        elif t == "ssl-certificate":
            out.pop("custom_private_key", None)
            out.pop("custom_certificate", None)
        return self.times(r, out)

    def view(self, t, r):
        if t == "server":
            return self.v_server(r)
        if t == "application":
            return self.v_app(r)
        if t == "credential":
            return self.v_cred(r)
        if t == "project":
            return self.v_project(r)
        if t == "environment":
            return self.v_env(r)
        return self.v_res(t, r)

    def render(self, schema_name, data):
        return self.spec.shape(self.spec.schema_ref(schema_name), data)

    def list_of(self, req, q, items, t, schema):
        ref = self.spec.schema_ref(schema)
        return self.paginate(req, q, items, lambda r: self.spec.shape(ref, self.view(t, r)))

    # -- actions -----------------------------------------------------------------
    def create_action(self, op, t, rid, *, servers=None, effect=None, pipeline_id=None, retry_of=None,
                      comment=None, source_type=None, source_ref=None, duration=None, env_id=None,
                      project_id=None):
        atype = ACTION_TYPE.get(op, op)
        rec = self.db[t].get(rid)
        if servers is None:
            servers = [s["id"] for s in self.linked_servers(t, rid)] if t != "server" else [rid]
        names = STEP_NAMES.get((t, atype)) or ["Prepare %s" % atype.replace("_", " "),
                                               "Run %s" % atype.replace("_", " "), "Finish"]
        if duration is None:
            duration = self.cfg("provision_seconds" if atype == "provision" else "action_seconds")
        fail = None
        for f in list(self.sandbox.faults.action_failures):
            if f.get("resource_type") not in (None, t):
                continue
            if f.get("operation") is not None and norm_op(f["operation"]) != norm_op(atype):
                continue
            fail = {"step": max(1, min(int(f.get("step", 1)), len(names))),
                    "reason": f.get("reason") or "Step failed"}
            f["count"] = int(f.get("count", 1)) - 1
            if f["count"] <= 0:
                self.sandbox.faults.action_failures.remove(f)
            break
        a = self.base("action", type=atype, operation=norm_op(op), resource_type=t, resource_id=rid,
                      environment_id=(rec or {}).get("environment_id", env_id),
                      project_id=(rec or {}).get("project_id", project_id),
                      organization_id=self._org_id_of(rec, t), start=time.time(), duration=duration,
                      steps=names, fail=fail, effect=effect, pipeline_id=pipeline_id, retry_of=retry_of,
                      trigger_comment=comment, source_type=source_type, source_ref=source_ref,
                      finalized=False, snapshot=self._snapshot(t, rec), final=None)
        a["targets"] = [{"id": a["id"] * 100 + i + 1, "server_id": sid} for i, sid in enumerate(servers)]
        self.pending.append(a["id"])
        self.by_res.setdefault((t, rid), []).append(a["id"])
        return a

    def _snapshot(self, t, rec):
        if rec is None:
            return None
        outer = self._nested
        self._nested = True
        try:
            return self.view(t, rec)
        finally:
            self._nested = outer

    def _org_id_of(self, rec, t):
        if rec is None:
            return 1
        if t == "credential":
            return rec["organization_id"]
        p = self.db["project"].get(rec.get("project_id"))
        return p["organization_id"] if p else 1

    def end_time(self, a):
        d = a["duration"]
        run0 = a["start"] + d * PENDING_FRACTION
        if a["fail"]:
            n = len(a["steps"])
            return run0 + (d - d * PENDING_FRACTION) * a["fail"]["step"] / n
        return a["start"] + d

    def astate(self, a, now=None):
        """Compute action status from elapsed wall time."""
        now = time.time() if now is None else now
        if a["final"]:
            return a["final"]
        d = a["duration"]
        run0 = a["start"] + d * PENDING_FRACTION
        end = self.end_time(a)
        n = len(a["steps"])
        stepdur = (d - d * PENDING_FRACTION) / n
        steps = []
        for i, name in enumerate(a["steps"]):
            s0, s1 = run0 + i * stepdur, run0 + (i + 1) * stepdur
            order = i + 1
            if a["fail"] and order > a["fail"]["step"]:
                st = "skipped" if now >= end else "pending"
                steps.append((order, name, st, None, None))
                continue
            if now >= s1 or (now >= end and order <= (a["fail"] or {}).get("step", n)):
                st = "failed" if a["fail"] and order == a["fail"]["step"] else "completed"
                steps.append((order, name, st, s0, min(s1, end)))
            elif now >= s0:
                steps.append((order, name, "in-progress", s0, None))
            else:
                steps.append((order, name, "pending", None, None))
        if now >= end:
            status = "failed" if a["fail"] else "completed"
            completed_at = end
        elif now >= run0:
            status, completed_at = "in-progress", None
        else:
            status, completed_at = "pending", None
        res = {"status": status, "started_at": run0 if now >= run0 else None, "completed_at": completed_at,
               "steps": steps}
        return res

    def tick(self):
        now = time.time()
        still = []
        for aid in self.pending:
            a = self.db["action"].get(aid)
            if a is None:
                continue
            if now >= self.end_time(a):
                st = self.astate(a, now)
                a["final"] = st
                a["finalized"] = True
                self.apply_effect(a, st["status"])
            else:
                still.append(aid)
        self.pending = still

    def apply_effect(self, a, status):
        eff = a.get("effect")
        t, rid = a["resource_type"], a["resource_id"]
        if t == "server":
            s = self.db["server"].get(rid)
            if s is not None:
                if eff == "provision":
                    s["status"] = "running" if status == "completed" else "failed"
                elif eff in ("start", "restart") and status == "completed":
                    s["status"] = "running"
                elif eff == "restart":
                    s["status"] = "running"
                elif eff == "stop" and status == "completed":
                    s["status"] = "stopped"
                self.stamp(s)
        if eff == "delete" and status == "completed":
            self.remove(t, rid)

    def remove(self, t, rid):
        self.db[t].pop(rid, None)
        self.links = [lk for lk in self.links if not ((lk[0] == t and lk[1] == rid) or (lk[2] == t and lk[3] == rid))]
        for vid in [v["id"] for v in self.db["variable"].values()
                    if v["resource_type"] == t and v["resource_id"] == rid]:
            self.db["variable"].pop(vid)
        for pid in [p["id"] for p in self.db["pipeline"].values()
                    if p["resource_type"] == t and p["resource_id"] == rid]:
            self.db["pipeline"].pop(pid)
        if t == "virtual-host":
            pass
        if t == "ssl-certificate":
            for vh in self.db["virtual-host"].values():
                if vh.get("ssl_certificate_id") == rid:
                    vh["ssl_certificate_id"] = None

    def v_action(self, a):
        if a is None:
            return None
        # nested views inside an action carry no last_action / servers (no cycles)
        outer = self._nested
        self._nested = True
        try:
            return self._v_action(a)
        finally:
            self._nested = outer

    def _v_action(self, a):
        st = self.astate(a)
        status = st["status"]
        human, code, reason = STATUS_HUMAN[status]
        targets = []
        counts = {"count": 0, "pending": 0, "in_progress": 0, "completed": 0, "failed": 0}
        for tg in a["targets"]:
            srv = self.db["server"].get(tg["server_id"])
            steps = []
            cur = None
            for order, name, sst, s0, s1 in st["steps"]:
                sh, sc, sr = STATUS_HUMAN[sst]
                step = {"id": tg["id"] * 100 + order, "action_id": a["id"], "action_target_id": tg["id"],
                        "name": name, "description": name, "order": order, "status": sst,
                        "status_human_readable": sh, "status_reason_code": sc, "status_reason_human_readable": sr,
                        "started_at": iso(s0) if s0 else None, "completed_at": iso(s1) if s1 else None,
                        "created_at": iso(a["start"]), "updated_at": iso(s1 or s0 or a["start"])}
                steps.append(step)
                if sst in ("in-progress", "failed") or (cur is None and sst == "pending"):
                    cur = cur or step
            counts["count"] += 1
            counts[{"in-progress": "in_progress"}.get(status, status) if status != "skipped" else "completed"] += 1
            targets.append({
                "id": tg["id"], "resource_type": "server", "resource_type_human_readable": "Server",
                "resource_id": tg["server_id"], "status": status, "status_human_readable": human,
                "status_reason_code": code, "status_reason_human_readable": reason,
                "total_steps": len(steps), "current_step": cur, "steps": steps,
                "resource_data": self._target_data(srv, tg["server_id"]),
                "started_at": iso(st["started_at"]) if st["started_at"] else None,
                "completed_at": iso(st["completed_at"]) if st["completed_at"] else None,
                "created_at": iso(a["start"]), "updated_at": iso(time.time()),
            })
        t = a["resource_type"]
        rec = self.db[t].get(a["resource_id"])
        data = self.view(t, rec) if rec else a["snapshot"]
        rel = {"application": "ApplicationRelation", "credential": "CredentialRelation", "cronjob": "CronJobRelation",
               "daemon": "DaemonRelation", "network-rule": "NetworkRuleRelation", "server": "ServerRelation",
               "service": "ServiceRelation", "ssh-key": "SshKeyRelation", "ssl-certificate": "SslCertificateRelation",
               "virtual-host": "VirtualHostRelation"}.get(t)
        if data is not None and rel:
            data = dict(data, __schema__=rel)
        env = self.db["environment"].get(a["environment_id"])
        proj = self.db["project"].get(a["project_id"])
        org = self.db["organization"].get(a["organization_id"])
        reason_h = reason
        if status == "failed":
            reason_h = "Failed: %s" % a["fail"]["reason"]
        action_data = None
        if a["type"] == "deploy" and t == "application":
            action_data = {"__schema__": "ActionDeploymentData",
                           "release_name": _dt.datetime.fromtimestamp(a["start"], _dt.timezone.utc).strftime(
                               "%Y-%m-%d-%H-%M-%S"),
                           "commit": {"hash": hashlib.sha1(str(a["source_ref"]).encode()).hexdigest(),
                                      "message": "sandbox commit", "author_name": "Sandbox",
                                      "author_email": "sandbox@example.com", "url": None},
                           "deployment": {"type": "deploy", "source_type": a["source_type"] or "branch",
                                          "source_ref": a["source_ref"] or ""}}
        return {
            "id": a["id"], "pipeline_id": a["pipeline_id"], "retry_of": a["retry_of"], "status": status,
            "status_human_readable": human, "status_reason_code": code, "status_reason_human_readable": reason_h,
            "type": a["type"], "type_human_readable": a["type"].replace("_", " ").capitalize(),
            "url_web_permalink": "https://app.devopness.com/actions/%d" % a["id"],
            "trigger_comment": a["trigger_comment"], "action_data": action_data,
            "triggered_from": {"origin": "sandbox", "trigger_type": None, "name": USER["name"], "email": USER["email"],
                               "ip_address": "127.0.0.1", "user_id": 1, "hook_id": None, "hook_request_id": None},
            "parent": None, "children": [], "triggered_by_user": USER,
            "resource": {"id": a["resource_id"], "type": t, "type_human_readable": HUMAN.get(t, (t, t))[0],
                         "data": data},
            "summary": {"targets": counts}, "environment": self.v_env(env) if env else None,
            "project": self.v_project(proj) if proj else None, "organization": self.v_org(org) if org else None,
            "targets": targets,
            "started_at": iso(st["started_at"]) if st["started_at"] else None,
            "completed_at": iso(st["completed_at"]) if st["completed_at"] else None,
            "created_at": iso(a["start"]), "updated_at": iso(st["completed_at"] or st["started_at"] or a["start"]),
        }

    def _target_data(self, srv, sid):
        if srv is None:
            return {"__schema__": "ActionTargetServerData", "id": sid, "hostname": "deleted-%d" % sid,
                    "provider_name": "self-hosted", "provider_name_human_readable": "VPS/Self Hosted",
                    "ip_address": None, "ssh_port": 22, "os_version_code": "ubuntu_22_04",
                    "provision_input": {"cloud_service_code": "self-hosted-custom",
                                        "settings": {"os_version_code": "ubuntu_22_04"}}}
        v = self.v_server(srv)
        v["__schema__"] = "ActionTargetServerData"
        v.setdefault("ip_address", None)
        return v

    def v_last_action(self, t, rid):
        ids = self.by_res.get((t, rid))
        if not ids or self._nested:
            return None
        return self.v_action(self.db["action"][ids[-1]])

    def action_response(self, a, status=204):
        return Response(status, None, {"X-Devopness-Action-Id": str(a["id"])})

    # ======================================================================
    # users / organizations
    def h_getUserMe(self, req, p, q, b):
        now = self.started
        return Response(200, self.render("UserMe", dict(USER, social_accounts=[], created_at=iso(now),
                                                        updated_at=iso(now))))

    def h_listOrganizations(self, req, p, q, b):
        items = sorted(self.db["organization"].values(), key=lambda o: o["id"])
        ref = self.spec.schema_ref("OrganizationRelation")
        return self.paginate(req, q, items, lambda o: self.spec.shape(ref, self.v_org(o)))

    def h_getOrganization(self, req, p, q, b):
        return Response(200, self.render("Organization", self.v_org(self.org(p["organization_id"]))))

    # projects -----------------------------------------------------------------
    def h_listProjects(self, req, p, q, b):
        items = sorted(self.db["project"].values(), key=lambda r: r["id"])
        if "owner" in q:
            o = self.org(q["owner"])
            items = [x for x in items if x["organization_id"] == o["id"]]
        return self.list_of(req, q, items, "project", "ProjectRelation")

    def h_addOrganizationProject(self, req, p, q, b):
        o = self.org(p["organization_id"])
        rec = self.base("project", name=b["name"], organization_id=o["id"], logo_url=b.get("logo_url"))
        return Response(201, self.render("Project", self.v_project(rec)))

    def h_getProject(self, req, p, q, b):
        return Response(200, self.render("Project", self.v_project(self.get("project", p["project_id"]))))

    def h_updateProject(self, req, p, q, b):
        rec = self.get("project", p["project_id"])
        self.check_id(b, rec["id"])
        rec["name"] = b["name"]
        if "logo_url" in b:
            rec["logo_url"] = b["logo_url"]
        self.stamp(rec)
        return Response(204)

    def h_deleteProject(self, req, p, q, b):
        rec = self.get("project", p["project_id"])
        for e in [e for e in self.db["environment"].values() if e["project_id"] == rec["id"]]:
            self._delete_env(e)
        self.db["project"].pop(rec["id"])
        return Response(204)

    # environments ---------------------------------------------------------------
    def h_listProjectEnvironments(self, req, p, q, b):
        proj = self.get("project", p["project_id"])
        items = [e for e in self.db["environment"].values() if e["project_id"] == proj["id"] and not e["is_archived"]]
        return self.list_of(req, q, sorted(items, key=lambda r: r["id"]), "environment", "EnvironmentRelation")

    def h_listProjectArchivedEnvironments(self, req, p, q, b):
        proj = self.get("project", p["project_id"])
        items = [e for e in self.db["environment"].values() if e["project_id"] == proj["id"] and e["is_archived"]]
        return self.list_of(req, q, sorted(items, key=lambda r: r["id"]), "environment",
                            "ArchivedEnvironmentRelation")

    def h_addProjectEnvironment(self, req, p, q, b):
        proj = self.get("project", p["project_id"])
        rec = self.base("environment", project_id=proj["id"], name=b["name"], type=b["type"],
                        description=b.get("description"), is_archived=False)
        return Response(201, self.render("Environment", self.v_env(rec)))

    def h_getEnvironment(self, req, p, q, b):
        return Response(200, self.render("Environment", self.v_env(self.get("environment", p["environment_id"]))))

    def h_updateEnvironment(self, req, p, q, b):
        rec = self.get("environment", p["environment_id"])
        self.check_id(b, rec["id"])
        rec.update(name=b["name"], type=b["type"])
        if "description" in b:
            rec["description"] = b["description"]
        self.stamp(rec)
        return Response(204)

    def _delete_env(self, e):
        for t in ("server",) + LINKABLE:
            for rid in [r["id"] for r in self.db[t].values() if r.get("environment_id") == e["id"]]:
                self.remove(t, rid)
        for c in self.db["credential"].values():
            c["environment_ids"].discard(e["id"])
        self.db["environment"].pop(e["id"], None)

    def h_deleteEnvironment(self, req, p, q, b):
        self._delete_env(self.get("environment", p["environment_id"]))
        return Response(204)

    def h_archiveEnvironment(self, req, p, q, b):
        rec = self.get("environment", p["environment_id"])
        rec["is_archived"] = True
        self.stamp(rec)
        return Response(204)

    def h_unarchiveEnvironment(self, req, p, q, b):
        rec = self.get("environment", p["environment_id"])
        rec["is_archived"] = False
        self.stamp(rec)
        return Response(204)

    # credentials -------------------------------------------------------------
    def _cred_filter(self, items, q):
        if "provider_code" in q:
            items = [c for c in items if c["provider_code"] == q["provider_code"]]
        if "provider_type" in q:
            items = [c for c in items if PROVIDERS[c["provider_code"]][0] == q["provider_type"]]
        return sorted(items, key=lambda r: r["id"])

    def h_listOrganizationCredentials(self, req, p, q, b):
        o = self.org(p["organization_id"])
        items = [c for c in self.db["credential"].values() if c["organization_id"] == o["id"]]
        return self.list_of(req, q, self._cred_filter(items, q), "credential", "CredentialRelation")

    def h_addOrganizationCredential(self, req, p, q, b):
        o = self.org(p["organization_id"])
        if PROVIDERS[b["provider_code"]][0] != b["provider_type"]:
            raise validation_error({"provider_type": ["The provider type must be %s for provider %s." % (
                PROVIDERS[b["provider_code"]][0], b["provider_code"])]})
        rec = self.base("credential", organization_id=o["id"], name=b["name"], provider_code=b["provider_code"],
                        active=b["active"], settings=b["settings"], environment_ids=set())
        return Response(201, self.render("Credential", self.v_cred(rec)))

    def h_getCredential(self, req, p, q, b):
        return Response(200, self.render("Credential", self.v_cred(self.get("credential", p["credential_id"]))))

    def h_updateCredential(self, req, p, q, b):
        rec = self.get("credential", p["credential_id"])
        self.check_id(b, rec["id"])
        rec["name"] = b["name"]
        if "settings" in b:
            rec["settings"] = b["settings"]
        self.stamp(rec)
        return Response(204)

    def h_deleteCredential(self, req, p, q, b):
        rec = self.get("credential", p["credential_id"])
        self.db["credential"].pop(rec["id"])
        return Response(204)

    def h_listEnvironmentCredentials(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        items = [c for c in self.db["credential"].values() if env["id"] in c["environment_ids"]]
        return self.list_of(req, q, self._cred_filter(items, q), "credential", "CredentialRelation")

    def h_linkCredentialToEnvironment(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        c = self.get("credential", p["credential_id"])
        c["environment_ids"].add(env["id"])
        return Response(204)

    def h_unlinkCredentialFromEnvironment(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        c = self.get("credential", p["credential_id"])
        c["environment_ids"].discard(env["id"])
        return Response(204)

    def h_getStatusCredential(self, req, p, q, b):
        c = self.get("credential", p["credential_id"])
        return self.action_response(self.create_action("get-status", "credential", c["id"], servers=[]))

    # servers -----------------------------------------------------------------
    def _credential(self, cid, field="credential_id"):
        if cid is None:
            return None
        try:
            cid = int(cid)
        except (TypeError, ValueError):
            raise validation_error({field: ["The selected %s is invalid." % field]})
        return self.get("credential", cid, field=field)

    def _link_on_create(self, t, rid, env, b):
        pending = []
        for i, lr in enumerate(b.get("linked_resources") or []):
            lt, lid = lr["resource_type"], lr["resource_id"]
            if lt not in self.db or lt in ("action", "variable", "pipeline", "step", "hook") or \
                    self.db[lt].get(lid) is None:
                raise validation_error({"linked_resources.%d.resource_id" % i: [
                    "The selected linked_resources.%d.resource_id is invalid." % i]})
            pending.append((lt, lid))
        return pending

    def _apply_links(self, t, rid, pending):
        for lt, lid in pending:
            self._link(t, rid, lt, lid)

    def _link(self, pt, pid, ct, cid):
        for lk in self.links:
            if {(lk[0], lk[1]), (lk[2], lk[3])} == {(pt, pid), (ct, cid)}:
                return
        self.links.append((pt, pid, ct, cid, time.time()))

    def h_listEnvironmentServers(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        items = [s for s in self.db["server"].values() if s["environment_id"] == env["id"]]
        return self.list_of(req, q, sorted(items, key=lambda r: r["id"]), "server", "ServerRelation")

    def h_addEnvironmentServer(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        pi = b["provision_input"]
        code = pi["cloud_service_code"]
        errors = {}
        if code == "self-hosted-custom":
            for f in ("ip_address", "ssh_port"):
                if b.get(f) is None:
                    errors[f] = ["The %s field is required when provision input.cloud service code is "
                                 "self-hosted-custom." % f]
        elif b.get("credential_id") is None:
            errors["credential_id"] = ["The credential_id field is required unless provision_input."
                                       "cloud_service_code is in self-hosted-custom."]
        if errors:
            raise validation_error(errors)
        cred = self._credential(b.get("credential_id"))
        if cred is not None and PROVIDERS[cred["provider_code"]][0] != "cloud_provider":
            raise validation_error({"credential_id": ["The credential must be a cloud provider credential."]})
        links = self._link_on_create("server", None, env, b)
        settings = dict(pi.get("settings") or {})
        rec = self.base("server", environment_id=env["id"], project_id=env["project_id"], hostname=b["hostname"],
                        ip_address=b.get("ip_address"), ssh_port=b.get("ssh_port", 22),
                        max_parallel_actions=b.get("max_parallel_actions", 0),
                        blueprint=[dict(x) for x in b.get("blueprint") or []],
                        credential_id=cred["id"] if cred else None, status="provisioning", active=True,
                        provision_input={"cloud_service_code": code, "settings": settings,
                                         **({"subnet_id": pi["subnet_id"]} if "subnet_id" in pi else {})},
                        activation_token=secrets.token_hex(16))
        if rec["ip_address"] is None and code != "self-hosted-custom":
            rec["ip_address"] = "10.%d.%d.%d" % ((rec["id"] >> 16) & 255, (rec["id"] >> 8) & 255, rec["id"] & 255)
        self._apply_links("server", rec["id"], links)
        a = self.create_action("provision", "server", rec["id"], effect="provision")
        return Response(201, self.render("Server", self.v_server(rec)), {"X-Devopness-Action-Id": str(a["id"])})

    def h_getServer(self, req, p, q, b):
        return Response(200, self.render("Server", self.v_server(self.get("server", p["server_id"]))))

    def h_updateServer(self, req, p, q, b):
        rec = self.get("server", p["server_id"])
        self.check_id(b, rec["id"])
        if "credential_id" in b:
            c = self._credential(b["credential_id"])
            rec["credential_id"] = c["id"] if c else None
        for f in ("ip_address", "ssh_port", "max_parallel_actions"):
            if f in b:
                rec[f] = b[f]
        self.stamp(rec)
        return Response(204)

    def h_deleteServer(self, req, p, q, b):
        rec = self.get("server", p["server_id"])
        a = self.create_action("delete", "server", rec["id"], effect="delete")
        a["destroy_server_disks"] = q.get("destroy_server_disks", False)
        return self.action_response(a)

    def _server_op(self, op, p):
        rec = self.get("server", p["server_id"])
        if op == "restart":
            rec["status"] = "restarting"
        return self.action_response(self.create_action(op, "server", rec["id"], effect=op))

    def h_deployServer(self, req, p, q, b):
        return self._server_op("deploy", p)

    def h_startServer(self, req, p, q, b):
        return self._server_op("start", p)

    def h_stopServer(self, req, p, q, b):
        return self._server_op("stop", p)

    def h_restartServer(self, req, p, q, b):
        return self._server_op("restart", p)

    def h_getStatusServer(self, req, p, q, b):
        return self._server_op("get-status", p)

    def h_rotateKeyServer(self, req, p, q, b):
        return self._server_op("rotate-key", p)

    def h_getServerCommands(self, req, p, q, b):
        rec = self.get("server", p["server_id"])
        url = "http://%s%s/servers/%d/connect/%s" % (req.host, self.prefix, rec["id"], rec["activation_token"])
        return Response(200, self.render("ServerCommand", {"connect_command": "curl -fsSL -X POST '%s' | sudo bash" % url}))

    # applications ------------------------------------------------------------
    def h_listEnvironmentApplications(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        items = [a for a in self.db["application"].values() if a["environment_id"] == env["id"]]
        needle = req.query.get("filter[name]")
        if isinstance(needle, list):
            needle = needle[-1]
        if needle:
            items = [a for a in items if needle.lower() in a["name"].lower()]
        return self.list_of(req, q, sorted(items, key=lambda r: r["id"]), "application", "ApplicationRelation")

    APP_FIELDS = ("name", "engine_version", "framework", "programming_language", "repository", "default_branch",
                  "build_command", "root_directory", "deployments_keep", "install_dependencies_command")

    def h_addEnvironmentApplication(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        self.unique("application", env["id"], "name", b["name"])
        cred = self._credential(b["credential_id"])
        links = self._link_on_create("application", None, env, b)
        rec = self.base("application", environment_id=env["id"], project_id=env["project_id"],
                        credential_id=cred["id"], build_command=None, root_directory=None, deployments_keep=5,
                        install_dependencies_command=None)
        for f in self.APP_FIELDS:
            if f in b:
                rec[f] = b[f]
        self._apply_links("application", rec["id"], links)
        self._default_pipeline("application", rec, "deploy", [
            ("Clone repository", "git clone --depth 1 $REPOSITORY ."),
            ("Install dependencies", rec.get("install_dependencies_command") or "echo 'install dependencies'"),
            ("Build application", rec.get("build_command") or "echo 'no build command'"),
        ])
        return Response(201, self.render("Application", self.v_app(rec)))

    def h_getApplication(self, req, p, q, b):
        return Response(200, self.render("Application", self.v_app(self.get("application", p["application_id"]))))

    def h_updateApplication(self, req, p, q, b):
        rec = self.get("application", p["application_id"])
        self.check_id(b, rec["id"])
        if "repository" in b and b.get("credential_id") is None:
            raise validation_error({"credential_id": ["The credential_id field is required when repository is present."]})
        if "credential_id" in b:
            rec["credential_id"] = self._credential(b["credential_id"])["id"]
        self.unique("application", rec["environment_id"], "name", b["name"], exclude=rec["id"])
        for f in self.APP_FIELDS:
            if f in b:
                rec[f] = b[f]
        self.stamp(rec)
        return Response(204)

    def h_deleteApplication(self, req, p, q, b):
        rec = self.get("application", p["application_id"])
        return self.action_response(self.create_action("delete", "application", rec["id"], effect="delete"))

    def _servers_arg(self, b, field="servers"):
        out = []
        for i, sid in enumerate(b.get(field) or []):
            if sid not in self.db["server"]:
                raise validation_error({"%s.%d" % (field, i): ["The selected %s.%d is invalid." % (field, i)]})
            out.append(sid)
        return out or None

    def h_addApplicationDeployment(self, req, p, q, b):
        rec = self.get("application", p["application_id"])
        if ("source_type" in b) != ("source_ref" in b):
            missing = "source_ref" if "source_type" in b else "source_type"
            raise validation_error({missing: ["The %s field is required when %s is present." % (
                missing, "source_type" if missing == "source_ref" else "source_ref")]})
        servers = self._servers_arg(b)
        if b.get("pipeline_id") is not None:
            pl = self.db["pipeline"].get(b["pipeline_id"])
            if not pl or pl["resource_type"] != "application" or pl["resource_id"] != rec["id"]:
                raise validation_error({"pipeline_id": ["The selected pipeline_id is invalid."]})
        a = self.create_action("deploy", "application", rec["id"], servers=servers,
                               source_type=b.get("source_type", "branch"),
                               source_ref=b.get("source_ref", rec["default_branch"]),
                               pipeline_id=b.get("pipeline_id") or self._pipeline_id("application", rec["id"], "deploy"))
        return self.action_response(a)

    def h_listApplicationHooks(self, req, p, q, b):
        rec = self.get("application", p["application_id"])
        items = [h for h in self.db["hook"].values() if h["resource_type"] == "application"
                 and h["resource_id"] == rec["id"]]
        return self.paginate(req, q, sorted(items, key=lambda h: h["created"]),
                             lambda h: self.render("HookRelation", self.v_hook(h)))

    # variables -----------------------------------------------------------------
    def _resource(self, t, rid):
        if t not in MODEL or t in ("action", "variable", "step", "hook", "organization"):
            raise ApiError(404, "Unknown resource type %s" % t)
        return self.get(t, rid)

    def v_var(self, v):
        out = dict(v, target_human_readable=v["target"].replace("-", " ").replace("_", " ").title(),
                   created_by_user=USER)
        if v["hidden"]:
            out["value"] = None  # CHOICE: hidden values are write-only
        return self.times(v, out)

    def h_listVariablesByResourceType(self, req, p, q, b):
        t, rid = p["resource_type"], p["resource_id"]
        res = self._resource(t, rid)
        items = [v for v in self.db["variable"].values() if v["resource_type"] == t and v["resource_id"] == rid]
        items.sort(key=lambda v: v["id"])
        if q.get("include_virtual_variables", True):
            items = [{"id": 0, "key": "DEVOPNESS_%s_ID" % t.upper().replace("-", "_"), "type": "variable",
                      "target": "os-env-var", "value": str(res["id"]), "hidden": False,
                      "description": "Virtual variable managed by Devopness (read-only)",
                      "resource_type": t, "resource_id": rid, "created": res["created"],
                      "updated": res["updated"]}] + items
        if "variable_target" in q:
            items = [v for v in items if v["target"] == q["variable_target"]]
        return self.paginate(req, q, items, lambda v: self.render("VariableRelation", self.v_var(v)))

    def _var_unique(self, t, rid, target, key, exclude=None):
        for v in self.db["variable"].values():
            if v["resource_type"] == t and v["resource_id"] == rid and v["target"] == target and v["key"] == key \
                    and v["id"] != exclude:
                raise validation_error({"key": ["The key has already been taken for target %s." % target]})

    def h_addVariable(self, req, p, q, b):
        t, rid = p["resource_type"], p["resource_id"]
        self._resource(t, rid)
        self._var_unique(t, rid, b["target"], b["key"])
        rec = self.base("variable", resource_type=t, resource_id=rid, key=b["key"], value=b["value"],
                        target=b["target"], type=b["type"], hidden=b["hidden"], description=b.get("description"))
        return Response(201, self.render("Variable", self.v_var(rec)))

    def h_getVariable(self, req, p, q, b):
        return Response(200, self.render("Variable", self.v_var(self.get("variable", p["variable_id"]))))

    def h_updateVariable(self, req, p, q, b):
        rec = self.get("variable", p["variable_id"])
        self.check_id(b, rec["id"])
        self._var_unique(rec["resource_type"], rec["resource_id"], b["target"], b["key"], exclude=rec["id"])
        for f in ("key", "value", "target", "type", "hidden", "description"):
            if f in b:
                rec[f] = b[f]
        self.stamp(rec)
        return Response(204)

    def h_deleteVariable(self, req, p, q, b):
        rec = self.get("variable", p["variable_id"])
        self.db["variable"].pop(rec["id"])
        return Response(204)

    # actions -------------------------------------------------------------------
    def _action_filter(self, items, q, prefix="filter"):
        f = {}
        for k, v in q.items():
            if k.startswith(prefix + "[") and k.endswith("]"):
                f[k[len(prefix) + 1:-1]] = v[-1] if isinstance(v, list) else v
        out = []
        for a in items:
            if "organization_id" in f and str(a["organization_id"]) != f["organization_id"]:
                continue
            if "project_id" in f and str(a["project_id"]) != f["project_id"]:
                continue
            if "environment_id" in f and str(a["environment_id"]) != f["environment_id"]:
                continue
            if "resource_type" in f and a["resource_type"] != f["resource_type"]:
                continue
            if "resource_id" in f and str(a["resource_id"]) != f["resource_id"]:
                continue
            if "operation" in f and norm_op(a["type"]) != norm_op(f["operation"]):
                continue
            if "status" in f and self.astate(a)["status"] != f["status"]:
                continue
            out.append(a)
        return out

    def _list_actions(self, req, q, items):
        items = self._action_filter(items, req.query)
        items = sorted(items, key=lambda a: a["id"], reverse=True)  # newest first
        return self.paginate(req, q, items, lambda a: self.render("ActionRelation", self.v_action(a)))

    def h_listActions(self, req, p, q, b):
        return self._list_actions(req, q, list(self.db["action"].values()))

    def h_getAction(self, req, p, q, b):
        return Response(200, self.render("Action", self.v_action(self.get("action", p["action_id"]))))

    def h_listActionsByResourceType(self, req, p, q, b):
        ids = self.by_res.get((p["resource_type"], p["resource_id"]), [])
        return self._list_actions(req, q, [self.db["action"][i] for i in ids if i in self.db["action"]])

    def h_listActionsByTargetResourceType(self, req, p, q, b):
        t, rid = p["target_resource_type"], p["target_resource_id"]
        items = [a for a in self.db["action"].values()
                 if t == "server" and any(tg["server_id"] == rid for tg in a["targets"])]
        return self._list_actions(req, q, items)

    def h_listEnvironmentActions(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        return self._list_actions(req, q, [a for a in self.db["action"].values() if a["environment_id"] == env["id"]])

    def h_listEnvironmentActionsByResourceType(self, req, p, q, b):
        env = self.get("environment", p["environment_id"])
        return self._list_actions(req, q, [a for a in self.db["action"].values() if a["environment_id"] == env["id"]
                                           and a["resource_type"] == p["resource_type"]])

    def h_listProjectActionsByResourceType(self, req, p, q, b):
        proj = self.get("project", p["project_id"])
        return self._list_actions(req, q, [a for a in self.db["action"].values() if a["project_id"] == proj["id"]
                                           and a["resource_type"] == p["resource_type"]])

    def h_retryAction(self, req, p, q, b):
        old = self.get("action", p["action_id"])
        st = self.astate(old)["status"]
        if st not in ("failed", "completed", "skipped"):
            raise ApiError(422, "Only finished actions can be retried.")
        eff = old.get("effect")
        if old["resource_type"] == "server" and eff == "provision":
            srv = self.db["server"].get(old["resource_id"])
            if srv:
                srv["status"] = "provisioning"
        a = self.create_action(old["operation"], old["resource_type"], old["resource_id"],
                               servers=[t["server_id"] for t in old["targets"]], effect=eff,
                               pipeline_id=old["pipeline_id"], retry_of=old["id"], comment=old["trigger_comment"],
                               source_type=old["source_type"], source_ref=old["source_ref"],
                               env_id=old["environment_id"], project_id=old["project_id"])
        return Response(201, self.render("ActionRetryResponse", self.v_action(a)))

    def h_getActionLog(self, req, p, q, b):
        a = self.get("action", p["action_id"])
        tg = next((t for t in a["targets"] if t["id"] == p["action_target_id"]), None)
        if tg is None:
            raise ApiError(404, "No query results for model [App\\Models\\ActionTarget] %s" % p["action_target_id"])
        st = self.astate(a)
        step = next((s for s in st["steps"] if s[0] == p["action_step_order"]), None)
        if step is None:
            raise ApiError(404, "No query results for model [App\\Models\\ActionStep] %s" % p["action_step_order"])
        order, name, sst, s0, s1 = step
        lines = []
        if s0:
            lines.append("$ %s" % name)
            lines.append("[sandbox] step %d (%s) started" % (order, name))
        if sst == "failed":
            lines.append(a["fail"]["reason"])
            lines.append("[sandbox] step %d failed" % order)
        elif sst == "completed":
            lines.append("[sandbox] step %d completed" % order)
        out = "\n".join(lines) if lines else None
        srv = self.db["server"].get(tg["server_id"])
        return Response(200, self.render("Log", {
            "target": self._target_data(srv, tg["server_id"]),
            "step": {"order": order, "started_at": iso(s0) if s0 else None,
                     "completed_at": iso(s1) if s1 else None, "output": out},
            "updated_at": iso(s1 or s0) if (s1 or s0) else None}))

    # pipelines -------------------------------------------------------------------
    def _pipeline_id(self, t, rid, op):
        for pl in self.db["pipeline"].values():
            if pl["resource_type"] == t and pl["resource_id"] == rid and pl["operation"] == op:
                return pl["id"]
        return None

    def _default_pipeline(self, t, res, op, steps):
        pl = self.base("pipeline", name="Deploy %s" % res.get("name", t) if op == "deploy" else op.title(),
                       operation=op, resource_type=t, resource_id=res["id"], environment_id=res["environment_id"],
                       project_id=res["project_id"], max_parallel_actions=1, trigger_when=None, step_ids=[])
        for i, (name, cmd) in enumerate(steps):
            st = self.base("step", name=name, description=name, type="default-step", command=cmd,
                           runner="custom", run_as_user="devopness", pipeline_id=pl["id"],
                           trigger_order=(i + 1) * 1000, is_auto_generated=True, is_default_step=True,
                           script_id=0)
            pl["step_ids"].append(st["id"])
        return pl

    def v_pipeline(self, pl):
        proj = self.db["project"].get(pl["project_id"])
        steps = sorted((self.db["step"][i] for i in pl["step_ids"] if i in self.db["step"]),
                       key=lambda s: s["trigger_order"])
        return self.times(pl, dict(pl, organization_id=proj["organization_id"] if proj else 1,
                                   resource_type_human_readable=HUMAN.get(pl["resource_type"], ("", ""))[0],
                                   operation_human_readable=pl["operation"].replace("-", " ").capitalize(),
                                   steps=[self.v_step(s) for s in steps], created_by_user=USER))

    def v_step(self, s):
        return self.times(s, dict(s))

    def h_listPipelinesByResourceType(self, req, p, q, b):
        t, rid = p["resource_type"], p["resource_id"]
        self._resource(t, rid)
        items = sorted((pl for pl in self.db["pipeline"].values()
                        if pl["resource_type"] == t and pl["resource_id"] == rid), key=lambda x: x["id"])
        return self.paginate(req, q, items, lambda pl: self.render("PipelineRelation", self.v_pipeline(pl)))

    def h_addPipeline(self, req, p, q, b):
        t, rid = p["resource_type"], p["resource_id"]
        res = self._resource(t, rid)
        if t not in OPERATIONS:
            raise ApiError(422, "Resource type %s does not support pipelines." % t,
                           {"resource_type": ["Resource type %s does not support pipelines." % t]})
        if b["operation"] not in OPERATIONS[t]:
            raise validation_error({"operation": ["The operation must be one of: %s." % ", ".join(OPERATIONS[t])]})
        env_id = res.get("environment_id")
        proj_id = res.get("project_id")
        pl = self.base("pipeline", name=b["name"], operation=b["operation"], resource_type=t, resource_id=rid,
                       environment_id=env_id, project_id=proj_id,
                       max_parallel_actions=b.get("max_parallel_actions", 1),
                       trigger_when=b.get("trigger_when"), step_ids=[])
        return Response(201, self.render("Pipeline", self.v_pipeline(pl)))

    def h_getPipeline(self, req, p, q, b):
        return Response(200, self.render("Pipeline", self.v_pipeline(self.get("pipeline", p["pipeline_id"]))))

    def h_updatePipeline(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        self.check_id(b, pl["id"])
        pl["name"] = b["name"]
        for f in ("max_parallel_actions", "trigger_when"):
            if f in b:
                pl[f] = b[f]
        self.stamp(pl)
        return Response(204)

    def h_deletePipeline(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        self.db["pipeline"].pop(pl["id"])
        return Response(204)

    def h_addPipelineStep(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        orders = [self.db["step"][i]["trigger_order"] for i in pl["step_ids"] if i in self.db["step"]]
        st = self.base("step", name=b.get("name"), description=b.get("description"), type=b.get("type", "custom"),
                       command=b["command"], runner=b["runner"], run_as_user=b.get("run_as_user", "devopness"),
                       pipeline_id=pl["id"], trigger_order=(max(orders) if orders else 0) + 1000,
                       is_auto_generated=False, is_default_step=False, script_id=0)
        pl["step_ids"].append(st["id"])
        return Response(201, self.render("Step", self.v_step(st)))

    def _step_of(self, pl, sid):
        st = self.get("step", sid)
        return st

    def h_updatePipelineStep(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        st = self.get("step", p["step_id"])
        if st["id"] not in pl["step_ids"]:
            raise ApiError(404, "No query results for model [App\\Models\\Step] %s" % st["id"])
        self.check_id(b, st["id"])
        if st["is_default_step"]:
            raise ApiError(422, "Default steps cannot be updated.", {"id": ["Default steps cannot be updated."]})
        for f in ("command", "runner", "name", "description", "type", "run_as_user"):
            if f in b:
                st[f] = b[f]
        if "trigger_after" in b:
            after = b["trigger_after"]
            others = sorted((self.db["step"][i] for i in pl["step_ids"] if i in self.db["step"] and i != st["id"]),
                            key=lambda s: s["trigger_order"])
            nxt = [s["trigger_order"] for s in others if s["trigger_order"] > after]
            if nxt and nxt[0] - after > 1:
                st["trigger_order"] = after + (nxt[0] - after) // 2
            elif nxt:
                # renumber everything to make room
                seq = [s for s in others if s["trigger_order"] <= after] + [st] + \
                      [s for s in others if s["trigger_order"] > after]
                for i, s in enumerate(seq):
                    s["trigger_order"] = (i + 1) * 1000
            else:
                st["trigger_order"] = after + 1000
        self.stamp(st)
        return Response(204)

    def h_linkStepToPipeline(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        st = self.get("step", p["step_id"])
        if st["id"] not in pl["step_ids"]:
            pl["step_ids"].append(st["id"])
        return Response(204)

    def h_unlinkStepFromPipeline(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        st = self.get("step", p["step_id"])
        if st["is_default_step"]:
            raise ApiError(422, "Default steps cannot be unlinked.", {"step_id": ["Default steps cannot be unlinked."]})
        if st["id"] in pl["step_ids"]:
            pl["step_ids"].remove(st["id"])
        return Response(204)

    def h_addPipelineAction(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        if ("source_type" in b) != ("source_ref" in b):
            missing = "source_ref" if "source_type" in b else "source_type"
            raise validation_error({missing: ["The %s field is required with %s." % (missing, "source_ref")]})
        servers = self._servers_arg(b)
        t, rid = pl["resource_type"], pl["resource_id"]
        res = self.get(t, rid)
        op = pl["operation"]
        a = self.create_action(op, t, rid, servers=servers, pipeline_id=pl["id"], comment=b.get("trigger_comment"),
                               source_type=b.get("source_type", "branch" if t == "application" else None),
                               source_ref=b.get("source_ref", res.get("default_branch")),
                               effect=op if t == "server" else ("delete" if op == "delete" else None))
        return Response(201, self.render("Action", self.v_action(a)))

    def h_listPipelineActions(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        return self._list_actions(req, q, [a for a in self.db["action"].values() if a["pipeline_id"] == pl["id"]])

    # hooks -------------------------------------------------------------------------
    def v_hook(self, h, secret=False):
        out = dict(h, created_by_user=USER)
        out["id"] = h["uuid"]
        # CHOICE: Hook.secret is a required non-nullable string in the spec but
        # is "returned only once": later reads return an empty string.
        out["secret"] = h["secret"] if secret else ""
        return self.times(h, out)

    def _hook(self, hook_type, hid):
        want = {"incoming": "in", "outgoing": "out"}[hook_type]
        for h in self.db["hook"].values():
            if h["uuid"] == hid and h["type"] == want:
                return h
        raise ApiError(404, "No query results for model [App\\Models\\Hook] %s" % hid)

    def h_addPipelineHook(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        ht = {"incoming": "in", "outgoing": "out"}[p["hook_type"]]
        for h in self.db["hook"].values():
            if h["pipeline_id"] == pl["id"] and h["name"] == b["name"] and h["type"] == ht:
                raise validation_error({"name": ["The name has already been taken."]})
        hid = str(uuid.uuid4())
        settings = b.get("settings") or ({"variables": []} if ht == "in" else {"request_headers": [],
                                                                            "request_body": None})
        settings = dict(settings, __schema__="HookIncomingSettings" if ht == "in" else "HookOutgoingSettings")
        rec = self.base("hook", uuid=hid, name=b["name"], type=ht,
                        action_type=ACTION_TYPE.get(pl["operation"], pl["operation"]),
                        url=("http://%s%s/hooks/%s/trigger" % (req.host, self.prefix, hid)) if ht == "in" else None,
                        target_url=b.get("target_url") if ht == "out" else None,
                        is_auto_generated=False, requires_secret=b.get("requires_secret", False), verify_ssl=True,
                        active=b.get("active", True), project_id=pl["project_id"], environment_id=pl["environment_id"],
                        pipeline_id=pl["id"], resource_type=pl["resource_type"], resource_id=pl["resource_id"],
                        settings=settings, trigger_when=b.get("trigger_when") or {"events": [], "conditions": []},
                        secret=secrets.token_hex(20), secret_algorithm=b.get("secret_algorithm", "sha256"),
                        secret_header_name=b.get("secret_header_name", "X-Hook-Signature"))
        return Response(201, self.render("Hook", self.v_hook(rec, secret=True)))

    def h_listPipelineHooks(self, req, p, q, b):
        pl = self.get("pipeline", p["pipeline_id"])
        items = sorted((h for h in self.db["hook"].values() if h["pipeline_id"] == pl["id"]), key=lambda h: h["id"])
        return self.paginate(req, q, items, lambda h: self.render("HookRelation", self.v_hook(h)))

    def h_getHook(self, req, p, q, b):
        return Response(200, self.render("Hook", self.v_hook(self._hook(p["hook_type"], p["hook_id"]))))

    def h_updateHook(self, req, p, q, b):
        h = self._hook(p["hook_type"], p["hook_id"])
        if b.get("id") != h["uuid"]:
            raise validation_error({"id": ["The id must match the id in the URL (%s)." % h["uuid"]]})
        for f in ("name", "active", "requires_secret", "secret_algorithm", "secret_header_name", "trigger_when",
                  "target_url"):
            if f in b:
                h[f] = b[f]
        if "settings" in b:
            h["settings"] = dict(b["settings"], __schema__="HookIncomingSettings" if h["type"] == "in"
                                 else "HookOutgoingSettings")
        self.stamp(h)
        return Response(204)

    def h_deleteHook(self, req, p, q, b):
        h = self._hook(p["hook_type"], p["hook_id"])
        self.db["hook"].pop(h["id"])
        return Response(204)

    # resource links ------------------------------------------------------------------
    def _linked(self, t, rid):
        out = []
        for pt, pid, ct, cid, created in self.links:
            if pt == t and pid == rid:
                out.append(("child", ct, cid, created))
            elif ct == t and cid == rid:
                out.append(("parent", pt, pid, created))
        return out

    def v_link(self, lt, t, rid, created):
        rec = self.db[t].get(rid) or {}
        return {"link_type": lt, "resource_type": t, "resource_type_human_readable": HUMAN.get(t, (t, t))[0],
                "resource_id": rid, "can_be_unlinked": True,
                "linked_resource_data": {"id": rid, "name": rec.get("name") or rec.get("hostname") or "",
                                         "environment_id": rec.get("environment_id"),
                                         "project_id": rec.get("project_id")},
                "children": [], "created_at": iso(created), "updated_at": iso(created)}

    def h_listResourceLinksByResourceType(self, req, p, q, b):
        self._resource(p["resource_type"], p["resource_id"])
        items = self._linked(p["resource_type"], p["resource_id"])
        return self.paginate(req, q, items, lambda x: self.render("ResourceLinkRelation", self.v_link(*x)))

    def h_listResourceLinksByResourceTypeAndLinkType(self, req, p, q, b):
        self._resource(p["resource_type"], p["resource_id"])
        if p["link_type"] not in ("child", "parent"):
            raise validation_error({"link_type": ["The link type must be one of: child, parent."]})
        items = [x for x in self._linked(p["resource_type"], p["resource_id"]) if x[0] == p["link_type"]]
        if "linked_resource_type" in q:
            items = [x for x in items if x[1] == q["linked_resource_type"]]
        return self.paginate(req, q, items, lambda x: self.render("ResourceLinkRelation", self.v_link(*x)))

    def h_linkResourceLinkToResourceLink(self, req, p, q, b):
        a = self._resource(p["resource_type"], p["resource_id"])
        c = self._resource(p["child_type"], p["child_id"])
        if a.get("environment_id") != c.get("environment_id"):
            raise ApiError(422, "Resources must belong to the same environment.")
        self._link(p["resource_type"], p["resource_id"], p["child_type"], p["child_id"])
        return Response(204)

    def h_unlinkResourceLinkFromResourceLink(self, req, p, q, b):
        self._resource(p["resource_type"], p["resource_id"])
        self._resource(p["child_type"], p["child_id"])
        pair = {(p["resource_type"], p["resource_id"]), (p["child_type"], p["child_id"])}
        before = len(self.links)
        self.links = [lk for lk in self.links if {(lk[0], lk[1]), (lk[2], lk[3])} != pair]
        if len(self.links) == before:
            raise ApiError(404, "Resources are not linked.")
        return Response(204)

    # static options ---------------------------------------------------------------------
    def h_getStaticApplicationOptions(self, req, p, q, b):
        return Response(200, self.render("ApplicationOptions", {
            "language_runtimes": [
                {"name": "nodejs", "name_human_readable": "Node.js", "engine_versions": [{"version": v} for v in ("18", "20", "22")],
                 "frameworks": [{"name": "express", "name_human_readable": "Express"},
                                {"name": "none", "name_human_readable": "None"}]},
                {"name": "python", "name_human_readable": "Python", "engine_versions": [{"version": v} for v in ("3.11", "3.12")],
                 "frameworks": [{"name": "django", "name_human_readable": "Django"},
                                {"name": "fastapi", "name_human_readable": "FastAPI"},
                                {"name": "none", "name_human_readable": "None"}]},
                {"name": "html", "name_human_readable": "HTML", "engine_versions": [{"version": "none"}],
                 "frameworks": [{"name": "none", "name_human_readable": "None"}]},
            ],
            "variable_targets": [{"value": "os-env-var", "human_readable": "Operating System Environment Variable"},
                                 {"value": "resource-config-file", "human_readable": "Resource Configuration File"}],
            "script_runners": [{"value": r, "human_readable": r} for r in ("custom", "composer", "npm", "pip", "yarn")],
            "templates": [],
        }))

    def h_listStaticResourceTypes(self, req, p, q, b):
        items = []
        for t, ops in OPERATIONS.items():
            human, plural = HUMAN[t]
            parent_of = [{"resource_type": "server", "resource_type_human_readable": "Server"}] \
                if t in LINKABLE else []
            child_of = [{"resource_type": x, "resource_type_human_readable": HUMAN[x][0]} for x in LINKABLE] \
                if t == "server" else []
            items.append({"resource_type": t, "resource_type_human_readable": human,
                          "resource_type_human_readable_plural": plural,
                          "supported_operations": [{"operation": o, "operation_human_readable": o.replace("-", " ").title()}
                                                   for o in ops],
                          "can_be_child_of": child_of, "can_be_parent_of": parent_of})
        return self.paginate(req, q, items, lambda x: self.render("ResourceTypeRelation", x))

    def h_getStaticServiceOptions(self, req, p, q, b):
        types = ["docker", "mysql", "newrelic-infra", "nginx", "php", "postgresql", "redis", "supervisor", "ufw"]
        return Response(200, self.render("ServiceOptions", {"types": [
            {"value": t, "human_readable": t.capitalize(), "supported_versions": [{"version": "latest"}]} for t in types]}))

    def h_getStaticEnvironmentOptions(self, req, p, q, b):
        return Response(200, self.render("EnvironmentOptions", {"types": [
            {"value": t, "human_readable": t.capitalize()} for t in ("development", "staging", "production")]}))

    def h_getStaticVirtualHostOptions(self, req, p, q, b):
        return Response(200, self.render("VirtualHostOptions", {
            "variable_targets": [{"value": "nginx-http-server", "human_readable": "Nginx HTTP Server"}],
            "virtual_host_types": [{"value": "name-based", "human_readable": "Name-based"},
                                   {"value": "ip-based", "human_readable": "IP-based"}]}))

    def h_getStaticCronJobOptions(self, req, p, q, b):
        return Response(200, self.render("CronJobOptions", {"frequencies": [
            {"pattern": "* * * * *", "human_readable": "Every minute"},
            {"pattern": "0 * * * *", "human_readable": "Hourly"},
            {"pattern": "0 0 * * *", "human_readable": "Daily"}]}))

    def h_getStaticServerOptions(self, req, p, q, b):
        return Response(200, self.render("ServerOptions", {"variable_targets": [
            {"value": "os-env-var", "human_readable": "Operating System Environment Variable"}]}))

    # ---------------------------------------------------------------------------------
    # generic env-scoped resources (daemons, virtual hosts, ssl certs, services, cron jobs,
    # ssh keys, network rules)
    RES = {
        "daemon": ("Daemon", "Daemons", "daemon_id", ["command", "process_count", "working_directory", "run_as_user",
                                                      "name", "application_id"]),
        "virtual-host": ("VirtualHost", "VirtualHosts", "virtual_host_id",
                         ["name", "root_directory", "application_listen_address", "application_id"]),
        "ssl-certificate": ("SslCertificate", "SslCertificates", "ssl_certificate_id", []),
        "service": ("Service", "Services", "service_id", []),
        "cronjob": ("CronJob", "CronJobs", "cron_job_id", ["pattern", "name", "command", "run_as_user",
                                                           "application_id"]),
        "ssh-key": ("SshKey", "SshKeys", "ssh_key_id", ["name"]),
        "network-rule": ("NetworkRule", "NetworkRules", "network_rule_id", ["name", "direction", "cidr_block",
                                                                             "protocol"]),
    }

    def _register_generic(self):
        for t, (model, plural, pid, upd) in self.RES.items():
            self.handlers["listEnvironment" + plural] = self._mk_list(t, model)
            self.handlers["addEnvironment" + model] = self._mk_create(t, model)
            self.handlers["get" + model] = self._mk_get(t, model, pid)
            if t != "ssl-certificate":
                self.handlers["update" + model] = self._mk_update(t, pid, upd)
            self.handlers["delete" + model] = self._mk_delete(t, pid)
            for op in OPERATIONS[t]:
                name = {"get-status": "getStatus"}.get(op, op) + model
                self.handlers[name] = self._mk_op(t, pid, op)

    def _mk_list(self, t, model):
        def h(req, p, q, b):
            env = self.get("environment", p["environment_id"])
            items = sorted((r for r in self.db[t].values() if r["environment_id"] == env["id"]), key=lambda r: r["id"])
            return self.list_of(req, q, items, t, model + "Relation")
        return h

    def _mk_get(self, t, model, pid):
        def h(req, p, q, b):
            return Response(200, self.render(model, self.v_res(t, self.get(t, p[pid]))))
        return h

    def _mk_create(self, t, model):
        def h(req, p, q, b):
            env = self.get("environment", p["environment_id"])
            rec = getattr(self, "_create_" + t.replace("-", "_"))(env, b)
            return Response(201, self.render(model, self.v_res(t, rec)))
        return h

    def _mk_update(self, t, pid, fields):
        def h(req, p, q, b):
            rec = self.get(t, p[pid])
            self.check_id(b, rec["id"])
            self._check_fields(t, b, vtype=rec.get("type"))
            if "name" in b and t in ("daemon", "virtual-host", "ssh-key"):
                self.unique(t, rec["environment_id"], "name", b["name"], exclude=rec["id"])
            if b.get("application_id") is not None:
                self.get("application", b["application_id"], field="application_id")
            for f in fields:
                if f in b:
                    rec[f] = b[f]
            self.stamp(rec)
            return Response(204)
        return h

    def _mk_delete(self, t, pid):
        def h(req, p, q, b):
            rec = self.get(t, p[pid])
            return self.action_response(self.create_action("delete", t, rec["id"], effect="delete"))
        return h

    def _mk_op(self, t, pid, op):
        def h(req, p, q, b):
            rec = self.get(t, p[pid])
            servers = self._servers_arg(b or {})
            return self.action_response(self.create_action(op, t, rec["id"], servers=servers,
                                                           comment=(b or {}).get("trigger_comment")))
        return h

    @staticmethod
    def _check_fields(t, b, vtype=None):
        """Format rules the spec gives only in prose (endpoints.md); 422 naming every bad field."""
        errs = {}
        if t == "virtual-host" and "name" in b and vtype in ("ip-based", "name-based"):
            if not vhost_name_ok(vtype, b["name"]):
                errs["name"] = ["The name must be a valid domain name for a name-based virtual host."
                                if vtype == "name-based" else
                                "The name must be a valid IPv4 address, with an optional :port, for an ip-based "
                                "virtual host."]
        elif t == "cronjob" and "pattern" in b and not cron_pattern_ok(b["pattern"]):
            errs["pattern"] = ["The pattern must be a 5-field cron expression (minute hour day-of-month month "
                               "day-of-week)."]
        elif t == "network-rule" and "cidr_block" in b and not cidr_ok(b["cidr_block"]):
            errs["cidr_block"] = ["The cidr_block must be an IPv4 or IPv6 address block in CIDR notation."]
        elif t == "ssh-key" and "public_key" in b and ssh_fingerprint(b["public_key"]) is None:
            errs["public_key"] = ["The public_key must be an OpenSSH public key: <type> <base64 key blob> [comment]."]
        if errs:
            raise validation_error(errs)

    def _env_rec(self, t, env, b, fields, **extra):
        links = self._link_on_create(t, None, env, b)
        if b.get("application_id") is not None:
            self.get("application", b["application_id"], field="application_id")
        rec = self.base(t, environment_id=env["id"], project_id=env["project_id"], **extra)
        for f in fields:
            if f in b:
                rec[f] = b[f]
        self._apply_links(t, rec["id"], links)
        return rec

    def _create_daemon(self, env, b):
        self.unique("daemon", env["id"], "name", b["name"])
        return self._env_rec("daemon", env, b, self.RES["daemon"][3], application_id=None)

    def _create_virtual_host(self, env, b):
        if b["type"] not in ("ip-based", "name-based"):
            # the create schema types `type` as a free string; responses use the enum
            raise validation_error({"type": ["The type must be one of: ip-based, name-based."]})
        self._check_fields("virtual-host", b, vtype=b["type"])
        self.unique("virtual-host", env["id"], "name", b["name"])
        return self._env_rec("virtual-host", env, b, self.RES["virtual-host"][3] + ["type"], application_id=None,
                             root_directory=None, application_listen_address=None, ssl_certificate_id=None)

    def _create_ssl_certificate(self, env, b):
        vh = self.db["virtual-host"].get(b["virtual_host_id"])
        if vh is None or vh["environment_id"] != env["id"]:
            raise validation_error({"virtual_host_id": ["The selected virtual host id is invalid."]})
        if b["issuer"] == "custom":
            errs = {f: ["The %s field is required when issuer is custom." % f]
                    for f in ("custom_private_key", "custom_certificate") if not b.get(f)}
            if errs:
                raise validation_error(errs)
        now = time.time()
        rec = self._env_rec("ssl-certificate", env, b, ["issuer", "custom_private_key", "custom_certificate"],
                            name=vh["name"], type=b.get("type", "single-domain"),
                            validation_level=b.get("validation_level", "DV"), active=True,
                            expires_at=iso(now + 90 * 86400), last_renewed_at=iso(now))
        vh["ssl_certificate_id"] = rec["id"]
        for s in self.linked_servers("virtual-host", vh["id"]):
            self._link("ssl-certificate", rec["id"], "server", s["id"])
        return rec

    def _create_service(self, env, b):
        return self._env_rec("service", env, b, ["type", "version"], name="%s %s" % (b["type"], b["version"]),
                             auto_start=b.get("auto_start", True), initial_state=b.get("initial_state", "started"))

    def _create_cronjob(self, env, b):
        self._check_fields("cronjob", b)
        return self._env_rec("cronjob", env, b, self.RES["cronjob"][3], application_id=None)

    def _create_ssh_key(self, env, b):
        self._check_fields("ssh-key", b)
        self.unique("ssh-key", env["id"], "name", b["name"])
        fp = ssh_fingerprint(b["public_key"])
        return self._env_rec("ssh-key", env, b, ["name", "public_key"], fingerprint=fp)

    def _create_network_rule(self, env, b):
        self._check_fields("network-rule", b)
        return self._env_rec("network-rule", env, b, ["name", "direction", "protocol", "port", "cidr_block"])

    # ---------------------------------------------------------------------------------
    # bulk seed (control API)
    def seed(self, cfg):
        P = int(cfg.get("projects", 1))
        E = int(cfg.get("environments", 1))
        S = int(cfg.get("servers", 0))
        prefix = str(cfg.get("name_prefix", "seed"))
        if min(P, E, S) < 0 or P * E * S > 200000:
            raise ApiError(422, "projects/environments/servers must be >= 0 and P*E*S <= 200000")
        now = time.time()
        codes = [c for c in CLOUD if c != "self-hosted-custom"] + ["self-hosted-custom"]
        cred_for = {}
        for code in codes:
            if code == "self-hosted-custom":
                continue
            pcode = CLOUD[code][0]
            c = self.base("credential", organization_id=1, name="%s-%s" % (prefix, pcode), provider_code=pcode,
                          active=True, settings={}, environment_ids=set())
            cred_for[code] = c["id"]
        counts = {"projects": 0, "environments": 0, "servers": 0, "credentials": len(cred_for)}
        srv_db = self.db["server"]
        n = 0
        for pi in range(P):
            proj = self.base("project", name="%s-project-%d" % (prefix, pi + 1), organization_id=1, logo_url=None)
            counts["projects"] += 1
            for ei in range(E):
                env = self.base("environment", project_id=proj["id"], name="%s-env-%d" % (prefix, ei + 1),
                                type=("development", "staging", "production")[ei % 3], description=None,
                                is_archived=False)
                counts["environments"] += 1
                for cid in cred_for.values():
                    self.db["credential"][cid]["environment_ids"].add(env["id"])
                for si in range(S):
                    code = codes[n % len(codes)]
                    n += 1
                    self.ids["server"] += 1
                    sid = self.ids["server"]
                    srv_db[sid] = {
                        "id": sid, "created": now, "updated": now, "environment_id": env["id"],
                        "project_id": proj["id"], "hostname": "%s-p%d-e%d-s%d" % (prefix, pi + 1, ei + 1, si + 1),
                        "ip_address": "10.%d.%d.%d" % ((sid >> 16) & 255, (sid >> 8) & 255, sid & 255),
                        "ssh_port": 22, "max_parallel_actions": 0, "blueprint": [],
                        "credential_id": cred_for.get(code), "status": "running", "active": True,
                        "provision_input": {"cloud_service_code": code, "settings": {
                            "os_version_code": "ubuntu_22_04",
                            **({"region": CLOUD[code][2], "instance_type": "small"} if CLOUD[code][2] else {})}},
                        "activation_token": "seed",
                    }
                    counts["servers"] += 1
        return counts
