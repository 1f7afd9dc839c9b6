# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The idempotent resource engine shared by every resource module of every platform.

A module hands its ``AnsibleModule`` and the ``Resource`` it manages (declared once in
``<platform>_resources.py``) to ``platform_api.run_resource``, which builds the platform API object
and runs ``ResourceEngine.converge``. The engine finds the object (by ``id`` or by natural key
inside its parent, through ``lookup.Lookup``), compares only the options the user set, and
creates, updates, re-creates or deletes it; then it reconciles its links and child lists,
deploys it when it changed, and reaches a lifecycle state. It honours check mode, produces
``--diff`` output, waits for asynchronous work, and never creates a duplicate when a POST's
answer is lost.

The platform API object (a ``platform_api.PlatformAPI``) provides ``scope``, ``resolve_ref``,
``list``, ``get``, ``create``, ``update``, ``delete``, ``post_action`` and ``wait_action``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.deployops.platforms.plugins.module_utils.children import (
    check_wanted_children, reconcile_children)
from ansible_collections.deployops.platforms.plugins.module_utils.client import ApiError
from ansible_collections.deployops.platforms.plugins.module_utils.compare import differs
from ansible_collections.deployops.platforms.plugins.module_utils.create_once import CreateOnce, CreatedMeanwhile
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.lifecycle import Lifecycle
from ansible_collections.deployops.platforms.plugins.module_utils.links import (
    reconcile_links, resolve_wanted_links, with_listed_links)
from ansible_collections.deployops.platforms.plugins.module_utils.lookup import Lookup, Scope, check_id
from ansible_collections.deployops.platforms.plugins.module_utils.resource import Field
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout


class ResourceEngine(CreateOnce, Lifecycle):
    """Converge one resource to the module's parameters; ``converge()`` returns the task result."""

    def __init__(self, module, api, resource):
        self.module = module
        self.api = api
        self.resource = resource
        self.params = module.params
        self.check_mode = module.check_mode
        self.changed = False
        self.diff = dict(before={}, after={})
        self.action = None
        self.lookup = None
        self.warnings = []
        self.extra = {}
        self.created = False
        self.written = False  # a write request was sent and may have been carried out
        self.adopting = False  # updating an object found after its create answer was lost
        # A bulk task sets a list here: the wait for a deploy or for a new object to become ready goes in it
        # as ``(engine, finish)``, so that the task starts every item's work before it waits for the first;
        # ``finish()`` waits and returns the object afterwards (``None``: as the item returned it).
        self.awaited_later = None

    @property
    def scope(self):
        return self.lookup.scope if self.lookup else Scope()

    def converge(self):
        """Converge and return the task result. A failure after a write reports ``changed: true``
        and says so: the object exists (or changed) although the task did not finish."""
        try:
            return self._converge()
        except (ApiError, EngineError, WaitTimeout, ParentMissing) as exc:
            if not self.written or getattr(exc, 'details', {}).get('changed'):
                raise
            details = dict(getattr(exc, 'details', {}) or (exc.to_result() if isinstance(exc, ApiError) else {}))
            details['changed'] = True
            raise EngineError('%s (the %s was %s before this failure; run the task again to finish)' % (
                exc, self.resource.name, 'created' if self.created else 'changed'), **details)

    def _converge(self):
        state = self.params.get('state') or 'present'
        self.check_id()
        if state != 'absent':
            self.check_values()
            check_wanted_children(self)
        try:
            scope = Scope(self.api.scope(self.resource, self.params))
        except ParentMissing as exc:
            return self._parent_missing(state, exc)
        if self.resource.path_values:
            scope.update(self.resource.path_values(self.params))
        self.lookup = Lookup(self.api, self.resource, self.params, scope)
        try:
            current = self.find()
        except ParentMissing as exc:
            if self.resource.locate is None:
                raise
            return self._parent_missing(state, exc)
        return self.converge_current(current, state)

    def converge_current(self, current, state):
        """Converge from ``current`` (the object as found, ``None`` when there is none) to ``state``: the
        task result. A bulk task calls it for each item with the object its list found."""
        self.mask_values_kept_secret(current)
        if state == 'absent':
            if current:
                self.delete(current)
            return self.result(None if self.changed else current)
        # Every reference is resolved before the first write: a typo must not leave half an object.
        wanted_links = resolve_wanted_links(self)
        current = self.create_or_update(current)
        if self.resource.links:
            current = reconcile_links(self, current, wanted_links)
        if self.resource.children:
            current = reconcile_children(self, current)
        if self.resource.deploy and self.params.get('deploy', True) and (
                (self.changed and not self.resource.deploy.by_write) or self.resource.deploy.is_owed(current)):
            self.run_deploy(current)
        if state in self.resource.states:
            current = self.reach_state(current, state)
        return self.result(with_listed_links(self, current))

    def create_or_update(self, current):
        """Create the object when there is none (``current`` is None), else update it; the object afterwards."""
        if current is not None:
            return self.update(current)
        try:
            return self.create()
        except CreatedMeanwhile as meanwhile:
            # Another run (a parallel fork, a second playbook) created it since we looked: converge that one.
            self.changed, self.created, self.diff = False, False, dict(before={}, after={})
            return self.update(self.reread(meanwhile.found))

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

    def write(self, call, *args):
        """``call(*args)``, a write request; remembers that the API may have changed."""
        try:
            result = call(*args)
        except ApiError as exc:
            self.written = self.written or exc.maybe_committed
            raise
        self.written = True
        return result

    # ---- finding -------------------------------------------------------------------------

    def id_of(self, obj):
        return self.lookup.id_of(obj)

    def path(self, template, obj_id=None, **extra):
        return self.lookup.path(template, obj_id, **extra)

    def reread(self, current):
        """The object as the API has it now (``current`` when it cannot be read)."""
        return self.lookup.read(self.id_of(current)) or current

    def check_id(self):
        check_id(self.api, self.resource, self.params)

    def mask_values_kept_secret(self, current):
        for field in self.resource.fields:
            value = self.params.get(field.name)
            if current and value is not None and field.kept_secret_by and field.kept_secret_by(current):
                self.module.no_log_values.add(str(value))

    def find(self):
        """The current object (full representation) or None."""
        wanted_id = self.params.get('id')
        if wanted_id:
            obj = self.lookup.read(wanted_id)
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
                    self.resource.name, self.key_label(), ', '.join(str(self.id_of(m)) for m in matches)),
                matches=[dict(id=self.id_of(m), name=m.get('name')) for m in matches])
        return matches[0] if self.resource.listed_full else self.reread(matches[0])

    def find_by_key(self):
        if self.resource.locate is not None:
            return [item for item in self.resource.locate(self.api, self.scope, self.params) if item]
        wanted = []
        for name in self.resource.key:
            try:
                field = self.resource.field(name)
            except KeyError:
                field = Field(name)
            wanted.append((field.read, self.resolved(field, self.params[name])))
        return self.lookup.matching(wanted, first_list=True)

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

    def check_required_on_create(self, carried=None):
        """Fail naming the options a create needs and neither the task nor ``carried`` (the values a
        re-created object keeps) gives."""
        missing = [f.name for f in self.resource.fields
                   if f.required_on_create and self.params.get(f.name) in (None, '') and f.api not in (carried or {})]
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
            self.await_action(self.write(self.api.post_action, self.path(template, self.id_of(current)), None))
            ran = True
        return self.reread(current) if ran else current

    def visible(self, data):
        """``data`` without secrets, for diff and result."""
        hidden = set(self.resource.hidden_result_keys)
        hidden.update(f.api for f in self.resource.fields if f.is_write_only(self.params))
        shown = dict((k, v) for k, v in (data or {}).items() if k not in hidden)
        for field in self.resource.fields:
            if field.secret_keys:
                for key in set((field.api, field.name)) & set(shown):
                    shown[key] = field.shown(shown[key])
        return shown

    # ---- writing -------------------------------------------------------------------------

    def create(self, carried=None):
        self.check_required_on_create(carried)
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
        obj, job, adopted = self.create_without_duplicates(payload)
        for key in self.resource.returned_once:
            if (obj or {}).get(key):
                self.extra[key] = obj[key]
        obj_id = self.id_of(obj)
        if obj_id is None:
            self.await_action(job)
            raise EngineError('the %s was created but the API did not return it' % self.resource.name)
        if self.awaited_later is not None and self.ready_is_awaited_later(adopted):
            self.awaited_later.append((self, lambda: self.finish_create(job, obj_id)))
            return obj
        self.await_action(job)
        if self.resource.ready and self.params.get('wait', True):
            fresh = self.wait_until(obj_id, self.resource.ready, 'the %s to become ready' % self.resource.name)
        elif job or adopted or not self.api.create_answers_in_full:
            fresh = self.lookup.read(obj_id) or obj
        else:
            fresh = obj
        if adopted:
            return self.converge_adopted(fresh)
        return self.apply_action_fields(fresh, record=False)

    def ready_is_awaited_later(self, adopted):
        """Whether the object just created may become ready after the task has created the other items:
        nothing the task does to it later needs it ready."""
        resource = self.resource
        return bool(resource.ready and self.params.get('wait', True) and not adopted and not resource.links
                    and not resource.children and not resource.deploy and not any(field.set_by for field in resource.fields)
                    and (self.params.get('state') or 'present') not in resource.states)

    def finish_create(self, job, obj_id):
        """Wait for what creating the object started, then for it to become ready; the object then."""
        self.await_action(job)
        return self.wait_until(obj_id, self.resource.ready, 'the %s to become ready' % self.resource.name)

    def converge_adopted(self, current):
        """Update an object found after its POST's answer was lost, so that what the POST did not set is
        set; the task still reports it created, with the creation's diff."""
        diff, self.adopting = self.diff, True
        try:
            current = self.update(current)
        finally:
            self.adopting = False
        self.changed, self.created, self.diff = True, True, diff
        return current

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
        path = self.path(self.resource.item_path, self.id_of(current))
        self.await_action(self.write(self.api.update, path, payload, current))
        return self.apply_action_fields(self.reread(current))

    def plan_update(self, current):
        """``(changes, secrets, before, after)``.

        ``changes`` are the API body keys whose values differ, ``secrets`` the write-only
        values to re-send (``update_secrets: always``, or an object found after its create answer
        was lost, with the values the API never returns): a write, but never a change by itself,
        since the API does not say what it holds. ``before``/``after`` form the diff.
        """
        changes, secrets, before, after = {}, {}, {}, {}
        resend_secrets = self.params.get('update_secrets') == 'always' or self.adopting
        for field in self.user_set():
            if field.create_only or not field.send or field.set_by:
                continue
            desired = self.resolved(field, self.params[field.name])
            if field.is_write_only(self.params) or (self.adopting and not field.returned):
                if resend_secrets:
                    secrets[field.api] = desired
                continue
            if field.compare:
                is_different = field.compare(desired, current)
            else:
                is_different = differs(desired, field.current(current), field.unordered)
            if is_different:
                changes[field.api] = desired
                before[field.name] = field.shown(field.current(current))
                after[field.name] = field.shown(desired)
                if isinstance(is_different, str):
                    after[field.name + '_change'] = is_different
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
            if field.resent_only_by_recreate(self.params) and resend_secrets:
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
        carried = self.carried_over(current)
        self.check_required_on_create(carried)  # before the delete: never delete what cannot be re-created
        before = dict((f.name, f.current(current)) for f, dummy in self.create_only_changes(current))
        self.delete(current)
        created = self.create(carried)
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
        self.await_action(self.write(self.api.delete, self.path(self.resource.item_path, self.id_of(current)), params))

    def compared_view(self, obj):
        return dict((f.name, f.current(obj)) for f in self.resource.fields
                    if not f.is_write_only(self.params) and f.current(obj) is not None)

    # ---- result --------------------------------------------------------------------------

    def result(self, obj):
        result = dict(changed=self.changed)
        result[self.resource.name] = self.visible(obj) if obj else {}
        if self.action is not None:
            result['action'] = self.action
        result.update(self.extra)
        if self.module._diff:
            result['diff'] = self.diff
        return result
