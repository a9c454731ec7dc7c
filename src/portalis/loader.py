"""Stage 5: `load(path, mode=...)` -> a module whose translated functions run in WASM.

The Python module is executed once, normally; then each translated function
in its namespace is replaced by a wrapper. Untranslated functions are the
Python originals and, because they look names up in the same namespace, call
the fast versions of translated functions transparently.

`install` is the part shared with the import hook (`portalis_hook`), which
executes the module through Python's own loader and then calls it.
Settings come from the arguments, else the `[tool.portalis]` table of the
project the file belongs to (`portalis.projects.project_config_for`, cached
per directory), else the defaults.
"""

from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .build import BuildOptions, WasmArtifact, build
from .cache import Cache
from .calls import CallStats, make_wrapper
from .errors import UserError
from .ingest import SourceUnit, ingest
from .projects import project_config_for
from .toolchain import Toolchain
from .wasm import WasmInstance, compiled_module

if TYPE_CHECKING:
    from .conformance import CompareStats

MODES = ("wasm", "compare", "python")


@dataclass
class PortalisInfo:
    """What `module.__portalis__` reports.

    `reason` says why a module runs as plain Python when that was not asked
    for (no toolchain, a rejected artifact, ...); `source` says where the
    WASM came from ("wheel", "cache", "build").
    """

    mode: str
    translated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    wasm_path: str | None = None
    cache_hit: bool = False
    source_sha256: str = ""
    call_stats: dict[str, CallStats] = field(default_factory=dict)
    compare_stats: dict[str, CompareStats] = field(default_factory=dict)
    instance: WasmInstance | None = field(default=None, repr=False)
    reason: str | None = None
    source: str | None = None
    time_limit: float | None = None
    memory_limit: int | None = None
    on_failure: str = "fallback"
    compare_action: str = "raise"

    def report(self) -> str:
        """Human-readable summary: what runs where, and the per-function counters."""
        head = f"mode={self.mode} translated={len(self.translated)} skipped={len(self.skipped)}"
        if self.source:
            head += f" source={self.source}"
        if self.time_limit is not None:
            head += f" time-limit={self.time_limit:g}s"
        if self.memory_limit is not None:
            head += f" memory-limit={self.memory_limit}"
        lines = [head]
        if self.reason:
            lines.append(f"  reason: {self.reason}")
        for name in self.translated:
            line = f"  wasm    {name}"
            stats = self.call_stats.get(name)
            counters = {k: v for k, v in stats.as_dict().items() if v} if stats else {}
            if counters:
                line += "  " + " ".join(f"{k}={v}" for k, v in counters.items())
            cmp = self.compare_stats.get(name)
            if cmp is not None:
                line += f"  compared={cmp.calls} mismatches={cmp.mismatches}"
            lines.append(line)
        for name, why in self.skipped.items():
            lines.append(f"  python  {name}: {why}")
        for name, cmp in self.compare_stats.items():
            for example in cmp.examples:
                lines.append(f"  mismatch in {name}: " + example.replace("\n", "\n    "))
        return "\n".join(lines)


def resolve_mode(mode: str | None, configured: str | None = None) -> str:
    """The explicit `mode`, else `PORTALIS_MODE`, else the project's, else "wasm"."""
    chosen = mode or os.environ.get("PORTALIS_MODE") or configured or "wasm"
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
    module: types.ModuleType,
    artifact: WasmArtifact,
    mode: str,
    cache: Cache,
    *,
    time_limit: float | None = None,
    memory_limit: int | None = None,
    on_failure: str = "fallback",
    compare_action: str = "raise",
    source: str | None = None,
) -> PortalisInfo:
    """Swap translated functions in `module` for WASM-backed (or comparing) wrappers.

    A function is swapped only if the object in the namespace is still the
    one that was translated (same code location, same constants), so
    anything rebound at import time keeps its Python behaviour.
    """
    info = PortalisInfo(
        mode=mode,
        skipped=dict(artifact.skipped),
        wasm_path=str(artifact.wasm_path),
        cache_hit=artifact.cache_hit,
        source_sha256=artifact.source_sha256,
        source=source,
        time_limit=time_limit,
        memory_limit=memory_limit,
        on_failure=on_failure,
        compare_action=compare_action,
    )
    namespace = module.__dict__
    usable = []
    if artifact.constants_used:
        from .constvalues import decode_constant, same_constant
    for export in artifact.exports:
        original = _lookup(namespace, export.name)
        code = getattr(original, "__code__", None)
        if (
            code is None
            or (code.co_firstlineno != export.lineno and "." not in export.name)
            or getattr(code, "co_qualname", export.name) != export.name
            or code.co_filename != str(module.__file__)
        ):
            info.skipped[export.name] = "rebound at run time; the Python object is used"
            continue
        stale = [
            c
            for c in artifact.constants_used.get(export.name, [])
            if not same_constant(namespace.get(c), decode_constant(artifact.constants[c]))
        ]
        if stale:
            info.skipped[export.name] = (
                f"module constant {stale[0]!r} differs at run time from its source value"
            )
            continue
        usable.append(export)
    if not usable:
        return info
    compiled, _ = compiled_module(
        artifact.wasm_path, artifact.wasm_sha256, cache, epoch=time_limit is not None
    )
    inst = WasmInstance(
        compiled,
        [e.symbol for e in usable],
        time_limit=time_limit,
        memory_limit=memory_limit,
    )
    info.instance = inst
    for export in usable:
        original = _lookup(namespace, export.name)
        stats = CallStats()
        try:
            fast = make_wrapper(inst, export, original, stats, on_failure=on_failure)
        except ValueError as exc:
            info.skipped[export.name] = str(exc)
            continue
        info.call_stats[export.name] = stats
        if mode == "compare":
            from .conformance import CompareStats, make_compare

            cstats = CompareStats()
            info.compare_stats[export.name] = cstats
            _store(
                namespace,
                export.name,
                make_compare(export.name, original, fast, cstats, action=compare_action),
            )
        else:
            _store(namespace, export.name, fast)
        info.translated.append(export.name)
    return info


def _lookup(namespace: dict[str, Any], name: str) -> Any:
    """A module function, or for `Class.method` the function behind the class attribute."""
    if "." not in name:
        return namespace.get(name)
    owner, attr = name.split(".", 1)
    cls = namespace.get(owner)
    raw = vars(cls).get(attr) if isinstance(cls, type) else None
    if isinstance(raw, staticmethod):
        return raw.__func__
    if isinstance(raw, property):
        return raw.fget if raw.fset is None and raw.fdel is None else None
    return raw


def _store(namespace: dict[str, Any], name: str, fn: Any) -> None:
    """Install a wrapper where `_lookup` found the original (keeping staticmethod/property)."""
    if "." not in name:
        namespace[name] = fn
        return
    owner, attr = name.split(".", 1)
    cls = namespace[owner]
    raw = vars(cls)[attr]
    if isinstance(raw, staticmethod):
        fn = staticmethod(fn)
    elif isinstance(raw, property):
        fn = property(fn, doc=raw.__doc__)
    setattr(cls, attr, fn)


def load(
    path: str | os.PathLike[str],
    *,
    mode: str | None = None,
    cache: Cache | None = None,
    toolchain: Toolchain | None = None,
    options: BuildOptions | None = None,
    module_name: str | None = None,
    time_limit: float | None = None,
    memory_limit: int | None = None,
    on_failure: str | None = None,
    compare_action: str | None = None,
) -> types.ModuleType:
    """Load a Python file with its translated functions running in WASM.

    mode: "wasm" (default), "compare" (run both, raise ConformanceError on any
    difference) or "python"; `PORTALIS_MODE` applies when mode is not given,
    then the project's `[tool.portalis] mode`.

    time_limit (seconds per call) and memory_limit (bytes of linear memory)
    raise `WasmTimeoutError` / `WasmMemoryError` when exceeded. on_failure
    ("fallback" or "error") decides whether a trap re-runs the call in
    CPython or raises `WasmTrapError`; compare_action ("raise" or "warn")
    what compare mode does on a difference. Each defaults to the project's
    `[tool.portalis]` value. Build problems (no toolchain, ...) always raise
    here: `load` is an explicit request; the import hook is the one that
    falls back quietly.
    """
    unit = ingest(Path(path), module_name=module_name)
    config = project_config_for(unit.path)
    chosen = resolve_mode(mode, config.mode if config else None)
    module = execute(unit)
    if chosen == "python":
        module.__portalis__ = PortalisInfo(mode="python", source_sha256=unit.sha256)  # type: ignore[attr-defined]
        return module
    cache = cache or Cache()
    if options is None and config is not None:
        options = BuildOptions(opt_level=config.opt_level, wasm_opt=config.wasm_opt)
    artifact = build(unit, toolchain=toolchain, cache=cache, options=options)
    if config is not None:
        time_limit = config.time_limit if time_limit is None else time_limit
        memory_limit = config.memory_limit if memory_limit is None else memory_limit
    module.__portalis__ = install(  # type: ignore[attr-defined]
        module,
        artifact,
        chosen,
        cache,
        time_limit=time_limit,
        memory_limit=memory_limit,
        on_failure=on_failure or (config.on_failure if config else "fallback"),
        compare_action=compare_action or (config.compare_action if config else "raise"),
        source="cache" if artifact.cache_hit else "build",
    )
    return module


__all__: list[Any] = ["PortalisInfo", "install", "load", "project_config_for", "resolve_mode"]
