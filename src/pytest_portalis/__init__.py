"""pytest_portalis: a project's own tests, run against the Python and the WASM versions.

`pytest --portalis-conformance` runs every test twice, as `test_x[python]`
and `test_x[wasm]`, with the modules marked in `[tool.portalis]` switched
between their Python originals and their WASM translations, and reports
where the two disagree. See `pytest_portalis.plugin` for the options and
`report.schema.json` for the JSON report.

Registered through the `pytest11` entry point `portalis`; without
`--portalis-conformance` (or `--portalis-fuzz`) it only adds its options and
the `portalis_skip` marker, and imports nothing else.
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")

__all__ = ["SCHEMA_PATH"]
