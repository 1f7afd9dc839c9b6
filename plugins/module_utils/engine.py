# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The idempotent resource engine shared by every resource module of every platform.

A module declares a ``Resource`` (paths, natural key, fields and their rules) and hands
it, with its ``AnsibleModule`` and a platform API object, to ``ResourceEngine``. The
engine finds the resource (by ``id`` or natural key inside its parent), compares only the
options the user set, and creates, updates, re-creates or deletes it; it honours check
mode, produces ``--diff`` output, waits for asynchronous work, and never creates a
duplicate when a POST's answer is lost.

The platform API object (see ``devopness.DevopnessAPI``) provides: ``scope(resource,
params)``, ``resolve_ref(kind, value, scope)``, ``list(path, params)``, ``get(path)``,
``create(path, payload)``, ``update(path, payload, current)``, ``delete(path, params)``,
``post_action(path, body)``, ``wait_action(action_id, timeout)`` and ``describe_action``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import string

from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout, poll

MAX_CREATE_ATTEMPTS = 3


class EngineError(Exception):
    """A failure the engine reports as the task's ``msg`` (with optional extra result keys)."""

    def __init__(self, message, **details):
        super(EngineError, self).__init__(message)
        self.details = details


class ParentMissing(Exception):
    """A parent named by the task (project, environment, ...) does not exist (yet)."""


def dig(data, path):
    """``dig({'a': {'b': 1}}, 'a.b') == 1``; ``None`` where any step is missing."""
    if callable(path):
        return path(data)
    for part in path.split('.'):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def differs(desired, current, unordered=False):
    """Whether ``current`` fails to match ``desired``, looking only at what ``desired`` names.

    Dicts are compared key by key on the desired keys only, lists element by element
    (as multisets when ``unordered``), numbers and numeric strings by value, and
    ``None`` in ``desired`` means "not set".
    """
    if desired is None:
        return False
    if isinstance(desired, dict):
        if not isinstance(current, dict):
            return True
        return any(differs(value, current.get(key), unordered) for key, value in desired.items())
    if isinstance(desired, (list, tuple)):
        if not isinstance(current, (list, tuple)) or len(desired) != len(current):
            return True
        if unordered:
            remaining = list(current)
            for item in desired:
                match = next((i for i, cand in enumerate(remaining) if not differs(item, cand)), None)
                if match is None:
                    return True
                remaining.pop(match)
            return False
        return any(differs(item, cand) for item, cand in zip(desired, current))
    if isinstance(desired, bool) or isinstance(current, bool):
        return _as_bool(desired) != _as_bool(current)
    if isinstance(desired, (int, float)) or isinstance(current, (int, float)):
        return _as_text(desired) != _as_text(current)
    return desired != current


def without_none(value):
    """``value`` with the ``None`` entries of its dicts dropped, recursively.

    A ``to_api`` for dict options with sub-options, whose unset sub-options Ansible fills
    with ``None`` while the API's schema rejects ``null``.
    """
    if isinstance(value, dict):
        return dict((key, without_none(item)) for key, item in value.items() if item is not None)
    if isinstance(value, (list, tuple)):
        return [without_none(item) for item in value]
    return value


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ('1', 'true', 'yes', 'on')
    return bool(value)


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return '%s' % (value,)


class Field(object):
    """One option of a resource module and how it maps onto the API.

    name           the module option.
    api            the key in request bodies (default: ``name``).
    read           where the current value is in the API object: a dotted path or a
                   callable (default: ``api``).
    ref            a kind of parent reference the platform resolves from a name or id
                   to an id before sending/comparing (e.g. ``credential``).
    create_only    the API cannot update it; a change fails, or re-creates with ``recreate``.
    write_only     a secret the API never returns: sent on create, on update only with
                   ``update_secrets: always``, never compared. May be a callable of the
                   params (e.g. a variable's value only when ``hidden``).
    required_on_update
                   always part of an update body (taken from the current object when the
                   user did not set it), because the API's update schema requires it.
    compare        optional ``compare(desired, current_object) -> bool`` saying whether they
                   differ, for fields the API reports in another form (e.g. a fingerprint).
    unordered      lists compare as multisets.
    to_api         optional ``to_api(value) -> value`` giving the form the API takes (e.g. a
                   secret wrapped as ``{"credential": value}``), applied after ``ref`` resolution.
    create_default a value (or ``create_default(params)``) sent on create when the user did not
                   set the option; never compared (``None``: nothing is sent).
    required_on_create
                   creating fails with a clear message naming the option when it is not set.
    update_from    where a ``required_on_update`` value comes from when the update does not
                   change it: ``current`` (the current object, the default) or ``params`` (the
                   user's value when set, e.g. a write-only value the update schema requires).
    required_with  API body keys: whenever one of them is in an update body, this field is
                   sent too (its ``update_from`` value), because the API requires it alongside
                   (e.g. an application's ``credential_id`` with ``repository``).
    set_by         ``{value: action path}``: the field is never part of a body; a difference is
                   converged by POSTing to the path of the desired value (formatted with the
                   scope and ``id``) after the create or update, e.g. an environment's
                   ``archived`` through ``/environments/{id}/archive`` and ``.../unarchive``.
    nullable       the API requires the key but accepts ``null`` (e.g. a daemon's
                   ``working_directory``): sent as ``null`` on create when the user did not set
                   it, and kept as ``null`` in update bodies when ``required_on_update``.
    validate       optional ``validate(value) -> str or None``: what is wrong with the value the
                   user gave (e.g. a pattern the API enforces but its schema does not state),
                   checked before any request unless the state is ``absent``; the task fails
                   naming the option.
    recreate_to_resend
                   for a ``write_only`` and ``create_only`` value (e.g. a certificate's private
                   key): the API can take a new value only by re-creating the object, so with
                   ``update_secrets: always`` it counts as a create-only change (failing, or
                   re-creating with ``recreate``); otherwise it is set once, at creation.
    """

    def __init__(self, name, api=None, read=None, ref=None, create_only=False, write_only=False,
                 required_on_update=False, compare=None, unordered=False, send=True,
                 to_api=None, create_default=None, required_on_create=False, set_by=None,
                 update_from='current', required_with=(), validate=None, recreate_to_resend=False, nullable=False):
        self.name = name
        self.api = api or name
        self.read = read or self.api
        self.ref = ref
        self.create_only = create_only
        self.write_only = write_only
        self.required_on_update = required_on_update
        self.compare = compare
        self.unordered = unordered
        self.send = send
        self.to_api = to_api
        self.create_default = create_default
        self.required_on_create = required_on_create
        self.set_by = dict(set_by) if set_by else None
        self.validate = validate
        self.nullable = nullable
        self.recreate_to_resend = recreate_to_resend
        self.update_from = update_from
        self.required_with = tuple(required_with)

    def is_write_only(self, params):
        if callable(self.write_only):
            return bool(self.write_only(params))
        return bool(self.write_only)

    def current(self, obj):
        return dig(obj, self.read) if obj else None

    def default_for_create(self, params):
        if callable(self.create_default):
            return self.create_default(params)
        return self.create_default

    def action_path(self, desired):
        """The ``set_by`` path that sets ``desired`` (``None`` when there is none)."""
        for value, path in (self.set_by or {}).items():
            if not differs(value, desired) and not differs(desired, value):
                return path
        return None


class StateAction(object):
    """A lifecycle state reached through an API action (e.g. a server's ``started``).

    ``path`` is formatted with the resource's ``id``; ``needed(current)`` says whether the
    action must run (``None``: always, as for ``restarted``); ``reached(current)`` is polled
    after the action until the resource shows the state.
    """

    def __init__(self, path, needed=None, reached=None, body=None):
        self.path = path
        self.needed = needed
        self.reached = reached
        self.body = body


class LinkSet(object):
    """Other resources linked to this one (e.g. its servers), reconciled to exactly the option's list.

    option       the module option holding names or ids (``servers``).
    ref          the reference kind the platform resolves names with (``server``).
    read         where the linked objects are in the API object (a list of dicts with ``id``).
    label        the key naming a linked object in diff output (``hostname``).
    link/unlink  path templates formatted with the scope, ``id`` and ``other`` (the linked id).
    list_path    optional path (formatted with the scope and ``id``) listing the linked objects, for
                 objects whose representation lacks them (e.g. a Devopness virtual host); its items
                 are converted by ``from_item(item) -> {'id': ..., label: ...}`` (default: as is),
                 and the result object then carries them under ``read``.
    list_params  query parameters for ``list_path``.
    """

    def __init__(self, option, ref, read, link, unlink, label='name', list_path=None, list_params=None,
                 from_item=None):
        self.option = option
        self.ref = ref
        self.read = read
        self.label = label
        self.link = link
        self.unlink = unlink
        self.list_path = list_path
        self.list_params = dict(list_params or {})
        self.from_item = from_item


class DeployAction(object):
    """Pushes the recorded configuration to servers when the task changed it.

    Runs after a create or update when the module's ``deploy`` option is true (its default);
    ``body(params, current)`` may name target servers.
    """

    def __init__(self, path, body=None):
        self.path = path
        self.body = body


class ChildList(object):
    """An ordered list of child objects that live inside this one (e.g. a pipeline's steps),
    reconciled to exactly the option's list: children are matched by ``key``, then added,
    updated, moved and removed so that the API holds the wanted children in the wanted order.

    option       the module option: a list of dicts (``steps``).
    options      the Ansible sub-option spec of its elements; the engine adds the option.
    read         where the children are in the API object (a list of dicts with ``id``).
    key          the sub-option naming a child (``name``); it must be unique in the list.
    position     the child key ordering the children (``trigger_order``).
    add          path template to POST a new child (formatted with the scope and ``id``).
    update       path template to PUT a child (also ``child``: the child's id).
    remove       path template to DELETE a child (also ``child``).
    move         ``move(previous) -> dict``: the update-body keys placing a child right after
                 ``previous`` (a child, or ``None`` for the first place), e.g. ``trigger_after``.
    required_on_update
                 child keys every update body carries (the wanted value, else the child's).
    fixed        optional ``fixed(child) -> bool``: children the API does not let anyone change
                 (a pipeline's default steps). They are never matched, updated, moved or removed,
                 and a wanted element naming one fails; the other children keep their places
                 relative to them as far as the wanted order allows.
    fixed_result result key listing the fixed children after the task (``default_steps``).
    label        child keys always shown in the diff, besides those the wanted element sets.

    Check mode sends nothing. The diff shows the other (non-fixed) children before and after.
    """

    def __init__(self, option, options, read, add, update, remove, move, key='name', position='position',
                 required_on_update=(), fixed=None, fixed_result=None, label=('name',)):
        self.option = option
        self.options = options
        self.read = read
        self.key = key
        self.position = position
        self.add = add
        self.update = update
        self.remove = remove
        self.move = move
        self.required_on_update = tuple(required_on_update)
        self.fixed = fixed
        self.fixed_result = fixed_result
        self.label = tuple(label)

    def children(self, obj):
        """The children of ``obj`` in their order."""
        items = [item for item in (dig(obj, self.read) or []) if item] if obj else []
        return sorted(items, key=lambda item: (item.get(self.position) is None, item.get(self.position) or 0))

    def is_fixed(self, child):
        return bool(self.fixed and self.fixed(child))

    def check(self, wanted, fixed):
        """What is wrong with the wanted list (``None`` when nothing is)."""
        seen = set()
        fixed_keys = set(child.get(self.key) for child in fixed)
        for item in wanted:
            name = item.get(self.key)
            if name in seen:
                return '%s %r is listed twice; each element needs its own %s' % (self.key, name, self.key)
            if name in fixed_keys:
                return '%r cannot be managed: the API does not allow changing or removing it' % (name,)
            seen.add(name)
        return None

    def plan(self, wanted, managed):
        """``(removals, updates, additions, in_order)`` turning ``managed`` into ``wanted``."""
        wanted_keys = [item[self.key] for item in wanted]
        matched, removals = {}, []
        for child in managed:
            name = child.get(self.key)
            if name in wanted_keys and name not in matched:
                matched[name] = child
            else:
                removals.append(child)
        updates, additions = [], []
        for item in wanted:
            child = matched.get(item[self.key])
            if child is None:
                additions.append(item)
                continue
            changes = dict((k, v) for k, v in item.items() if k != self.key and differs(v, child.get(k)))
            if changes:
                updates.append((child, changes))
        # New children are appended; the order is right when the kept ones already follow the list.
        kept = [child.get(self.key) for child in managed if matched.get(child.get(self.key)) is child]
        in_order = kept + [item[self.key] for item in additions] == wanted_keys
        return removals, updates, additions, in_order

    def diff_view(self, children, wanted):
        """Children as the diff shows them: ``label`` keys plus those the wanted elements set."""
        shown = dict((item[self.key], [k for k in item if k not in self.label]) for item in wanted)
        return [dict((k, child.get(k)) for k in list(self.label) + shown.get(child.get(self.key), []))
                for child in children]

    def update_body(self, child, changes):
        """An update body: the ``required_on_update`` keys of the child, then ``changes``."""
        body = dict((k, child.get(k)) for k in self.required_on_update if child.get(k) is not None)
        body.update(changes)
        return body


def kept_in_place(order):
    """Indexes of ``order`` (current positions, listed in wanted order) forming a longest
    increasing run: the children that can stay where they are while the others move."""
    best = []
    for i, value in enumerate(order):
        run = [i]
        for candidate in best:
            if order[candidate[-1]] < value and len(candidate) + 1 > len(run):
                run = candidate + [i]
        best.append(run)
    return set(max(best, key=len)) if best else set()


class Resource(object):
    """The declaration a resource module makes.

    name          singular noun, also the result key (``project`` → ``result.project``).
    list_path     where to look for it inside its scope, formatted with the scope.
    item_path     one object, formatted with the scope and ``id``.
    create_path   where to POST a new one (default ``list_path``).
    key           option names forming the natural key inside the scope.
    scope         the parent kind the platform resolves (``organization``, ``environment``...).
    fields        ``Field`` objects for every option that maps onto the API.
    list_params   extra query parameters for ``list_path``.
    match         optional ``match(item, scope, params) -> bool`` narrowing key matches.
    ready         optional ``ready(obj) -> bool`` polled after create until true.
    delete_params callable ``(params) -> dict`` of query parameters for the DELETE.
    states        ``{state: StateAction}`` beyond ``present``/``absent``.
    links         ``LinkSet`` objects reconciled after the object itself.
    deploy        a ``DeployAction`` run when the task changed the object.
    validate      optional ``validate(params) -> (option, problem) or None`` for rules that involve
                  several options, checked before any request unless the state is ``absent``.
    extra_list_paths
                  more lists to search besides ``list_path`` (formatted with the scope), or a
                  callable ``(params) -> paths``: e.g. archived environments, which the main
                  list leaves out, so that an archived object is found instead of duplicated.
    locate        optional ``locate(api, scope, params) -> [objects]`` used instead of listing
                  and matching the natural key, for objects found through another one (e.g. an
                  SSL certificate through its virtual host, see ``found_through``). It may raise
                  ``ParentMissing`` when the object it goes through does not exist (yet).
    children      ``ChildList`` objects (ordered child lists such as a pipeline's steps),
                  reconciled after the object itself and its links.
    returned_once keys of the create answer the API returns only then (a generated secret):
                  returned as top-level result keys by the task that creates the object, never
                  in its diff; list them in ``hidden_result_keys`` too, to keep later reads out.
    path_values   optional callable ``(params) -> dict`` of path variables taken from options
                  rather than from the scope (a hook's ``{hook_type}``), also in ``run_info``.
    info_full     ``run_info`` returns each match as the item GET returns it (one request per
                  match), for lists whose items lack what the full object has (a pipeline's steps).
    """

    def __init__(self, name, list_path, item_path, create_path=None, key=('name',), scope=None, fields=(),
                 list_params=None, match=None, ready=None, delete_params=None, states=None, plural=None,
                 hidden_result_keys=(), links=(), deploy=None, extra_list_paths=(), locate=None,
                 children=(), returned_once=(), path_values=None, info_full=False, validate=None):
        self.name = name
        self.plural = plural or name + 's'
        self.list_path = list_path
        self.item_path = item_path
        self.create_path = create_path or list_path
        self.key = tuple(key)
        self.scope = scope
        self.fields = list(fields)
        self.list_params = dict(list_params or {})
        self.match = match
        self.ready = ready
        self.delete_params = delete_params
        self.states = dict(states or {})
        self.hidden_result_keys = tuple(hidden_result_keys)
        self.links = list(links)
        self.deploy = deploy
        self.extra_list_paths = extra_list_paths
        self.children = list(children)
        self.returned_once = tuple(returned_once)
        self.path_values = path_values
        self.info_full = info_full
        self.locate = locate
        self.validate = validate

    def list_paths(self, params):
        """``list_path`` followed by the ``extra_list_paths`` that apply to ``params``."""
        extra = self.extra_list_paths(params) if callable(self.extra_list_paths) else self.extra_list_paths
        return [self.list_path] + list(extra or ())

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def has_create_only(self):
        return any(f.create_only for f in self.fields)

    @property
    def has_write_only(self):
        return any(f.write_only for f in self.fields)

    def state_choices(self):
        return ['present', 'absent'] + sorted(self.states)


def found_through(option, ref, path, read):
    """A ``Resource.locate`` finding the object through another one that refers to it.

    ``option`` names (by name or id) the other object, resolved with the platform's
    ``resolve_ref(ref, ...)``; ``path`` (formatted with the scope and ``id``) is that object,
    and ``read`` the dotted path of the reference in it (an object with an ``id``, or an id).
    E.g. ``found_through('virtual_host', 'virtual-host', '/virtual-hosts/{id}', 'ssl_certificate')``.
    """
    def locate(api, scope, params):
        other_id = api.resolve_ref(ref, params[option], scope)
        other = api.get(path.format(**dict(scope or {}, id=other_id)))
        if other is None:
            raise ParentMissing('%s %r was not found' % (option.replace('_', ' '), params[option]))
        found = dig(other, read)
        if found is None:
            return []
        return [found if isinstance(found, dict) else {'id': found}]
    return locate


def resource_argument_spec(resource, default_state='present'):
    """Options every resource module of this shape has: ``id``, ``state``, ``recreate``, ``update_secrets``."""
    spec = dict(
        id=dict(type='str'),
        state=dict(type='str', default=default_state, choices=resource.state_choices()),
    )
    if resource.has_create_only:
        spec['recreate'] = dict(type='bool', default=False)
    if resource.has_write_only:
        spec['update_secrets'] = dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False)
    for link in resource.links:
        spec[link.option] = dict(type='list', elements='str')
    if resource.deploy:
        spec['deploy'] = dict(type='bool', default=True)
    for child in resource.children:
        spec[child.option] = dict(type='list', elements='dict', options=child.options)
    return spec


class ResourceEngine(object):
    """Converge one resource to the module's parameters and exit the module."""

    def __init__(self, module, api, resource):
        self.module = module
        self.api = api
        self.resource = resource
        self.params = module.params
        self.check_mode = module.check_mode
        self.changed = False
        self.diff = dict(before={}, after={})
        self.action = None
        self.scope = None
        self.warnings = []
        self.extra = {}
        self.created = False

    # ---- entry point -------------------------------------------------------------------

    def run(self):
        try:
            result = self.converge()
        except EngineError as exc:
            self.module.fail_json(msg=str(exc), **exc.details)
        except ApiError as exc:
            self.module.fail_json(msg=str(exc), **exc.to_result())
        except WaitTimeout as exc:
            self.module.fail_json(msg=str(exc))
        except ParentMissing as exc:
            # e.g. a referenced application or server that does not exist
            self.module.fail_json(msg=str(exc))
        for warning in self.warnings:
            self.module.warn(warning)
        self.module.exit_json(**result)

    def converge(self):
        state = self.params.get('state') or 'present'
        if state != 'absent':
            self.check_values()
        try:
            self.scope = self.api.scope(self.resource, self.params)
        except ParentMissing as exc:
            return self._parent_missing(state, exc)
        if self.resource.path_values:
            self.scope = dict(self.scope, **self.resource.path_values(self.params))
        try:
            current = self.find()
        except ParentMissing as exc:
            if self.resource.locate is None:
                raise
            return self._parent_missing(state, exc)
        if state == 'absent':
            if current:
                self.delete(current)
            return self.result(None if self.changed else current, before=current)
        if current is None:
            current = self.create()
        else:
            current = self.update(current)
        if self.resource.links:
            current = self.reconcile_links(current)
        if self.resource.children:
            current = self.reconcile_children(current)
        if self.resource.deploy and self.changed and self.params.get('deploy', True):
            self.run_deploy(current)
        if state in self.resource.states:
            current = self.reach_state(current, state)
        return self.result(self.with_listed_links(current))

    def _parent_missing(self, state, exc):
        # In check mode an earlier task may only have pretended to create the parent.
        if state == 'absent':
            return self.result(None)
        if self.check_mode:
            self.changed = True
            desired = self.desired_payload(resolve=False)
            self.diff = dict(before={}, after=self.visible(desired))
            return self.result(desired)
        raise EngineError(str(exc))

    # ---- finding -------------------------------------------------------------------------

    def path(self, template, obj_id=None, **extra):
        values = dict(self.scope or {})
        values.update(extra)
        if obj_id is not None:
            values['id'] = obj_id
        unknown = sorted(name[:-3] if name.endswith('_id') else name for name, value in values.items()
                         if value is None and '{%s}' % name in template)
        if unknown:
            raise EngineError('%s is required here: the %s cannot be placed without it' % (
                ' and '.join(unknown), self.resource.name))
        return template.format(**values)

    def find(self):
        """The current object (full representation) or None."""
        wanted_id = self.params.get('id')
        if wanted_id:
            obj = self.api.get(self.path(self.resource.item_path, wanted_id))
            if obj is None and (self.params.get('state') or 'present') != 'absent':
                raise EngineError('no %s with id %s was found' % (self.resource.name, wanted_id))
            return obj
        missing = [name for name in self.resource.key if self.params.get(name) in (None, '')]
        if missing:
            raise EngineError('%s is required to find the %s (or give its id)' % (
                ' and '.join(missing), self.resource.name))
        matches = self.find_by_key()
        if not matches:
            return None
        if len(matches) > 1:
            raise EngineError(
                'more than one %s matches %s: ids %s. Pass id, or narrow the scope.' % (
                    self.resource.name, self.key_label(), ', '.join(str(m.get('id')) for m in matches)),
                matches=[dict(id=m.get('id'), name=m.get('name')) for m in matches])
        found = matches[0]
        return self.api.get(self.path(self.resource.item_path, found['id'])) or found

    def find_by_key(self):
        if self.resource.locate is not None:
            return [item for item in self.resource.locate(self.api, self.scope, self.params) if item]
        wanted = {}
        for name in self.resource.key:
            try:
                field = self.resource.field(name)
            except KeyError:
                field = Field(name)
            wanted[field] = self.resolved(field, self.params[name])
        matches = []
        for item in self.listed_items():
            if not item:
                continue  # Devopness declares list items nullable
            if any(differs(value, field.current(item)) for field, value in wanted.items()):
                continue
            if self.resource.match and not self.resource.match(item, self.scope, self.params):
                continue
            matches.append(item)
        return matches

    def listed_items(self):
        """Items of ``list_path`` and any ``extra_list_paths``, each id once."""
        seen = set()
        for list_path in self.resource.list_paths(self.params):
            for item in self.api.list(self.path(list_path), dict(self.resource.list_params)):
                if item and item.get('id') is not None:
                    if item['id'] in seen:
                        continue
                    seen.add(item['id'])
                yield item

    def key_label(self):
        if self.params.get('id') and all(self.params.get(name) is None for name in self.resource.key):
            return 'id=%r' % (self.params['id'],)
        return ', '.join('%s=%r' % (name, self.params.get(name)) for name in self.resource.key)

    # ---- desired state -------------------------------------------------------------------

    def resolved(self, field, value):
        if field.ref and value is not None:
            value = self.api.resolve_ref(field.ref, value, self.scope)
        if field.to_api and value is not None:
            value = field.to_api(value)
        return value

    def check_values(self):
        """Fail on the first value the user gave that its field's ``validate`` rejects, then on the
        resource's own ``validate(params) -> (option, problem)`` for rules that involve several options."""
        for field in self.user_set():
            problem = field.validate(self.params[field.name]) if field.validate else None
            if problem:
                raise EngineError('%s: %s' % (field.name, problem), errors={field.name: [problem]})
        found = self.resource.validate(self.params) if self.resource.validate else None
        if found:
            option, problem = found
            raise EngineError('%s: %s' % (option, problem), errors={option: [problem]})

    def user_set(self):
        """Fields the user gave a value for."""
        return [f for f in self.resource.fields if self.params.get(f.name) is not None]

    def desired_payload(self, resolve=True):
        payload = {}
        for field in self.user_set():
            if not field.send or field.set_by:
                continue
            value = self.params[field.name]
            if resolve:
                value = self.resolved(field, value)
            payload[field.api] = value
        return payload

    def create_defaults(self):
        """``create_default`` values of the fields the user did not set."""
        defaults = {}
        for field in self.resource.fields:
            if self.params.get(field.name) is not None or not field.send or field.set_by:
                continue
            value = field.default_for_create(self.params)
            if value is not None or field.nullable:
                defaults[field.api] = value
        return defaults

    def check_required_on_create(self):
        missing = [f.name for f in self.resource.fields
                   if f.required_on_create and self.params.get(f.name) in (None, '')]
        if missing:
            raise EngineError('%s %s required to create the %s %s' % (
                ' and '.join(missing), 'is' if len(missing) == 1 else 'are', self.resource.name, self.key_label()))

    def action_set_values(self):
        """``{name: desired}`` of the ``set_by`` fields the user set."""
        return dict((f.name, self.resolved(f, self.params[f.name])) for f in self.user_set() if f.set_by)

    def apply_action_fields(self, current, record=True):
        """Converge the ``set_by`` fields through their action paths; the object afterwards."""
        ran = False
        for field in self.user_set():
            if not field.set_by:
                continue
            desired = self.resolved(field, self.params[field.name])
            if not differs(desired, field.current(current)):
                continue
            template = field.action_path(desired)
            if template is None:
                raise EngineError('%s cannot be set to %r' % (field.name, desired))
            self.changed = True
            if record:
                self.diff['before'][field.name] = field.current(current)
                self.diff['after'][field.name] = desired
            if self.check_mode:
                continue
            action_id = self.api.post_action(self.path(template, current['id']), None)
            if action_id:
                self.await_action(action_id)
            ran = True
        if ran:
            return self.api.get(self.path(self.resource.item_path, current['id'])) or current
        return current

    def visible(self, data):
        """``data`` without secrets, for diff and result."""
        hidden = set(self.resource.hidden_result_keys)
        hidden.update(f.api for f in self.resource.fields if f.is_write_only(self.params))
        return dict((k, v) for k, v in (data or {}).items() if k not in hidden)

    # ---- writing -------------------------------------------------------------------------

    def create(self, carried=None):
        self.check_required_on_create()
        self.changed = True
        self.created = True
        payload = dict(carried or {})
        payload.update(self.desired_payload())
        payload.update(dict((k, v) for k, v in self.create_defaults().items() if k not in payload))
        after = dict(payload)
        after.update(self.action_set_values())
        self.diff = dict(before={}, after=self.visible(after))
        if self.check_mode:
            return after
        obj, action_id = self.create_without_duplicates(payload)
        for key in self.resource.returned_once:
            if (obj or {}).get(key):
                self.extra[key] = obj[key]
        if action_id:
            self.await_action(action_id)
        obj_id = obj.get('id') if obj else None
        if obj_id is None:
            raise EngineError('the %s was created but the API did not return it' % self.resource.name)
        fresh = self.api.get(self.path(self.resource.item_path, obj_id)) or obj
        if self.resource.ready and self.params.get('wait', True):
            fresh = self.wait_until(obj_id, self.resource.ready, 'the %s to become ready' % self.resource.name)
        return self.apply_action_fields(fresh, record=False)

    def create_without_duplicates(self, payload):
        """POST; when its answer is lost, look the object up before ever sending it again."""
        last_error = None
        for dummy in range(MAX_CREATE_ATTEMPTS):
            try:
                return self.api.create(self.path(self.resource.create_path), payload)
            except ApiError as exc:
                if not exc.maybe_committed:
                    raise
                last_error = exc
                if self.params.get('id'):
                    raise
                matches = self.find_by_key()
                if len(matches) == 1:
                    self.warnings.append('the answer to %s %s was lost (%s); the %s was found created' % (
                        exc.method, exc.path, exc.status or exc.message, self.resource.name))
                    return matches[0], None
                if matches:
                    raise EngineError('after a lost answer to %s %s, more than one %s matches %s: ids %s' % (
                        exc.method, exc.path, self.resource.name, self.key_label(),
                        ', '.join(str(m.get('id')) for m in matches)))
        raise last_error

    def update(self, current):
        if self.needs_recreate(current):
            return self.recreate(current)
        changes, secrets, before, after = self.plan_update(current)
        if changes:
            self.changed = True
            self.diff = dict(before=before, after=after)
        elif not secrets:
            return self.apply_action_fields(current)
        if self.check_mode:
            predicted = copy.deepcopy(current)
            predicted.update(after)
            return self.apply_action_fields(predicted)
        payload = self.update_payload(current, dict(changes, **secrets))
        action_id = self.api.update(self.path(self.resource.item_path, current['id']), payload, current)
        if action_id:
            self.await_action(action_id)
        return self.apply_action_fields(self.api.get(self.path(self.resource.item_path, current['id'])) or current)

    def plan_update(self, current):
        """``(changes, secrets, before, after)``.

        ``changes`` are the API body keys whose values differ, ``secrets`` the write-only
        values to re-send (``update_secrets: always``): a write, but never a change by itself,
        since the API does not say what it holds. ``before``/``after`` form the diff.
        """
        changes, secrets, before, after = {}, {}, {}, {}
        resend_secrets = self.params.get('update_secrets') == 'always'
        for field in self.user_set():
            if field.create_only or not field.send or field.set_by:
                continue
            desired = self.resolved(field, self.params[field.name])
            if field.is_write_only(self.params):
                if resend_secrets:
                    secrets[field.api] = desired
                continue
            if field.compare:
                is_different = field.compare(desired, current)
            else:
                is_different = differs(desired, field.current(current), field.unordered)
            if is_different:
                changes[field.api] = desired
                before[field.name] = field.current(current)
                after[field.name] = desired
        return changes, secrets, before, after

    def update_payload(self, current, changes):
        payload = {}
        for field in self.resource.fields:
            if field.required_on_update:
                value = self.update_value(field, current)
                if value is not None or field.nullable:
                    payload[field.api] = value
        payload.update(changes)
        for field in self.resource.fields:
            if field.required_with and field.api not in payload and any(k in payload for k in field.required_with):
                value = self.update_value(field, current)
                if value is not None:
                    payload[field.api] = value
        return payload

    def update_value(self, field, current):
        """The value of an unchanged field an update body must carry (see ``Field.update_from``)."""
        if field.update_from == 'params' and self.params.get(field.name) is not None:
            return self.resolved(field, self.params[field.name])
        return field.current(current)

    def create_only_changes(self, current):
        changed = []
        resend_secrets = self.params.get('update_secrets') == 'always'
        for field in self.user_set():
            if field.create_only and field.recreate_to_resend and resend_secrets and field.is_write_only(self.params):
                changed.append((field, self.resolved(field, self.params[field.name])))
                continue
            if not field.create_only or field.is_write_only(self.params) and not field.compare:
                continue
            desired = self.resolved(field, self.params[field.name])
            if field.compare:
                is_different = field.compare(desired, current)
            else:
                is_different = differs(desired, field.current(current), field.unordered)
            if is_different:
                changed.append((field, desired))
        return changed

    def needs_recreate(self, current):
        changed = self.create_only_changes(current)
        if not changed:
            return False
        if self.params.get('recreate'):
            return True
        details = '; '.join('%s: current %r, requested %r' % (
            f.name, None if f.is_write_only(self.params) else f.current(current),
            '(secret)' if f.is_write_only(self.params) else desired) for f, desired in changed)
        raise EngineError(
            'cannot change %s of %s %s: the API does not allow updating %s (%s). '
            'Set recreate=true to delete and re-create it.' % (
                ', '.join(f.name for f, dummy in changed), self.resource.name, self.key_label(),
                'it' if len(changed) == 1 else 'them', details))

    def recreate(self, current):
        self.check_required_on_create()  # before the delete: never delete what cannot be re-created
        before = dict((f.name, f.current(current)) for f, dummy in self.create_only_changes(current))
        self.delete(current)
        created = self.create(self.carried_over(current))
        self.diff = dict(before=self.visible(before), after=self.visible(
            dict((f.name, self.params[f.name]) for f in self.user_set())))
        return created

    def carried_over(self, current):
        """Body values a re-created object keeps from ``current``: the updatable fields the user did
        not set (e.g. the name when the object was found by ``id``), when they read back in the form
        the API takes (no ``ref``, ``compare`` or ``to_api``). Create-only fields the user did not set
        get their ``create_default`` instead, as they may depend on the changed ones."""
        carried = {}
        for field in self.resource.fields:
            if (self.params.get(field.name) is not None or not field.send or field.set_by or field.create_only
                    or field.ref or field.compare or field.to_api or field.is_write_only(self.params)):
                continue
            value = field.current(current)
            if value is not None:
                carried[field.api] = value
        return carried

    def delete(self, current):
        self.changed = True
        self.diff = dict(before=self.visible(self.compared_view(current)), after={})
        if self.check_mode:
            return
        params = self.resource.delete_params(self.params) if self.resource.delete_params else None
        action_id = self.api.delete(self.path(self.resource.item_path, current['id']), params)
        if action_id:
            self.await_action(action_id)

    def compared_view(self, obj):
        return dict((f.name, f.current(obj)) for f in self.resource.fields
                    if not f.is_write_only(self.params) and f.current(obj) is not None)

    # ---- links and deploys ----------------------------------------------------------------

    def linked_objects(self, link, current):
        """The objects ``link`` links to ``current``: read from it, or listed (``LinkSet.list_path``)."""
        if link.list_path is None:
            return [item for item in (dig(current, link.read) or []) if item]
        if current.get('id') is None:
            return []
        items = self.api.list(self.path(link.list_path, current['id']), dict(link.list_params))
        return [link.from_item(item) if link.from_item else item for item in items if item]

    def with_listed_links(self, current):
        """``current`` with the objects of the ``list_path`` links under their ``read`` key."""
        listed = [link for link in self.resource.links if link.list_path and isinstance(link.read, str)]
        if not listed or not current or current.get('id') is None:
            return current
        current = dict(current)
        for link in listed:
            current[link.read] = self.linked_objects(link, current)
        return current

    def reconcile_links(self, current):
        touched = False
        for link in self.resource.links:
            wanted_refs = self.params.get(link.option)
            if wanted_refs is None:
                continue
            linked = self.linked_objects(link, current)
            have = dict((item['id'], item) for item in linked)
            want, unresolved = {}, []
            for ref in wanted_refs:
                try:
                    want[self.api.resolve_ref(link.ref, ref, self.scope)] = ref
                except (EngineError, ParentMissing):
                    # In check mode an earlier task may only have pretended to create it.
                    if not self.check_mode:
                        raise
                    unresolved.append(ref)
            to_link = sorted(set(want) - set(have))
            to_unlink = sorted(set(have) - set(want))
            if not to_link and not to_unlink and not unresolved:
                continue
            self.changed = True
            self.diff['before'][link.option] = sorted('%s' % (item.get(link.label) or item['id']) for item in linked)
            self.diff['after'][link.option] = sorted('%s' % ref for ref in wanted_refs)
            if self.check_mode or current.get('id') is None:
                continue
            for other in to_link:
                self.api.post_action(self.path(link.link, current['id'], other=other))
            for other in to_unlink:
                self.api.delete(self.path(link.unlink, current['id'], other=other))
            touched = True
        if touched:
            return self.api.get(self.path(self.resource.item_path, current['id'])) or current
        return current

    def reconcile_children(self, current):
        for child in self.resource.children:
            wanted = self.params.get(child.option)
            existing = child.children(current)
            fixed = [item for item in existing if child.is_fixed(item)]
            managed = [item for item in existing if not child.is_fixed(item)]
            if wanted is not None:
                wanted = [dict((k, v) for k, v in item.items() if v is not None) for item in wanted]
                problem = child.check(wanted, fixed)
                if problem:
                    raise EngineError('%s: %s' % (child.option, problem), errors={child.option: [problem]})
                removals, updates, additions, in_order = child.plan(wanted, managed)
                if removals or updates or additions or not in_order:
                    self.changed = True
                    if not self.created:
                        self.diff['before'][child.option] = child.diff_view(managed, wanted)
                    self.diff['after'][child.option] = child.diff_view(wanted, wanted)
                    if not self.check_mode and current.get('id') is not None:
                        current = self.apply_children(child, current, wanted, removals, updates, additions)
            if child.fixed_result:
                self.extra[child.fixed_result] = [item for item in child.children(current) if child.is_fixed(item)]
        return current

    def apply_children(self, child, current, wanted, removals, updates, additions):
        """Remove, update and add children, then move them into the wanted order; the object after."""
        for item in removals:
            self.api.delete(self.path(child.remove, current['id'], child=item['id']))
        for item, changes in updates:
            self.api.update(self.path(child.update, current['id'], child=item['id']),
                            child.update_body(item, changes), item)
        for item in additions:
            self.api.create(self.path(child.add, current['id']), item)
        current = self.api.get(self.path(self.resource.item_path, current['id'])) or current
        wanted_keys = [item[child.key] for item in wanted]
        existing = child.children(current)
        index = dict((item.get(child.key), i) for i, item in enumerate(existing) if not child.is_fixed(item))
        missing = [name for name in wanted_keys if name not in index]
        if missing:
            raise EngineError('%s: %s not found in the %s after adding and updating them' % (
                child.option, ', '.join(repr(name) for name in missing), self.resource.name))
        kept = kept_in_place([index[name] for name in wanted_keys])
        for i, name in enumerate(wanted_keys):
            if i in kept:
                continue
            existing = child.children(current)
            moving = next(item for item in existing if item.get(child.key) == name)
            others = [item for item in existing if item is not moving]
            if i:
                previous = next(item for item in others if item.get(child.key) == wanted_keys[i - 1])
            else:
                # First of the list: right before the first other child that is not fixed.
                first = next(j for j, item in enumerate(others) if not child.is_fixed(item))
                previous = others[first - 1] if first else None
            self.api.update(self.path(child.update, current['id'], child=moving['id']),
                            child.update_body(moving, child.move(previous)), moving)
            current = self.api.get(self.path(self.resource.item_path, current['id'])) or current
        return current

    def run_deploy(self, current):
        self.diff['after'].setdefault('deployed', True)
        if self.check_mode or current.get('id') is None:
            return
        deploy = self.resource.deploy
        body = deploy.body(self.params, current) if deploy.body else None
        action_id = self.api.post_action(self.path(deploy.path, current['id']), body)
        if action_id:
            self.await_action(action_id)

    # ---- lifecycle states and waiting -----------------------------------------------------

    def reach_state(self, current, state):
        action = self.resource.states[state]
        if action.needed is not None and not action.needed(current):
            return current
        self.changed = True
        self.diff['before'].setdefault('state', 'as is')
        self.diff['after']['state'] = state
        if self.check_mode:
            return current
        body = action.body(self.params, current) if action.body else None
        action_id = self.api.post_action(self.path(action.path, current['id']), body)
        if action_id:
            self.await_action(action_id)
        if action.reached and self.params.get('wait', True):
            return self.wait_until(current['id'], action.reached, 'the %s to be %s' % (self.resource.name, state))
        return self.api.get(self.path(self.resource.item_path, current['id'])) or current

    def await_action(self, action_id):
        if not self.params.get('wait', True):
            self.action = dict(id=action_id)
            return None
        self.action = self.api.wait_action(action_id, self.params.get('wait_timeout') or 600)
        return self.action

    def wait_until(self, obj_id, condition, what):
        path = self.path(self.resource.item_path, obj_id)
        return poll(lambda: self.api.get(path) or {}, condition, self.params.get('wait_timeout') or 600, what=what)

    # ---- result --------------------------------------------------------------------------

    def result(self, obj, before=None):
        result = dict(changed=self.changed)
        result[self.resource.name] = self.visible(obj) if obj else {}
        if self.action is not None:
            result['action'] = self.action
        result.update(self.extra)
        if self.module._diff:
            result['diff'] = self.diff
        return result


def run_info(module, api, resource, filters=None):
    """An ``*_info`` module: list the resources in scope, or get one by ``id``; exit the module."""
    params = module.params
    try:
        try:
            # An object read by id at a path that needs nothing else (``/applications/{id}``) needs no
            # parent either, so a parent the task leaves out is not resolved. A scope is named after
            # the option that names its parent (environment, project, organization, resource, pipeline).
            if params.get('id') and params.get(resource.scope) is None and resource.item_path \
                    and _path_fields(resource.item_path) <= set(['id']):
                scope = {}
            else:
                scope = api.scope(resource, params)
        except ParentMissing as exc:
            if module.check_mode:
                module.exit_json(changed=False, **{resource.plural: []})
            raise EngineError(str(exc))
        if resource.path_values:
            scope = dict(scope, **resource.path_values(params))
        if params.get('id'):
            obj = api.get(_info_path(resource, resource.item_path, scope, id=params['id']))
            items = [obj] if obj else []
        else:
            filters = [name for name in (filters or resource.key) if params.get(name) is not None]
            items = []
            seen = set()
            listed = [item for list_path in resource.list_paths(params)
                      for item in api.list(_info_path(resource, list_path, scope), dict(resource.list_params))]
            for item in listed:
                if not item:
                    continue
                if item.get('id') is not None:
                    if item['id'] in seen:
                        continue
                    seen.add(item['id'])
                if any(differs(params[name], dig(item, _read_path(resource, name))) for name in filters):
                    continue
                if resource.match and not resource.match(item, scope, params):
                    continue
                items.append(item)
            if resource.info_full:
                items = [api.get(_info_path(resource, resource.item_path, scope, id=item['id'])) or item
                         for item in items if item.get('id') is not None]
    except EngineError as exc:
        module.fail_json(msg=str(exc), **exc.details)
    except ApiError as exc:
        module.fail_json(msg=str(exc), **exc.to_result())
    hidden = set(resource.hidden_result_keys)
    items = [dict((k, v) for k, v in item.items() if k not in hidden) for item in items]
    module.exit_json(changed=False, **{resource.plural: items})


def _path_fields(template):
    """The names of the variables in a path template: ``set(['id'])`` for ``/applications/{id}``."""
    return set(field[1] for field in string.Formatter().parse(template) if field[1])


def _info_path(resource, template, scope, **values):
    """``template`` formatted; a parent the path needs but the task did not give fails clearly."""
    values = dict(scope, **values)
    unknown = sorted(name[:-3] if name.endswith('_id') else name for name, value in values.items()
                     if value is None and '{%s}' % name in template)
    if unknown:
        raise EngineError('%s is required to list %s' % (' and '.join(unknown), resource.plural))
    return template.format(**values)


def _read_path(resource, name):
    try:
        return resource.field(name).read
    except KeyError:
        return name
