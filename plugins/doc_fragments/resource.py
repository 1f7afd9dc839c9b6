# -*- coding: utf-8 -*-
# Copyright (c) deployops.platforms contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The options the resource engine adds to a module (``resource.resource_argument_spec``), for
    every platform. A module overrides a part of an option (its ``description`` or ``choices``) by
    documenting that part itself."""

    DOCUMENTATION = r'''
options:
  id:
    description:
      - ID of an existing object. The object is then found by its ID rather than by its natural key,
        and the options that otherwise find it (such as its name) are the values to set, which renames it.
      - The ID is checked before any request; an ID of the wrong form fails the task naming O(id).
    type: str
  state:
    description:
      - V(present) creates the object or updates it to match the options the task sets (options it does
        not set are left as they are); V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: Check mode sends no write request.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: full
'''

    RECREATE = r'''
options:
  recreate:
    description:
      - Some options cannot be updated by the API (the module's options say which). When one of them differs
        from the existing object, delete the object and create it again with the requested values.
      - Without it, such a change fails the task naming the options, their current and requested values.
      - Every option required to create the object must be given; this is checked before the delete. Links of
        the old object are not carried over; the new one gets those the task names.
    type: bool
    default: false
'''

    UPDATE_SECRETS = r'''
options:
  update_secrets:
    description:
      - Write-only values (secrets the API never returns) cannot be compared with what the API holds.
      - V(on_create) sends them only when the object is created (and with any other update of it).
      - V(always) also sends them when the object exists, without reporting a change (the API does not say
        what it holds). A write-only value the API cannot update either is sent again only by re-creating
        the object, which then needs O(recreate=true) and reports a change on every run.
    type: str
    choices: [always, on_create]
    default: on_create
'''

    DEPLOY = r'''
options:
  deploy:
    description:
      - When the task changed the object (a create, an update or a change of its links), deploy it to its
        servers and wait for the deploy action (see O(wait)).
      - With V(false), changes are only recorded on the platform.
    type: bool
    default: true
'''

    BULK = r'''
options:
  prune:
    description:
      - With the list of objects (the module's list option), also delete the objects of the parent that the list does not name.
      - Only with that list.
    type: bool
    default: false
'''

    INFO = r'''
options:
  id:
    description:
      - Return only the object with this ID, as the API returns a single object (its full representation).
      - The ID is checked before any request; an ID of the wrong form fails the task naming O(id).
    type: str
attributes:
  check_mode:
    description: Can run in check mode and return changed status prediction without modifying target.
    support: full
    details: This action does not modify state.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check mode), when in diff mode.
    support: N/A
    details: This action does not modify state.
'''

    NAME_FILTER = r'''
options:
  name:
    description:
      - Return only the objects with this exact name.
    type: str
'''
