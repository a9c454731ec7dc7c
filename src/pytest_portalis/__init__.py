"""pytest plugin: `pytest --portalis-conformance` (arrives with its own issue)."""
