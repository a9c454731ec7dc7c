"""Library mode, part 2: which function of a package runs in WASM, and why not.

`partition(target)` scans every module of a package (parse, the ordinary
per-module analysis and, unless `translate=False`, the translator's own
final say, never rustc), fanned out over worker processes, and then joins
the per-module answers through the package's call graph:

- the status of each function is exactly what building that module gives
  (`translated`: exported to Python; `internal`: runs in WASM only when
  called from translated code, its signature cannot cross the boundary;
  `python`: stays Python);
- a function that stays Python because it calls another package function
  gets the whole *chain* of reasons, across modules: "calls `evaluate`
  (core.py:12), which calls `parse_expr` (dynamic.py:5), which is not
  translated: call of `eval` is not supported yet (dynamic.py:6:12)".

Calls from one module to another do not run inside WASM yet (each module is
its own crate), so such a call keeps the caller in Python; the chain then
ends in that fact, naming the callee and whether it is translated where it
lives. Cycles (import cycles, mutually recursive calls across modules)
need no special order here: every module is analysed on its own and the
chains stop at the first function they revisit.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .graph import (
    ModuleFacts,
    PackageGraph,
    SourceModule,
    attribute_alias,
    discover_tree,
    module_facts,
)

__all__ = [
    "FunctionStatus",
    "ModuleScan",
    "ModuleStatus",
    "Partition",
    "Progress",
    "partition",
    "scan_module",
    "scan_modules",
]

TRANSLATED = "translated"
INTERNAL = "internal"
PYTHON = "python"
BOUNDARY_PREFIX = "runs in WASM only when called from translated code"
CROSS_MODULE = "calls between modules run inside WASM only in library mode"


@dataclass(frozen=True)
class Note:
    """A picklable `Diagnostic`: what blocked a function, and where."""

    message: str
    path: str
    line: int
    col: int


@dataclass
class ModuleScan:
    """One worker's answer for one module: syntax facts plus per-function verdicts."""

    facts: ModuleFacts
    status: dict[str, str] = field(default_factory=dict)  # name -> translated/internal/python
    notes: dict[str, Note] = field(default_factory=dict)  # python (and internal) names -> why
    error: str | None = None  # the module could not be read or parsed
    # Library mode only: imported names linked inside WASM, and refused ones with why.
    linked: set[str] | None = None
    refused: dict[str, str] = field(default_factory=dict)


# -- per module (runs in workers) -----------------------------------------------------------

_KNOWN: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def _note(diag: Any) -> Note:
    return Note(diag.message, diag.path, diag.line, diag.col)


_LOCATION = re.compile(r" \((?P<path>[^()]*):(?P<line>\d+):(?P<col>\d+)\)$")


def scan_module(module: SourceModule, known: frozenset[str], translate: bool = True) -> ModuleScan:
    """Parse and analyse one module (and translate it, to get the build's exact verdicts)."""
    from ..analysis import analyse
    from ..errors import UserError
    from ..ingest import ingest

    try:
        unit = ingest(module.path, module_name=module.name)
    except UserError as exc:
        return ModuleScan(_empty_facts(module), error=str(exc))
    facts = module_facts(module, unit.tree, unit.text, known)
    scan = ModuleScan(facts)
    try:
        spec = analyse(unit)
    except Exception as exc:  # an analysis bug must not take the whole report down
        scan.error = f"analysis failed: {type(exc).__name__}: {exc}"
        return scan
    crate = None
    if translate:
        from ..translate import translate as to_rust

        try:
            crate = to_rust(spec)
        except Exception as exc:
            scan.error = f"translation failed: {type(exc).__name__}: {exc}"
            return scan
    _verdicts(scan, spec, crate)
    return scan


def _verdicts(scan: ModuleScan, spec: Any, crate: Any | None) -> None:
    """Fill `scan.status`/`scan.notes` from a module's analysis (and translation, if given)."""
    path = str(spec.unit.path)
    exported: set[str] | None = None
    boundary: dict[str, str] = {}
    if crate is not None:
        exported = set(crate.translated)
        boundary = {n: why for n, why in crate.skipped.items() if why.startswith(BOUNDARY_PREFIX)}
    for name, fn in spec.functions.items():
        if fn.skip is not None:
            scan.status[name] = PYTHON
            scan.notes[name] = _note(fn.skip)
        elif name in boundary:
            scan.status[name] = INTERNAL
            m = _LOCATION.search(boundary[name])
            text = boundary[name][: m.start()] if m else boundary[name]
            scan.notes[name] = Note(text, path, fn.lineno, fn.col)
        elif exported is None or name in exported:
            scan.status[name] = TRANSLATED
        else:  # the translator dropped it without saying why: never claim it translated
            scan.status[name] = PYTHON
            scan.notes[name] = Note("not exported by the translator", path, fn.lineno, 0)
    for name, diag in spec.other_skipped.items():
        scan.status.setdefault(name, PYTHON)
        scan.notes.setdefault(name, _note(diag))
    for name, cls in getattr(spec, "classes", {}).items():
        # A class the analysis accepted is a Rust type; its methods are units of their own.
        if cls.skip is None:
            scan.status.setdefault(name, TRANSLATED)
        else:
            scan.status.setdefault(name, PYTHON)
            scan.notes.setdefault(name, _note(cls.skip))
    for name, info in scan.facts.defs.items():
        if name not in scan.status:  # e.g. a class the analysis did not list
            scan.status[name] = PYTHON
            kind = "class" if info.kind == "class" else "definition"
            scan.notes[name] = Note(f"{kind} not analysed", path, info.lineno, 0)


def scan_library(modules: Sequence[SourceModule], *, translate: bool = True) -> list[ModuleScan]:
    """Library mode: the package analysed as one crate (imported callees linked inside WASM)."""
    from .crate import _translate_all, analyse_package

    pspecs = analyse_package(modules)
    crates = _translate_all(pspecs) if translate else {}
    scans = []
    for m in modules:
        scan = ModuleScan(pspecs.facts[m.name])
        scan.linked = set(pspecs.specs[m.name].externals)
        scan.refused = {local: why for (mod, local), why in pspecs.refused.items() if mod == m.name}
        _verdicts(scan, pspecs.specs[m.name], crates.get(m.name))
        scans.append(scan)
    return scans


def _empty_facts(module: SourceModule) -> ModuleFacts:
    return ModuleFacts(module, 0)


def _scan_batch(batch: list[SourceModule], translate: bool) -> list[ModuleScan]:
    return [scan_module(m, _KNOWN, translate) for m in batch]


# -- progress -----------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal stream: files, lines and lines per second."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.lines = 0
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, files: int, lines: int) -> None:
        self.done += files
        self.lines += lines
        now = time.perf_counter()
        if now - self._last >= 0.1 or self.done == self.total:
            self._last = now
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def line(self) -> str:
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * self.width)
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        return (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} files, "
            f"{self.lines:,} lines, {self.lines / elapsed:,.0f} lines/s"
        )

    def close(self) -> None:
        self.stream.write("\r" + self.line() + "\n")
        self.stream.flush()


def scan_modules(
    modules: Sequence[SourceModule],
    *,
    translate: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    batch: int = 25,
) -> list[ModuleScan]:
    """Scan every module, in `jobs` worker processes (default: one per core), in input order."""
    known = frozenset(m.name for m in modules)
    jobs = jobs or os.cpu_count() or 1
    results: dict[str, ModuleScan] = {}

    def done(scans: list[ModuleScan]) -> None:
        for s in scans:
            results[s.facts.module.name] = s
        if progress is not None:
            progress.update(len(scans), sum(s.facts.lines for s in scans))

    if jobs <= 1 or len(modules) <= batch:
        for m in modules:
            done([scan_module(m, known, translate)])
    else:
        batches = [list(modules[i : i + batch]) for i in range(0, len(modules), batch)]
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(known,)) as pool:
            futures = [pool.submit(_scan_batch, b, translate) for b in batches]
            for fut in as_completed(futures):
                done(fut.result())
    if progress is not None:
        progress.close()
    return [results[m.name] for m in modules]


# -- the package-wide answer ---------------------------------------------------------------------


@dataclass
class Hop:
    """One link of a reason chain: `function` in `module`, and what is wrong there."""

    module: str
    function: str
    location: str  # file:line of the def (hops) or of the construct (the last one)
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "module": self.module,
            "function": self.function,
            "location": self.location,
            "message": self.message,
        }


@dataclass
class FunctionStatus:
    module: str
    name: str
    kind: str  # "function" | "class"
    lineno: int
    code_lines: int
    status: str  # translated | internal | python
    reason: str | None = None  # the whole chain, in words
    chain: list[Hop] = field(default_factory=list)

    @property
    def in_wasm(self) -> bool:
        return self.status in (TRANSLATED, INTERNAL)


@dataclass
class ModuleStatus:
    name: str
    file: str  # relative to the partition's root
    lines: int
    functions: list[FunctionStatus]
    imports: list[str]
    cycle: list[str] | None = None  # the import cycle this module is part of
    error: str | None = None

    @property
    def code_lines(self) -> int:
        return sum(f.code_lines for f in self.functions)

    @property
    def translated_lines(self) -> int:
        return sum(f.code_lines for f in self.functions if f.in_wasm)

    @property
    def coverage(self) -> float | None:
        total = self.code_lines
        return self.translated_lines / total if total else None

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.functions)


@dataclass
class Partition:
    root: Path
    modules: list[ModuleStatus]
    cycles: list[list[str]]
    seconds: float = 0.0
    graph: PackageGraph | None = field(default=None, repr=False)
    library: bool = False  # statuses as library mode builds the package

    @property
    def lines(self) -> int:
        return sum(m.lines for m in self.modules)

    def function(self, module: str, name: str) -> FunctionStatus:
        for m in self.modules:
            if m.name == module:
                for f in m.functions:
                    if f.name == name:
                        return f
        raise KeyError(f"{module}.{name}")


def _rel(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def _common_root(modules: Sequence[SourceModule]) -> Path:
    if not modules:
        return Path.cwd()
    dirs = [str(m.path.parent) for m in modules]
    root = Path(os.path.commonpath(dirs))
    # Show a package's own directory name: `pkg/core.py`, not `core.py`.
    while (root / "__init__.py").is_file() and root.parent != root:
        root = root.parent
    return root


def partition(
    target: Path | Sequence[SourceModule],
    *,
    translate: bool = True,
    jobs: int | None = None,
    progress: Callable[[int], Progress] | None = None,
    library: bool = False,
) -> Partition:
    """Scan a package (a directory, a project with `[tool.portalis]`, or given modules).

    `library=True`: as library mode builds it (one crate; imported callees linked).
    """
    started = time.perf_counter()
    modules = discover_tree(Path(target)) if isinstance(target, (str, Path)) else list(target)
    if library:
        scans = scan_library(modules, translate=translate)
    else:
        bar = progress(len(modules)) if progress is not None else None
        scans = scan_modules(modules, translate=translate, jobs=jobs, progress=bar)
    result = assemble(scans, _common_root(modules))
    result.library = library
    result.seconds = time.perf_counter() - started
    return result


def assemble(scans: Sequence[ModuleScan], root: Path) -> Partition:
    """Join per-module scans through the package's graphs into chains of reasons."""
    graph = PackageGraph(s.facts for s in scans)
    by_name = {s.facts.module.name: s for s in scans}
    edges = graph.call_edges()
    # (caller, callee) -> the local names it was called through (library mode links names)
    via: dict[tuple[tuple[str, str], tuple[str, str]], set[str]] = {}
    for mod, facts in graph.modules.items():
        for fn, sites in facts.calls.items():
            for site in sites:
                hit = graph.resolve_call(mod, site.target)
                if hit is not None:
                    local = attribute_alias(site.target)
                    via.setdefault(((mod, fn), hit), set()).add(local)
    cycles = graph.cycles()
    cycle_of = {m: c for c in cycles for m in c}

    def status(key: tuple[str, str]) -> str:
        scan = by_name.get(key[0])
        return scan.status.get(key[1], PYTHON) if scan else PYTHON

    def def_location(key: tuple[str, str]) -> str:
        facts = by_name[key[0]].facts
        info = facts.defs.get(key[1])
        line = info.lineno if info else 0
        return f"{_rel(str(facts.module.path), root)}:{line}"

    def linked(caller: tuple[str, str], callee: tuple[str, str]) -> bool:
        """Library mode: every call from `caller` to `callee` goes through a linked name."""
        names = by_name[caller[0]].linked
        return names is not None and via.get((caller, callee), {"."}) <= names

    def blocking_callee(key: tuple[str, str], note: Note) -> tuple[str, str] | None:
        """The package function whose call at the note's line is what keeps `key` in Python."""
        mentioned = set(re.findall(r"`([^`]+)`", note.message))
        candidates = [
            callee
            for callee, line in edges.get(key, ())
            if callee != key
            and line == note.line
            and (status(callee) == PYTHON or (callee[0] != key[0] and not linked(key, callee)))
        ]
        # The callee the message names (`calls `g``, ``core_mod.mean``), else the first.
        for callee in candidates:
            if any(m == callee[1] or m.endswith("." + callee[1]) for m in mentioned):
                return callee
        if note.message.startswith("calls `"):
            return None  # it names a callee that is not one of these
        return candidates[0] if candidates else None

    def unlinked_reason(caller: tuple[str, str], callee: tuple[str, str]) -> str:
        scan = by_name[caller[0]]
        if scan.linked is None:
            return CROSS_MODULE
        for local in sorted(via.get((caller, callee), ())):
            if local in scan.refused:
                return scan.refused[local]
        return (
            "library mode links only names imported with "
            f"`from {callee[0]} import {callee[1]}`, not calls through a module attribute"
        )

    def chain(key: tuple[str, str]) -> list[Hop]:
        hops: list[Hop] = []
        seen = {key}
        current = key
        while True:
            note = by_name[current[0]].notes.get(current[1])
            if note is None:
                return hops
            callee = blocking_callee(current, note)
            here = f"{_rel(note.path, root)}:{note.line}"
            if callee is None:
                where = f"{here}:{note.col + 1}" if note.col or note.line else here
                hops.append(Hop(current[0], current[1], where, note.message))
                return hops
            callee_status = status(callee)
            if callee_status != PYTHON:
                hops.append(
                    Hop(
                        current[0],
                        current[1],
                        here,
                        f"calls `{callee[1]}` at {here}, which is {callee_status} in "
                        f"`{callee[0]}` ({def_location(callee)}), but "
                        + unlinked_reason(current, callee),
                    )
                )
                return hops
            hops.append(Hop(current[0], current[1], here, f"calls `{callee[1]}`"))
            if callee in seen:
                why = "a call cycle"
                if callee[0] != current[0]:
                    library = by_name[current[0]].linked is not None
                    why += " across modules; " + (
                        "recursion across modules stays Python" if library else CROSS_MODULE
                    )
                hops.append(Hop(callee[0], callee[1], def_location(callee), why))
                return hops
            seen.add(callee)
            current = callee

    modules: list[ModuleStatus] = []
    for scan in scans:
        facts = scan.facts
        name = facts.module.name
        functions: list[FunctionStatus] = []
        names = list(dict.fromkeys([*facts.defs, *scan.status]))
        for fn in names:
            info = facts.defs.get(fn)
            st = scan.status.get(fn, PYTHON)
            record = FunctionStatus(
                name,
                fn,
                info.kind if info else "function",
                info.lineno if info else 0,
                info.code_lines if info else 0,
                st,
            )
            if fn in scan.notes:
                record.chain = chain((name, fn))
                record.reason = render_chain(record.chain)
            functions.append(record)
        functions.sort(key=lambda f: (f.lineno, f.name))
        modules.append(
            ModuleStatus(
                name,
                _rel(str(facts.module.path), root),
                facts.lines,
                functions,
                sorted(facts.imports),
                cycle_of.get(name),
                scan.error,
            )
        )
    return Partition(root, modules, cycles, graph=graph)


def render_chain(hops: Sequence[Hop]) -> str:
    """The chain in words: "calls `f` at a.py:3, which calls `g` at b.py:9, which is not ..."."""
    parts: list[str] = []
    for i, hop in enumerate(hops):
        last = i == len(hops) - 1
        if not last:
            piece = f"{hop.message} at {hop.location}"
        elif hop.message.startswith("calls "):
            piece = hop.message  # names its own call site
        else:
            piece = f"{hop.message} ({hop.location})"
        if i == 0:
            parts.append(piece)
        elif piece.startswith("calls "):
            parts.append(f", which {piece}")
        else:
            parts.append(f", which is not translated: {piece}")
    return "".join(parts)
