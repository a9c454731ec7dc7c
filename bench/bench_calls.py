"""Benchmark: the cost of one call across the Python/WASM boundary, and of a cached load.

    python bench/bench_calls.py [--quick] [--json FILE]

For three tiny functions (int, float, bool) it prints µs per call through
  - Portalis's generated wrapper (the normal `module.f(...)`),
  - wasmtime-py's `Func.__call__` on the same exported symbol, same Store,
  - the plain CPython function,
measured in the same run, best of N repeats, with the ratios. Then it times
`portalis.load` of an already-built module in fresh subprocesses (a cache
hit), separately from `import portalis, wasmtime`.

A benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "numeric" / "numeric_kit.py"

try:
    import portalis
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    import portalis

TARGET_SOURCE = '''\
"""Functions whose bodies cost next to nothing, so only the call is measured."""


def add(a: int, b: int) -> int:
    return a + b


def hypot2(x: float, y: float) -> float:
    return x * x + y * y


def both(p: bool, q: bool) -> bool:
    return p and q
'''

# name, display signature, arguments
FUNCTIONS: list[tuple[str, str, tuple[Any, ...]]] = [
    ("add", "add(a: int, b: int) -> int", (1, 2)),
    ("hypot2", "hypot2(x: float, y: float) -> float", (3.0, 4.0)),
    ("both", "both(p: bool, q: bool) -> bool", (True, False)),
]


def per_call(stmt: str, env: dict[str, Any], min_time: float, repeats: int) -> float:
    """Microseconds per call of `stmt`: best of `repeats`, each at least `min_time` s."""
    # CPU time of this thread: on a shared machine, time spent descheduled
    # is not the call's cost.
    timer = timeit.Timer(stmt, globals=env, timer=time.thread_time)
    number = 100
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        number = max(number * 2, int(number * min_time * 1.2 / max(elapsed, 1e-9)))
    best = min([elapsed, *timer.repeat(repeat=repeats - 1, number=number)])
    return best / number * 1e6


def bench_calls(target: Path, min_time: float, repeats: int) -> list[dict[str, Any]]:
    fast = portalis.load(target, mode="wasm")
    plain = portalis.load(target, mode="python")
    info = fast.__portalis__
    inst = info.instance
    assert inst is not None, f"nothing translated: {info.skipped}"
    results = []
    for name, signature, args in FUNCTIONS:
        assert name in info.translated, f"{name} was not translated: {info.skipped.get(name)}"
        func = inst._exports[f"__portalis_fn_{name}"]
        raw_args = tuple(int(a) if isinstance(a, bool) else a for a in args)
        expected = getattr(plain, name)(*args)
        assert getattr(fast, name)(*args) == expected
        raw = func(inst.store, *raw_args)
        assert raw == (int(expected) if isinstance(expected, bool) else expected), raw
        arg_names = [f"a{i}" for i in range(len(args))]
        env = {
            "f": getattr(fast, name),
            "g": getattr(plain, name),
            "func": func,
            "store": inst.store,
            **dict(zip(arg_names, args, strict=True)),
        }
        raw_env = {**env, **{f"a{i}": a for i, a in enumerate(raw_args)}}
        call = ", ".join(arg_names)
        row = {
            "function": signature,
            "portalis_us": per_call(f"f({call})", env, min_time, repeats),
            "wasmtime_func_call_us": per_call(f"func(store, {call})", raw_env, min_time, repeats),
            "python_us": per_call(f"g({call})", env, min_time, repeats),
        }
        row["wasmtime_over_portalis"] = row["wasmtime_func_call_us"] / row["portalis_us"]
        row["portalis_over_python"] = row["portalis_us"] / row["python_us"]
        results.append(row)
    return results


LOAD_SCRIPT = textwrap.dedent("""\
    import json, sys, time
    t0 = time.perf_counter()
    import portalis, wasmtime
    t1 = time.perf_counter()
    m = portalis.load(sys.argv[1], mode="wasm")
    t2 = time.perf_counter()
    info = m.__portalis__
    print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "cache_hit": info.cache_hit,
                      "translated": len(info.translated)}))
""")


def bench_load(path: Path, runs: int) -> dict[str, Any]:
    """Best-of-`runs` times in fresh interpreters; the artifact is built first, so each is a hit."""
    portalis.load(path, mode="wasm")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    samples = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", LOAD_SCRIPT, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {
        "module": path.name,
        "translated": samples[0]["translated"],
        "cache_hit": all(s["cache_hit"] for s in samples),
        "import_ms": min(s["import_s"] for s in samples) * 1e3,
        "load_ms": min(s["load_s"] for s in samples) * 1e3,
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few, short repeats (for tests)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args(argv)
    min_time, repeats, load_runs = (0.02, 3, 2) if args.quick else (0.2, 7, 7)

    print(
        f"Portalis {portalis.__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="portalis-bench-") as tmp:
        target = Path(tmp) / "bench_target.py"
        target.write_text(TARGET_SOURCE, encoding="utf-8")
        calls = bench_calls(target, min_time, repeats)
        loads = [bench_load(target, load_runs)]
        if EXAMPLE.is_file():
            loads.append(bench_load(EXAMPLE, load_runs))

    print()
    print(f"µs per call (best of {repeats} repeats)")
    w = max(len(r["function"]) for r in calls)
    print(
        f"  {'function':<{w}}  {'portalis':>9}  {'wasmtime Func.__call__':>22}  {'CPython':>8}"
        f"  {'wasmtime/portalis':>17}  {'portalis/CPython':>16}"
    )
    for r in calls:
        print(
            f"  {r['function']:<{w}}  {r['portalis_us']:>9.2f}"
            f"  {r['wasmtime_func_call_us']:>22.2f}"
            f"  {r['python_us']:>8.3f}  {r['wasmtime_over_portalis']:>16.1f}x"
            f"  {r['portalis_over_python']:>15.1f}x"
        )
    print("  portalis: generated wrapper (type checks, lock, one unchecked C call);")
    print("  wasmtime Func.__call__: wasmtime-py's checked call of the same export, same Store.")
    print()
    print(f"portalis.load on a cache hit, fresh interpreter (best of {load_runs})")
    wm = max(len(r["module"]) for r in loads)
    print(f"  {'module':<{wm}}  {'functions':>9}  {'import portalis, wasmtime':>25}  {'load()':>9}")
    for r in loads:
        hit = "" if r["cache_hit"] else "  (NOT a cache hit)"
        print(
            f"  {r['module']:<{wm}}  {r['translated']:>9}  {r['import_ms']:>22.1f} ms"
            f"  {r['load_ms']:>6.1f} ms{hit}"
        )

    if args.json:
        Path(args.json).write_text(
            json.dumps({"calls": calls, "load": loads}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
