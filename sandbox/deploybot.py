"""Stateful simulator of the DeployBot HTTP API v1, served under ``/deploybot/api/v1``.

DeployBot publishes no OpenAPI document, so the routes are declared in code from the vendor's
pages (``../shared/reference/seed-docs/deploybot-api.txt``) and the research notes
(``../shared/reference/deploybot/notes.md``):

* Auth: ``X-Api-Token`` header, or the ``?token=`` query parameter (as the real API accepts; the
  request log keeps the query, so a test can prove a client never sends it). ``sandbox-token``
  (``SANDBOX_TOKEN``) may read and write; ``sandbox-readonly-token`` (``SANDBOX_READONLY_TOKEN``)
  only reads: a POST with it is a 403.  ``Content-Type`` and ``Accept`` are ignored.
* Errors: ``{"message": "..."}`` with 400, 401, 403, 404, 422.
* Lists: cursor paging, ``limit`` 0..50 (default 50), ``after`` (the id of the last entry seen),
  answered as ``{"meta": {"next", "next_uri", "total"}, "entries": [...]}``, entries by id.
* Reads: users, repositories, environments (``repository_id``), servers (``repository_id``,
  ``environment_id``), deployments (``repository_id``, ``environment_id``; one is required).
* The one write: ``POST /deployments`` triggers a deployment of an environment.  It runs as a
  ``jobs.Job``: ``pending``, then ``waiting``, then ``success`` (or ``failed`` through an
  ``action_failures`` fault with ``platform: deploybot``); a successful one sets the
  environment's ``current_version``.
* Webhooks (no token): ``GET refresh_webhook_url`` answers ``Thank you``; ``deploy_webhook_url``
  triggers a deployment.  The real ones live outside ``/api/v1``; here they are under the prefix.

Choices where the vendor is silent are marked CHOICE (see README, "DeployBot").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from urllib.parse import urlencode

from .http_types import ApiError, Response
from .platform import Paging, Platform, snapshot_records
from .routing import Route

MAX_LIMIT = 50
READONLY_TOKEN = "sandbox-readonly-token"
STATE_NAMES = {"running": "waiting", "completed": "success"}
PROTOCOLS = ("ftp", "sftp", "shell", "dreamobjects", "heroku", "s3", "cloud_files", "digital_ocean", "shopify",
             "elastic_beanstalk", "atomic", "atomic_digital_ocean")
SHA = re.compile(r"^[0-9a-fA-F]{7,40}$")
EPOCH = 1424791369  # 2015/02/24 15:22:49 +0000, the vendor's example timestamp


def stamp(seconds: float) -> str:
    """DeployBot's timestamp form, ``2015/02/24 15:22:49 +0000`` (not ISO 8601)."""
    return time.strftime("%Y/%m/%d %H:%M:%S +0000", time.gmtime(seconds))


def sha(*parts) -> str:
    return hashlib.sha1("/".join(str(p) for p in parts).encode()).hexdigest()


def integer(name, value, minimum=0):
    """A query or body value as an int (query values arrive as strings); else a 422 naming it."""
    if isinstance(value, bool):
        value = None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApiError(422, "The %s parameter must be an integer." % name)
    if number < minimum:
        raise ApiError(422, "The %s parameter must be at least %d." % (name, minimum))
    return number


def boolean(name, value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    raise ApiError(422, "The %s parameter must be true or false." % name)


class CursorPaging(Paging):
    """``limit`` (0..50, default 50) and ``after`` (the id of the last entry of the previous page)."""

    def respond(self, request, query, items, render):
        limit = integer("limit", query.get("limit", MAX_LIMIT))
        if limit > MAX_LIMIT:
            raise ApiError(422, "The limit parameter may not be greater than %d." % MAX_LIMIT)
        after = integer("after", query.get("after", 0))
        rest = [item for item in items if item["id"] > after]
        page = rest[:limit]
        following = page[-1]["id"] if page and len(rest) > limit else None
        next_uri = None
        if following is not None:
            kept = {name: value for name, value in query.items() if name not in ("after", "limit", "token")}
            kept.update(after=following, limit=limit)
            next_uri = "%s?%s" % (request.path, urlencode(kept, doseq=True))
        return Response(200, {"meta": {"next": following, "next_uri": next_uri, "total": len(items)},
                              "entries": [render(item) for item in page]})


class DeployBot(Platform):
    name = "deploybot"
    prefix = "/deploybot/api/v1"
    routes = (
        Route("GET", "/users", "listUsers"),
        Route("GET", "/users/{id}", "getUser"),
        Route("GET", "/repositories", "listRepositories"),
        Route("GET", "/repositories/{id}", "getRepository"),
        Route("GET", "/environments", "listEnvironments"),
        Route("GET", "/environments/{id}", "getEnvironment"),
        Route("GET", "/servers", "listServers"),
        Route("GET", "/servers/{id}", "getServer"),
        Route("GET", "/deployments", "listDeployments"),
        Route("GET", "/deployments/{id}", "getDeployment"),
        Route("POST", "/deployments", "triggerDeployment"),
        Route("GET", "/webhook/refresh/{secret}", "refreshWebhook", requires_auth=False),
        Route("GET", "/webhook/deploy", "deployWebhook", requires_auth=False),
        Route("POST", "/webhook/deploy", "deployWebhook", requires_auth=False),
    )
    paging = CursorPaging()
    seed_options = {"users": 0, "repositories": 0, "environments": 1, "servers": 0, "deployments": 0,
                    "name_prefix": "seed"}

    def __init__(self, sandbox):
        super().__init__(sandbox)
        self.reset()

    # -- auth, negotiation, errors --------------------------------------------------------
    @property
    def readonly_token(self) -> str:
        return os.environ.get("SANDBOX_READONLY_TOKEN", READONLY_TOKEN)

    def authenticate(self, request):
        token = request.header("X-Api-Token") or request.query.get("token")
        if token not in (self.token, self.readonly_token):
            raise ApiError(401, "Missing or invalid API token.")
        if token == self.readonly_token and request.method not in ("GET", "HEAD"):
            # CHOICE: the vendor's wording for a 403 is "Attempting to perform a restricted action."
            raise ApiError(403, "Attempting to perform a restricted action.")

    def negotiate(self, request):
        pass  # "The Content-Type and Accept headers are ignored."

    def parse_body(self, request):
        if request.raw_body:
            try:
                request.body = json.loads(request.raw_body)
            except ValueError:
                request.body = None
            if not isinstance(request.body, dict):
                raise ApiError(400, "Malformed JSON payload.")

    def error_body(self, status, message, errors=None):
        return {"message": message}

    # -- state -------------------------------------------------------------------------------
    def reset(self):
        super().reset()
        self.counters = {}
        self.users, self.repositories, self.environments, self.servers, self.deployments = {}, {}, {}, {}, {}
        self.jobs_by_deployment = {}
        self.refreshes = []  # repository ids, in the order their refresh webhook was called
        self.add_user("Ada", "Owner", "ada@example.com", is_admin=True)
        self.add_user("Grace", "Developer", "grace@example.com")
        website = self.add_repository("website", "Website", "git@github.com:acme/website.git")
        for name, branch, protocols in (("staging", "develop", ("sftp", "s3")), ("production", "main", ("shell", "s3"))):
            environment = self.add_environment(website, name, branch)
            self.add_server(environment, "web", protocols[0], post_deploy_hook="systemctl reload nginx")
            self.add_server(environment, "assets", protocols[1])
        api = self.add_repository("api", "API", "git@github.com:acme/api.git")
        environment = self.add_environment(api, "production", "main")
        self.add_server(environment, "app", "heroku")

    def state_snapshot(self, secrets=False):
        """Users, repositories, environments, servers and deployments (ids are counters, so equal in two
        runs that did the same work).  The refresh webhook's secret is left out: its URL is no credential
        (it only makes DeployBot fetch the repository) and the API returns it.  The deploy webhook's
        secret (it starts deployments without a token) stays in with ``secrets`` only."""
        tables = {"user": self.users, "repository": self.repositories, "server": self.servers,
                  "environment": self.environments, "deployment": self.deployments}
        resources = snapshot_records({kind: {key: {k: v for k, v in record.items()
                                                   if k != "secret" or (secrets and kind == "environment")}
                                             for key, record in table.items()}
                                      for kind, table in tables.items()})
        return {"resources": resources}

    def next_id(self, kind):
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    def _times(self, kind, record_id):
        created = EPOCH + 3600 * record_id + {"users": 1, "repositories": 2, "environments": 3,
                                               "servers": 4}.get(kind, 0)
        return {"created_at": stamp(created), "updated_at": stamp(created + 60)}

    def add_user(self, first, last, email, is_admin=False):
        user_id = self.next_id("users")
        self.users[user_id] = dict(id=user_id, first_name=first, last_name=last, timezone="UTC", email=email,
                                   is_admin=is_admin, **self._times("users", user_id))
        return self.users[user_id]

    def add_repository(self, name, title, url, color_label="blue"):
        repository_id = self.next_id("repositories")
        self.repositories[repository_id] = dict(
            id=repository_id, name=name, title=title, color_label=color_label, type="GitRepository", url=url,
            secret=sha("refresh", repository_id, name)[:20], **self._times("repositories", repository_id))
        return self.repositories[repository_id]

    def add_environment(self, repository, name, branch, is_automatic=False):
        environment_id = self.next_id("environments")
        self.environments[environment_id] = dict(
            id=environment_id, name=name, repository_id=repository["id"], branch_name=branch,
            current_version=sha(repository["name"], branch, 1), is_automatic=is_automatic,
            secret=sha("deploy", environment_id)[:20], **self._times("environments", environment_id))
        return self.environments[environment_id]

    def add_server(self, environment, name, protocol, pre_deploy_hook="", post_deploy_hook=""):
        server_id = self.next_id("servers")
        self.servers[server_id] = dict(
            id=server_id, name=name, protocol=protocol, repository_id=environment["repository_id"],
            environment_id=environment["id"], pre_deploy_hook=pre_deploy_hook, post_deploy_hook=post_deploy_hook,
            **self._times("servers", server_id))
        return self.servers[server_id]

    def head(self, environment):
        """The newest commit of the environment's branch that DeployBot knows (CHOICE: the
        sandbox's branches do not move, so this is the version deployed at the start)."""
        repository = self.repositories[environment["repository_id"]]
        return sha(repository["name"], environment["branch_name"], 1)

    def seed(self, options):
        counts = {}
        for key in ("users", "repositories", "environments", "servers", "deployments"):
            counts[key] = integer(key, options[key])
        prefix = str(options["name_prefix"] or "seed")
        for number in range(1, counts["users"] + 1):
            self.add_user("%s-user" % prefix, str(number), "%s-user-%d@example.com" % (prefix, number))
        made = dict.fromkeys(("environments", "servers", "deployments"), 0)
        for r in range(1, counts["repositories"] + 1):
            repository = self.add_repository("%s-repo-%d" % (prefix, r), "%s repository %d" % (prefix.title(), r),
                                             "git@example.com:%s/repo-%d.git" % (prefix, r))
            for e in range(1, counts["environments"] + 1):
                environment = self.add_environment(repository, "%s-env-%d" % (prefix, e), "main")
                made["environments"] += 1
                for s in range(1, counts["servers"] + 1):
                    self.add_server(environment, "%s-r%d-e%d-s%d" % (prefix, r, e, s), PROTOCOLS[(s - 1) % 4])
                    made["servers"] += 1
                for _ in range(counts["deployments"]):
                    self.record_deployment(environment, self.head(environment), state="success")
                    made["deployments"] += 1
        return {"users": counts["users"], "repositories": counts["repositories"], **made}

    # -- views -------------------------------------------------------------------------------
    def view_user(self, request, user):
        return dict(user)

    def view_repository(self, request, repository):
        view = {key: value for key, value in repository.items() if key != "secret"}
        view["refresh_webhook_url"] = "%s/webhook/refresh/%s" % (request.base_url, repository["secret"])
        return view

    def view_environment(self, request, environment):
        view = {key: value for key, value in environment.items() if key != "secret"}
        # The vendor's example has repository_id as a string here (an integer everywhere else).
        view["repository_id"] = str(environment["repository_id"])
        view["deploy_webhook_url"] = "%s/webhook/deploy?env_id=%d&secret=%s" % (
            request.base_url, environment["id"], environment["secret"])
        # A badge is public (READMEs embed it), so its URL carries its own token, not the deploy secret.
        badge = "%s/badge/%s" % (request.base_url, sha("badge", environment["id"])[:20])
        view["status_badge_png_url"] = badge + ".png"
        view["status_badge_svg_url"] = badge + ".svg"
        return view

    def view_server(self, request, server):
        return dict(server)

    def view_deployment(self, request, deployment):
        view = dict(deployment)
        job = self.jobs_by_deployment.get(deployment["id"])
        if job is not None and not deployment.get("final"):
            view["state"] = job.state(names=STATE_NAMES).status
        view.pop("final", None)
        view.pop("skip_build", None)  # sent with the trigger, not part of the documented answer
        return view

    # -- reads -------------------------------------------------------------------------------
    def _one(self, table, path, what):
        record_id = path["id"]
        if not record_id.isdigit() or int(record_id) not in table:
            raise ApiError(404, "%s not found." % what)
        return table[int(record_id)]

    @staticmethod
    def _filter(items, query, *names):
        for name in names:
            if query.get(name) not in (None, ""):
                wanted = integer(name, query[name])
                items = [item for item in items if int(item[name]) == wanted]
        return items

    def _list(self, request, query, table, view, *filters):
        items = self._filter(sorted(table.values(), key=lambda item: item["id"]), query, *filters)
        return self.paginate(request, query, items, lambda item: view(request, item))

    def list_users(self, request, path, query, body):
        return self._list(request, query, self.users, self.view_user)

    def get_user(self, request, path, query, body):
        return Response(200, self.view_user(request, self._one(self.users, path, "User")))

    def list_repositories(self, request, path, query, body):
        return self._list(request, query, self.repositories, self.view_repository)

    def get_repository(self, request, path, query, body):
        return Response(200, self.view_repository(request, self._one(self.repositories, path, "Repository")))

    def list_environments(self, request, path, query, body):
        return self._list(request, query, self.environments, self.view_environment, "repository_id")

    def get_environment(self, request, path, query, body):
        return Response(200, self.view_environment(request, self._one(self.environments, path, "Environment")))

    def list_servers(self, request, path, query, body):
        return self._list(request, query, self.servers, self.view_server, "repository_id", "environment_id")

    def get_server(self, request, path, query, body):
        return Response(200, self.view_server(request, self._one(self.servers, path, "Server")))

    def list_deployments(self, request, path, query, body):
        # CHOICE: the clients that list deployments always send one of the filters; the
        # sandbox requires one, so a client that relies on an unfiltered list fails here first.
        if query.get("repository_id") in (None, "") and query.get("environment_id") in (None, ""):
            raise ApiError(422, "Either repository_id or environment_id is required.")
        return self._list(request, query, self.deployments, self.view_deployment, "repository_id", "environment_id")

    def get_deployment(self, request, path, query, body):
        return Response(200, self.view_deployment(request, self._one(self.deployments, path, "Deployment")))

    # -- the write ------------------------------------------------------------------------------
    def trigger_deployment(self, request, path, query, body):
        # "You can pass values to the API via the URL query string or the request body."
        params = {key: value for key, value in query.items() if key != "token"}
        params.update(body)
        if params.get("environment_id") in (None, ""):
            raise ApiError(422, "The environment_id parameter is required.")
        environment = self.environments.get(integer("environment_id", params["environment_id"], 1))
        if environment is None:
            raise ApiError(422, "Environment %s does not exist." % params["environment_id"])
        user_id = integer("user_id", params.get("user_id", 1), 1)
        if user_id not in self.users:
            raise ApiError(422, "User %s does not exist." % user_id)
        version = params.get("deployed_version")
        if version in (None, ""):
            version = self.head(environment)
        elif not isinstance(version, str) or not SHA.match(version):
            raise ApiError(422, "The deployed_version parameter must be a commit SHA (7 to 40 hex digits).")
        options = {}
        for name, default in (("deploy_from_scratch", False), ("trigger_notifications", True), ("skip_build", False)):
            options[name] = boolean(name, params.get(name, default))
        comment = params.get("comment")
        if comment is not None and not isinstance(comment, str):
            raise ApiError(422, "The comment parameter must be a string.")
        deployment = self.record_deployment(environment, version.lower(), user_id=user_id, comment=comment,
                                            **options)
        job = self.start_job("deployment", "deploy", ["Preparing", "Building", "Uploading", "Running hooks"],
                             on_finish=lambda finished, status: self.finish(deployment["id"], status))
        self.jobs_by_deployment[deployment["id"]] = job
        return Response(200, self.view_deployment(request, deployment))

    def record_deployment(self, environment, version, user_id=1, comment=None, deploy_from_scratch=False,
                          trigger_notifications=True, skip_build=False, state="pending"):
        deployment_id = self.next_id("deployments")
        user = self.users.get(user_id) or {}
        now = time.time()
        self.deployments[deployment_id] = dict(
            id=deployment_id, repository_id=environment["repository_id"], environment_id=environment["id"],
            user_id=user_id, deployed_version=version, deploy_from_scratch=deploy_from_scratch,
            trigger_notifications=trigger_notifications, is_automatic=False, comment=comment,
            author_name=("%s %s" % (user.get("first_name", ""), user.get("last_name", ""))).strip(),
            state=state, retries=0, created_at=stamp(now), deployed_at=stamp(now) if state != "pending" else None,
            skip_build=skip_build, final=state != "pending")
        if state == "success":
            environment["current_version"] = version
        return self.deployments[deployment_id]

    def finish(self, deployment_id, status):
        deployment = self.deployments[deployment_id]
        deployment.update(state=STATE_NAMES.get(status, status), deployed_at=stamp(time.time()), final=True)
        if deployment["state"] == "success":
            environment = self.environments[deployment["environment_id"]]
            environment["current_version"] = deployment["deployed_version"]
            environment["updated_at"] = deployment["deployed_at"]

    # -- webhooks (no token) ----------------------------------------------------------------------
    def refresh_webhook(self, request, path, query, body):
        repository = next((r for r in self.repositories.values() if r["secret"] == path["secret"]), None)
        if repository is None:
            raise ApiError(404, "Not found.")
        self.refreshes.append(repository["id"])
        repository["updated_at"] = stamp(time.time())
        return Response(200, raw=b"Thank you", content_type="text/plain; charset=utf-8")

    def deploy_webhook(self, request, path, query, body):
        environment = self.environments.get(integer("env_id", query.get("env_id", 0)))
        if environment is None or query.get("secret") != environment["secret"]:
            raise ApiError(404, "Not found.")
        deployment = self.record_deployment(environment, self.head(environment))
        self.jobs_by_deployment[deployment["id"]] = self.start_job(
            "deployment", "deploy", ["Preparing", "Building", "Uploading", "Running hooks"],
            on_finish=lambda finished, status: self.finish(deployment["id"], status))
        return Response(200, self.view_deployment(request, deployment))
