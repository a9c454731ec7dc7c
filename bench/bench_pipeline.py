"""Benchmark: the pipeline (translation speed, cold builds, warm loads, wheels) and memory.

    python bench/bench_pipeline.py [--quick] [--json FILE]

- translation: lines of Python per second turned into Rust source text
  (ingest + analysis + translation, no rustc), over the modules of
  tests/corpus and bench/kernels, best of several passes in this process,
  in CPU time of this thread; and apart from that, the same modules over a
  process pool, one worker per core (wall time, and the busiest worker's CPU);
- cold build: seconds per kernel module for `portalis.load` with an empty
  artifact cache (translate, rustc, wasm-opt), after the runtime crate was
  built once for the toolchain (its time is reported separately); wall time
  and CPU time (the process and its rustc/wasm-opt children);
- warm load: `portalis.load` of an already-built module in a fresh
  interpreter (a cache hit), apart from `import portalis, wasmtime`; wall
  and CPU time;
- wheels: the examples' build backends (`build_wheel` in a fresh process)
  with an empty cache and again unchanged (skipped, with the reason, when
  hatchling or setuptools is missing);
- memory: peak RSS (VmHWM) of a fresh interpreter that loads a kernel
  module and runs it once, as Portalis WASM and as the plain Python module.

A benchmark, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KERNELS_DIR = ROOT / "bench" / "kernels"

try:
    import portalis
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    import portalis

BACKEND_CALL = {
    "textstats_hatch": ("hatchling", "import hatchling.build as b; b.build_wheel({out!r})"),
    "geometry_setuptools": (
        "setuptools",
        "import setuptools.build_meta as b; b.build_wheel({out!r})",
    ),
}


def child_env(cache: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    for var in ("PORTALIS_MODE", "PORTALIS_TEST_PERTURB"):
        env.pop(var, None)
    # An installed Portalis has its bytecode compiled at install time; with
    # PYTHONDONTWRITEBYTECODE (set on some CI machines) every fresh process would
    # recompile Portalis's ~50 modules and the warm-load figure would measure that.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache is not None:
        env["PORTALIS_CACHE_DIR"] = str(cache)
    return env


def translation_sources() -> list[Path]:
    corpus = [
        p
        for p in sorted((ROOT / "tests" / "corpus").rglob("*.py"))
        if not p.name.startswith(("test_", "conftest"))
    ]
    return corpus + sorted(KERNELS_DIR.glob("*.py"))


def bench_translation(passes: int) -> dict[str, Any]:
    from portalis.analysis import analyse
    from portalis.ingest import ingest
    from portalis.translate import translate

    files = translation_sources()
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
    best = float("inf")
    functions = translated = 0
    for _ in range(passes):
        t0 = time.thread_time()  # CPU time: the machine may be shared
        functions = translated = 0
        for path in files:
            crate = translate(analyse(ingest(path)))
            translated += len(crate.translated)
            functions += len(crate.translated) + len(crate.skipped)
        best = min(best, time.thread_time() - t0)
    return {
        "files": len(files),
        "lines": lines,
        "functions": functions,
        "translated": translated,
        "seconds": best,
        "lines_per_s": lines / best,
        "passes": passes,
        "target_lines_per_s": 10_000,
        "parallel": bench_translation_parallel(files, lines, passes),
    }


def _translate_file(path: Path) -> tuple[int, float]:
    """One module through ingest + analysis + translation, in a pool worker:
    the worker's pid and the CPU time it took."""
    from portalis.analysis import analyse
    from portalis.ingest import ingest
    from portalis.translate import translate

    t0 = time.thread_time()
    translate(analyse(ingest(path)))
    return os.getpid(), time.thread_time() - t0


def bench_translation_parallel(files: list[Path], lines: int, passes: int) -> dict[str, Any]:
    """The same modules fanned out over a process pool, one worker per core.

    Reported apart from the single-process figure: this is the throughput a
    many-module translation (a package, `portalis` in library mode) gets from
    the machine, in wall time (CPU time summed over workers would hide the
    fan-out). The workers translate everything once before timing, so imports
    and warm-up are not counted, as in the single-process figure. On a busy
    machine wall time also counts other processes, so the CPU time of the
    busiest worker is reported too: the wall time the pool needs when it has
    the cores to itself.
    """
    from concurrent.futures import ProcessPoolExecutor

    jobs = os.cpu_count() or 1
    # Largest first, one module per task: the two workers finish together.
    order = sorted(files, key=lambda p: -p.stat().st_size)
    best = best_cpu = float("inf")
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_translate_file, order))
        for _ in range(passes):
            t0 = time.perf_counter()
            per_worker: dict[int, float] = {}
            for pid, cpu in pool.map(_translate_file, order):
                per_worker[pid] = per_worker.get(pid, 0.0) + cpu
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, max(per_worker.values()))
    return {
        "jobs": jobs,
        "seconds": best,
        "lines_per_s": lines / best,
        "busiest_worker_cpu_s": best_cpu,
        "lines_per_s_cpu": lines / best_cpu,
    }


COLD_SCRIPT = textwrap.dedent("""\
    import json, resource, sys, time
    import portalis
    def cpu():
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # rustc, wasm-opt
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    t0, c0 = time.perf_counter(), cpu()
    m = portalis.load(sys.argv[1], mode="wasm")
    print(json.dumps({"s": time.perf_counter() - t0, "cpu_s": cpu() - c0,
                      "hit": m.__portalis__.cache_hit,
                      "translated": len(m.__portalis__.translated)}))
""")

WARM_SCRIPT = textwrap.dedent("""\
    import json, sys, time
    t0, c0 = time.perf_counter(), time.process_time()
    import portalis, wasmtime
    t1, c1 = time.perf_counter(), time.process_time()
    m = portalis.load(sys.argv[1], mode="wasm")
    t2, c2 = time.perf_counter(), time.process_time()
    print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "import_cpu_s": c1 - c0,
                      "load_cpu_s": c2 - c1, "hit": m.__portalis__.cache_hit}))
""")

RUNTIME_PROBE = "def one(a: int) -> int:\n    return a + 1\n"


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def bench_builds(names: list[str], warm_runs: int) -> dict[str, Any]:
    """Cold build per module (fresh cache, runtime crate pre-built), then warm loads."""
    with tempfile.TemporaryDirectory(prefix="portalis-bench-cold-") as tmp:
        cache = Path(tmp) / "cache"
        env = child_env(cache)
        probe = Path(tmp) / "runtime_probe.py"
        probe.write_text(RUNTIME_PROBE, encoding="utf-8")
        run = [sys.executable, "-c", COLD_SCRIPT]
        runtime = last_json(
            subprocess.run([*run, str(probe)], env=env, capture_output=True, text=True, check=False)
        )
        # The probe's own module is small: its time is mostly the runtime crate.
        cold: list[dict[str, Any]] = []
        for name in names:
            path = KERNELS_DIR / f"{name}.py"
            out = last_json(
                subprocess.run(
                    [*run, str(path)], env=env, capture_output=True, text=True, check=False
                )
            )
            cold.append(
                {
                    "module": name,
                    "seconds": out["s"],
                    "cpu_s": out["cpu_s"],
                    "cache_hit": out["hit"],
                    "translated": out["translated"],
                }
            )
        warm: list[dict[str, Any]] = []
        for name in names[:3]:
            path = KERNELS_DIR / f"{name}.py"
            samples = [
                last_json(
                    subprocess.run(
                        [sys.executable, "-c", WARM_SCRIPT, str(path)],
                        env=env,
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                )
                for _ in range(warm_runs)
            ]
            warm.append(
                {
                    "module": name,
                    "import_ms": min(s["import_s"] for s in samples) * 1e3,
                    "load_ms": min(s["load_s"] for s in samples) * 1e3,
                    "import_cpu_ms": min(s["import_cpu_s"] for s in samples) * 1e3,
                    "load_cpu_ms": min(s["load_cpu_s"] for s in samples) * 1e3,
                    "cache_hit": all(s["hit"] for s in samples),
                    "runs": warm_runs,
                }
            )
    secs = [c["seconds"] for c in cold]
    cpus = [c["cpu_s"] for c in cold]
    return {
        "runtime_and_probe_s": runtime["s"],
        "runtime_and_probe_cpu_s": runtime["cpu_s"],
        "cold": cold,
        "cold_mean_s": sum(secs) / len(secs),
        "cold_mean_cpu_s": sum(cpus) / len(cpus),
        "warm": warm,
    }


def bench_wheels(quick: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    examples = ["textstats_hatch"] if quick else list(BACKEND_CALL)
    for example in examples:
        backend, code = BACKEND_CALL[example]
        if importlib.util.find_spec(backend) is None:
            rows.append({"example": example, "error": f"{backend} is not installed"})
            continue
        with tempfile.TemporaryDirectory(prefix="portalis-bench-wheel-") as tmp:
            project = Path(tmp) / example
            shutil.copytree(
                ROOT / "examples" / example,
                project,
                ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "*.wasm"),
            )
            env = child_env(Path(tmp) / "cache")

            def build(
                project: Path = project, code: str = code, env: dict[str, str] = env
            ) -> float:
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(project / "build", ignore_errors=True)
                out.mkdir()
                t0 = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "-c", code.format(out=str(out))],
                    cwd=project,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if proc.returncode != 0:
                    raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
                return time.perf_counter() - t0

            try:
                cold = build()
                warm = min(build() for _ in range(1 if quick else 3))
            except RuntimeError as exc:
                rows.append({"example": example, "error": str(exc).strip().splitlines()[-1]})
                continue
        rows.append({"example": example, "cold_s": cold, "unchanged_s": warm})
    return rows


MEMORY_SCRIPT = textwrap.dedent("""\
    import json, resource, sys
    mode, path, arg = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "baseline":
        result = None
    elif mode == "imports":
        import portalis, wasmtime
        result = None
    elif mode == "python":
        import importlib.util
        spec = importlib.util.spec_from_file_location("kernel_under_test", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        result = mod.run(arg)
    else:
        import portalis
        mod = portalis.load(path, mode="wasm")
        result = mod.run(arg)
    # VmHWM is this process image's own peak; ru_maxrss would also count the
    # parent's pages at the fork that started us.
    try:
        with open("/proc/self/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except OSError:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"rss_kib": rss, "result": repr(result)}))
""")

MEMORY_KERNELS = [("nbody", 1000), ("word_count", 20_000), ("sorting", 20_000)]


def bench_memory() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    env = child_env()
    imports = last_json(
        subprocess.run(
            [sys.executable, "-c", MEMORY_SCRIPT, "imports", "-", "0"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    )
    base = last_json(
        subprocess.run(
            [sys.executable, "-c", MEMORY_SCRIPT, "baseline", "-", "0"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    )
    for name, arg in MEMORY_KERNELS:
        path = str(KERNELS_DIR / f"{name}.py")
        portalis.load(path, mode="wasm")  # built already: measure a load, not a build
        out = {
            mode: last_json(
                subprocess.run(
                    [sys.executable, "-c", MEMORY_SCRIPT, mode, path, str(arg)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
            )
            for mode in ("python", "wasm")
        }
        rows.append(
            {
                "module": name,
                "arg": arg,
                "interpreter_mib": base["rss_kib"] / 1024,
                "import_portalis_wasmtime_mib": imports["rss_kib"] / 1024,
                "python_mib": out["python"]["rss_kib"] / 1024,
                "wasm_mib": out["wasm"]["rss_kib"] / 1024,
                "agree": out["python"]["result"] == out["wasm"]["result"],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer modules and repeats")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args(argv)
    q = args.quick

    tr = bench_translation(1 if q else 3)
    print(
        f"translation (Python -> Rust text, no rustc): {tr['lines']} lines in {tr['files']} "
        f"modules, {tr['seconds']:.2f} s = {tr['lines_per_s']:,.0f} lines/s "
        f"(target {tr['target_lines_per_s']:,}: "
        f"{'met' if tr['lines_per_s'] >= tr['target_lines_per_s'] else 'NOT met'})",
        flush=True,
    )
    par = tr["parallel"]
    print(
        f"  the same over {par['jobs']} worker processes: {par['seconds']:.2f} s wall"
        f" = {par['lines_per_s']:,.0f} lines/s; busiest worker {par['busiest_worker_cpu_s']:.2f}"
        f" s CPU = {par['lines_per_s_cpu']:,.0f} lines/s",
        flush=True,
    )
    names = (
        ["mandelbrot", "sieve"]
        if q
        else ["nbody", "mandelbrot", "sieve", "word_count", "graph_search", "sorting"]
    )
    builds = bench_builds(names, 2 if q else 5)
    print(
        f"runtime crate + a one-function module, cold: {builds['runtime_and_probe_s']:.2f} s"
        f" wall, {builds['runtime_and_probe_cpu_s']:.2f} s CPU"
    )
    for c in builds["cold"]:
        print(
            f"  cold build {c['module']:<14} {c['seconds']:6.2f} s wall, {c['cpu_s']:6.2f} s CPU"
            f"  ({c['translated']} functions)"
        )
    for w in builds["warm"]:
        print(
            f"  warm load  {w['module']:<14} {w['load_ms']:6.1f} ms wall,"
            f" {w['load_cpu_ms']:5.1f} ms CPU (+ {w['import_ms']:.0f} ms wall,"
            f" {w['import_cpu_ms']:.0f} ms CPU to import portalis, wasmtime)"
        )
    wheels = bench_wheels(q)
    for r in wheels:
        if "error" in r:
            print(f"  wheel {r['example']}: skipped ({r['error']})")
        else:
            print(
                f"  wheel {r['example']:<20} cold {r['cold_s']:.2f} s, "
                f"unchanged {r['unchanged_s']:.2f} s"
            )
    memory = bench_memory()
    for m in memory:
        print(
            f"  peak RSS {m['module']:<12} python {m['python_mib']:.1f} MiB, "
            f"wasm {m['wasm_mib']:.1f} MiB (bare interpreter {m['interpreter_mib']:.1f} MiB)"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"translation": tr, "builds": builds, "wheels": wheels, "memory": memory}, indent=2
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(m["agree"] for m in memory) else 1


if __name__ == "__main__":
    sys.exit(main())
