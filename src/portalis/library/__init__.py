"""Library mode: whole packages, their import and call graphs, and the parity report.

- `graph`: discover a package's modules, resolve imports (relative ones,
  re-exports in `__init__`) and calls across modules, find import cycles.
- `partition`: per function, whether it runs in WASM and the chain of
  reasons when it does not, across modules; fanned out over processes.
- `report`: `portalis report PKG` as a terminal table, JSON and HTML,
  optionally joined with a `pytest --portalis-conformance` JSON report.
"""

from __future__ import annotations

from .graph import PackageGraph, SourceModule, discover_tree
from .partition import FunctionStatus, ModuleStatus, Partition, partition

__all__ = [
    "FunctionStatus",
    "ModuleStatus",
    "PackageGraph",
    "Partition",
    "SourceModule",
    "discover_tree",
    "partition",
]
