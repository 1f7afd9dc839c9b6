# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is specific to Devopness: Bearer auth, ``Link`` paging, the ``{message, errors}``
error body, PUT updates answering 204, actions (``X-Devopness-Action-Id`` header or an
``Action`` body) polled on ``GET /actions/{id}``, and name → id resolution of parents.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import hashlib
import re

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, Client, normalise_field_errors)
from ansible_collections.deployops.platforms.plugins.module_utils.engine import (
    EngineError, ParentMissing, ResourceEngine, resource_argument_spec, run_info)
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll, wait_options_spec

DEFAULT_API_URL = 'https://api.devopness.com'
PER_PAGE = 100
ACTION_ID_HEADER = 'X-Devopness-Action-Id'
ACTION_DONE = ('completed', 'failed', 'skipped')
LOG_EXCERPT_LINES = 20

_FINGERPRINT_RE = re.compile(r'^(SHA256:[A-Za-z0-9+/]+=*|(MD5:)?[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){15})$')
_BASE64_RE = re.compile(r'^[A-Za-z0-9+/]+={0,2}$')
_LINK_RE = re.compile(r'<([^>]+)>\s*;\s*rel="?([^";]+)"?')


def auth_argument_spec():
    """The options of the ``deployops.platforms.devopness`` doc fragment."""
    return dict(
        api_url=dict(type='str', default=DEFAULT_API_URL, fallback=(env_fallback, ['DEVOPNESS_API_URL'])),
        api_token=dict(type='str', required=True, no_log=True, fallback=(env_fallback, ['DEVOPNESS_API_TOKEN'])),
        validate_certs=dict(type='bool', default=True),
        timeout=dict(type='int', default=30),
    )


def parse_error(status, body, text):
    """Devopness answers ``{"message": str, "errors": {field: [str, ...]}}``."""
    if isinstance(body, dict) and body.get('message'):
        return body['message'], normalise_field_errors(body.get('errors') if isinstance(body.get('errors'), dict) else {})
    if status == 404:
        return 'not found', {}
    return (text or '').strip()[:300] or 'HTTP %s' % status, {}


def next_link(link_header):
    """The ``rel="next"`` URL of an RFC 8288 ``Link`` header, or None."""
    for url, rel in _LINK_RE.findall(link_header or ''):
        if 'next' in rel.split():
            return url
    return None


def is_id(value):
    """Parents may be named or given by numeric id."""
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())


class DevopnessAPI(object):
    """The Devopness side of the engine's platform interface."""

    def __init__(self, client):
        self.client = client
        self._cache = {}

    @classmethod
    def from_params(cls, params):
        token = params['api_token']
        client = Client(
            params.get('api_url') or DEFAULT_API_URL,
            auth=lambda session: session.headers.update({'Authorization': 'Bearer %s' % token}),
            timeout=params.get('timeout') or 30,
            validate_certs=params.get('validate_certs', True),
            error_parser=parse_error,
        )
        return cls(client)

    # ---- plain requests ------------------------------------------------------------------

    def list(self, path, params=None):
        """Every item of a paged list, following ``Link: rel="next"``."""
        query = dict(params or {})
        query.setdefault('per_page', PER_PAGE)
        response = self.client.get(path, params=query)
        while True:
            yield from response.body or []
            url = next_link(response.header('Link'))
            if not url:
                return
            response = self.client.get(url)

    def get(self, path):
        response = self.client.get(path, ok_statuses=(404,))
        return None if response.status == 404 else response.body

    def create(self, path, payload):
        response = self.client.post(path, payload)
        return response.body, self.action_id(response)

    def update(self, path, payload, current):
        body = dict(payload)
        body['id'] = current['id']
        return self.action_id(self.client.put(path, body))

    def delete(self, path, params=None):
        return self.action_id(self.client.delete(path, params=params))

    def post_action(self, path, body=None):
        return self.action_id(self.client.post(path, body or {}))

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

    def get_action(self, action_id):
        return self.client.get('/actions/%s' % action_id).body

    def wait_action(self, action_id, timeout):
        """Poll the action until it ends; a failed action raises with its reason and failed step."""
        try:
            action = poll(lambda: self.get_action(action_id), lambda a: (a or {}).get('status') in ACTION_DONE,
                          timeout, what='action %s' % action_id)
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

    def _cached(self, key, loader):
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    def organization(self, ref):
        """An organization by id or url slug; without ``ref``, the only one the token sees."""
        if ref:
            org = self._cached(('organization', str(ref)), lambda: self.get('/organizations/%s' % ref))
            if not org:
                raise ParentMissing('organization %r was not found' % ref)
            return org
        orgs = self._cached(('organizations',), lambda: [o for o in self.list('/organizations') if o])
        if len(orgs) == 1:
            return orgs[0]
        raise EngineError('organization is required: the token can access %s organizations (%s)' % (
            len(orgs), ', '.join(o.get('url_slug') or str(o.get('id')) for o in orgs)))

    def project(self, ref, organization=None):
        if is_id(ref):
            project = self._cached(('project', str(ref)), lambda: self.get('/projects/%s' % ref))
            if not project:
                raise ParentMissing('project with id %s was not found' % ref)
            return project
        matches = [p for p in self._cached(('projects',), lambda: [p for p in self.list('/projects') if p])
                   if p.get('name') == ref and _in_organization(p, organization)]
        return self._one('project', ref, matches)

    def environment(self, ref, project_ref=None, organization=None):
        if is_id(ref):
            environment = self._cached(('environment', str(ref)), lambda: self.get('/environments/%s' % ref))
            if not environment:
                raise ParentMissing('environment with id %s was not found' % ref)
            return environment
        if project_ref is None:
            raise EngineError('project is required to find environment %r by name' % ref)
        project_id = self.project(project_ref, organization)['id']
        environments = self._cached(('environments', project_id), lambda: [
            e for e in self.list('/projects/%s/environments' % project_id) if e])
        return self._one('environment', ref, [e for e in environments if e.get('name') == ref],
                         where='in project %r' % project_ref)

    def credential(self, ref, organization_id):
        if is_id(ref):
            return {'id': int(ref)}
        credentials = self._cached(('credentials', organization_id), lambda: [
            c for c in self.list('/organizations/%s/credentials' % organization_id) if c])
        return self._one('credential', ref, [c for c in credentials if c.get('name') == ref], missing=EngineError)

    def environment_child(self, kind, ref, environment_id, attribute='name'):
        """A resource listed under ``/environments/{id}/<kind>`` by id or by ``attribute``."""
        if is_id(ref):
            return {'id': int(ref)}
        items = self._cached((kind, environment_id), lambda: [
            i for i in self.list('/environments/%s/%s' % (environment_id, kind)) if i])
        return self._one(kind.rstrip('s').replace('-', ' '), ref, [i for i in items if i.get(attribute) == ref],
                         missing=ParentMissing)

    @staticmethod
    def _one(kind, ref, matches, where='', missing=ParentMissing):
        if not matches:
            raise missing('%s %r was not found%s' % (kind, ref, ' ' + where if where else ''))
        if len(matches) > 1:
            raise EngineError('more than one %s is named %r%s: ids %s. Pass the id instead.' % (
                kind, ref, ' ' + where if where else '', ', '.join(str(m.get('id')) for m in matches)))
        return matches[0]

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
            if organization:
                return {'organization_id': self.organization(organization)['id']}
            orgs = self._cached(('organizations',), lambda: [o for o in self.list('/organizations') if o])
            # Finding needs no organization; creating does, and fails clearly when it is unknown.
            return {'organization_id': orgs[0]['id'] if len(orgs) == 1 else None}
        if kind == 'project':
            if params.get('project') is None:
                # Found by id, the object needs no project; paths that do fail naming the option.
                return {'project_id': None}
            return {'project_id': self.project(params['project'], organization)['id']}
        if kind == 'environment':
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
            resource_id = self.environment(ref, params.get('project'), organization)['id']
        elif is_id(ref):
            resource_id = int(ref)
        else:
            if params.get('environment') is None:
                raise EngineError('environment (and project) are required to find %s %r by name' % (
                    resource_type, ref))
            environment_id = self.environment(params['environment'], params.get('project'), organization)['id']
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
        pipelines = self._cached(('pipelines', owner['resource_type'], owner['resource_id']), lambda: [
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
            return self.credential(value, self.organization_id_of(scope))['id']
        if kind == 'server':
            return self.environment_child('servers', value, scope['environment_id'], 'hostname')['id']
        if kind in self.RESOURCE_LISTS:
            # Any other resource listed under its environment, by id or name: application, virtual-host...
            # A name that is not found raises ParentMissing, which fails the task naming it.
            items, attribute = self.RESOURCE_LISTS[kind]
            return self.environment_child(items, value, scope['environment_id'], attribute)['id']
        raise EngineError('unknown reference kind %r' % kind)


def _in_organization(project, organization):
    if not organization:
        return True
    org = project.get('organization') or {}
    return str(organization) in (str(org.get('id')), org.get('url_slug'))


def in_organization(item, scope, params):
    """``Resource.match`` for projects: inside the ``organization`` option, when set."""
    return _in_organization(item, params.get('organization'))


def linked_resource(label='name'):
    """``LinkSet.from_item`` for a ``ResourceLinkRelation`` of ``GET /resource-links/{type}/{id}/{link_type}``:
    ``{'id': resource_id, label: linked_resource_data.name}``."""
    def from_item(item):
        data = item.get('linked_resource_data') or {}
        return {'id': item.get('resource_id', data.get('id')), label: data.get('name')}
    return from_item


def server_links(resource_type):
    """``LinkSet`` keyword arguments for the servers linked to a ``resource_type`` (the parent side of the
    link, as in ``POST /resource-links/{resource_type}/{id}/server/{server_id}/link``), listed through
    the resource-links endpoint for resources whose representation has no ``servers``."""
    base = '/resource-links/%s/{id}' % resource_type
    return dict(option='servers', ref='server', read='servers', label='hostname',
                link=base + '/server/{other}/link', unlink=base + '/server/{other}/unlink',
                list_path=base + '/child', list_params={'linked_resource_type': 'server'},
                from_item=linked_resource('hostname'))


LIFECYCLE_FAILED = ('failed', 'skipped')


def last_action_not(*reached_by):
    """``StateAction.needed`` for resources without a status field (daemons, services; endpoints.md §9.15).

    Their runtime state shows only through ``last_action``: the state is taken as reached,
    and the action not needed, when the last action is of one of the ``reached_by`` types
    (e.g. ``start``, ``restart``, ``deploy`` for ``started``) and did not fail or get skipped
    (a pending or running one counts, so it is not queued twice). Any other last action,
    including ``get_status`` or none at all, means the action runs.
    """
    def needed(current):
        last = (current or {}).get('last_action') or {}
        return not (last.get('type') in reached_by and last.get('status') not in LIFECYCLE_FAILED)
    return needed


def ssh_key_fingerprints(public_key):
    """The fingerprints an OpenSSH public key line (``type base64 [comment]``) may be reported by.

    ``SHA256:`` + unpadded base64 of the SHA-256 of the decoded key blob (``ssh-keygen -l``),
    ``MD5:`` + colon-separated hex of its MD5 (and the same without the prefix), and the
    SHA-256 form of the whole stripped line. An empty list when the text is not such a key.
    """
    text = (public_key or '').strip()
    parts = text.split()
    if len(parts) < 2 or not _BASE64_RE.match(parts[1]):
        return []
    try:
        blob = base64.b64decode(parts[1].encode('ascii'))
    except (TypeError, ValueError, binascii.Error):
        return []
    if len(blob) < 4:
        return []
    md5 = hashlib.md5(blob).hexdigest()  # nosec - a fingerprint format, not a security use
    md5 = ':'.join(md5[i:i + 2] for i in range(0, len(md5), 2))
    return [
        'SHA256:' + _b64_sha256(blob),
        'MD5:' + md5,
        md5,
        'SHA256:' + _b64_sha256(text.encode('utf-8')),
    ]


def _b64_sha256(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode('ascii').rstrip('=')


def public_key_problem(value):
    """``Field.validate`` for an OpenSSH public key line."""
    if not ssh_key_fingerprints(value):
        return 'must be an OpenSSH public key line: "<type> <base64 key> [comment]", e.g. "ssh-ed25519 AAAA... me@host"'
    return None


def public_key_differs(desired, current):
    """``Field.compare`` for a write-only public key against the ``fingerprint`` the API returns.

    Differs only when the fingerprint is in a recognised form (``SHA256:``, ``MD5:`` or
    colon-separated hex) and matches none of the key's fingerprints; an absent or unknown
    fingerprint cannot tell, so the key is then treated as set once, at creation.
    """
    fingerprint = ((current or {}).get('fingerprint') or '').strip()
    if not fingerprint or not _FINGERPRINT_RE.match(fingerprint):
        return False
    return fingerprint not in ssh_key_fingerprints(desired) and fingerprint.lower() not in ssh_key_fingerprints(desired)


# ---- module glue ---------------------------------------------------------------------------

def parent_options(*names):
    """Argument spec entries for the parent references a module takes."""
    options = dict(
        organization=dict(type='str'),
        project=dict(type='str'),
        environment=dict(type='str'),
    )
    return dict((name, options[name]) for name in names)


def resource_module(resource, argument_spec, waits=False, **kwargs):
    """An ``AnsibleModule`` with the auth options, the engine's options and the module's own."""
    spec = auth_argument_spec()
    spec.update(resource_argument_spec(resource))
    if waits:
        spec.update(wait_options_spec())
    spec.update(argument_spec)
    return _module(spec, **kwargs)


def info_module(argument_spec, **kwargs):
    spec = auth_argument_spec()
    spec['id'] = dict(type='str')
    spec.update(argument_spec)
    return _module(spec, **kwargs)


def _module(spec, **kwargs):
    kwargs.setdefault('supports_check_mode', True)
    module = AnsibleModule(argument_spec=spec, **kwargs)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
    return module


def action_module(argument_spec, **kwargs):
    """An ``AnsibleModule`` for modules that start or await work: auth options plus their own."""
    spec = auth_argument_spec()
    spec.update(argument_spec)
    return _module(spec, **kwargs)


def run_resource(module, resource):
    ResourceEngine(module, DevopnessAPI.from_params(module.params), resource).run()


def run_resource_info(module, resource, filters=None):
    run_info(module, DevopnessAPI.from_params(module.params), resource, filters)
