"""Marked modules whose translated functions can be switched between Python and WASM at run time.

This is what `pytest --portalis-conformance` runs a test suite on: every test
runs once with the Python version of the marked modules and once with the
WASM version, in one process, without re-importing anything.

Why a switch and not a reload or a namespace swap per test: a test module
that did `from pkg.fast import f` holds the function object itself, and so
does any other module, closure, default argument or dict that captured it
(`DISPATCH = {"f": f}`). Re-binding names in `pkg.fast` would miss all of
those. So each translated name in the module namespace is bound once, at
import, to a small *switch* function that calls the Python original, the
WASM wrapper or a comparing wrapper, whichever the `Switchboard` has
selected. Every reference anyone captured is that switch, so one assignment
flips all of them.

The switch also keeps the per-function statistics the report shows. It
counts and times only *outermost* calls: in the Python version a recursive
function calls itself through the switch, while in WASM the inner calls
never leave WASM; counting only the calls that enter translated code from
outside keeps the two columns comparable. Time is inclusive (a call's
nested calls are part of it). The depth counter is process-wide, so under
threads a concurrent call may go uncounted; results are never affected.

`ConformanceFinder` is the import side: it claims the marked names (exact or
glob) ahead of Python's path finder, lets Python's own source loader run the
module once, then builds (cache-first) and attaches the WASM wrappers in
"wasm" mode regardless of `PORTALIS_MODE` (the user asked for a conformance
run explicitly), and hands the module to the switchboard.
"""

from __future__ import annotations

import fnmatch
import functools
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec, SourceFileLoader
from pathlib import Path
from time import perf_counter
from types import ModuleType
from typing import Any

from .errors import ConformanceError

__all__ = [
    "VARIANTS",
    "ConformanceFinder",
    "FunctionStats",
    "ModuleRecord",
    "Switchboard",
    "attach_wasm",
]

# Index order is the order of FunctionStats.calls/seconds.
VARIANTS = ("python", "wasm", "compare")
_INDEX = {name: i for i, name in enumerate(VARIANTS)}

# Set on every switch function: recognises modules already adopted.
SWITCH_ATTR = "__portalis_switch__"


class FunctionStats:
    """Outermost calls and inclusive seconds per variant, plus compare-mode mismatches."""

    __slots__ = ("calls", "mismatches", "nested", "seconds")

    def __init__(self) -> None:
        self.calls = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        # Calls from inside other translated functions (seen only where they pass the
        # switch: always in the Python version, after a fallback in the WASM one).
        self.nested = [0, 0, 0]
        self.mismatches = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": dict(zip(VARIANTS, self.calls)),
            "nested": dict(zip(VARIANTS, self.nested)),
            "seconds": dict(zip(VARIANTS, self.seconds)),
            "mismatches": self.mismatches,
        }


@dataclass
class ModuleRecord:
    """One marked module as the switchboard knows it."""

    name: str
    file: str
    mode: str  # "wasm" when its translated functions have a WASM version, else "python"
    translated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    reason: str | None = None  # why it runs as Python only, when it does
    source: str | None = None  # where the WASM came from: "cache", "build", "wheel"
    functions: dict[str, FunctionStats] = field(default_factory=dict)
    # name -> (python original, WASM wrapper), for fuzzing
    pairs: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = field(
        default_factory=dict, repr=False
    )
    # name -> the WASM wrapper's slow-path counters (`portalis.calls.CallStats`)
    call_stats: dict[str, Any] = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file": self.file,
            "mode": self.mode,
            "translated": list(self.translated),
            "skipped": dict(self.skipped),
            "reason": self.reason,
            "source": self.source,
            "functions": {n: s.as_dict() for n, s in self.functions.items()},
        }


class Switchboard:
    """Every switchable function of a run, and which variant is live.

    `select("python" | "wasm" | "compare")` flips all of them at once (one
    list assignment). Mismatches seen in compare mode are appended to
    `events` (cleared by whoever runs a test) as well as raised, so a test
    that swallows the `ConformanceError` can still be failed.
    """

    def __init__(self) -> None:
        self.modules: dict[str, ModuleRecord] = {}
        self.events: list[str] = []
        # Shared by every switch closure: [variant index], [nesting depth].
        self._current = [0]
        self._depth = [0]
        self._inner = [0]
        self._lock = threading.Lock()

    @property
    def variant(self) -> str:
        return VARIANTS[self._current[0]]

    def select(self, variant: str) -> None:
        self._current[0] = _INDEX[variant]

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Calls made inside count nowhere (the fuzzer calls the versions directly)."""
        saved = self._depth[0]
        self._depth[0] = 2
        try:
            yield
        finally:
            self._depth[0] = saved

    # -- adopting modules ------------------------------------------------------------

    def adopt(self, module: ModuleType) -> ModuleRecord:
        """Replace the module's translated functions by switches (idempotent).

        The module must carry `__portalis__` (from `attach_wasm` or the import
        hook); one that runs as Python only is recorded with its reason.
        """
        from .conformance import CompareStats, make_compare

        name = module.__name__
        with self._lock:
            record = self.modules.get(name)
            info = getattr(module, "__portalis__", None)
            if record is None:
                record = ModuleRecord(
                    name=name,
                    file=str(getattr(module, "__file__", "") or ""),
                    mode=getattr(info, "mode", "python"),
                    skipped=dict(getattr(info, "skipped", {}) or {}),
                    reason=getattr(info, "reason", None),
                    source=getattr(info, "source", None),
                )
                self.modules[name] = record
            if info is None or info.mode != "wasm":
                return record
            namespace = module.__dict__
            for fname in info.translated:
                fast = namespace.get(fname)
                if fast is None or getattr(fast, SWITCH_ATTR, False):
                    continue
                original = getattr(fast, "__wrapped__", None)
                if original is None:
                    continue
                stats = record.functions.setdefault(fname, FunctionStats())
                cstats = CompareStats()
                compare = make_compare(
                    fname,
                    self._timed(original, stats, 0),
                    self._timed(fast, stats, 1),
                    cstats,
                    action="raise",
                )
                namespace[fname] = self._switch(
                    original, (original, fast, self._noting(compare, stats)), stats
                )
                record.pairs[fname] = (original, fast)
                if fname in info.call_stats:
                    record.call_stats[fname] = info.call_stats[fname]
                if fname not in record.translated:
                    record.translated.append(fname)
        return record

    def note_missing(self, name: str, file: str, reason: str) -> None:
        """A marked module that could not be imported or given WASM."""
        with self._lock:
            if name not in self.modules:
                self.modules[name] = ModuleRecord(name, file, "python", reason=reason)

    def _switch(
        self,
        original: Callable[..., Any],
        impls: tuple[Callable[..., Any], ...],
        stats: FunctionStats,
    ) -> Callable[..., Any]:
        current, depth = self._current, self._depth
        calls, seconds, nested = stats.calls, stats.seconds, stats.nested

        def switch(*args: Any, **kwargs: Any) -> Any:
            if depth[0]:
                if depth[0] == 1:  # 2: quiet(), counting nothing
                    nested[current[0]] += 1
                return impls[current[0]](*args, **kwargs)
            v = current[0]
            depth[0] = 1
            start = perf_counter()
            try:
                return impls[v](*args, **kwargs)
            finally:
                seconds[v] += perf_counter() - start
                calls[v] += 1
                depth[0] = 0

        functools.update_wrapper(switch, original)
        setattr(switch, SWITCH_ATTR, True)
        return switch

    def _timed(
        self, fn: Callable[..., Any], stats: FunctionStats, index: int
    ) -> Callable[..., Any]:
        """For compare mode: time each half of the outermost comparison separately."""
        inner, calls, seconds = self._inner, stats.calls, stats.seconds

        def timed(*args: Any, **kwargs: Any) -> Any:
            if inner[0]:
                return fn(*args, **kwargs)
            inner[0] = 1
            start = perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[index] += perf_counter() - start
                calls[index] += 1
                inner[0] = 0

        functools.update_wrapper(timed, fn)
        return timed

    def _noting(self, compare: Callable[..., Any], stats: FunctionStats) -> Callable[..., Any]:
        events = self.events

        def noting(*args: Any, **kwargs: Any) -> Any:
            try:
                return compare(*args, **kwargs)
            except ConformanceError as exc:
                stats.mismatches += 1
                events.append(str(exc))
                raise

        functools.update_wrapper(noting, compare)
        return noting

    def snapshot(self) -> dict[str, Any]:
        """Plain data (JSON/execnet-safe) of every module and its statistics."""
        with self._lock:
            return {name: rec.as_dict() for name, rec in sorted(self.modules.items())}


def attach_wasm(module: ModuleType) -> None:
    """Give an executed module its WASM wrappers in "wasm" mode, whatever `PORTALIS_MODE` says.

    A module the import hook already loaded is re-wrapped from its Python
    originals. Without a toolchain, or when the build fails, the module stays
    Python and `__portalis__.reason` says why: the conformance run then
    reports it instead of failing every import.
    """
    from .build import BuildOptions
    from .cache import Cache
    from .ingest import ingest
    from .library.crate import artifact_for
    from .loader import PortalisInfo, install
    from .projects import project_config_for
    from .toolchain import find_toolchain

    info = getattr(module, "__portalis__", None)
    namespace = module.__dict__
    if (
        info is not None
        and info.mode == "wasm"
        # not after importlib.reload(), which re-binds the plain functions
        and all(hasattr(namespace.get(n), "__wrapped__") for n in info.translated)
    ):
        return
    if info is not None:
        for fname in info.translated:  # a compare-mode module from the hook
            wrapped = getattr(namespace.get(fname), "__wrapped__", None)
            if wrapped is not None:
                namespace[fname] = wrapped
    path = Path(str(module.__file__))
    # `install` swaps names one by one; a failure halfway must not leave some
    # functions as bare WASM wrappers that no switch controls.
    before = dict(namespace)
    try:
        unit = ingest(path, module_name=module.__name__)
        config = project_config_for(path)
        options = (
            BuildOptions(opt_level=config.opt_level, wasm_opt=config.wasm_opt)
            if config is not None
            else None
        )
        cache = Cache()
        artifact = artifact_for(
            unit, config, toolchain=find_toolchain(), cache=cache, options=options
        )
        module.__portalis__ = install(  # type: ignore[attr-defined]
            module,
            artifact,
            "wasm",
            cache,
            time_limit=config.time_limit if config else None,
            memory_limit=config.memory_limit if config else None,
            on_failure=config.on_failure if config else "fallback",
            source="cache" if artifact.cache_hit else "build",
        )
    except Exception as exc:  # no toolchain, a translator bug: report it, keep Python
        for key, value in before.items():
            if namespace.get(key) is not value:
                namespace[key] = value
        text = str(exc).strip().splitlines()
        module.__portalis__ = PortalisInfo(  # type: ignore[attr-defined]
            mode="python", reason=f"{type(exc).__name__}: {text[0] if text else ''}"
        )


class _Loader(SourceFileLoader):
    """Python's own source loader; afterwards the WASM wrappers and the switches go in."""

    def __init__(self, fullname: str, path: str, board: Switchboard) -> None:
        super().__init__(fullname, path)
        self.board = board

    def exec_module(self, module: ModuleType) -> None:
        super().exec_module(module)
        attach_wasm(module)
        self.board.adopt(module)


class ConformanceFinder:
    """A `sys.meta_path` finder that claims exactly the marked names (dotted or glob).

    Everything else costs one set lookup and, when globs are marked, one
    fnmatch per pattern. A claimed name is resolved by the finders behind this
    one, exactly as Python would; only plain `.py` sources are taken over.
    """

    def __init__(self, patterns: Iterable[str], board: Switchboard) -> None:
        pats = list(patterns)
        self.exact = {p for p in pats if not set(p) & set("*?[")}
        self.globs = [p for p in pats if p not in self.exact]
        self.board = board
        self._busy = threading.local()

    def matches(self, fullname: str) -> bool:
        return fullname in self.exact or any(fnmatch.fnmatchcase(fullname, g) for g in self.globs)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if not self.matches(fullname):
            return None
        busy: set[str] = self._busy.__dict__.setdefault("names", set())
        if fullname in busy:
            return None
        busy.add(fullname)
        try:
            spec: ModuleSpec | None = None
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                if finder is self or find is None:
                    continue
                spec = find(fullname, path, target)
                if spec is not None:
                    break
        finally:
            busy.discard(fullname)
        # Only .py sources (the import hook's own loader is one); extension modules,
        # namespace packages and custom loaders are left as they are.
        if spec is None or not isinstance(spec.loader, SourceFileLoader) or not spec.origin:
            return spec
        spec.loader = _Loader(fullname, spec.origin, self.board)
        return spec

    def install(self) -> None:
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def uninstall(self) -> None:
        while self in sys.meta_path:
            sys.meta_path.remove(self)
