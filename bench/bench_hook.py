"""Benchmark: what the import hook costs for unrelated imports, and a cache-hit marked import.

    python bench/bench_hook.py [--quick] [--json FILE]

1. Unrelated imports (target: at most 5 µs extra each).
   a. `PortalisFinder.find_spec` called directly for names it does not claim,
      with a realistic configuration: explicit names, a glob, project
      discovery on (sys.path compared with its snapshot), a lazily activated
      wheel: ns per call.
   b. End to end: fresh interpreters import the same N tiny modules from a
      temp directory, without and with the hook installed (all of the above
      configured); the per-import difference, best of several runs each.
2. A marked module that is a cache hit (target: at most 20 ms), in fresh
   interpreters: `import portalis_hook, wasmtime` timed separately from
   `import <marked module>` (which includes loading Portalis's own core
   modules, reading the source, the cache lookups, deserializing the
   compiled code and instantiating it); for a module found through a
   project's `[tool.portalis]` and for one from a wheel's packaged `.wasm`.

A benchmark, not a test: it prints figures and ratios measured in one run on
this machine and asserts nothing about speed. Bytecode caching is on in the
child interpreters (PYTHONDONTWRITEBYTECODE is removed), as for a user.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

MARKED = '''\
"""A small marked module: three translated functions and one that stays Python."""


def add(a: int, b: int) -> int:
    return a + b


def hypot2(x: float, y: float) -> float:
    return x * x + y * y


def collatz(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def describe(n):  # no annotations: stays Python
    return "n=" + str(n)
'''

UNRELATED_NAMES = [
    "json",
    "os.path",
    "collections.abc",
    "mypkg.utils",
    "numpy",
    "glob_not_quite",
    "a.b.c.d",
    "encodings.idna",
]


def child_env(*paths: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *map(str, paths)])
    return env


def run_child(code: str, env: dict[str, str], cwd: Path | None = None) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# -- 1a: find_spec directly ---------------------------------------------------------


def bench_find_spec(tmp: Path, repeats: int, number: int) -> dict[str, Any]:
    import portalis_hook
    from portalis_hook._finder import PortalisFinder

    project = tmp / "proj"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "p"\nversion = "0"\n[tool.portalis]\nmodules = ["ppkg.fast"]\n'
    )
    sys.path.insert(0, str(project))
    try:
        configs: dict[str, PortalisFinder] = {}
        bare = PortalisFinder()
        configs["no marks"] = bare
        explicit = PortalisFinder()
        explicit.add_patterns(["mypkg.fast", "other.kernels", "x.y.z"], _mark())
        configs["3 names"] = explicit
        globbed = PortalisFinder()
        globbed.add_patterns(["mypkg.fast", "glob_pkg.*", "*.kernels"], _mark())
        configs["names + 2 globs"] = globbed
        full = PortalisFinder()
        full.add_patterns(["mypkg.fast", "glob_pkg.*"], _mark())
        full.add_lazy(["wheelpkg"])
        full.enable_scan()
        configs["globs + wheel + project scan"] = full
        rows = []
        for label, finder in configs.items():
            env = {"find": finder.find_spec, "names": UNRELATED_NAMES}
            timer = timeit.Timer("for n in names: find(n)", globals=env)
            best = min(timer.repeat(repeat=repeats, number=number))
            per_call_ns = best / (number * len(UNRELATED_NAMES)) * 1e9
            rows.append({"config": label, "ns_per_call": per_call_ns})
        # the installed one, through sys.meta_path exactly as imports see it
        assert portalis_hook.install(modules=["mypkg.fast"], projects=[]) is not None
        portalis_hook.uninstall()
        return {"rows": rows, "names": UNRELATED_NAMES}
    finally:
        sys.path.remove(str(project))


def _mark() -> Any:
    from portalis_hook._finder import Mark

    return Mark("install")


# -- 1b: end to end -------------------------------------------------------------------

IMPORT_MANY = """
import json, sys, time
mode, n = sys.argv[1], int(sys.argv[2])
if mode in ("hook", "loaded"):
    import portalis_hook
    portalis_hook.install(modules=["mypkg.fast", "glob_pkg.*"])   # + project scan of sys.path
    portalis_hook._activate_from_manifests("wheelpkg")
if mode == "loaded":        # everything install() imported stays loaded; only the finder goes
    portalis_hook.uninstall()
names = [f"tiny_{i}" for i in range(n)]
t = time.perf_counter()
for name in names:
    __import__(name)
elapsed = time.perf_counter() - t
print(json.dumps({"per_import_us": elapsed / n * 1e6}))
"""


def bench_end_to_end(tmp: Path, modules: int, runs: int) -> dict[str, Any]:
    tiny = tmp / "tiny"
    tiny.mkdir()
    for i in range(modules):
        (tiny / f"tiny_{i}.py").write_text(f"X = {i}\n")
    env = child_env(tiny)
    modes = ("plain", "loaded", "hook")
    for mode in modes:  # write the .pyc files first
        run_child(_args(IMPORT_MANY, mode, modules), env)
    samples: dict[str, list[float]] = {mode: [] for mode in modes}
    for _ in range(runs):
        for mode in modes:
            samples[mode].append(run_child(_args(IMPORT_MANY, mode, modules), env)["per_import_us"])
    plain, loaded, hook = (min(samples[mode]) for mode in modes)
    return {
        "modules": modules,
        "runs": runs,
        "plain_us_per_import": plain,
        "loaded_us_per_import": loaded,
        "hook_us_per_import": hook,
        "extra_us_per_import": hook - plain,
        "finder_us_per_import": hook - loaded,
        "ratio": hook / plain,
    }


def _args(code: str, *args: object) -> str:
    """Embed argv in the code (run_child takes no argv)."""
    return f"import sys; sys.argv[1:] = {[str(a) for a in args]!r}\n" + textwrap.dedent(code)


# -- 2: cache-hit marked import --------------------------------------------------------

MARKED_IMPORT = """
import json, sys, time
t0 = time.perf_counter()
import portalis_hook, wasmtime
t1 = time.perf_counter()
how, name, site_dir, preload = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
if how == "project":
    portalis_hook.install()
else:
    import site
    site.addsitedir(site_dir)          # the wheel's .pth: _activate_from_manifests
t2 = time.perf_counter()
if preload:                            # Portalis's core modules, loaded on first use
    import portalis_hook._attach, portalis_hook.manifest
t3 = time.perf_counter()
mod = __import__(name, fromlist=["_"])
t4 = time.perf_counter()
info = mod.__portalis__
assert mod.add(2, 3) == 5 and info.translated == ["add", "hypot2", "collatz"], info.report()
print(json.dumps({"import_hook_wasmtime_ms": (t1 - t0) * 1e3, "activate_ms": (t2 - t1) * 1e3,
                  "core_ms": (t3 - t2) * 1e3, "import_module_ms": (t4 - t3) * 1e3,
                  "source": info.source, "cache_hit": info.cache_hit}))
"""


def bench_marked(tmp: Path, runs: int) -> list[dict[str, Any]]:
    from portalis.build import build
    from portalis.ingest import ingest
    from portalis_hook.manifest import Manifest, ModuleEntry, manifest_path, pth_line
    from portalis_hook.manifest import write_manifest as write

    project = tmp / "marked_proj"
    (project / "bpkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "b"\nversion = "0"\n[tool.portalis]\nmodules = ["bpkg.fast"]\n'
    )
    (project / "bpkg" / "__init__.py").write_text("")
    (project / "bpkg" / "fast.py").write_text(MARKED)

    site = tmp / "wheel_site"
    (site / "wpkg").mkdir(parents=True)
    (site / "wpkg" / "__init__.py").write_text("")
    py = site / "wpkg" / "fast.py"
    py.write_text(MARKED)
    artifact = build(ingest(py, module_name="wpkg.fast"))
    shutil.copyfile(artifact.wasm_path, site / "wpkg" / "fast.wasm")
    entry = ModuleEntry.from_build(
        artifact.manifest, source="wpkg/fast.py", wasm="wpkg/fast.wasm", build_key=artifact.key
    )
    assert entry.source_sha256 == hashlib.sha256(py.read_bytes()).hexdigest()
    write(manifest_path(site, "wpkg", is_package=True), Manifest.new("wpkg", [entry]))
    (site / "portalis-wpkg.pth").write_text(pth_line(["wpkg"]))

    results = []
    cases = [
        ("project [tool.portalis]", "project", "bpkg.fast", project),
        ("wheel manifest", "wheel", "wpkg.fast", project),
    ]
    for label, how, name, cwd in cases:
        env = child_env(project)
        cold_code = _args(MARKED_IMPORT, how, name, site, 0)
        warm_code = _args(MARKED_IMPORT, how, name, site, 1)
        first = run_child(cold_code, env, cwd=cwd)  # builds or fills the caches, writes .pyc
        cold: list[dict[str, Any]] = []
        warm: list[dict[str, Any]] = []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            cold.append(run_child(cold_code, env, cwd=cwd))
            warm.append(run_child(warm_code, env, cwd=cwd))
        samples = cold + warm
        results.append(
            {
                "case": label,
                "first_source": first["source"],
                "source": samples[0]["source"],
                "all_cache_hits": all(s["cache_hit"] for s in samples),
                "runs": runs,
                "import_hook_wasmtime_ms": min(s["import_hook_wasmtime_ms"] for s in samples),
                "activate_ms": min(s["activate_ms"] for s in samples),
                "first_import_ms": min(s["import_module_ms"] for s in cold),
                "core_ms": min(s["core_ms"] for s in warm),
                "import_module_ms": min(s["import_module_ms"] for s in warm),
                "import_module_median_ms": _median([s["import_module_ms"] for s in warm]),
            }
        )
    return results


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few, short repeats (for tests)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args(argv)
    repeats, number, modules, runs, marked_runs = (
        (3, 2_000, 300, 2, 3) if args.quick else (7, 20_000, 2_000, 9, 9)
    )

    import portalis

    python = sys.version.split()[0]
    print(f"Portalis {portalis.__version__}, Python {python}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="portalis-bench-hook-") as tmp_name:
        tmp = Path(tmp_name)
        finder = bench_find_spec(tmp, repeats, number)
        e2e = bench_end_to_end(tmp, modules, runs)
        marked = bench_marked(tmp, marked_runs)

    print()
    print("1a. find_spec for an unrelated name (the hook's whole cost for it)")
    for row in finder["rows"]:
        print(f"  {row['config']:<30} {row['ns_per_call']:>8.0f} ns  (target <= 5000 ns)")
    print()
    print(
        f"1b. importing {e2e['modules']} tiny unrelated modules, fresh interpreters, best of "
        f"{e2e['runs']}"
    )
    print(f"  without the hook                 {e2e['plain_us_per_import']:>8.1f} µs per import")
    print(f"  hook's modules loaded, no finder {e2e['loaded_us_per_import']:>8.1f} µs per import")
    print(f"  with the hook                    {e2e['hook_us_per_import']:>8.1f} µs per import")
    print(
        f"  extra, all told                  {e2e['extra_us_per_import']:>8.2f} µs per import "
        f"(ratio {e2e['ratio']:.3f}x; target <= 5 µs)"
    )
    print(
        f"  extra, the finder alone          {e2e['finder_us_per_import']:>8.2f} µs per import"
        " (the rest: a bigger heap after install() loaded pathlib/tomllib/config)"
    )
    print()
    print(f"2. cache-hit import of a marked module, fresh interpreters (best of {marked_runs})")
    print(
        f"  {'case':<24} {'portalis_hook+wasmtime':>22} {'activate':>9} {'core':>8}"
        f" {'module':>8} {'(median)':>9} {'first import':>13}  source"
    )
    for r in marked:
        flag = "" if r["all_cache_hits"] else "  (NOT all cache hits)"
        print(
            f"  {r['case']:<24} {r['import_hook_wasmtime_ms']:>19.1f} ms"
            f" {r['activate_ms']:>6.1f} ms {r['core_ms']:>5.1f} ms"
            f" {r['import_module_ms']:>5.1f} ms {r['import_module_median_ms']:>6.1f} ms"
            f" {r['first_import_ms']:>10.1f} ms  {r['source']}{flag}"
        )
    print("  portalis_hook+wasmtime: `import portalis_hook, wasmtime`;")
    print("  activate: install() (project scan: reads pyproject.toml) or the wheel's .pth line;")
    print("  core: Portalis's own modules, loaded once per process on the first marked import;")
    print("  module: `import <marked module>` with the core loaded: Python runs the module, then")
    print("  Portalis hashes the source, finds the artifact, deserializes and instantiates it")
    print("  (target <= 20 ms); first import: the same without the core preloaded (core + module).")

    if args.json:
        Path(args.json).write_text(
            json.dumps({"find_spec": finder, "end_to_end": e2e, "marked": marked}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
