# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is specific to Devopness: Bearer auth, ``Link`` paging, the ``{message, errors}``
error body, PUT updates answering 204, actions (``X-Devopness-Action-Id`` header or an
``Action`` body) polled on ``GET /actions/{id}``, and name → id resolution of parents
(organization, project, environment, and the objects of an environment).

Its resources are declared in ``devopness_resources.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import env_fallback

from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    ApiError, clean_secret, describe_text, normalise_field_errors)
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.platform_api import PlatformAPI, expect
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

DEFAULT_API_URL = 'https://api.devopness.com'
PER_PAGE = 100
ACTION_ID_HEADER = 'X-Devopness-Action-Id'
ACTION_DONE = ('completed', 'failed', 'skipped')
#: the action type an action endpoint starts (``POST /daemons/{id}/get-status`` starts a ``get_status``)
ACTION_TYPES_BY_PATH = {'deploy': 'deploy', 'start': 'start', 'stop': 'stop', 'restart': 'restart',
                        'reload': 'reload', 'get-status': 'get_status', 'rotate-key': 'rotate_key'}
LOG_EXCERPT_LINES = 20

_LINK_RE = re.compile(r'<([^>]+)>\s*;\s*rel="?([^";]+)"?')


def parse_error(status, body, text):
    """Devopness answers ``{"message": str, "errors": {field: [str, ...]}}``."""
    if isinstance(body, dict) and body.get('message'):
        return body['message'], normalise_field_errors(body.get('errors') if isinstance(body.get('errors'), dict) else {})
    if status == 404:
        return 'not found', {}
    return describe_text(text) if (text or '').strip() else 'HTTP %s' % status, {}


def next_link(link_header):
    """The ``rel="next"`` URL of an RFC 8288 ``Link`` header, or None."""
    for url, rel in _LINK_RE.findall(link_header or ''):
        if 'next' in rel.split():
            return url
    return None


def is_id(value):
    """Parents may be named or given by numeric id."""
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())


class DevopnessAPI(PlatformAPI):
    """The Devopness side of the engine's platform interface."""

    name = 'devopness'
    credential_options = ('api_token', 'DEVOPNESS_API_TOKEN')
    # Every create answers 201 with the object's full schema (``Daemon``, not ``DaemonRelation``).
    create_answers_in_full = True

    @classmethod
    def auth_argument_spec(cls):
        """The options of the ``deployops.platforms.devopness`` doc fragment."""
        return dict(
            api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['DEVOPNESS_API_URL'])),
            api_token=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DEVOPNESS_API_TOKEN'])),
        )

    @classmethod
    def from_params(cls, params):
        token = clean_secret('api_token', params.get('api_token'), env='DEVOPNESS_API_TOKEN')
        return cls(cls.client_from_params(
            params, url_option='api_url', url_env='DEVOPNESS_API_URL', error_parser=parse_error,
            auth=lambda session: session.headers.update({'Authorization': 'Bearer %s' % token})))

    # ---- plain requests ------------------------------------------------------------------

    def list(self, path, params=None):
        """Every item of a paged list, following ``Link: rel="next"``."""
        query = dict(params or {})
        query.setdefault('per_page', PER_PAGE)
        response = self.client.get(path, params=query, ok_statuses=(404,))
        if response.status == 404:
            # A parent given by id is trusted without reading it: its list answering 404 says it is missing.
            raise ParentMissing('%s was not found (GET %s answered 404)' % (parent_in_path(path), path))
        while True:
            yield from expect(response.body, list, 'GET', path)
            url = next_link(response.header('Link'))
            if not url:
                return
            response = self.client.get(url)

    def update(self, path, payload, current):
        """PUT with the object's ``id`` in the body, as every Devopness update schema requires."""
        body = dict(payload)
        body['id'] = current['id']
        return self.job(self.client.put(path, body))

    def job(self, response):
        return self.action_id(response)

    @staticmethod
    def action_id(response):
        header = response.header(ACTION_ID_HEADER)
        if header:
            return int(header)
        body = response.body
        if isinstance(body, dict) and 'status_reason_code' in body and 'type' in body and 'targets' in body:
            return body.get('id')
        return None

    # ---- actions -------------------------------------------------------------------------

    def started_action(self, path, before, after):
        """A lost answer to ``POST .../{deploy,start,stop,...}``: the object's ``last_action`` is new and
        of that type when the POST was carried out."""
        kind = ACTION_TYPES_BY_PATH.get(path.rstrip('/').rsplit('/', 1)[-1])
        last = (after or {}).get('last_action') or {}
        previous = (before or {}).get('last_action') or {}
        if kind and last.get('type') == kind and last.get('id') != previous.get('id'):
            return last.get('id')
        return None

    def get_action(self, action_id):
        return self.client.get('/actions/%s' % action_id).body

    def wait_action(self, job, timeout):
        """Poll the action ``job`` (its id) until it ends; a failed action raises with its reason and failed step."""
        try:
            action = poll(lambda: self.get_action(job), lambda a: (a or {}).get('status') in ACTION_DONE,
                          timeout, what='action %s' % job)
        except WaitTimeout as exc:
            last = exc.last or {}
            raise EngineError('%s (last status: %s)' % (exc, last.get('status')), action=last)
        if action.get('status') == 'failed':
            raise EngineError(self.describe_failure(action), action=action)
        return action

    def describe_failure(self, action):
        text = 'action %s (%s) failed: %s' % (
            action.get('id'), action.get('type'),
            action.get('status_reason_human_readable') or action.get('status_reason_code'))
        for target in action.get('targets') or []:
            for step in target.get('steps') or []:
                if step.get('status') == 'failed':
                    text += '; step %s "%s" failed on %s %s' % (
                        step.get('order'), step.get('name'), target.get('resource_type'),
                        target.get('resource_id'))
                    excerpt = self.step_log_excerpt(action.get('id'), target.get('id'), step.get('order'))
                    if excerpt:
                        text += '; log:\n' + excerpt
                    return text
        return text

    def step_log_excerpt(self, action_id, target_id, order):
        try:
            log = self.client.get('/actions/%s/targets/%s/steps/%s/logs' % (action_id, target_id, order)).body
        except ApiError:
            return None
        output = ((log or {}).get('step') or {}).get('output') or ''
        return '\n'.join(output.strip().splitlines()[-LOG_EXCERPT_LINES:])

    # ---- parents and references ------------------------------------------------------------

    def organization(self, ref):
        """An organization by id or url slug; without ``ref``, the only one the token sees."""
        if ref:
            org = self.cached(('organization', str(ref)), lambda: self.get('/organizations/%s' % ref))
            if not org:
                raise ParentMissing('organization %r was not found' % ref)
            return org
        orgs = self.cached(('organizations',), lambda: [o for o in self.list('/organizations') if o])
        if len(orgs) == 1:
            return orgs[0]
        raise EngineError('organization is required: the token can access %s organizations (%s)' % (
            len(orgs), ', '.join(o.get('url_slug') or str(o.get('id')) for o in orgs)))

    def project(self, ref, organization=None):
        if is_id(ref):
            # The list of projects, when this task read it already, has the project and its organization.
            listed = [p for p in self._cache.get(('projects',)) or () if str(p.get('id')) == str(ref)]
            project = listed[0] if listed else self.cached(('project', str(ref)), lambda: self.get('/projects/%s' % ref))
            if not project:
                raise ParentMissing('project with id %s was not found' % ref)
            return project
        matches = [p for p in self.cached(('projects',), lambda: [p for p in self.list('/projects') if p])
                   if p.get('name') == ref and in_organization(p, organization)]
        return self.one('project', ref, matches)

    def environment(self, ref, project_ref=None, organization=None):
        if is_id(ref):
            environment = self.cached(('environment', str(ref)), lambda: self.get('/environments/%s' % ref))
            if not environment:
                raise ParentMissing('environment with id %s was not found' % ref)
            return environment
        if project_ref is None:
            raise EngineError('project is required to find environment %r by name' % ref)
        project_id = self.project(project_ref, organization)['id']
        environments = self.cached(('environments', project_id), lambda: [
            e for e in self.list('/projects/%s/environments' % project_id) if e])
        return self.one('environment', ref, [e for e in environments if e.get('name') == ref],
                        where='in project %r' % project_ref)

    def credential(self, ref, organization_id):
        if is_id(ref):
            return {'id': int(ref)}
        credentials = self.cached(('credentials', organization_id), lambda: [
            c for c in self.list('/organizations/%s/credentials' % organization_id) if c])
        return self.one('credential', ref, [c for c in credentials if c.get('name') == ref], missing=EngineError)

    def environment_child(self, kind, ref, environment_id, attribute='name'):
        """A resource listed under ``/environments/{id}/<kind>`` by id or by ``attribute``."""
        if is_id(ref):
            return {'id': int(ref)}
        items = self.cached((kind, environment_id), lambda: [
            i for i in self.list('/environments/%s/%s' % (environment_id, kind)) if i])
        return self.one(kind.rstrip('s').replace('-', ' '), ref, [i for i in items if i.get(attribute) == ref],
                        missing=ParentMissing)

    def only_organization_id(self):
        """The id of the organization the token sees, when it sees exactly one (else None)."""
        orgs = self.cached(('organizations',), lambda: [o for o in self.list('/organizations') if o])
        return orgs[0]['id'] if len(orgs) == 1 else None

    def organization_of_project(self, project_id, organization=None):
        """The id of the organization of project ``project_id`` (``organization`` when it is an id)."""
        if is_id(organization):
            return int(organization)
        return (self.project(project_id).get('organization') or {}).get('id')

    def environment_id_scope(self, environment_id, params, organization):
        """The scope of an environment given by id: trusted without a read, as each task of a role that
        passes the id would read it again. Its project and organization are read only when needed."""
        def project_id():
            if is_id(params.get('project')):
                return int(params['project'])
            project = (self.environment(environment_id) or {}).get('project') or {}
            if project.get('id'):
                return project['id']
            if params.get('project') is not None:
                return self.project(params['project'], organization)['id']
            return None

        def organization_id():
            if is_id(organization):
                return int(organization)
            if organization:
                return self.organization(organization)['id']
            project = project_id()
            return self.organization_of_project(project) if project else self.organization(None)['id']

        return {'environment_id': environment_id, 'project_id': project_id, 'organization_id': organization_id}

    def organization_id_of(self, scope):
        if scope.get('organization_id'):
            return scope['organization_id']
        if scope.get('project_id'):
            project = self.project(scope['project_id'])
            return (project.get('organization') or {}).get('id')
        return self.organization(None)['id']

    def scope(self, resource, params):
        """Path variables of the resource's parent, resolved from names or ids."""
        kind = resource.scope
        organization = params.get('organization')
        if kind is None:
            return {}
        if kind == 'organization':
            if is_id(organization):
                # An id is trusted without a read: a wrong one fails at the request that uses it.
                return {'organization_id': int(organization)}
            if organization:
                return {'organization_id': self.organization(organization)['id']}
            # Finding needs no organization; creating does (read then, once), and fails clearly
            # when the token sees several.
            return {'organization_id': self.only_organization_id}
        if kind == 'project':
            if params.get('project') is None:
                # Found by id, the object needs no project; paths that do fail naming the option.
                return {'project_id': None}
            if is_id(params['project']):
                # Trusted without a read (a missing one makes its list answer 404); its organization is
                # read only when a reference needs it.
                project_id = int(params['project'])
                return {'project_id': project_id,
                        'organization_id': lambda: self.organization_of_project(project_id, organization)}
            return {'project_id': self.project(params['project'], organization)['id']}
        if kind == 'environment':
            if is_id(params['environment']):
                return self.environment_id_scope(int(params['environment']), params, organization)
            environment = self.environment(params['environment'], params.get('project'), organization)
            scope = {'environment_id': environment['id']}
            project = environment.get('project') or {}
            if project.get('id'):
                scope['project_id'] = project['id']
            elif params.get('project') is not None:
                scope['project_id'] = self.project(params['project'], organization)['id']
            return scope
        if kind == 'resource':
            return self.resource_scope(params)
        if kind == 'pipeline':
            return self.pipeline_scope(params)
        raise EngineError('unknown scope %r' % kind)

    RESOURCE_LISTS = {
        'server': ('servers', 'hostname'),
        'application': ('applications', 'name'),
        'daemon': ('daemons', 'name'),
        'service': ('services', 'name'),
        'virtual-host': ('virtual-hosts', 'name'),
        'cronjob': ('cron-jobs', 'name'),
        'ssh-key': ('ssh-keys', 'name'),
        'network-rule': ('network-rules', 'name'),
        'ssl-certificate': ('ssl-certificates', 'name'),
    }

    def resource_scope(self, params):
        """``{resource_type, resource_id}`` for resources that hang off any other resource."""
        resource_type = params['resource_type']
        ref = params['resource']
        organization = params.get('organization')
        if ref is None:
            # Found by id, the object needs no resource; paths that do fail naming the option.
            return {'resource_type': resource_type, 'resource_id': None}
        if resource_type == 'project':
            resource_id = self.project(ref, organization)['id']
        elif resource_type == 'environment':
            resource_id = int(ref) if is_id(ref) else self.environment(ref, params.get('project'), organization)['id']
        elif is_id(ref):
            resource_id = int(ref)
        else:
            if params.get('environment') is None:
                raise EngineError('environment (and project) are required to find %s %r by name' % (
                    resource_type, ref))
            environment_id = (int(params['environment']) if is_id(params['environment']) else
                              self.environment(params['environment'], params.get('project'), organization)['id'])
            kind, attribute = self.RESOURCE_LISTS[resource_type]
            resource_id = self.environment_child(kind, ref, environment_id, attribute)['id']
        return {'resource_type': resource_type, 'resource_id': resource_id}

    def pipeline_scope(self, params):
        """``{pipeline_id}`` from the ``pipeline`` option (an id, or a name) and/or ``pipeline_operation``,
        looked up among the pipelines of the resource given by ``resource_type`` and ``resource``.

        Neither given: ``pipeline_id`` is ``None`` (an object found by its own id needs none).
        """
        ref = params.get('pipeline')
        operation = params.get('pipeline_operation')
        if is_id(ref):
            return {'pipeline_id': int(ref)}
        if ref is None and operation is None:
            return {'pipeline_id': None}
        wanted = ' '.join(part for part in (
            'named %r' % ref if ref is not None else '', 'for operation %r' % operation if operation else '') if part)
        if not params.get('resource_type') or params.get('resource') is None:
            raise EngineError('resource_type and resource are required to find the pipeline %s' % wanted)
        owner = self.resource_scope(params)
        pipelines = self.cached(('pipelines', owner['resource_type'], owner['resource_id']), lambda: [
            p for p in self.list('/pipelines/%(resource_type)s/%(resource_id)s' % owner) if p])
        matches = [p for p in pipelines if (ref is None or p.get('name') == ref)
                   and (operation is None or p.get('operation') == operation)]
        where = '%s %r' % (params['resource_type'], params['resource'])
        if not matches:
            raise ParentMissing('%s has no pipeline %s' % (where, wanted))
        if len(matches) > 1:
            raise EngineError('%s has more than one pipeline %s: %s. Set pipeline to a name or an id.' % (
                where, wanted, ', '.join('%s (id %s)' % (p.get('name'), p.get('id')) for p in matches)))
        return {'pipeline_id': matches[0]['id']}

    def resolve_ref(self, kind, value, scope):
        if kind == 'credential':
            if is_id(value):
                return int(value)  # the organization is read only to find a credential by name
            return self.credential(value, self.organization_id_of(scope))['id']
        if kind == 'server':
            return self.environment_child('servers', value, scope['environment_id'], 'hostname')['id']
        if kind in self.RESOURCE_LISTS:
            # Any other resource listed under its environment, by id or name: application, virtual-host...
            # A name that is not found raises ParentMissing, which fails the task naming it.
            items, attribute = self.RESOURCE_LISTS[kind]
            return self.environment_child(items, value, scope['environment_id'], attribute)['id']
        raise EngineError('unknown reference kind %r' % kind)


def parent_in_path(path):
    """``environment with id 5`` for ``/environments/5/servers``: the object a list path hangs off."""
    parts = [part for part in path.split('?', 1)[0].split('/') if part]
    for index in range(len(parts) - 1, 0, -1):
        if parts[index].isdigit():
            return '%s with id %s' % (parts[index - 1].rstrip('s').replace('-', ' '), parts[index])
    return 'the parent of %s' % path


def in_organization(project, organization):
    """Whether ``project`` belongs to ``organization`` (an id or url slug; any when not set)."""
    if not organization:
        return True
    org = project.get('organization') or {}
    return str(organization) in (str(org.get('id')), org.get('url_slug'))


def parent_options(*names):
    """Argument spec entries for the parent references a module takes."""
    options = dict(
        organization=dict(type='str'),
        project=dict(type='str'),
        environment=dict(type='str'),
    )
    return dict((name, options[name]) for name in names)
