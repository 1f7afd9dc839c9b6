"""Changes the sandbox makes to its copy of the Devopness OpenAPI document before validating
requests with it.  Responses are checked (by the tests) against an untouched copy."""

from __future__ import annotations

import re

# description phrase -> JSON-schema keywords, for strings
STRING_PROSE = (
    (re.compile(r"Must not be greater than (\d+) characters"), lambda m: {"maxLength": int(m.group(1))}),
    (re.compile(r"Must be at least (\d+) characters?\b"), lambda m: {"minLength": int(m.group(1))}),
    (re.compile(r"Must be between (\d+) and (\d+) characters"),
     lambda m: {"minLength": int(m.group(1)), "maxLength": int(m.group(2))}),
    (re.compile(r"Must contain only letters, numbers, dashes and underscores"),
     lambda m: {"pattern": "^[A-Za-z0-9_-]+$"}),
    (re.compile(r"Accepts numbers \(0-9\), dash \(-\) and lower case"), lambda m: {"pattern": "^[0-9a-z-]+$"}),
)
# ... and for integers and numbers
NUMBER_PROSE = (
    (re.compile(r"Must be at least (-?\d+)\."), lambda m: {"minimum": int(m.group(1))}),
    (re.compile(r"Must not be greater than (-?\d+)\."), lambda m: {"maximum": int(m.group(1))}),
    (re.compile(r"Must be between (-?\d+) and (-?\d+)\."),
     lambda m: {"minimum": int(m.group(1)), "maximum": int(m.group(2))}),
)


def enrich_from_prose(spec) -> int:
    """Turn constraints the vendor spec states only in descriptions ("Must not be greater than 60
    characters.", "Must be between 0 and 10.", ...) into JSON-schema keywords, and validate every
    ``oneOf`` as ``anyOf``.  Returns the number of keywords added."""
    added = 0

    def walk(node):
        nonlocal added
        if isinstance(node, dict):
            # Several oneOf unions in the vendor spec have overlapping branches (e.g.
            # Hook*Settings: no required keys), so a valid body matches "more than one" branch.
            if "oneOf" in node:
                node["anyOf"] = node.pop("oneOf")
            description, kind = node.get("description"), node.get("type")
            if isinstance(description, str) and kind in ("string", "integer", "number"):
                for pattern, keywords in STRING_PROSE if kind == "string" else NUMBER_PROSE:
                    found = pattern.search(description)
                    if found:
                        for keyword, value in keywords(found).items():
                            if keyword not in node:
                                node[keyword] = value
                                added += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec.doc.get("components", {}).get("schemas", {}))
    walk(spec.doc.get("paths", {}))
    spec.forget_validators()
    return added


def accept_numeric_credential_ids(spec) -> None:
    """The spec types ServerEnvironmentCreate/ServerUpdate.credential_id as a string although every
    other credential_id is an integer (endpoints.md section 9.7): accept both an integer and a
    numeric string."""
    for name in ("ServerEnvironmentCreate", "ServerUpdate"):
        properties = spec.schemas.get(name, {}).get("properties", {})
        if "credential_id" in properties:
            properties["credential_id"] = {"anyOf": [{"type": "integer", "minimum": 1},
                                                     {"type": "string", "pattern": "^[0-9]+$"}]}
    spec.forget_validators()
