"""Portalis end to end on the bundled example, examples/numeric/numeric_kit.py.

    ./dev.sh demo            (or: python examples/demo.py [--quick])

1. builds the module with `portalis.load(..., mode="wasm")` (timed; says
   whether the artifact cache was hit),
2. lists which functions run in WASM and which stay Python, and why,
3. checks every translated function against CPython on a few hundred inputs
   (same return value and type, or same exception type and message),
4. times each translated function against CPython on a representative
   workload and prints the ratios and their geometric mean.

Exits 1 if any call disagrees with CPython.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
import timeit
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "numeric" / "numeric_kit.py"

try:
    import portalis
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(HERE.parent / "src"))
    import portalis

from portalis.conformance import run, same_outcome  # noqa: E402

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
F90, F91 = 2880067194370816120, 4660046610375530309  # Fibonacci numbers: Euclid's worst case

Args = tuple[Any, ...]


# -- inputs: a few hundred per function, plus the edges that matter -----------
def _ints(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return [rng.randint(lo, hi) for _ in range(n)]


def _wide_int(rng: random.Random) -> int:
    """Any magnitude from 1 digit to i64, either sign."""
    return rng.choice((-1, 1)) * rng.randint(0, 2 ** rng.randint(1, 63) - 1)


def _float(rng: random.Random, lo: float, hi: float) -> float:
    return rng.uniform(lo, hi)


SPECIAL_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, math.inf, -math.inf, math.nan, 1e300, 1e-300]


def inputs_gcd(rng: random.Random, n: int) -> list[Args]:
    cases = [(_wide_int(rng), _wide_int(rng)) for _ in range(n)]
    edges = [(0, 0), (F90, F91), (I64_MIN, 6), (I64_MIN, I64_MIN), (2**64, 6), (True, 4), (12.0, 8)]
    return [*cases, *edges]


def inputs_lcm(rng: random.Random, n: int) -> list[Args]:
    cases = [tuple(_ints(rng, 2, -(10**6), 10**6)) for _ in range(n)]
    edges = [(0, 5), (F90, F91), (I64_MIN, 3), (2**40, 3**30), (6, 4.0)]
    return [*cases, *edges]


def inputs_is_prime(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, -10, 10**9)]
    small = [(k,) for k in range(-3, 40)]
    edges = [(1_000_000_007,), (999_999_999_989,), (I64_MIN,), (2**64,), (True,), (7.0,)]
    return [*cases, *small, *edges]


def inputs_count_primes(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, -5, 3000)]
    return [*cases, (0,), (2,), (3,), (False,)]


def inputs_euler_phi(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, 1, 10**7)]
    edges = [(1,), (0,), (-4,), (999_999_937,), (2**62,), (3**39,), (True,)]
    return [*cases, *edges]


def inputs_modpow(rng: random.Random, n: int) -> list[Args]:
    cases = [
        (_wide_int(rng), rng.randint(0, 10**18), rng.choice((-1, 1)) * rng.randint(1, 10**9))
        for _ in range(n)
    ]
    edges = [
        (2, 10, 0),
        (2, -1, 7),
        (5, 0, 1),
        (5, 0, -1),
        (0, 0, 7),
        (3, 10**18, 2**62 - 57),
        (I64_MIN, 3, I64_MAX),
        (2, 100, 2**70),
    ]
    return [*cases, *edges]


def inputs_isqrt(rng: random.Random, n: int) -> list[Args]:
    cases = [(rng.randint(0, 2 ** rng.randint(1, 63) - 1),) for _ in range(n)]
    squares = [(k * k,) for k in (1, 2, 3, 10**9, 3037000499)]
    edges = [(0,), (-1,), (I64_MAX,), (I64_MAX - 1,), (2**80,), (16.0,)]
    return [*cases, *squares, *edges]


def inputs_collatz_steps(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, 1, 10**6)]
    edges = [(1,), (0,), (-5,), (837_799,), (2**50 + 1,), (2**62 + 1,), (2**70,), (True,)]
    return [*cases, *edges]


def inputs_fib_iter(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, -3, 120)]
    return [*cases, (92,), (93,), (0,), (False,)]


def inputs_binomial(rng: random.Random, n: int) -> list[Args]:
    cases = []
    for _ in range(n):
        top = rng.randint(0, 100)
        cases.append((top, rng.randint(-3, top + 3)))
    return [*cases, (60, 30), (62, 31), (1000, 3), (5, 2.0)]


def inputs_digit_sum(rng: random.Random, n: int) -> list[Args]:
    cases = [(_wide_int(rng), rng.randint(2, 36)) for _ in range(n)]
    edges = [
        (0, 10),
        (12345, 1),
        (12345, -3),
        (I64_MIN, 10),
        (I64_MAX, 2),
        (2**100, 10),
        (99, True),
    ]
    return [*cases, *edges]


def inputs_harmonic(rng: random.Random, n: int) -> list[Args]:
    cases = [(k,) for k in _ints(rng, n, -5, 5000)]
    return [*cases, (0,), (1,), (2,), (True,)]


def inputs_integrate_cubic(rng: random.Random, n: int) -> list[Args]:
    cases = []
    for _ in range(n):
        coeffs = [_float(rng, -10.0, 10.0) for _ in range(4)]
        lo = _float(rng, -5.0, 5.0)
        cases.append((*coeffs, lo, lo + _float(rng, -3.0, 3.0), rng.randint(1, 400)))
    edges = [
        (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0),
        (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, -2),
        (1.0, 2.0, 3.0, 4.0, 0.0, math.inf, 10),
        (0.0, 0.0, 0.0, math.nan, 0.0, 1.0, 3),
        (1e300, 1e300, 0.0, 0.0, -1e10, 1e10, 50),
        (1, 0.0, 0.0, 0.0, 0.0, 1.0, 10),
    ]
    return [*cases, *edges]


def inputs_mandelbrot_escape(rng: random.Random, n: int) -> list[Args]:
    cases = [
        (_float(rng, -2.5, 1.0), _float(rng, -1.5, 1.5), rng.randint(0, 300)) for _ in range(n)
    ]
    edges = [
        (0.0, 0.0, 100),
        (-2.0, 0.0, 50),
        (math.nan, 0.0, 10),
        (math.inf, 0.0, 10),
        (0.25, 0.0, 1000),
        (1.0, 1.0, -1),
        (0, 0.0, 5),
    ]
    return [*cases, *edges]


def inputs_newton_sqrt(rng: random.Random, n: int) -> list[Args]:
    cases = [(10.0 ** _float(rng, -100.0, 100.0),) for _ in range(n)]
    specials = [(x,) for x in SPECIAL_FLOATS]
    return [*cases, *specials, (2.0, 1e-3), (-4.0,), (4,)]


def inputs_describe(rng: random.Random, n: int) -> list[Args]:
    cases = [(rng.randrange(-(10**6), 10**12),) for _ in range(n)]
    return [*cases, (0,), (1,), (2,), (97,), (2**62,), (-7,)]


# -- workloads for timing: the kind of call the function is written for ------------
@dataclass(frozen=True)
class Spec:
    inputs: Callable[[random.Random, int], list[Args]]
    workload: Args


SPECS: dict[str, Spec] = {
    "gcd": Spec(inputs_gcd, (F90, F91)),
    "lcm": Spec(inputs_lcm, (123_456_789, 987_654_321)),
    "is_prime": Spec(inputs_is_prime, (1_000_000_007,)),
    "count_primes": Spec(inputs_count_primes, (20_000,)),
    "euler_phi": Spec(inputs_euler_phi, (999_999_937,)),
    "modpow": Spec(inputs_modpow, (3, 10**18, 1_000_000_007)),
    "isqrt": Spec(inputs_isqrt, (10**18,)),
    "collatz_steps": Spec(inputs_collatz_steps, (837_799,)),
    "fib_iter": Spec(inputs_fib_iter, (90,)),
    "binomial": Spec(inputs_binomial, (60, 30)),
    "digit_sum": Spec(inputs_digit_sum, (9_007_199_254_740_993,)),
    "harmonic": Spec(inputs_harmonic, (100_000,)),
    "integrate_cubic": Spec(inputs_integrate_cubic, (1.0, -2.0, 0.5, 3.0, 0.0, 2.0, 100_000)),
    "mandelbrot_escape": Spec(inputs_mandelbrot_escape, (-0.2, 0.1, 10_000)),
    "newton_sqrt": Spec(inputs_newton_sqrt, (1e12,)),
    "describe": Spec(inputs_describe, (1_000_000_007,)),
}


def generic_inputs(fn: Callable[..., Any], rng: random.Random, n: int) -> list[Args]:
    """For a function added to the example without a spec: small values of the annotated types."""
    import inspect

    makers = {
        int: lambda: rng.randint(-50, 50),
        float: lambda: rng.uniform(-50.0, 50.0),
        bool: lambda: rng.random() < 0.5,
        "int": lambda: rng.randint(-50, 50),
        "float": lambda: rng.uniform(-50.0, 50.0),
        "bool": lambda: rng.random() < 0.5,
    }
    params = list(inspect.signature(fn).parameters.values())
    return [tuple(makers[p.annotation]() for p in params) for _ in range(n)]


# -- output helpers ---------------------------------------------------------------
def fmt_time(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e9:.0f} ns"


def fmt_call(name: str, args: Args) -> str:
    text = f"{name}({', '.join(repr(a) for a in args)})"
    return text if len(text) <= 44 else text[:41] + "..."


def short_reason(reason: str) -> str:
    """'message (path:line:col)' -> 'line N: message'."""
    m = re.match(r"^(.*) \((.*):(\d+):\d+\)$", reason)
    return f"line {m.group(3)}: {m.group(1)}" if m else reason


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: list[str]) -> str:
        out = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(out).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def best_time(fn: Callable[..., Any], args: Args, min_time: float, repeats: int) -> float:
    """Seconds per call: best of `repeats`, each repeat at least `min_time` long."""
    names = [f"a{i}" for i in range(len(args))]
    env = {"f": fn, **dict(zip(names, args, strict=True))}
    timer = timeit.Timer(f"f({', '.join(names)})", globals=env)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        grow = int(number * min_time * 1.2 / elapsed) if elapsed > 0 else number * 10
        number = max(number * 2, grow)
    return min([elapsed, *timer.repeat(repeat=repeats - 1, number=number)]) / number


# -- the four steps -------------------------------------------------------------------------
def step_build() -> types.ModuleType:
    print("1. Build")
    started = time.perf_counter()
    fast = portalis.load(EXAMPLE, mode="wasm")
    elapsed = time.perf_counter() - started
    info = fast.__portalis__
    how = (
        "cache hit: reused the compiled module"
        if info.cache_hit
        else "cache miss: translated to Rust and compiled to WASM"
    )
    print(
        f'   portalis.load("{EXAMPLE.relative_to(HERE.parent)}", mode="wasm") took '
        f"{fmt_time(elapsed)} ({how})"
    )
    print(f"   artifact: {info.wasm_path}")
    print()
    return fast


def step_functions(plain: types.ModuleType, fast: types.ModuleType) -> list[str]:
    info = fast.__portalis__
    names = [
        n
        for n, v in vars(plain).items()
        if isinstance(v, types.FunctionType) and v.__module__ == plain.__name__
    ]
    translated = [n for n in names if n in info.translated]
    stay = len(names) - len(translated)
    print(f"2. Functions: {len(translated)} run in WASM, {stay} stay Python")
    rows = []
    for name in names:
        if name in info.translated:
            rows.append([name, "WASM", ""])
        else:
            rows.append([name, "Python", short_reason(info.skipped.get(name, "not translated"))])
    for line in table(["function", "runs in", "why it stays Python"], rows, set()):
        print(line)
    print()
    return translated


def step_conformance(
    plain: types.ModuleType, fast: types.ModuleType, names: list[str], per_function: int
) -> int:
    print(
        f"3. Conformance: every translated function against CPython "
        f"(~{per_function} inputs each plus edge cases)"
    )
    rng = random.Random(20240601)
    info = fast.__portalis__
    rows = []
    total = agreed = 0
    failures: list[str] = []
    for name in names:
        py_fn, wasm_fn = getattr(plain, name), getattr(fast, name)
        spec = SPECS.get(name)
        cases = spec.inputs(rng, per_function) if spec else generic_inputs(py_fn, rng, per_function)
        stats = info.call_stats[name]
        before = stats.as_dict()
        raised = ok = 0
        for args in cases:
            expected = run(py_fn, args, {})
            got = run(wasm_fn, args, {})
            if same_outcome(expected, got):
                ok += 1
                raised += expected.kind == "raise"
            elif len(failures) < 10:
                failures.append(
                    f"{fmt_call(name, args)}: CPython {expected.describe()}, WASM {got.describe()}"
                )
        after = stats.as_dict()
        delta = {k: after[k] - before[k] for k in after}
        total += len(cases)
        agreed += ok
        rows.append(
            [
                name,
                str(len(cases)),
                f"{ok}/{len(cases)}",
                str(raised),
                str(delta["bails"]),
                str(delta["type_fallbacks"]),
                str(delta["traps"]),
                "" if ok == len(cases) else "DISAGREE",
            ]
        )
    for line in table(
        ["function", "calls", "agree", "raised", "re-run", "type", "trap", ""],
        rows,
        {1, 2, 3, 4, 5, 6},
    ):
        print(line)
    print("   raised: both sides raised the same exception type with the same message")
    print("   re-run: WASM gave up (an i64 overflow) and the call re-ran in CPython")
    print("   type:   an argument was not exactly its annotated type, or an int outside i64,")
    print("           so the call ran in CPython without entering WASM")
    print("   trap:   WASM trapped and the call re-ran in CPython (expected: 0)")
    print(f"   {agreed}/{total} agree")
    for f in failures:
        print(f"   MISMATCH {f}")
    print()
    return total - agreed


def step_speed(
    plain: types.ModuleType, fast: types.ModuleType, names: list[str], min_time: float, repeats: int
) -> None:
    print(f"4. Speed: time per call on a representative workload (best of {repeats})")
    info = fast.__portalis__
    rows = []
    ratios = []
    for name in names:
        spec = SPECS.get(name)
        if spec is None:
            continue
        args = spec.workload
        py_fn, wasm_fn = getattr(plain, name), getattr(fast, name)
        before = info.call_stats[name].as_dict()
        same = same_outcome(run(py_fn, args, {}), run(wasm_fn, args, {}))
        stayed = info.call_stats[name].as_dict() == before
        t_py = best_time(py_fn, args, min_time, repeats)
        t_wasm = best_time(wasm_fn, args, min_time, repeats)
        ratio = t_py / t_wasm
        ratios.append(ratio)
        note = "" if ratio >= 1.0 else "slower in WASM"
        if not stayed:
            note = "re-ran in CPython (slow path)"
        if not same:
            note = "RESULTS DIFFER"
        rows.append(
            [
                name,
                fmt_call(name, args),
                fmt_time(t_py),
                fmt_time(t_wasm),
                f"{ratio:.1f}x" if ratio >= 0.95 else f"{ratio:.2f}x",
                note,
            ]
        )
    for line in table(
        ["function", "workload", "CPython", "WASM", "speedup", "note"], rows, {2, 3, 4}
    ):
        print(line)
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        slower = sum(r < 1.0 for r in ratios)
        print(
            f"   geometric mean speedup: {geo:.1f}x over {len(ratios)} functions"
            + (f" ({slower} slower than CPython: call overhead exceeds the work)" if slower else "")
        )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="shorter timings (for tests); conformance checks are unchanged",
    )
    parser.add_argument("--inputs", type=int, default=300, help="random inputs per function")
    args = parser.parse_args(argv)

    print(f"Portalis {portalis.__version__} demo on {EXAMPLE.relative_to(HERE.parent)}")
    print()
    fast = step_build()
    plain = portalis.load(EXAMPLE, mode="python")
    names = step_functions(plain, fast)
    disagreements = step_conformance(plain, fast, names, args.inputs)
    if args.quick:
        step_speed(plain, fast, names, min_time=0.005, repeats=2)
    else:
        step_speed(plain, fast, names, min_time=0.05, repeats=5)
    if disagreements:
        print(f"FAILED: {disagreements} call(s) disagree with CPython")
        return 1
    print("OK: every translated function agrees with CPython on every input tried")
    return 0


if __name__ == "__main__":
    sys.exit(main())
