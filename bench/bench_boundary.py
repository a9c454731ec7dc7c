"""Benchmark: what crossing the Python/WASM boundary costs, per type, in both directions.

    python bench/bench_boundary.py [--quick] [--json FILE]

For each value type the target module has one function that takes the value
and does (almost) nothing with it ("in": the argument is encoded and copied
into WASM), and one that builds and returns it ("out": the result is copied
out and decoded; lists of distinct numbers, so decoding allocates each
item, as it would for real data). The table gives µs per call through Portalis's wrapper and,
for scale, the same function in CPython (CPU time of the calling thread,
best of several batches). A type Portalis cannot pass across
the boundary yet is listed with Portalis's reason, not left out.

A benchmark, not a test: it asserts nothing about speed (but it does check
that the WASM results equal CPython's).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

try:
    import portalis
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))
    import portalis

TARGET_SOURCE = '''\
"""Boundary probes: each function does next to nothing besides taking or making its value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float


def scalar_in(a: int, b: float) -> int:
    return a


def scalar_out(a: int) -> float:
    return 1.5


def str_in(s: str) -> int:
    return 0


def str_out(n: int) -> str:
    return "abcdefghij" * n


def list_int_in(xs: list[int]) -> int:
    return 0


def list_int_out(n: int) -> list[int]:
    return [i * 3 for i in range(n)]


def list_float_in(xs: list[float]) -> int:
    return 0


def list_float_out(n: int) -> list[float]:
    return [i * 0.5 for i in range(n)]


def dict_in(d: dict[str, int]) -> int:
    return 0


def dict_out(n: int) -> dict[str, int]:
    return {str(i): i for i in range(n)}


def point_in(p: Point) -> int:
    return 0


def point_out(x: float) -> Point:
    return Point(x, x)
'''

# case name, function, argument builder (quick flag ignored: sizes are the issue's)
CASES: list[tuple[str, str, str, Any]] = [
    ("int, float scalars", "in", "scalar_in", (3, 2.5)),
    ("float scalar", "out", "scalar_out", (3,)),
    ("str, 100 chars", "in", "str_in", ("abcdefghij" * 10,)),
    ("str, 100 chars", "out", "str_out", (10,)),
    ("list[int] x 10", "in", "list_int_in", (list(range(10)),)),
    ("list[int] x 10", "out", "list_int_out", (10,)),
    ("list[int] x 1,000", "in", "list_int_in", (list(range(1000)),)),
    ("list[int] x 1,000", "out", "list_int_out", (1000,)),
    ("list[int] x 100,000", "in", "list_int_in", (list(range(100_000)),)),
    ("list[int] x 100,000", "out", "list_int_out", (100_000,)),
    ("list[float] x 1,000", "in", "list_float_in", ([i * 0.5 for i in range(1000)],)),
    ("list[float] x 1,000", "out", "list_float_out", (1000,)),
    ("list[float] x 100,000", "in", "list_float_in", ([i * 0.5 for i in range(100_000)],)),
    ("list[float] x 100,000", "out", "list_float_out", (100_000,)),
    ("dict[str, int] x 1,000", "in", "dict_in", ({str(i): i for i in range(1000)},)),
    ("dict[str, int] x 1,000", "out", "dict_out", (1000,)),
    ("dataclass Point(x, y)", "in", "point_in", None),
    ("dataclass Point(x, y)", "out", "point_out", (2.0,)),
]


def per_call(fn: Any, args: tuple[Any, ...], min_time: float, repeats: int) -> float:
    """Microseconds per call: best of `repeats`, each batch at least `min_time` s."""
    timer = timeit.Timer(lambda: fn(*args), timer=time.thread_time)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        number = max(number * 2, int(number * min_time * 1.2 / max(elapsed, 1e-9)))
    best = min([elapsed, *timer.repeat(repeat=repeats - 1, number=number)])
    return best / number * 1e6


def bench_boundary(quick: bool) -> list[dict[str, Any]]:
    min_time, repeats = (0.005, 2) if quick else (0.1, 5)
    with tempfile.TemporaryDirectory(prefix="portalis-bench-") as tmp:
        target = Path(tmp) / "boundary_probe.py"
        target.write_text(TARGET_SOURCE, encoding="utf-8")
        fast = portalis.load(target, mode="wasm")
        plain = portalis.load(target, mode="python")
    info = fast.__portalis__
    rows: list[dict[str, Any]] = []
    for case, direction, name, case_args in CASES:
        # Instances are made by each module's own class (the two loads are two modules).
        args = case_args if case_args is not None else (plain.Point(1.0, 2.0),)
        wasm_args = case_args if case_args is not None else (fast.Point(1.0, 2.0),)
        row: dict[str, Any] = {"case": case, "direction": direction, "function": name}
        if name not in info.translated:
            row["supported"] = False
            row["reason"] = info.skipped.get(name, "not translated")
            row["python_us"] = per_call(getattr(plain, name), args, min_time, repeats)
            row["wasm_us"] = None
        else:
            row["supported"] = True
            expected = getattr(plain, name)(*args)
            got = getattr(fast, name)(*wasm_args)
            row["agree"] = type(got).__qualname__ == type(expected).__qualname__ and repr(
                got
            ) == repr(expected)
            row["wasm_us"] = per_call(getattr(fast, name), wasm_args, min_time, repeats)
            row["python_us"] = per_call(getattr(plain, name), args, min_time, repeats)
            stats = info.call_stats.get(name)
            if stats is not None and stats.type_fallbacks:
                row["note"] = f"{stats.type_fallbacks} calls ran in CPython (type fallback)"
        rows.append(row)
        print_row(row)
    return rows


def fmt_us(us: float | None) -> str:
    if us is None:
        return "-"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.2f} µs" if us < 10 else f"{us:.0f} µs"


def print_row(r: dict[str, Any]) -> None:
    line = (
        f"  {r['case']:<24} {r['direction']:<4} {fmt_us(r['wasm_us']):>10}"
        f" {fmt_us(r['python_us']):>10}"
    )
    if not r["supported"]:
        line += f"  not supported: {r['reason']}"
    elif not r["agree"]:
        line += "  RESULT DIFFERS FROM CPYTHON"
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timings (for tests)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON here")
    args = parser.parse_args(argv)
    print("boundary cost: time per call of a function that only takes / returns the value")
    print(f"  {'value':<24} {'dir':<4} {'Portalis':>10} {'CPython':>10}")
    rows = bench_boundary(args.quick)
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.get("agree", True) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
