#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: dployr_service
short_description: Deploy and manage dployr services (web apps, workers, jobs and static sites)
version_added: 0.1.0
description:
  - Create a service in a dployr cluster by deploying it (C(POST /v1/deployments), a flat body), change it by
    redeploying only what differs (C(PATCH /v1/services/{id})), start, stop or restart it, or remove it.
  - A service is found by its O(name) inside O(cluster) (dployr service names are unique across all clusters), or by O(id).
  - The current settings are read from the service's deployment record, its env vars (C(GET .../envs)) and its
    secret names (C(GET .../secrets), values masked). Only the options the task sets are compared; a second run with
    the same options reports no change and starts no deployment.
  - Deployments run asynchronously (HTTP 202 with a task id). With O(wait=true) the module polls the cluster's
    deployments list (C(GET /v1/deployments?clusterId=&serviceId=); C(GET /v1/deployments/{id}) answers 403 on the
    running server) until the deployment succeeds or fails; a failed deployment fails the task with the end of its logs.
author:
  - deployops.platforms maintainers (@deployops)
extends_documentation_fragment:
  - deployops.platforms.dployr
  - deployops.platforms.connection
  - deployops.platforms.resource
  - deployops.platforms.wait
  - deployops.platforms.resource.RECREATE
  - deployops.platforms.resource.UPDATE_SECRETS
options:
  name:
    description:
      - Name of the service (lower-case letters, digits and dashes, at most 63). Required unless O(id) is given.
      - Base cannot rename a service; with O(id), a different name fails unless O(recreate=true).
    type: str
  type:
    description:
      - Kind of service. Required to create it; Base cannot change it (create-only).
    type: str
    choices: [static, web, worker, job]
  source:
    description:
      - Where the code comes from; V(remote) builds a Git repository on a build instance of the cluster, V(image)
        runs a container image. Required to create the service; create-only.
    type: str
    choices: [remote, image]
  runtime:
    description:
      - Language runtime of a V(remote) source.
    type: str
    choices: [golang, php, python, nodejs, ruby, dotnet, java]
  version:
    description:
      - Version of O(runtime), for example V(20) for Node.js 20.
    type: str
  remote_url:
    description:
      - Git repository URL of a V(remote) source (C(https://), C(ssh://), C(git://) or C(git@host:path)).
    type: str
  remote_branch:
    description:
      - Branch of O(remote_url) to deploy.
    type: str
  remote_commit_hash:
    description:
      - Commit of O(remote_url) to deploy. Base's redeploy (PATCH) takes no commit, so this is create-only;
        pinning another commit fails unless O(recreate=true).
    type: str
  image:
    description:
      - Container image of an V(image) source, such as V(nginx:1.27). For a V(remote) source Base records the
        image it built; do not set this option then.
    type: str
  build_cmd:
    description: Command that builds the service.
    type: str
  run_cmd:
    description: Command that runs the service.
    type: str
  port:
    description: Port the service listens on (1 to 65535).
    type: int
  working_dir:
    description: Working directory of the service, relative to the repository.
    type: str
  static_dir:
    description: Directory of the files a V(static) service serves.
    type: str
  domain:
    description:
      - Domain name the service answers on. A custom domain of the cluster is registered with
        M(deployops.platforms.dployr_domain).
    type: str
  health_check:
    description: Health check path, such as V(/health).
    type: str
  description:
    description: Free text describing the service.
    type: str
  env_vars:
    description:
      - Environment variables of the service. Base replaces the whole set when it changes, so this is the complete
        set; a variable added, changed or removed is a change. Values are strings.
    type: dict
  secrets:
    description:
      - Secret environment variables. Base never returns their values (only masked names), so they are write-only;
        see O(update_secrets). Their values are never returned, never shown in the diff and never in errors.
    type: dict
  instance:
    description:
      - Tag or ID of the instance a redeploy runs on (Base's C(instanceName)). Not set, the cluster's only
        application instance; the task fails naming them when there are several.
    type: str
  deploy:
    description:
      - Base deploys the service with every create and change. When the service's last deployment failed, a
        run that changes nothing deploys it again (C(PATCH /v1/services/{id}) with only the instance), so a failure
        does not drift silently; V(false) leaves it failed.
    type: bool
    default: true
  state:
    description:
      - V(present) deploys the service when it does not exist and redeploys it when an option differs;
        V(absent) removes it.
      - V(started) and V(stopped) also make sure the service is awake or asleep (Base's wake and sleep,
        C(POST .../start) and C(.../stop)), judged from the service's C(icedAt).
      - V(restarted) stops the service, waits until it sleeps, then starts it (Base has no restart endpoint);
        it always reports a change.
    choices: [present, absent, restarted, started, stopped]
  wait:
    description:
      - Wait for the deployment the task started (and for a stop or start to take effect).
      - With V(false), the task returns at once with the task id in RV(action).
notes:
  - Base answers HTTP 503 C(runtime.node_not_connected) when no node of the cluster is connected (a
    V(remote) source also needs a connected build instance); the task fails saying so.
  - A plan limit (for example C(Service limit reached for hobby plan (1 service max))) fails the task with
    Base's words.
  - A deployment recorded as queued (the cluster has no instance yet) is not waited for.
'''

EXAMPLES = r'''
- name: A Node.js API built from Git, with env vars and a secret
  deployops.platforms.dployr_service:
    cluster: production
    name: shop-api
    type: web
    source: remote
    runtime: nodejs
    version: "20"
    remote_url: https://github.com/acme/shop-api.git
    remote_branch: main
    build_cmd: npm ci && npm run build
    run_cmd: npm start
    port: 3000
    health_check: /health
    env_vars:
      NODE_ENV: production
    secrets:
      DATABASE_URL: "{{ vault_database_url }}"
    api_token: "{{ vault_dployr_token }}"

- name: A container image, asleep until needed
  deployops.platforms.dployr_service:
    name: docs
    type: web
    source: image
    image: nginx:1.27
    port: 80
    state: stopped

- name: Restart it (stop, then start)
  deployops.platforms.dployr_service:
    name: docs
    state: restarted

- name: Rotate a secret (sent again, without reporting a change)
  deployops.platforms.dployr_service:
    name: shop-api
    secrets:
      DATABASE_URL: "{{ vault_new_database_url }}"
    update_secrets: always

- name: Remove a service
  deployops.platforms.dployr_service:
    name: docs
    state: absent
'''

RETURN = r'''
service:
  description:
    - The service as Base returns it, with its current settings (empty when removed).
    - Secret values are never returned; RV(service.secretKeys) lists their names.
  returned: always
  type: dict
  contains:
    id:
      description: ID of the service (a ULID).
      type: str
      sample: 01JD3XW2Z6B1M4A5Q8R7N9K0PT
    clusterId:
      description: ID of the cluster.
      type: str
    name:
      description: Name of the service.
      type: str
      sample: shop-api
    type:
      description: Kind of service.
      type: str
      sample: web
    deploymentId:
      description: ID of the service's deployment record (null while none exists).
      type: str
    icedAt:
      description: When the service was put to sleep (Unix milliseconds), null while it is awake.
      type: int
    deployment:
      description:
        - The service's deployment record, with the settings of the last deployment (C(runtimeType),
          C(runtimeVersion), C(remoteUrl), C(remoteBranch), C(image), C(runCmd), C(buildCmd), C(port), C(domain)...)
          and its C(status) (pending, running, success, failed).
      type: dict
    deployments:
      description: The service's last deployments, newest first (at most 5).
      type: list
      elements: dict
    envVars:
      description: The service's environment variables.
      type: dict
      sample: {NODE_ENV: production}
    secretKeys:
      description: Names of the service's secrets (null when the token may not list them).
      type: list
      elements: str
      sample: [DATABASE_URL]
action:
  description:
    - The deployment the task started, as the deployments list shows it once it ended (with the task id in
      C(taskId)), or only the task id (C(id)) when O(wait=false).
  returned: when the task started a deployment
  type: dict
  sample: {id: 01JD3XW2Z6B1M4A5Q8R7N9K0PT, status: success, taskId: 01JD3XW9S0VQ1E7C8B6G4A2H1M}
diff:
  description: The options that changed, before and after (secret values never).
  returned: when diff mode is on
  type: dict
'''

from ansible_collections.deployops.platforms.plugins.module_utils.dployr_resources import (
    RUNTIMES, SERVICE, SERVICE_TYPES, SOURCES)
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import resource_module, run_resource


def main():
    module = resource_module(SERVICE, dict(
        name=dict(type='str'),
        type=dict(type='str', choices=SERVICE_TYPES),
        source=dict(type='str', choices=SOURCES),
        runtime=dict(type='str', choices=RUNTIMES),
        version=dict(type='str'),
        remote_url=dict(type='str'),
        remote_branch=dict(type='str'),
        remote_commit_hash=dict(type='str'),
        image=dict(type='str'),
        build_cmd=dict(type='str'),
        run_cmd=dict(type='str'),
        port=dict(type='int'),
        working_dir=dict(type='str'),
        static_dir=dict(type='str'),
        domain=dict(type='str'),
        health_check=dict(type='str'),
        description=dict(type='str'),
        env_vars=dict(type='dict'),
        secrets=dict(type='dict', no_log=True),
        instance=dict(type='str'),
    ), waits=True, required_one_of=[('name', 'id')])
    run_resource(module, SERVICE)


if __name__ == '__main__':
    main()
