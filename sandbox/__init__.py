"""Local stateful simulator of the deployment platforms' REST APIs (Devopness first).

Run with ``python -m sandbox --port N``.  Shares no code with ``plugins/``.  See README.md for
the layout: ``server`` (HTTP plumbing), ``registry`` (the platforms), ``platform`` (the base
with its hooks), ``jobs`` (async work), ``faults``, ``control`` and one package per platform.
"""
