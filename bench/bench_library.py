"""Library-mode scale figures, measured in one run on this machine.

    python bench/bench_library.py [--files 10000] [--jobs N] [--skip-build]

1. Analysis at scale: a tree of `--files` Python modules (100 packages of
   copies of the realistic corpus in tests/corpus, so real code, not
   one-liners) is partitioned the way `portalis report --no-translate` does
   it: discovery, parse, the per-module analysis and the package-wide
   import/call graphs with reason chains, over `--jobs` worker processes
   (default: one per core). No Rust. A progress bar runs on stderr; the
   figure is physical source lines per second of wall time, the whole
   `partition()` call included (process start-up too). Target: >= 10,000.
   Lines per CPU-second are printed too: on a loaded machine the wall-time
   figure measures the neighbours as much as Portalis.

2. Build of a 1,000-line, 10-module package (ten ~100-line numeric and
   dynamic-programming corpus modules in one package), through the same
   `build_project` that `portalis build` and the wheel hooks use:
   cold (an empty cache: runtime crate, translation, rustc and wasm-opt for
   every module), warm (unchanged: every module a cache hit), and after
   editing one module (only that one is rebuilt; in library mode the
   package's one crate is). Both per-module builds (in parallel processes)
   and library mode (`library = true`: one crate, one rustc) are measured.
   Targets: cold <= 60 s, warm <= 2 s.

The machine is shared; expect 10-20% noise.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from portalis.library.partition import Progress, partition  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
BUILD_MODULES = [
    "numeric/bit_tricks.py",
    "numeric/digit_games.py",
    "numeric/combinatorics.py",
    "numeric/number_theory.py",
    "numeric/primes.py",
    "numeric/statistics_basic.py",
    "numeric/vectors.py",
    "dynamic_programming/edit_distance.py",
    "dynamic_programming/grid_paths.py",
    "algorithms/greedy.py",
]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the worker pool, once shut down)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def make_tree(dest: Path, files: int) -> int:
    """`files` modules in packages of 100, copied round-robin from the corpus; returns lines."""
    sources = sorted(CORPUS.rglob("*.py"))
    texts = [p.read_text() for p in sources]
    packages = max(1, min(100, files // 100))
    per_package = -(-files // packages)
    lines = 0
    made = 0
    for k in range(packages):
        pkg = dest / f"pkg{k:03d}"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        made += 1
        for i in range(per_package - 1):
            if made >= files:
                break
            j = (k * per_package + i) % len(sources)
            (pkg / f"m{i:03d}_{sources[j].stem}.py").write_text(texts[j])
            lines += texts[j].count("\n")
            made += 1
    return lines


def bench_analysis(files: int, jobs: int | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="portalis-scale-") as tmp:
        tree = Path(tmp) / "tree"
        lines = make_tree(tree, files)
        cpu0 = _cpu_seconds()
        started = time.perf_counter()
        part = partition(tree, translate=False, jobs=jobs, progress=lambda n: Progress(n))
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu0
        modules = len(part.modules)
        functions = sum(len(m.functions) for m in part.modules)
        in_wasm = sum(f.in_wasm for m in part.modules for f in m.functions)
    assert part.lines == lines, (part.lines, lines)
    return {
        "files": modules,
        "lines": lines,
        "functions": functions,
        "in_wasm": in_wasm,
        "seconds": seconds,
        "lines_per_s": lines / seconds,
        "cpu_s": cpu,
        "lines_per_cpu_s": lines / cpu,
    }


def bench_build(jobs: int | None, library: bool = False) -> dict[str, float]:
    from portalis.cache import Cache
    from portalis.config import PortalisConfig
    from portalis.package import build_project, discover

    with tempfile.TemporaryDirectory(prefix="portalis-build-") as tmp:
        project = Path(tmp) / "project"
        pkg = project / "src" / "benchpkg"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text('"""Ten corpus modules as one package."""\n')
        lines = 0
        for rel in BUILD_MODULES:
            text = (CORPUS / rel).read_text()
            lines += text.count("\n")
            (pkg / Path(rel).name).write_text(text)
        config = PortalisConfig(
            path=project / "pyproject.toml", packages=("benchpkg",), library=library
        )
        modules = discover(config)
        cache = Cache(Path(tmp) / "cache")
        quiet: list[str] = []

        def build() -> tuple[float, int]:
            started = time.perf_counter()
            result = build_project(config, modules, cache=cache, jobs=jobs, progress=quiet.append)
            return time.perf_counter() - started, sum(not r.cache_hit for r in result.results)

        cold, cold_built = build()
        warm, warm_built = build()
        edited = pkg / Path(BUILD_MODULES[0]).name
        edited.write_text(edited.read_text() + "\n\ndef added(x: int) -> int:\n    return x + 1\n")
        incremental, inc_built = build()
        translated = sum(
            len(r.translated)
            for r in build_project(config, modules, cache=cache, progress=quiet.append).results
        )
    return {
        "modules": len(modules),
        "lines": lines,
        "translated": translated,
        "cold_s": cold,
        "cold_built": cold_built,
        "warm_s": warm,
        "warm_built": warm_built,
        "one_edit_s": incremental,
        "one_edit_built": inc_built,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    a = bench_analysis(args.files, jobs)
    print(
        f"analysis: {a['files']:,.0f} files, {a['lines']:,.0f} lines, {a['functions']:,.0f} "
        f"functions ({a['in_wasm']:,.0f} would run in WASM) in {a['seconds']:.1f} s with "
        f"{jobs} process(es): {a['lines_per_s']:,.0f} lines/s (target >= 10,000); "
        f"{a['cpu_s']:.1f} CPU-s, {a['lines_per_cpu_s']:,.0f} lines per CPU-second"
    )
    load = os.getloadavg()[0]
    if load > jobs + 0.5:
        print(f"note: load average {load:.1f} on {os.cpu_count()} cores: the machine is shared")
    if args.skip_build:
        return 0
    if shutil.which("rustc") is None and not os.environ.get("PORTALIS_RUSTC"):
        print("build: skipped (no rustc)")
        return 0
    for library in (False, True):
        b = bench_build(jobs, library)
        what = "library mode, one crate" if library else "one crate per module"
        print(
            f"build ({what}): {b['modules']:.0f} modules, {b['lines']:.0f} lines, "
            f"{b['translated']:.0f} "
            f"functions translated: cold {b['cold_s']:.1f} s ({b['cold_built']:.0f} built; "
            f"target <= 60 s), warm {b['warm_s']:.2f} s ({b['warm_built']:.0f} built; "
            f"target <= 2 s), one module edited {b['one_edit_s']:.1f} s "
            f"({b['one_edit_built']:.0f} rebuilt)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
