# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is specific to DeployHQ: HTTP Basic with the user's e-mail and API key on
``https://<account>.deployhq.com``, bodies wrapped in a root key (with the documented top-level
siblings), the three error shapes, plain-array lists and the one paged list (deployments),
UUID identifiers (integers for environment variables), projects named by name, permalink or
identifier, and deployments polled until they end.

Its resources are declared in ``deployhq_resources.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import env_fallback

from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    ApiError, clean_secret, describe_text, normalise_field_errors)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, expect, id_problem
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

PER_PAGE = 50
#: collection segment of a path -> the root key its bodies are wrapped in
ROOT_KEYS = {
    'projects': 'project', 'servers': 'server', 'server_groups': 'server_group', 'deployments': 'deployment',
    'config_files': 'config_file', 'global_config_files': 'config_file',
    'environment_variables': 'environment_variable', 'global_environment_variables': 'environment_variable',
    'commands': 'command', 'ssh_commands': 'command', 'excluded_files': 'excluded_file',
    'build_commands': 'build_command', 'repository': 'repository', 'integrations': 'integration',
    'scheduled_deployments': 'scheduled_deployment', 'ssh_keys': 'key_pair',
}
#: keys sent next to the root object rather than inside it ([OAS], [SDK] servers.go); a managed
#: VPS's ``region`` is one of them, a Rackspace server's ``region`` is not
TOP_LEVEL = {
    'managed_vps': ('region', 'size', 'os_image'),
    'static_hosting': ('hosted_website_attributes',),
    'deployment': ('schedule', 'save_server_branch', 'deployment_overview'),
}
#: what POST /projects takes; the other project settings are set by a PUT right after it
PROJECT_CREATE_KEYS = ('name', 'keypair_identifier', 'zone_id', 'template_id')
DEPLOYMENT_DONE = ('completed', 'failed', 'cancelled', 'preview_ready', 'preview_failed')
LOG_EXCERPT_LINES = 20


def parse_error(status, body, text):
    """``{error, error_code, hint}`` (with ``status``), ``{"errors": [...]}`` or a hash keyed by
    field (``{"base": [...], "hostname": [...]}``), tried in that order as the vendor's SDK does."""
    if isinstance(body, dict):
        if isinstance(body.get('error'), str):
            message = body['error'].rstrip('.')
            if body.get('error_code') == 'api_access_restricted':
                message = 'the DeployHQ plan of this account has no API access (api_access_restricted): ' + message
            if body.get('hint'):
                message += '. Hint: %s' % body['hint']
            return message, {}
        if isinstance(body.get('errors'), list):
            messages = ['%s' % item for item in body['errors']]
            return '; '.join(messages) or 'HTTP %s' % status, {'base': messages}
        fields = dict((key, value) for key, value in body.items() if isinstance(value, (list, str)))
        if fields and status == 422:
            errors = normalise_field_errors(fields)
            return '; '.join('%s %s' % (field, message) if field != 'base' else message
                             for field, messages in errors.items() for message in messages), errors
    if status == 404:
        return 'not found', {}
    return describe_text(text) if (text or '').strip() else 'HTTP %s' % status, {}


def account_url(account):
    """``https://<account>.deployhq.com``; a full host name is accepted too (as the SDK does)."""
    account = re.sub(r'^https?://', '', account.strip()).split('/')[0]
    if account.endswith('.deployhq.com'):
        account = account[:-len('.deployhq.com')]
    return 'https://%s.deployhq.com' % account


def root_key(path):
    """The root key of the bodies at ``path``: named by its last collection segment (collections
    sit at even positions: ``/projects/{p}/servers/{id}``)."""
    segments = path.split('?', 1)[0].strip('/').split('/')
    key = None
    for segment in segments[::2]:
        key = ROOT_KEYS.get(segment, key)
    return key


def is_uuid(value):
    return id_problem('uuid', value) is None


class DeployHQAPI(PlatformAPI):
    """The DeployHQ side of the engine's platform interface."""

    name = 'deployhq'
    id_field = 'identifier'
    id_kind = 'uuid'
    credential_options = ('username', 'DEPLOYHQ_USERNAME', 'api_key', 'DEPLOYHQ_API_KEY')

    @classmethod
    def auth_argument_spec(cls):
        """The options of the ``deployops.platforms.deployhq`` doc fragment."""
        return dict(
            account=dict(type='str', fallback=(env_fallback, ['DEPLOYHQ_ACCOUNT'])),
            api_url=dict(type='str', fallback=(env_fallback, ['DEPLOYHQ_API_URL'])),
            username=dict(type='str', required=True, fallback=(env_fallback, ['DEPLOYHQ_USERNAME'])),
            api_key=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DEPLOYHQ_API_KEY'])),
        )

    @classmethod
    def from_params(cls, params):
        api_key = clean_secret('api_key', params.get('api_key'), env='DEPLOYHQ_API_KEY')
        username = (params.get('username') or '').strip()
        base_url = None
        if not params.get('api_url'):
            if not (params.get('account') or '').strip():
                raise EngineError('account or api_url is required (or the DEPLOYHQ_ACCOUNT or DEPLOYHQ_API_URL '
                                  'environment variable): the API is at https://<account>.deployhq.com',
                                  errors={'account': ['is required when api_url is not set']})
            base_url = account_url(params['account'])

        def auth(session):
            session.auth = (username, api_key)
            session.headers['Content-Type'] = 'application/json'

        return cls(cls.client_from_params(params, url_option='api_url', url_env='DEPLOYHQ_API_URL',
                                          base_url=base_url, error_parser=parse_error, auth=auth))

    # ---- requests ------------------------------------------------------------------------

    def list(self, path, params=None):
        """A plain array, or the one paged list (``{pagination, records}``), page after page."""
        query = dict(params or {})
        response = self.client.get(path, params=query or None)
        if isinstance(response.body, dict) and 'records' in response.body:
            query.setdefault('per_page', PER_PAGE)
            page = 1
            while True:
                for item in expect(response.body.get('records'), list, 'GET', path):
                    yield self.annotate(path, item)
                pagination = response.body.get('pagination') or {}
                if page >= (pagination.get('total_pages') or 1):
                    return
                page += 1
                query['page'] = page
                response = self.client.get(path, params=query)
        for item in expect(response.body, list, 'GET', path):
            yield self.annotate(path, item)

    def get(self, path):
        key = re.match(r'^/ssh_keys/([^/?]+)$', path)
        if key:
            # the API has no GET for one SSH key: it is read from the list
            return next((k for k in self.list('/ssh_keys') if k and k.get('identifier') == key.group(1)), None)
        found = super(DeployHQAPI, self).get(path)
        return self.annotate(path, found) if found else found

    def wrap(self, payload, path=None):
        key = root_key(path or '')
        if key is None:
            return payload
        siblings = TOP_LEVEL.get(payload.get('protocol_type') if key == 'server' else key, ())
        body = {key: dict((k, v) for k, v in payload.items() if k not in siblings)}
        body.update((k, v) for k, v in payload.items() if k in siblings)
        return body

    def create(self, path, payload):
        if root_key(path) == 'project':
            return self.create_project(path, payload), None
        response = self.client.post(path, self.wrap(payload, path))
        return expect(response.body, dict, 'POST', path), None

    def update(self, path, payload, current):
        if root_key(path) == 'project' and 'repository' in payload:
            payload = dict(payload)
            self.save_repository(path, payload.pop('repository'), current.get('repository'))
            if not payload:
                return None
        self.client.put(path, self.wrap(payload, path))
        return None

    # ---- projects and their repository -------------------------------------------------------

    def create_project(self, path, payload):
        """POST the settings a new project takes, then PUT the others and save its repository."""
        payload = dict(payload)
        repository = payload.pop('repository', None)
        created = dict((k, v) for k, v in payload.items() if k in PROJECT_CREATE_KEYS)
        # A lost answer is the engine's to handle: it finds the project and converges the rest by update.
        project = expect(self.client.post(path, self.wrap(created, path)).body, dict, 'POST', path)
        project_path = '/projects/%s' % project.get('identifier')
        settings = dict((k, v) for k, v in payload.items() if k not in PROJECT_CREATE_KEYS)
        if settings:
            self.client.put(project_path, self.wrap(settings, project_path))
        if repository:
            self.save_repository(project_path, repository, None)
        return project

    def save_repository(self, project_path, wanted, current):
        """POST replaces the repository (a new URL or type needs it, [OAS]); PUT changes only
        ``branch`` and ``root_path``."""
        path = project_path + '/repository'
        if replaces_repository(wanted, current):
            self.client.post(path, {'repository': wanted})
        else:
            changes = dict((k, v) for k, v in wanted.items() if k in ('branch', 'root_path') and v is not None)
            if changes:
                self.client.put(path, {'repository': changes})

    # ---- derived values --------------------------------------------------------------------------

    def annotate(self, path, item):
        """Config files and SSH commands: ``all_servers`` (never returned) read as whether they target
        every server of the project."""
        found = re.match(r'^/projects/([^/]+)/(config_files|commands|ssh_commands)(/|$)', path.split('?', 1)[0])
        if found and isinstance(item, dict) and 'all_servers' not in item:
            servers = set(s.get('identifier') for s in self.project_servers(found.group(1)))
            targeted = set(s.get('identifier') for s in item.get('servers') or [])
            item = dict(item, all_servers=bool(servers) and servers == targeted)
        return item

    def project_servers(self, project):
        return self.cached(('servers', project), lambda: [s for s in self.list('/projects/%s/servers' % project) if s])

    # ---- asynchronous work ----------------------------------------------------------------------

    def deployment(self, project, identifier):
        return self.client.get('/projects/%s/deployments/%s' % (project, identifier)).body

    def wait_deployment(self, project, identifier, timeout):
        """Poll a deployment until it ends; a failed one raises with its failed step and log tail."""
        try:
            deployment = poll(lambda: self.deployment(project, identifier),
                              lambda d: (d or {}).get('status') in DEPLOYMENT_DONE, timeout,
                              what='deployment %s' % identifier)
        except WaitTimeout as exc:
            last = exc.last or {}
            raise EngineError('%s (last status: %s)' % (exc, last.get('status')), deployment=last)
        if deployment.get('status') in ('failed', 'preview_failed'):
            raise EngineError(self.describe_failure(project, deployment), deployment=deployment, changed=True)
        return deployment

    def describe_failure(self, project, deployment):
        text = 'deployment %s failed' % deployment.get('identifier')
        for step in deployment.get('steps') or []:
            if step.get('status') == 'failed':
                text += ' at step "%s" (%s)' % (step.get('description') or step.get('step'), step.get('stage'))
                excerpt = self.step_log_excerpt(project, deployment.get('identifier'), step.get('identifier'))
                if excerpt:
                    text += '; log:\n' + excerpt
                break
        return text

    def step_log_excerpt(self, project, identifier, step):
        try:
            lines = self.client.get('/projects/%s/deployments/%s/steps/%s/logs' % (project, identifier, step)).body
        except ApiError:
            return None
        messages = ['%s' % (line.get('message') or '') for line in lines or [] if isinstance(line, dict)]
        return '\n'.join(messages[-LOG_EXCERPT_LINES:])

    # ---- parents and references ---------------------------------------------------------------

    def projects(self):
        return self.cached(('projects',), lambda: [p for p in self.list('/projects') if p])

    def project(self, ref):
        """A project by name, permalink or identifier."""
        matches = [p for p in self.projects() if ref in (p.get('identifier'), p.get('permalink'))]
        if not matches:
            matches = [p for p in self.projects() if p.get('name') == ref]
        return self.one('project', ref, matches, id_field='permalink')

    def scope(self, resource, params):
        if resource.scope is None:
            return {}
        if resource.scope == 'project':
            if params.get('project') is None:
                return {'project_id': None}
            return {'project_id': self.project(params['project'])['permalink']}
        raise EngineError('unknown scope %r' % resource.scope)

    def project_child(self, kind, ref, project, attribute='name'):
        items = self.cached((kind, project), lambda: [i for i in self.list('/projects/%s/%s' % (project, kind)) if i])
        if is_uuid(ref):
            matches = [i for i in items if i.get('identifier') == ref]
        else:
            matches = [i for i in items if i.get(attribute) == ref]
        return self.one(kind[:-1].replace('_', ' '), ref, matches, where='in project %s' % project,
                        missing=EngineError, id_field='identifier')

    def resolve_ref(self, kind, value, scope):
        project = scope.get('project_id')
        if kind in ('server', 'server_group'):
            return self.project_child(kind + 's', value, project)['identifier']
        if kind == 'target':
            return self.target(value, project)['identifier']
        if kind == 'servers':
            return self.expand_targets(value, project)
        if kind == 'ssh_key':
            keys = self.cached(('ssh_keys',), lambda: [k for k in self.list('/ssh_keys') if k])
            matches = [k for k in keys if value in (k.get('identifier'), k.get('title'))]
            return self.one('SSH key', value, matches, missing=EngineError, id_field='identifier')['identifier']
        raise EngineError('unknown reference kind %r' % kind)

    def target(self, ref, project):
        """A server or a server group, by name or identifier."""
        for kind in ('servers', 'server_groups'):
            items = self.cached((kind, project), lambda k=kind: [
                i for i in self.list('/projects/%s/%s' % (project, k)) if i])
            matches = [i for i in items if ref in (i.get('identifier'), i.get('name'))]
            if matches:
                return self.one(kind[:-1].replace('_', ' '), ref, matches, id_field='identifier')
        raise EngineError('no server or server group %r in project %s' % (ref, project))

    def expand_targets(self, refs, project):
        """Names or identifiers of servers and groups -> the identifiers of the servers they stand for
        (the API expands a group into its servers), sorted."""
        identifiers = set()
        for ref in refs:
            target = self.target(ref, project)
            if 'servers' in target and 'protocol_type' not in target:
                identifiers.update(s.get('identifier') for s in target.get('servers') or [])
            else:
                identifiers.add(target['identifier'])
        return sorted(identifiers)


def replaces_repository(wanted, current):
    """Whether saving ``wanted`` needs the repository to be replaced (POST): there is none yet, or a
    value only a new repository takes (URL, type, user, port) differs. The password is sent only then:
    it is never returned, so it cannot be compared."""
    if not current or not current.get('url'):
        return True
    for key in ('url', 'scm_type', 'username', 'port'):
        if wanted.get(key) is not None and wanted[key] != current.get(key):
            return True
    return False
