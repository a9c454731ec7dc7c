"""Stage 7 (packaging): turn a project's marked modules into wheel data.

Both build-backend integrations (the Hatch hook and the setuptools `build_py`
step in `portalis_build`) do the same four things, so they live here, free of
any backend's API:

1. `discover`: resolve `modules`/`packages` from `[tool.portalis]` to files.
   A name that matches nothing is a `ConfigError`, never a silent no-op
   (hatch-mypyc's users lose hours to exactly that).
2. `build_project`: translate + compile every marked module, cache-first,
   the cache misses in parallel worker processes (rustc is single-threaded,
   so one process per core is the win), reporting progress as each finishes.
3. `check_translation`: with `on-failure = "error"`, any function that stays
   Python fails the build, naming it with file:line and the reason.
4. `summary_table`: one line per module (translated/skipped, wasm size,
   seconds, cache hit), which is also how an unchanged rebuild "says so".

What goes into the wheel (file layout, manifest, activation) is the import
hook's business (`portalis_hook.manifest`); `portalis_build` glues the two.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import BuildOptions, artifact_from_entry, artifact_key, build
from .cache import Cache
from .config import ConfigError, PortalisConfig
from .diagnostics import Diagnostic
from .errors import PortalisWarning, ToolchainError
from .ingest import ingest
from .toolchain import INSTALL_HINT, Toolchain, find_toolchain

# Directories that never hold a project's importable code, even in a flat layout.
_NOT_SOURCE = {"build", "dist", "node_modules", "site-packages", "__pycache__", "venv"}
_GLOB_CHARS = frozenset("*?[")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class MarkedModule:
    """One module `[tool.portalis]` selects, resolved to its source file."""

    name: str
    path: Path  # absolute path of the .py file
    root: Path  # the source root the dotted name is relative to

    @property
    def wheel_path(self) -> str:
        """Where the .py lands inside a wheel (and so where its .wasm goes beside it)."""
        return self.path.relative_to(self.root).as_posix()


@dataclass
class ModuleResult:
    """What happened to one marked module in one build."""

    module: MarkedModule
    translated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    wasm_path: Path | None = None
    wasm_size: int = 0
    seconds: float = 0.0
    cache_hit: bool = False
    key: str = ""  # the artifact's cache key (`portalis.build.artifact_key`)
    manifest: dict[str, Any] = field(default_factory=dict)


@dataclass
class ProjectBuild:
    """Result of `build_project`: per-module results, or why nothing was built."""

    config: PortalisConfig
    results: list[ModuleResult]
    toolchain: Toolchain | None
    options: BuildOptions
    seconds: float = 0.0
    # Set when no toolchain was found and `require-wasm` is false: the wheel
    # stays pure Python, and this is the warning that was shown.
    no_wasm_reason: str | None = None

    @property
    def has_wasm(self) -> bool:
        return self.toolchain is not None and self.no_wasm_reason is None


# -- 1. discovery -------------------------------------------------------------------


def default_source_roots(project_root: Path) -> list[Path]:
    """`src/` layout first, then the flat layout: where Python would find top-level code."""
    roots = [project_root / "src", project_root]
    return [r for r in roots if r.is_dir()]


def _is_identifier_path(rel: Path) -> bool:
    return all(part.isidentifier() for part in rel.with_suffix("").parts)


def _module_name(rel: Path) -> str:
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def iter_modules(root: Path) -> Iterable[tuple[str, Path]]:
    """Every importable `(dotted name, file)` below `root`, skipping venvs and build dirs."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d.isidentifier()
            and d not in _NOT_SOURCE
            and not d.startswith(".")
            and not (here / d / "pyvenv.cfg").exists()
        )
        for name in sorted(filenames):
            if not name.endswith(".py"):
                continue
            rel = (here / name).relative_to(root)
            if _is_identifier_path(rel):
                yield _module_name(rel), here / name


def _find_exact(name: str, roots: Sequence[Path]) -> tuple[Path, Path] | None:
    rel = Path(*name.split("."))
    for root in roots:
        for candidate in (root / rel.with_suffix(".py"), root / rel / "__init__.py"):
            if candidate.is_file():
                return candidate, root
    return None


def discover(config: PortalisConfig, roots: Sequence[Path] | None = None) -> list[MarkedModule]:
    """Resolve `modules` and `packages` to files; anything that resolves to nothing is an error.

    `roots` are the directories top-level names are relative to (default:
    `src/`, then the project root). Sorted by name, duplicates removed.
    """
    project_root = config.root or Path.cwd()
    roots = list(roots) if roots is not None else default_source_roots(project_root)
    where = ", ".join(_rel(r, project_root) for r in roots) or str(project_root)
    found: dict[str, MarkedModule] = {}

    def add(name: str, path: Path, root: Path) -> None:
        found.setdefault(name, MarkedModule(name, path.resolve(), root.resolve()))

    everything: list[tuple[str, Path, Path]] | None = None

    def all_modules() -> list[tuple[str, Path, Path]]:
        nonlocal everything
        if everything is None:
            seen: set[str] = set()
            everything = []
            for root in roots:
                for name, path in iter_modules(root):
                    if name not in seen:  # an earlier root shadows a later one, as on sys.path
                        seen.add(name)
                        everything.append((name, path, root))
        return everything

    for pattern in config.modules:
        if _GLOB_CHARS.isdisjoint(pattern):
            hit = _find_exact(pattern, roots)
            if hit is None:
                rel = pattern.replace(".", "/")
                raise _missing(
                    config,
                    f"`modules` entry {pattern!r} does not exist: no {rel}.py or "
                    f"{rel}/__init__.py under {where}",
                )
            add(pattern, *hit)
            continue
        matched = [(n, p, r) for n, p, r in all_modules() if fnmatch.fnmatchcase(n, pattern)]
        if not matched:
            raise _missing(config, f"`modules` entry {pattern!r} matches no module under {where}")
        for n, p, r in matched:
            add(n, p, r)
    for pkg in config.packages:
        hit = _find_exact(pkg, roots)
        if hit is None or hit[0].name != "__init__.py":
            rel = pkg.replace(".", "/")
            what = "is a module, not a package" if hit else "does not exist"
            raise _missing(
                config,
                f"`packages` entry {pkg!r} {what}: no {rel}/__init__.py under {where}",
            )
        for n, p, r in all_modules():
            if n == pkg or n.startswith(pkg + "."):
                add(n, p, r)
    return [found[name] for name in sorted(found)]


def _rel(path: Path, base: Path) -> str:
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)
    return "./" if rel == "." else rel + "/"


def _missing(config: PortalisConfig, message: str) -> ConfigError:
    where = f"{config.path}: " if config.path is not None else ""
    return ConfigError(f"{where}[tool.portalis] {message}")


# -- 2. building ----------------------------------------------------------------------


def options_for(config: PortalisConfig) -> BuildOptions:
    """`opt-level` and `wasm-opt` from the config, as the build stage takes them."""
    return BuildOptions(opt_level=config.opt_level, wasm_opt=config.wasm_opt)


def _result(module: MarkedModule, art: Any, seconds: float) -> ModuleResult:
    size = art.wasm_path.stat().st_size
    return ModuleResult(
        module=module,
        translated=list(art.translated),
        skipped=dict(art.skipped),
        wasm_path=art.wasm_path,
        wasm_size=size,
        seconds=seconds,
        cache_hit=art.cache_hit,
        key=art.key,
        manifest=dict(art.manifest),
    )


def _build_in_worker(
    module: MarkedModule, toolchain: Toolchain, options: BuildOptions, cache_dir: str
) -> ModuleResult:
    """Worker-process entry point (module level, so every start method can pickle it)."""
    started = time.perf_counter()
    art = build(
        ingest(module.path, module_name=module.name),
        toolchain=toolchain,
        cache=Cache(Path(cache_dir)),
        options=options,
    )
    return _result(module, art, time.perf_counter() - started)


def resolve_toolchain(config: PortalisConfig, progress: Progress) -> tuple[Toolchain | None, str]:
    """The toolchain, or `(None, warning)`; with `require-wasm = true` a missing one is an error."""
    try:
        return find_toolchain(), ""
    except ToolchainError as exc:
        if config.require_wasm:
            where = f"{config.path}: " if config.path is not None else ""
            raise ToolchainError(
                f"{where}[tool.portalis] require-wasm = true, but no usable Rust compiler: {exc}"
            ) from None
        message = (
            "no Rust compiler with a WebAssembly standard library was found, so this build "
            "is a PURE-PYTHON wheel: the marked modules will not run in WASM. "
            f"To get WASM, {INSTALL_HINT} and rebuild "
            "(set `require-wasm = true` in [tool.portalis] to make this an error). "
            f"Details: {exc}"
        )
        banner = "!" * 78
        progress(f"{banner}\nportalis: WARNING: {message}\n{banner}")
        warnings.warn(message, PortalisWarning, stacklevel=2)
        return None, message


def build_project(
    config: PortalisConfig,
    modules: Sequence[MarkedModule],
    *,
    progress: Progress | None = None,
    jobs: int | None = None,
    cache: Cache | None = None,
    toolchain: Toolchain | None = None,
) -> ProjectBuild:
    """Build every module (cache hits inline, misses in parallel processes).

    Raises `ConfigError` for `on-failure = "error"` with an untranslatable
    function (checked before anything is compiled, so it also fails without a
    toolchain), `ToolchainError` for `require-wasm` without a toolchain, and
    `UserError` for unreadable sources.
    """
    say = progress or _stderr
    started = time.perf_counter()
    options = options_for(config)
    if config.on_failure == "error":
        check_translation(config, modules)
    if toolchain is None:
        toolchain, reason = resolve_toolchain(config, say)
        if toolchain is None:
            return ProjectBuild(config, [], None, options, no_wasm_reason=reason)
    cache = cache or Cache()
    results: dict[str, ModuleResult] = {}
    misses: list[MarkedModule] = []
    total = len(modules)
    done = 0

    def report(res: ModuleResult) -> None:
        nonlocal done
        done += 1
        results[res.module.name] = res
        say(
            f"portalis: [{done}/{total}] {res.module.name}: {len(res.translated)} translated, "
            f"{len(res.skipped)} skipped, {_size(res.wasm_size)}, {res.seconds:.2f} s"
            f"{' (cache hit)' if res.cache_hit else ''}"
        )

    if config.library:
        _build_libraries(modules, toolchain, options, cache, report, say)
    for module in [] if config.library else modules:
        t0 = time.perf_counter()
        unit = ingest(module.path, module_name=module.name)
        key = artifact_key(unit, toolchain, options)
        entry = cache.lookup("wasm", key)
        if entry is None:
            misses.append(module)
        else:
            report(_result(module, artifact_from_entry(entry, key, True), time.perf_counter() - t0))
    workers = min(len(misses), jobs or os.cpu_count() or 1)
    if misses:
        say(f"portalis: building {len(misses)} module(s) with {workers} process(es)")
    if workers <= 1:
        for module in misses:
            report(_build_in_worker(module, toolchain, options, str(cache.root)))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures: list[Future[ModuleResult]] = [
                pool.submit(_build_in_worker, m, toolchain, options, str(cache.root))
                for m in misses
            ]
            for fut in as_completed(futures):
                report(fut.result())
    ordered = [results[m.name] for m in modules]
    if config.on_failure == "error":
        # The compiler can still reject a function the analysis accepted
        # (reported as an internal error): that fails an "error" build too.
        failures = [
            f"{r.module.name}.{name}: {why}" for r in ordered for name, why in r.skipped.items()
        ]
        if failures:
            raise _on_failure_error(config, failures)
    return ProjectBuild(config, ordered, toolchain, options, time.perf_counter() - started)


def _build_libraries(
    modules: Sequence[MarkedModule],
    toolchain: Toolchain,
    options: BuildOptions,
    cache: Cache,
    report: Callable[[ModuleResult], None],
    say: Progress,
) -> None:
    """`library = true`: one crate and one `.wasm` per top-level package (`portalis.library`)."""
    from .library.crate import build_package
    from .library.graph import SourceModule

    groups: dict[str, list[MarkedModule]] = {}
    for m in modules:
        groups.setdefault(m.name.split(".")[0], []).append(m)
    for top, members in groups.items():
        started = time.perf_counter()
        art = build_package(
            [SourceModule(m.name, m.path, m.path.name == "__init__.py") for m in members],
            toolchain=toolchain,
            cache=cache,
            options=options,
        )
        seconds = time.perf_counter() - started
        say(
            f"portalis: package {top}: one crate, one .wasm for {len(members)} module(s)"
            f"{' (cache hit)' if art.cache_hit else ''}"
        )
        for m in members:
            share = art.modules[m.name]
            report(
                ModuleResult(
                    module=m,
                    translated=list(share.translated),
                    skipped=dict(share.skipped),
                    wasm_path=share.wasm_path,
                    wasm_size=share.wasm_path.stat().st_size,
                    seconds=seconds,
                    cache_hit=art.cache_hit,
                    key=art.key,
                    manifest=dict(share.manifest),
                )
            )


def _size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KiB"


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- 3. on-failure = "error" ------------------------------------------------------------


def untranslatable(modules: Sequence[MarkedModule]) -> list[tuple[MarkedModule, str, Diagnostic]]:
    """Every `(module, function, diagnostic)` that would stay Python; no toolchain needed."""
    from .analysis import analyse

    out: list[tuple[MarkedModule, str, Diagnostic]] = []
    for module in modules:
        spec = analyse(ingest(module.path, module_name=module.name))
        out.extend((module, name, diag) for name, diag in spec.skipped.items())
    return out


def _untranslatable_library(
    modules: Sequence[MarkedModule],
) -> list[tuple[MarkedModule, str, Diagnostic]]:
    """`untranslatable` for library mode: calls between a package's modules are linked."""
    from .library.crate import analyse_package
    from .library.graph import SourceModule

    out: list[tuple[MarkedModule, str, Diagnostic]] = []
    groups: dict[str, list[MarkedModule]] = {}
    for m in modules:
        groups.setdefault(m.name.split(".")[0], []).append(m)
    for members in groups.values():
        pspecs = analyse_package(
            [SourceModule(m.name, m.path, m.path.name == "__init__.py") for m in members]
        )
        for m in members:
            skipped = pspecs.specs[m.name].skipped
            out.extend((m, name, diag) for name, diag in skipped.items())
    return out


def check_translation(config: PortalisConfig, modules: Sequence[MarkedModule]) -> None:
    """Raise `ConfigError` listing each function that does not translate (name, file:line, why)."""
    found = _untranslatable_library(modules) if config.library else untranslatable(modules)
    failures = [f"{m.name}.{name} at {diag.location()}: {diag.message}" for m, name, diag in found]
    if failures:
        raise _on_failure_error(config, failures)


def _on_failure_error(config: PortalisConfig, failures: list[str]) -> ConfigError:
    where = f"{config.path}: " if config.path is not None else ""
    listing = "; ".join(failures)
    return ConfigError(
        f'{where}[tool.portalis] on-failure = "error" and {len(failures)} function(s) in '
        f"marked modules do not translate: {listing}. Fix them, unmark the module, or set "
        'on-failure = "fallback" to keep them in Python'
    )


# -- 4. reporting -------------------------------------------------------------------------


def summary_table(project: ProjectBuild) -> str:
    """The table printed at the end of a build; the last line says whether the cache was reused."""
    rows = [("module", "translated", "skipped", "wasm size", "seconds", "cache")]
    for r in project.results:
        rows.append(
            (
                r.module.name,
                str(len(r.translated)),
                str(len(r.skipped)),
                _size(r.wasm_size),
                f"{r.seconds:.2f}",
                "hit" if r.cache_hit else "built",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    hits = sum(r.cache_hit for r in project.results)
    n = len(project.results)
    if n and hits == n:
        tail = f"all {n} module(s) unchanged: reused from the Portalis cache, nothing compiled"
    else:
        tail = f"{n - hits} module(s) compiled, {hits} reused from the Portalis cache"
    lines.append(f"{tail} ({project.seconds:.2f} s)")
    return "\n".join(lines)


__all__ = [
    "MarkedModule",
    "ModuleResult",
    "ProjectBuild",
    "build_project",
    "check_translation",
    "default_source_roots",
    "discover",
    "iter_modules",
    "options_for",
    "summary_table",
    "untranslatable",
]
