# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vocabulary a resource is declared in: ``Resource``, its ``Field`` objects, and what else
the engine converges (``DeployAction``, ``StateAction``; links to other objects are declared with
``links.LinkSet``, ordered child lists with ``children.ChildList``).

A platform declares each resource once, in ``<platform>_resources.py``; its module, its
``_info`` module and its tests import that one declaration.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.deployops.platforms.plugins.module_utils.compare import dig, differs
from ansible_collections.deployops.platforms.plugins.module_utils.wait import wait_options_spec


class Field(object):
    """One option of a resource module and how it maps onto the API.

    name           the module option.
    api            the key in request bodies (default: ``name``).
    read           where the current value is in the API object: a dotted path or a
                   callable (default: ``api``).
    ref            a kind of reference the platform resolves from a name or id to an id
                   before sending or comparing (e.g. ``credential``).
    create_only    the API cannot update it; a change fails, or re-creates with ``recreate``.
    write_only     a secret the API never returns: sent on create, on update only with
                   ``update_secrets: always``, never compared. May be a callable of the
                   params (e.g. a variable's value only when ``hidden``). A value that is both
                   ``write_only`` and ``create_only`` (a certificate's private key) can only be
                   sent again by re-creating the object: with ``update_secrets: always`` it
                   counts as a create-only change (failing, or re-creating with ``recreate``).
    required_on_update
                   always part of an update body (taken from the current object when the
                   user did not set it), because the API's update schema requires it.
    update_from    where a ``required_on_update`` value comes from when the update does not
                   change it: ``current`` (the current object, the default) or ``params`` (the
                   user's value when set, e.g. a write-only value the update schema requires).
    required_with  API body keys: whenever one of them is in an update body, this field is
                   sent too (its ``update_from`` value), because the API requires it alongside.
    nullable       the API requires the key but accepts ``null``: sent as ``null`` on create
                   when the user did not set it, and kept as ``null`` in update bodies.
    compare        optional ``compare(desired, current_object) -> bool`` saying whether they
                   differ, for fields the API reports in another form (e.g. a fingerprint). A
                   text instead of ``True`` says what the change does beyond the new value (a
                   repository replaced); the diff shows it as ``<name>_change``.
    unordered      lists compare as multisets.
    send           ``False``: the option only finds or filters the object, it is never sent.
    to_api         optional ``to_api(value) -> value`` giving the form the API takes (e.g. a
                   secret wrapped as ``{"credential": value}``), applied after ``ref`` resolution.
    create_default a value (or ``create_default(params)``) sent on create when the user did not
                   set the option; never compared (``None``: nothing is sent).
    required_on_create
                   creating fails with a clear message naming the option when it is not set.
    set_by         ``{value: action path}``: the field is never part of a body; a difference is
                   converged by POSTing to the path of the desired value (formatted with the
                   scope and ``id``) after the create or update (an environment's ``archived``).
    validate       optional ``validate(value) -> str or None``: what is wrong with the value the
                   user gave, checked before any request unless the state is ``absent``; the task
                   fails naming the option.
    kept_secret_by optional ``kept_secret_by(current_object) -> bool``: the platform keeps the
                   value secret for that object even when the task does not say so (a variable
                   already hidden), so the task's value is masked in every output, the module's
                   invocation at ``-vvv`` included.
    returned       ``False``: the API takes the value but never returns it (not a secret): never
                   compared, and sent again by the update that follows when the object was found
                   after its create answer was lost (what the create set is then not known).
    type, choices, elements, options, default, required, no_log, aliases
                   the module option's argument spec (``type`` defaults to ``str``; a field that is
                   ``write_only`` (not a callable) is ``no_log`` unless ``no_log`` says otherwise).
    secret_keys    keys of a dict value that are secrets (a repository's ``password``): sent with
                   the value, never shown in the diff or the result (compare them with ``compare``,
                   which should leave them out).
    """

    def __init__(self, name, api=None, read=None, ref=None, create_only=False, write_only=False,
                 required_on_update=False, compare=None, unordered=False, send=True,
                 to_api=None, create_default=None, required_on_create=False, set_by=None,
                 update_from='current', required_with=(), validate=None, nullable=False, secret_keys=(),
                 kept_secret_by=None, returned=True, type='str', choices=None, elements=None, options=None,
                 default=None, required=False, no_log=None, aliases=None):
        self.name = name
        self.option = dict((key, value) for key, value in (
            ('type', type), ('choices', choices), ('elements', elements), ('options', options), ('default', default),
            ('required', required or None), ('aliases', aliases),
            ('no_log', True if no_log is None and write_only is True else no_log)) if value is not None)
        self.api = api or name
        self.read = read or self.api
        self.ref = ref
        self.create_only = create_only
        self.write_only = write_only
        self.kept_secret_by = kept_secret_by
        self.required_on_update = required_on_update
        self.returned = returned
        self.compare = compare if compare or returned else never_differs
        self.unordered = unordered
        self.send = send
        self.to_api = to_api
        self.create_default = create_default
        self.required_on_create = required_on_create
        self.set_by = dict(set_by) if set_by else None
        self.validate = validate
        self.nullable = nullable
        self.update_from = update_from
        self.required_with = tuple(required_with)
        self.secret_keys = tuple(secret_keys)

    def shown(self, value):
        """``value`` without its ``secret_keys``, for diff and result."""
        if self.secret_keys and isinstance(value, dict):
            return dict((k, v) for k, v in value.items() if k not in self.secret_keys)
        return value

    def is_write_only(self, params):
        if callable(self.write_only):
            return bool(self.write_only(params))
        return bool(self.write_only)

    def resent_only_by_recreate(self, params):
        """A write-only value the API takes only at creation (see ``write_only``)."""
        return self.create_only and self.is_write_only(params)

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


def never_differs(desired, current):
    """The ``compare`` of a value the API never returns: nothing to compare it with."""
    return False


class StateAction(object):
    """A lifecycle state reached through an API action (e.g. a server's ``started``).

    ``path`` is formatted with the resource's ``id``; ``needed(current)`` says whether the
    action must run (``None``: always, as for ``restarted``); ``reached(current)`` is polled
    after the action until the resource shows the state. ``then`` is a further ``StateAction`` run
    once this one is reached (a restart made of a stop and a start, for an API without one).
    """

    def __init__(self, path, needed=None, reached=None, body=None, then=None):
        self.path = path
        self.needed = needed
        self.reached = reached
        self.body = body
        self.then = then


class DeployAction(object):
    """Pushes the recorded configuration to servers when the task changed it.

    Runs after a create or update when the module's ``deploy`` option is true (its default);
    ``body(params, current)`` may name target servers. ``owed(current) -> bool`` says whether the
    object holds changes that were never deployed (an earlier run's deploy failed, or never ran):
    the deploy then runs even when this task changed nothing, so a failure does not drift silently.
    ``by_write``: the API deploys with every create and update itself (dployr), so the action runs
    only when a deploy is ``owed`` (an earlier deploy failed), never after this task's own write.
    ``reads``: the keys of the object ``owed`` reads (``None``: not known), so that a bulk task can tell
    whether a list item holds them or the object must be read.
    """

    def __init__(self, path, body=None, owed=None, by_write=False, reads=None):
        self.path = path
        self.body = body
        self.owed = owed
        self.by_write = by_write
        self.reads = reads

    def is_owed(self, current):
        return bool(self.owed and current and self.owed(current))


class Resource(object):
    """The declaration of one kind of API object.

    platform      the platform API class (``DevopnessAPI``) that talks to it.
    name          singular noun, also the result key (``project`` → ``result.project``).
    list_path     where to look for it inside its scope, formatted with the scope.
    item_path     one object, formatted with the scope and ``id``.
    create_path   where to POST a new one (default ``list_path``).
    key           option names forming the natural key inside the scope.
    scope         the parent kind the platform resolves (``organization``, ``environment``...).
    id_field      the key of the object's identifier (default: the platform's ``id_field``).
    id_kind       what an id of this object looks like (``int``, ``uuid``...; default: the
                  platform's ``id_kind``); an ``id`` option of another form fails before any request.
    order_field   an integer key that grows with every object made (default: ``id_field``), by
                  which two runs racing to create one object tell which was made first.
    key_kept_unique
                  the API refuses to create a second object with the same ``key`` (its spec says the
                  key is unique): a run that raced another gets the refusal, so the engine does not
                  list the key again after each create to look for a twin.
    fields        ``Field`` objects for every option that maps onto the API.
    list_params   extra query parameters for ``list_path``, or a callable ``(params, scope) -> dict``
                  (query filters taken from the parent, e.g. DeployBot's ``?repository_id=``;
                  ``None`` values are not sent).
    match         optional ``match(item, scope, params) -> bool`` narrowing key matches.
    ready         optional ``ready(obj) -> bool`` polled after create until true.
    delete_params callable ``(params) -> dict`` of query parameters for the DELETE.
    states        ``{state: StateAction}`` beyond ``present``/``absent``.
    links         ``links.LinkSet`` objects reconciled after the object itself.
    deploy        a ``DeployAction`` run when the task changed the object.
    children      ``children.ChildList`` objects (ordered child lists such as a pipeline's steps),
                  reconciled after the object itself and its links.
    validate      optional ``validate(params) -> (option, problem) or None`` for rules that involve
                  several options, checked before any request unless the state is ``absent``.
    extra_list_paths
                  more lists to search besides ``list_path`` (formatted with the scope), or a
                  callable ``(params) -> paths``: e.g. archived environments, which the main
                  list leaves out, so that an archived object is found instead of duplicated.
    locate        optional ``locate(api, scope, params) -> [objects]`` used instead of listing
                  and matching the natural key, for objects found through another one (e.g. an
                  SSL certificate through its virtual host). It may raise ``ParentMissing``
                  when the object it goes through does not exist (yet).
    returned_once keys of the create answer the API returns only then (a generated secret):
                  returned as top-level result keys by the task that creates the object, never
                  in its diff, and never in later reads.
    hidden_result_keys
                  keys never returned (secrets the API echoes).
    path_values   optional callable ``(params) -> dict`` of path variables taken from options
                  rather than from the scope (a hook's ``{hook_type}``).
    info_full     ``_info`` modules return each match as the item GET returns it (one request per
                  match), for lists whose items lack what the full object has (a pipeline's steps).
    options       the module options that are not fields (the parents, options that steer the task), as
                  argument spec entries; the fields' options come from the ``Field`` objects.
    option_rules  ``AnsibleModule`` rules between options (``required_one_of``, ``required_together``...);
                  by default the first ``key`` option or ``id`` is required (one of them finds the object).
    waits         the module has ``wait`` and ``wait_timeout`` (it waits for work the API finishes later).
    listed_full   the items of ``list_path`` are the full representation (a variable): an object found
                  in the list is not read again.
    bulk          the name of a list option (``daemons``) by which one task converges a whole set of these
                  objects inside one parent (``platform_api.run_bulk``): its items take the fields, the link options,
                  ``deploy``, ``recreate``, ``update_secrets`` and ``state``; ``prune`` deletes the objects the
                  list does not name. The single-object options are mutually exclusive with it.
    bulk_options  names of ``options`` an item of the ``bulk`` list may also set for itself (a server's
                  ``destroy_server_disks``); ``wait`` is one when the resource ``waits``.
    bulk_parents  names of the parent ``options`` an item of the ``bulk`` list may also set for itself, so that
                  one task converges the sets of several parents (the variables of several applications):
                  each parent is listed once, and the label of an item starts with the parent it names.
    """

    def __init__(self, name, list_path, item_path, platform=None, create_path=None, key=('name',), scope=None,
                 fields=(), list_params=None, match=None, ready=None, delete_params=None, states=None, plural=None,
                 hidden_result_keys=(), links=(), deploy=None, extra_list_paths=(), locate=None,
                 children=(), returned_once=(), path_values=None, info_full=False, validate=None, id_field=None, id_kind=None,
                 listed_full=False, order_field=None, options=None, option_rules=None, waits=False, bulk=None,
                 bulk_options=(), bulk_parents=(), key_kept_unique=False):
        self.platform = platform
        self.name = name
        self.plural = plural or name + 's'
        self.list_path = list_path
        self.item_path = item_path
        self.create_path = create_path or list_path
        self.key = tuple(key)
        self.scope = scope
        self.fields = list(fields)
        self.list_params = list_params if callable(list_params) else dict(list_params or {})
        self.match = match
        self.ready = ready
        self.delete_params = delete_params
        self.states = dict(states or {})
        self.secret_result_keys = tuple(hidden_result_keys)
        self.links = list(links)
        self.deploy = deploy
        self.extra_list_paths = extra_list_paths
        self.children = list(children)
        self.returned_once = tuple(returned_once)
        self.path_values = path_values
        self.info_full = info_full
        self.listed_full = listed_full
        self.locate = locate
        self.validate = validate
        self.id_field = id_field or getattr(platform, 'id_field', 'id')
        self.id_kind = id_kind or getattr(platform, 'id_kind', 'int')
        self.order_field = order_field or self.id_field
        self.key_kept_unique = key_kept_unique
        self.options = dict(options or {})
        self.option_rules = dict(option_rules) if option_rules is not None else (
            dict(required_one_of=[(self.key[0], 'id')]) if self.key else {})
        self.waits = waits
        self.bulk = bulk
        self.bulk_options = tuple(bulk_options)
        self.bulk_parents = tuple(bulk_parents)
        if bulk:
            self.option_rules = with_bulk_rules(self, self.option_rules)

    def single_options(self):
        """The options that name or describe one object: ``id``, the fields, the link options and child lists."""
        return (['id'] + [field.name for field in self.fields] + [link.option for link in self.links]
                + [child.option for child in self.children])

    def creation_order(self, obj):
        """``obj``'s ``order_field`` when it is an integer (ids only grow), else None."""
        value = (obj or {}).get(self.order_field)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def variant(self, **changes):
        """A copy with some attributes changed: the same object seen from another list, e.g. the
        credentials of an environment rather than of an organization (for ``_info`` modules)."""
        other = copy.copy(self)
        for name, value in changes.items():
            if not hasattr(other, name):
                raise AttributeError('Resource has no attribute %r' % name)
            setattr(other, name, value)
        if 'list_path' in changes and 'create_path' not in changes:
            other.create_path = changes['list_path']
        return other

    @property
    def hidden_result_keys(self):
        """Keys never returned: the declared ones and those only the create answer carries."""
        return self.secret_result_keys + tuple(key for key in self.returned_once if key not in self.secret_result_keys)

    def list_paths(self, params):
        """``list_path`` followed by the ``extra_list_paths`` that apply to ``params``."""
        extra = self.extra_list_paths(params) if callable(self.extra_list_paths) else self.extra_list_paths
        return [self.list_path] + list(extra or ())

    def list_query(self, params, scope):
        """The query parameters of ``list_path`` for these options and this scope."""
        if callable(self.list_params):
            return dict((k, v) for k, v in self.list_params(params, scope).items() if v is not None)
        return dict(self.list_params)

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    def read_path(self, name):
        """Where option ``name`` is read in an API object (its field's ``read``, else the name)."""
        try:
            return self.field(name).read
        except KeyError:
            return name

    @property
    def has_create_only(self):
        """Whether a create-only value can be found changed (one never returned cannot)."""
        return any(f.create_only and f.returned for f in self.fields)

    @property
    def has_write_only(self):
        return any(f.write_only for f in self.fields)

    def state_choices(self):
        return ['present', 'absent'] + sorted(self.states)


def item_options(fields, required=(), secrets=True):
    """The sub-options of a list of objects one task converges (a ``variables:`` list): each field's
    option (the ``required`` ones required), and an item's own ``state`` and (``secrets``) ``update_secrets``."""
    options = dict((field.name, dict(field.option, required=True) if field.name in required else dict(field.option))
                   for field in fields)
    options.update(state=dict(type='str', choices=['present', 'absent']))
    if secrets:
        options['update_secrets'] = dict(type='str', choices=['always', 'on_create'], no_log=False)
    return options


def bulk_item_options(resource):
    """The sub-options of ``resource``'s ``bulk`` list: its fields (the natural key required), its link
    options and child lists, its ``state``, and ``deploy``, ``recreate``, ``wait``, its ``bulk_options`` and
    ``bulk_parents`` when the resource has them, each defaulting to the task's."""
    options = item_options(resource.fields, required=resource.key, secrets=resource.has_write_only)
    options['state'] = dict(type='str', choices=resource.state_choices())
    for link in resource.links:
        options[link.option] = dict(type='list', elements='str')
    for child in resource.children:
        options[child.option] = dict(type='list', elements='dict', options=child.options)
    if resource.deploy:
        options['deploy'] = dict(type='bool')
    if resource.has_create_only:
        options['recreate'] = dict(type='bool')
    if resource.waits:
        options['wait'] = dict(type='bool')
    for name in resource.bulk_options + resource.bulk_parents:
        options[name] = dict((key, value) for key, value in resource.options[name].items()
                             if key not in ('default', 'required'))
    return copy.deepcopy(options)


def with_bulk_rules(resource, rules):
    """``rules`` for a module with a ``bulk`` list: the list stands in for the options that find one
    object (it joins each ``required_one_of`` group) and excludes the single-object options."""
    rules = dict(rules)
    rules['required_one_of'] = [tuple(group) + (() if resource.bulk in group else (resource.bulk,))
                                for group in rules.get('required_one_of', ())]
    rules['mutually_exclusive'] = list(rules.get('mutually_exclusive', ())) + [
        (resource.bulk, name) for name in resource.single_options()]
    return rules


def resource_argument_spec(resource, default_state='present'):
    """Every option of the resource's module: those the engine adds (``id``, ``state``, ``recreate``,
    ``update_secrets``, the link options, ``deploy``, the child lists, documented by the
    ``deployops.platforms.resource`` doc fragment; ``wait`` and ``wait_timeout`` when it ``waits``),
    then the fields' and the declaration's other ``options``."""
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
    if resource.waits:
        spec.update(wait_options_spec())
    for field in resource.fields:
        spec[field.name] = copy.deepcopy(field.option)
    if resource.bulk:
        # The list is not a secret as a whole (a name such as ``ssh_keys`` is no hint); its items' secret
        # options keep their own no_log.
        spec[resource.bulk] = dict(type='list', elements='dict', options=bulk_item_options(resource), no_log=False)
        spec['prune'] = dict(type='bool', default=False)
    spec.update(copy.deepcopy(resource.options))
    return spec
