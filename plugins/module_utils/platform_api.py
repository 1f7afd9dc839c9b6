# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The seam between the engine and a platform, and the module glue every platform shares.

A platform (``devopness.DevopnessAPI``, ...) subclasses ``PlatformAPI`` and fills in what is
its own: the auth options and how a client is built from them, paging, the identifier of its
objects, how asynchronous work is reported and awaited, and how parents are named. Modules are
built and run with the functions at the bottom of this file, which take the platform class.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils import basic
from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.deployops.platforms.plugins.module_utils.bulk import BulkEngine
from ansible_collections.deployops.platforms.plugins.module_utils.client import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, Client, check_url)
from ansible_collections.deployops.platforms.plugins.module_utils.engine import ResourceEngine
from ansible_collections.deployops.platforms.plugins.module_utils.errors import EngineError, ParentMissing
from ansible_collections.deployops.platforms.plugins.module_utils.info import InfoQuery
from ansible_collections.deployops.platforms.plugins.module_utils.resource import resource_argument_spec
from ansible_collections.deployops.platforms.plugins.module_utils.wait import WaitTimeout

ID_FORMS = {
    'int': (re.compile(r'^[1-9][0-9]{0,18}$'), 'a positive integer'),
    'uuid': (re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'),
             'a UUID such as 0b5c3d52-6c1e-4b5e-9f0e-6a2f1f3b7c11'),
    'ulid': (re.compile(r'^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$'), 'a 26-character ULID'),
}


def id_problem(kind, value):
    """What is wrong with ``value`` as an id of the form ``kind`` (``None`` when nothing is)."""
    pattern, wording = ID_FORMS[kind]
    if isinstance(value, bool) or not pattern.fullmatch('%s' % (value,)):
        return 'must be %s, got %r' % (wording, value)
    return None


class PlatformAPI(object):
    """What the engine asks of a platform. Subclasses set the class attributes and implement the
    methods that raise ``NotImplementedError``; the others have defaults most platforms keep.

    name       the platform's name: its doc fragment and action group (``devopness``).
    credential_options
               the options holding the credentials, as the messages of HTTP 401 and 403 name them
               (``('api_token', 'DEVOPNESS_API_TOKEN')``: an option, then its environment variable).
    id_field   the key of an object's identifier (``id``; DeployHQ: ``identifier``).
    id_kind    the form of an identifier (a key of ``ID_FORMS``), checked before any request.
    create_answers_in_full
               a create's answer is the object as a read returns it, so the engine does not read it
               again (unless the create started an action, which may change it).
    """

    name = None
    id_field = 'id'
    id_kind = 'int'
    #: the options (and environment variables) holding the credentials, named when the API refuses them
    credential_options = ()
    create_answers_in_full = False

    def __init__(self, client):
        self.client = client
        self._cache = {}

    # ---- building ------------------------------------------------------------------------

    @classmethod
    def auth_argument_spec(cls):
        """The options of the platform's doc fragment: its URL and credentials."""
        raise NotImplementedError

    @classmethod
    def argument_spec(cls):
        """Every option a module of the platform has before its own: auth, then the connection options of
        the ``deployops.platforms.connection`` doc fragment (TLS and time budget), the same for all."""
        spec = cls.auth_argument_spec()
        spec.update(
            validate_certs=dict(type='bool', default=True),
            ca_path=dict(type='path'),
            timeout=dict(type='int', default=30),
        )
        return spec

    @classmethod
    def client_from_params(cls, params, url_option, auth, error_parser=None, url_env=None, base_url=None, **kwargs):
        """A ``Client`` for the URL in ``params[url_option]`` (checked: an empty or scheme-less URL fails
        naming the option) or ``base_url``, with ``auth`` and the connection options."""
        url = check_url(url_option, base_url if base_url is not None else params.get(url_option), env=url_env)
        return Client(url, auth=auth, error_parser=error_parser, timeout=params.get('timeout', 30),
                      validate_certs=params.get('validate_certs', True), ca_path=params.get('ca_path'),
                      pool_size=params.get('max_workers'), **kwargs)

    @classmethod
    def from_params(cls, params):
        """An instance talking to the API the module's auth options name."""
        raise NotImplementedError

    @classmethod
    def explain(cls, error):
        """The message of a failed request; HTTP 401 and 403 say which credential failed and how to fix it
        (never its value)."""
        text = '%s' % error
        if cls.credential_options and error.status in (401, 403):
            text = text.rstrip('.')
            pairs = list(zip(cls.credential_options[::2], cls.credential_options[1::2]))
            where = ' and '.join('%s (or the %s environment variable)' % pair for pair in pairs)
            if error.status == 401:
                text += '. The API did not accept the credentials: check %s.' % where
            else:
                text += ('. The credentials in %s were accepted but may not do this: use credentials with '
                         'access to it.' % where)
        return text

    # ---- requests --------------------------------------------------------------------------

    def list(self, path, params=None):
        """Every item of the list at ``path``, across all its pages."""
        raise NotImplementedError

    def get(self, path):
        """The object at ``path``, or ``None`` when the API answers 404."""
        response = self.client.get(path, ok_statuses=(404,))
        return None if response.status == 404 else expect(self.unwrap(response.body), dict, 'GET', path)

    def create(self, path, payload):
        """POST a new object; ``(object, job)`` where ``job`` is the async work it started or None."""
        response = self.client.post(path, self.wrap(payload))
        body = self.unwrap(response.body)
        return (expect(body, dict, 'POST', path) if body is not None else None), self.job(response)

    def update(self, path, payload, current):
        """Change an object; the async work it started, or None."""
        return self.job(self.client.put(path, self.wrap(payload)))

    def delete(self, path, params=None):
        """DELETE; a 404 is success (the object is gone, e.g. after a retried DELETE whose first
        answer was lost)."""
        response = self.client.delete(path, params=params, ok_statuses=(404,))
        return None if response.status == 404 else self.job(response)

    def post_action(self, path, body=None):
        """POST to an action endpoint (deploy, start, link...); the async work it started, or None."""
        return self.job(self.client.post(path, body or {}))

    def wrap(self, payload):
        """The request body for ``payload`` (e.g. under a root key)."""
        return payload

    def unwrap(self, body):
        """The object in a response body (e.g. inside an envelope)."""
        return body

    # ---- asynchronous work -------------------------------------------------------------------

    def job(self, response):
        """The handle of the asynchronous work a response reports (``None``: it started none)."""
        return None

    def is_taken(self, error):
        """Whether a refused create says the object exists already (HTTP 409, or a 422 that a natural key
        is already taken): another run created it since the lookup."""
        if error.status == 409:
            return True
        messages = [error.message] + [m for ms in error.errors.values() for m in (ms if isinstance(ms, list) else [ms])]
        return error.status == 422 and any('already' in ('%s' % m).lower() for m in messages)

    def started_action(self, path, before, after):
        """After a lost answer to a POST on ``path``: the job it started, read from the object
        ``after`` compared with ``before`` (``None``: it started nothing, so it may be sent again)."""
        return None

    def wait_action(self, job, timeout):
        """Wait until ``job`` ends; raise ``EngineError`` (with its reason) when it failed."""
        raise EngineError('%s reports no asynchronous work to wait for' % self.name)

    # ---- finding parents and references --------------------------------------------------------

    def scope(self, resource, params):
        """The path variables of ``resource``'s parent, from the task's options (names or ids)."""
        if resource.scope is None:
            return {}
        raise EngineError('unknown scope %r' % resource.scope)

    def resolve_ref(self, kind, value, scope):
        """The id of the ``kind`` object ``value`` (a name or an id) names inside ``scope``."""
        raise EngineError('unknown reference kind %r' % kind)

    def id_problem(self, kind, value):
        return id_problem(kind, value)

    def cached(self, key, loader):
        """``loader()``, once per task for each ``key`` (parents are read by many lookups)."""
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    @staticmethod
    def one(kind, ref, matches, where='', missing=ParentMissing, id_field='id'):
        """The single match of a name; none raises ``missing``, several fail listing their ids."""
        if not matches:
            raise missing('%s %r was not found%s' % (kind, ref, ' ' + where if where else ''))
        if len(matches) > 1:
            raise EngineError('more than one %s is named %r%s: ids %s. Pass the id instead.' % (
                kind, ref, ' ' + where if where else '', ', '.join(str(m.get(id_field)) for m in matches)))
        return matches[0]


def expect(value, kind, method, path):
    """``value`` when it is a ``kind`` (an object, a list), else a clear failure naming the request:
    an answer of an unexpected type never reaches the engine (no traceback)."""
    if isinstance(value, kind):
        return value
    wording = {dict: 'an object', list: 'a list'}.get(kind, kind.__name__)
    raise ApiError('the answer is %s instead of %s' % (type(value).__name__ if value is not None else 'empty', wording),
                   method=method, path=path.split('?', 1)[0])


# ---- module glue ---------------------------------------------------------------------------------

def platform_module(platform, argument_spec, **kwargs):
    """An ``AnsibleModule`` with the platform's auth options and the module's own."""
    spec = platform.argument_spec()
    spec.update(argument_spec)
    kwargs.setdefault('supports_check_mode', True)
    module = AnsibleModule(argument_spec=without_unusable_sub_options(spec, handed_over_arguments()), **kwargs)
    for option in ('timeout', 'wait_timeout'):
        if module.params.get(option) is not None and module.params[option] <= 0:
            module.fail_json(msg='%s must be a number of seconds greater than 0, got %s' % (option, module.params[option]),
                             errors={option: ['must be greater than 0']})
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
    return module


def handed_over_arguments():
    """The module's arguments when ansible has handed them over already (it always has in a run),
    else None: nothing is read here that ``AnsibleModule`` would not read next."""
    if getattr(basic, '_ANSIBLE_ARGS', None) is None:
        return None
    try:
        return basic._load_params()  # pylint: disable=protected-access
    except Exception:  # pylint: disable=broad-except
        return None  # AnsibleModule reports it


def without_unusable_sub_options(spec, params):
    """``spec`` without the sub-options of an option whose value cannot become a dict (or a list of
    dicts): with them ansible-core fails on such a value with a traceback (a number for a dict
    option) or a message that does not name the option (a word in a list of dicts); without them it
    refuses the value naming the option."""
    unusable = []
    for name, option in spec.items():
        value = params.get(name) if isinstance(params, dict) else None
        if 'options' not in option or value is None:
            continue
        if option.get('type') == 'dict':
            items = [value]
        elif isinstance(value, list):
            items = value
        else:
            items = [] if isinstance(value, str) else [value]
        for item in items:
            try:
                if not isinstance(item, dict):
                    check_type_dict(item)
            except (TypeError, ValueError):
                unusable.append(name)
                break
    if not unusable:
        return spec
    spec = dict(spec)
    for name in unusable:
        spec[name] = dict((key, value) for key, value in spec[name].items() if key not in ('options', 'apply_defaults'))
    return spec


def resource_module(resource):
    """The module of ``resource``: the platform's auth options and every option its declaration names
    (``resource.resource_argument_spec``), with the declaration's ``option_rules``."""
    return platform_module(resource.platform, resource_argument_spec(resource), **resource.option_rules)


def run_resource_module(resource):
    """The whole ``main()`` of a module that converges ``resource``: one object, or with the ``bulk`` list
    the whole set it names."""
    converge_resource_or_set(resource_module(resource), resource)


def converge_resource_or_set(module, resource):
    """Converge the one object the options of ``module`` name, or with the ``bulk`` list the whole set, and exit
    (for a module that checks more of its options first)."""
    if resource.bulk and module.params[resource.bulk] is not None:
        run_bulk(module, resource, resource.bulk, prune=module.params['prune'])
    elif resource.bulk and module.params['prune']:
        module.fail_json(msg='prune: only with %s' % resource.bulk, errors={'prune': ['only with %s' % resource.bulk]})
    else:
        run_resource(module, resource)


def info_module(resource, argument_spec, **kwargs):
    """An ``_info`` module of ``resource``: auth options, ``id`` and the module's own filters."""
    spec = dict(id=dict(type='str'))
    spec.update(argument_spec)
    return platform_module(resource.platform, spec, **kwargs)


def run_task(module, platform, work, warnings=None):
    """Exit the module with ``work(api)``'s result, or fail it with a clear message on any
    engine, platform, HTTP or timeout failure (never a traceback)."""
    try:
        result = work(platform.from_params(module.params))
    except EngineError as exc:
        module.fail_json(msg=str(exc), **exc.details)
    except ApiError as exc:
        module.fail_json(msg=platform.explain(exc), **exc.to_result())
    except (WaitTimeout, ParentMissing) as exc:
        module.fail_json(msg=str(exc))
    for warning in warnings or ():
        module.warn(warning)
    module.exit_json(**result)


def run_resource(module, resource):
    """Converge ``resource`` to the module's options and exit."""
    warnings = []

    def converge(api):
        engine = ResourceEngine(module, api, resource)
        engine.warnings = warnings
        return engine.converge()

    run_task(module, resource.platform, converge, warnings)


def run_bulk(module, resource, option, prune=False):
    """Converge the set of ``resource`` objects listed in ``module.params[option]`` and exit."""
    warnings = []

    def converge(api):
        engine = BulkEngine(module, api, resource, option, prune=prune)
        engine.warnings = warnings
        return engine.converge()

    run_task(module, resource.platform, converge, warnings)


def run_info(module, resource, filters=None):
    """List or read the objects of ``resource`` the task asks for and exit."""
    run_task(module, resource.platform, lambda api: InfoQuery(module, api, resource, filters).run())


def run_info_module(resource, argument_spec, filters=None, **kwargs):
    """The whole ``main()`` of an ``_info`` module of ``resource`` taking ``argument_spec``."""
    run_info(info_module(resource, argument_spec, **kwargs), resource, filters)
