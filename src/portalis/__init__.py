"""Portalis: typed pure-Python modules, translated to Rust, run as WebAssembly.

Public API: `load(path, *, mode=...)`, `ConformanceError`, and the stage entry
points for tools (`ingest`, `analyse`, `translate`, `build`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    BuildError,
    ConformanceError,
    ConformanceWarning,
    PortalisError,
    PortalisWarning,
    ToolchainError,
    UserError,
    WasmMemoryError,
    WasmTimeoutError,
    WasmTrapError,
)

if TYPE_CHECKING:
    from .loader import load

__all__ = [
    "BuildError",
    "ConformanceError",
    "ConformanceWarning",
    "PortalisError",
    "PortalisWarning",
    "ToolchainError",
    "UserError",
    "WasmMemoryError",
    "WasmTimeoutError",
    "WasmTrapError",
    "__version__",
    "load",
]


def __getattr__(name: str) -> Any:
    # wasmtime is imported only when something is actually loaded, so tools
    # that just translate or check (pre-commit, CI lint) stay light.
    if name == "load":
        from .loader import load

        return load
    raise AttributeError(f"module 'portalis' has no attribute {name!r}")
