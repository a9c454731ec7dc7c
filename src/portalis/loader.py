"""Stage 5: `load(path, mode=...)` -> a module whose translated functions run in WASM.

The Python module is executed once, normally; then each translated function
in its namespace is replaced by a wrapper. Untranslated functions are the
Python originals and, because they look names up in the same namespace, call
the fast versions of translated functions transparently.
"""

from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import BuildOptions, WasmArtifact, build
from .cache import Cache
from .calls import CallStats, make_wrapper
from .conformance import CompareStats, make_compare, same_value
from .errors import UserError
from .ingest import SourceUnit, ingest
from .toolchain import Toolchain
from .wasm import WasmInstance, compiled_module

MODES = ("wasm", "compare", "python")


@dataclass
class PortalisInfo:
    """What `module.__portalis__` reports."""

    mode: str
    translated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    wasm_path: str | None = None
    cache_hit: bool = False
    source_sha256: str = ""
    call_stats: dict[str, CallStats] = field(default_factory=dict)
    compare_stats: dict[str, CompareStats] = field(default_factory=dict)
    instance: WasmInstance | None = field(default=None, repr=False)

    def report(self) -> str:
        lines = [f"mode={self.mode} translated={len(self.translated)} skipped={len(self.skipped)}"]
        for name in self.translated:
            lines.append(f"  wasm    {name}")
        for name, why in self.skipped.items():
            lines.append(f"  python  {name}: {why}")
        return "\n".join(lines)


def resolve_mode(mode: str | None) -> str:
    chosen = mode or os.environ.get("PORTALIS_MODE") or "wasm"
    if chosen == "off":
        chosen = "python"
    if chosen not in MODES:
        raise UserError(f"unknown Portalis mode {chosen!r}; expected one of {', '.join(MODES)}")
    return chosen


def execute(unit: SourceUnit) -> types.ModuleType:
    """Run the module's own code once, exactly the text that was analysed."""
    module = types.ModuleType(unit.module_name)
    module.__file__ = str(unit.path)
    if "." in unit.module_name:
        module.__package__ = unit.module_name.rpartition(".")[0]
    code = compile(unit.text, str(unit.path), "exec")
    previous = sys.modules.get(unit.module_name)
    sys.modules[unit.module_name] = module  # dataclasses & co look themselves up here
    try:
        exec(code, module.__dict__)
    finally:
        if previous is None:
            sys.modules.pop(unit.module_name, None)
        else:
            sys.modules[unit.module_name] = previous
    return module


def install(
    module: types.ModuleType, artifact: WasmArtifact, mode: str, cache: Cache
) -> PortalisInfo:
    """Swap translated functions in `module` for WASM-backed (or comparing) wrappers."""
    info = PortalisInfo(
        mode=mode,
        skipped=dict(artifact.skipped),
        wasm_path=str(artifact.wasm_path),
        cache_hit=artifact.cache_hit,
        source_sha256=artifact.source_sha256,
    )
    namespace = module.__dict__
    usable = []
    for export in artifact.exports:
        original = namespace.get(export.name)
        code = getattr(original, "__code__", None)
        if (
            code is None
            or code.co_firstlineno != export.lineno
            or code.co_filename != str(module.__file__)
        ):
            info.skipped[export.name] = "rebound at run time; the Python object is used"
            continue
        stale = [
            c
            for c in artifact.constants_used.get(export.name, [])
            if not same_value(namespace.get(c), artifact.constants[c])
        ]
        if stale:
            info.skipped[export.name] = (
                f"module constant {stale[0]!r} differs at run time from its source value"
            )
            continue
        usable.append(export)
    if not usable:
        return info
    compiled, _ = compiled_module(artifact.wasm_path, artifact.wasm_sha256, cache)
    inst = WasmInstance(compiled, [e.symbol for e in usable])
    info.instance = inst
    for export in usable:
        original = namespace[export.name]
        stats = CallStats()
        try:
            fast = make_wrapper(inst, export, original, stats)
        except ValueError as exc:
            info.skipped[export.name] = str(exc)
            continue
        info.call_stats[export.name] = stats
        if mode == "compare":
            cstats = CompareStats()
            info.compare_stats[export.name] = cstats
            namespace[export.name] = make_compare(export.name, original, fast, cstats)
        else:
            namespace[export.name] = fast
        info.translated.append(export.name)
    return info


def load(
    path: str | os.PathLike[str],
    *,
    mode: str | None = None,
    cache: Cache | None = None,
    toolchain: Toolchain | None = None,
    options: BuildOptions | None = None,
    module_name: str | None = None,
) -> types.ModuleType:
    """Load a Python file with its translated functions running in WASM.

    mode: "wasm" (default), "compare" (run both, raise ConformanceError on any
    difference) or "python"; `PORTALIS_MODE` applies when mode is not given.
    """
    chosen = resolve_mode(mode)
    unit = ingest(Path(path), module_name=module_name)
    module = execute(unit)
    if chosen == "python":
        module.__portalis__ = PortalisInfo(mode="python", source_sha256=unit.sha256)  # type: ignore[attr-defined]
        return module
    cache = cache or Cache()
    artifact = build(unit, toolchain=toolchain, cache=cache, options=options)
    module.__portalis__ = install(module, artifact, chosen, cache)  # type: ignore[attr-defined]
    return module


__all__: list[Any] = ["PortalisInfo", "load", "resolve_mode"]
