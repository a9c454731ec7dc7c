"""Benchmark: the kernels in bench/kernels/ in CPython, Portalis WASM, mypyc and (some) native Rust.

    python bench/bench_kernels.py [--quick] [--json FILE]

Every kernel is an ordinary typed Python module with a `run(n)` entry point
that generates its own input (so the boundary is crossed once per call and
the time is the kernel's). Each runs

  - in CPython (`portalis.load(path, mode="python")`),
  - as Portalis WASM (`portalis.load(path, mode="wasm")`), when `run` translates;
    otherwise the row says "not translated" with Portalis's reason,
  - compiled by mypyc (a copy of the kernels compiled in a cache directory,
    keyed by the sources and the mypy version),

and the three results must be equal (`repr` equal: floats to the last bit);
any disagreement is reported and makes the exit status 1. Times are the best
of several calls within this one run, in CPU time of the calling thread
(`time.thread_time`: WASM and mypyc code run on that thread too), so that
other jobs on a shared machine inflate them less than wall time would. For `nbody` and `mandelbrot`,
bench/baselines/*.rs are the same algorithms written directly in Rust,
compiled natively with the same rustc (`-O`), to show the distance to the
limit.

A benchmark, not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KERNELS_DIR = ROOT / "bench" / "kernels"
BASELINES_DIR = ROOT / "bench" / "baselines"

try:
    import portalis
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    import portalis

# kernel module, what it exercises, argument of run() in full mode, in --quick mode
KERNELS: list[tuple[str, str, int, int]] = [
    ("nbody", "float loops over list[float] (n-body)", 20_000, 500),
    ("spectral_norm", "float loops, calls (spectral norm)", 120, 20),
    ("mandelbrot", "float loops (mandelbrot)", 200, 30),
    ("sieve", "list[bool] (sieve of Eratosthenes)", 1_000_000, 20_000),
    ("collatz", "int loops (collatz)", 30_000, 2_000),
    ("fannkuch", "list[int] permutations (fannkuch)", 8, 6),
    ("tokenize_text", "str scanning (tokeniser)", 40_000, 1_000),
    ("word_count", "str methods + dict[str, int]", 100_000, 2_000),
    ("edit_distance", "str + list[int] DP (Levenshtein)", 100, 15),
    ("sorting", "list[int] merge sort / quicksort", 20_000, 1_000),
    ("grouping", "dict[int, list[int]] grouping", 300_000, 5_000),
    ("graph_search", "dict/list BFS + Dijkstra", 120, 15),
    ("recursion", "recursion (fib, ackermann, n-queens)", 27, 15),
    ("shapes", "small class hierarchy", 20_000, 500),
]

# kernel -> hand-written Rust baseline (bench/baselines/NAME.rs)
BASELINES = {"nbody": "nbody.rs", "mandelbrot": "mandelbrot.rs"}


def cache_root() -> Path:
    env = os.environ.get("PORTALIS_BENCH_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "portalis-bench"


def best_of(fn: Callable[[], Any], repeats: int, min_total: float) -> tuple[float, Any]:
    """(best seconds per call, last result); at least `repeats` calls and `min_total` s."""
    best = math.inf
    result: Any = None
    spent = 0.0
    count = 0
    while count < repeats or spent < min_total:
        t0 = time.thread_time()
        result = fn()
        dt = time.thread_time() - t0
        best = min(best, dt)
        spent += dt
        count += 1
        if count >= 50:
            break
    return best, result


# --- mypyc -----------------------------------------------------------------


def build_mypyc(names: list[str]) -> tuple[Path | None, str | None, float]:
    """Compile copies of the kernels with mypyc; (directory, error, seconds). Cached."""
    try:
        from importlib.metadata import version

        mypy_version = version("mypy")
    except Exception:
        return None, "mypy is not installed (pip install 'portalis[bench]')", 0.0
    digest = hashlib.sha256(mypy_version.encode())
    digest.update(sys.version.encode())
    for name in names:
        digest.update(name.encode())
        digest.update((KERNELS_DIR / f"{name}.py").read_bytes())
    out = cache_root() / f"mypyc-{digest.hexdigest()[:16]}"
    if (out / "done").is_file():
        return out, None, 0.0
    cache_root().mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="mypyc-", dir=cache_root()))
    for name in names:
        shutil.copy(KERNELS_DIR / f"{name}.py", tmp / f"{name}.py")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mypyc", *[f"{n}.py" for n in names]],
        cwd=tmp,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
        return None, "mypyc failed: " + " | ".join(tail), seconds
    for name in names:  # keep only the extension modules
        (tmp / f"{name}.py").unlink()
    shutil.rmtree(tmp / "build", ignore_errors=True)
    (tmp / "done").write_text(mypy_version + "\n")
    if out.exists():
        shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out, None, seconds


# --- native Rust baselines ---------------------------------------------------


def run_baseline(name: str, arg: int, repeats: int) -> dict[str, Any]:
    """Compile bench/baselines/NAME.rs natively with rustc -O and time it (it times itself)."""
    from portalis import toolchain

    src = BASELINES_DIR / BASELINES[name]
    try:
        rustc = toolchain.find_toolchain().rustc  # the rustc Portalis uses for WASM
    except Exception:
        rustc = shutil.which("rustc") or "rustc"
    out_dir = cache_root() / "native"
    out_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(src.read_bytes() + str(rustc).encode()).hexdigest()[:12]
    exe = out_dir / f"{name}-{digest}"
    if not exe.is_file():
        proc = subprocess.run(
            [str(rustc), "-O", "--edition", "2018", str(src), "-o", str(exe)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            return {"error": "rustc failed: " + proc.stderr.strip()[-300:]}
    proc = subprocess.run(
        [str(exe), str(arg), str(repeats)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        return {"error": f"{exe.name} exited {proc.returncode}"}
    # last line: "<best seconds> <result repr>"
    seconds, _, result = proc.stdout.strip().splitlines()[-1].partition(" ")
    return {"seconds": float(seconds), "result": result, "rustc": str(rustc)}


# --- the run -------------------------------------------------------------------


def bench_kernels(quick: bool) -> dict[str, Any]:
    repeats, min_total = (1, 0.0) if quick else (3, 0.3)
    names = [k[0] for k in KERNELS]
    mypyc_dir, mypyc_error, mypyc_build_s = build_mypyc(names)
    if mypyc_dir is not None:
        sys.path.insert(0, str(mypyc_dir))
    rows: list[dict[str, Any]] = []
    for name, what, full_arg, quick_arg in KERNELS:
        arg = quick_arg if quick else full_arg
        path = KERNELS_DIR / f"{name}.py"
        row: dict[str, Any] = {"kernel": name, "what": what, "arg": arg}
        py = portalis.load(path, mode="python")
        row["python_s"], expected = best_of(lambda py=py, arg=arg: py.run(arg), repeats, min_total)
        row["result"] = repr(expected)
        results = {"python": repr(expected)}

        t0 = time.perf_counter()
        fast = portalis.load(path, mode="wasm")
        row["load_s"] = time.perf_counter() - t0
        info = fast.__portalis__
        row["translated"] = sorted(info.translated)
        row["skipped"] = dict(info.skipped)
        if "run" in info.translated:
            row["wasm_s"], got = best_of(lambda m=fast, arg=arg: m.run(arg), repeats, min_total)
            results["wasm"] = repr(got)
            stats = info.call_stats.get("run") if isinstance(info.call_stats, dict) else None
            if stats is not None:
                row["wasm_call_stats"] = stats if isinstance(stats, dict) else stats.as_dict()
        else:
            row["wasm_s"] = None
            reason = info.skipped.get("run", "run() not translated")
            # "`Rect` is not a function Portalis translates": say why Rect is not.
            for other, why in sorted(info.skipped.items()):
                if other != "run" and f"`{other}`" in reason.split(" (")[0]:
                    reason += f"; `{other}`: {why}"
            row["not_translated"] = reason

        if mypyc_dir is not None:
            sys.modules.pop(name, None)
            mod = importlib.import_module(name)
            if not str(getattr(mod, "__file__", "")).endswith((".so", ".pyd")):
                row["mypyc_s"] = None
                row["mypyc_error"] = f"imported {mod.__file__}, not the compiled module"
            else:
                row["mypyc_s"], got = best_of(lambda m=mod, arg=arg: m.run(arg), repeats, min_total)
                results["mypyc"] = repr(got)
        else:
            row["mypyc_s"] = None
            row["mypyc_error"] = mypyc_error

        if name in BASELINES:
            native = run_baseline(name, arg, max(repeats, 3))
            row["native"] = native
            if "seconds" in native:
                row["native_s"] = native["seconds"]
                results["native_rust"] = native["result"]

        row["results"] = results
        row["agree"] = len(set(results.values())) == 1
        if row["wasm_s"]:
            row["wasm_speedup"] = row["python_s"] / row["wasm_s"]
        if row["mypyc_s"]:
            row["mypyc_speedup"] = row["python_s"] / row["mypyc_s"]
        if row["wasm_s"] and row["mypyc_s"]:
            row["wasm_over_mypyc"] = row["mypyc_s"] / row["wasm_s"]
        if row["wasm_s"] and row.get("native_s"):
            row["wasm_over_native"] = row["wasm_s"] / row["native_s"]
        rows.append(row)
        print_row(row)

    def gmean(key: str) -> float | None:
        vals = [r[key] for r in rows if r.get(key)]
        return math.exp(sum(math.log(v) for v in vals) / len(vals)) if vals else None

    summary = {
        "kernels": len(rows),
        "translated": sum(1 for r in rows if r["wasm_s"]),
        "all_agree": all(r["agree"] for r in rows),
        "geomean_wasm_speedup": gmean("wasm_speedup"),
        "geomean_mypyc_speedup": gmean("mypyc_speedup"),
        "geomean_wasm_over_mypyc": gmean("wasm_over_mypyc"),
        "wasm_ahead_of_mypyc": [r["kernel"] for r in rows if r.get("wasm_over_mypyc", 0) > 1],
        "mypyc_ahead_of_wasm": [
            r["kernel"] for r in rows if r.get("wasm_over_mypyc") and r["wasm_over_mypyc"] <= 1
        ],
        "mypyc_build_s": mypyc_build_s,
        "mypyc_error": mypyc_error,
    }
    return {"rows": rows, "summary": summary}


def fmt_s(s: float | None) -> str:
    if s is None:
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_x(x: float | None) -> str:
    return "-" if not x else f"{x:.1f}x"


HEADER = (
    f"  {'kernel':<14} {'CPython':>9} {'WASM':>9} {'mypyc':>9} {'native':>9}"
    f" {'WASM/Py':>8} {'mypyc/Py':>8} {'WASM/mypyc':>10}  agree"
)


def print_row(r: dict[str, Any]) -> None:
    print(
        f"  {r['kernel']:<14} {fmt_s(r['python_s']):>9} {fmt_s(r['wasm_s']):>9}"
        f" {fmt_s(r['mypyc_s']):>9} {fmt_s(r.get('native_s')):>9}"
        f" {fmt_x(r.get('wasm_speedup')):>8} {fmt_x(r.get('mypyc_speedup')):>8}"
        f" {fmt_x(r.get('wasm_over_mypyc')):>10}  {'yes' if r['agree'] else 'NO'}",
        flush=True,
    )
    if r.get("not_translated"):
        print(f"      not translated: {r['not_translated']}")
    if r.get("mypyc_error"):
        print(f"      mypyc: {r['mypyc_error']}")
    if not r["agree"]:
        for k, v in r["results"].items():
            print(f"      {k}: {v[:100]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one call each")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args(argv)
    print("kernels: best time per run(n) call; ratios are speedups over CPython")
    print(HEADER)
    out = bench_kernels(args.quick)
    s = out["summary"]
    print(
        f"  geometric mean: WASM {fmt_x(s['geomean_wasm_speedup'])},"
        f" mypyc {fmt_x(s['geomean_mypyc_speedup'])},"
        f" WASM/mypyc {fmt_x(s['geomean_wasm_over_mypyc'])}"
        f" ({s['translated']} of {s['kernels']} kernels translated)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0 if s["all_agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
