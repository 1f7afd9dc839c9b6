"""Local stateful simulator of deployment-platform REST APIs (Devopness first).

Run with ``python -m sandbox --port N``.  Shares no code with ``plugins/``.
"""

__all__ = ["server", "openapi", "devopness"]
