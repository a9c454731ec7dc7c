"""Item 7 of the foundation issue, construct by construct, against CPython.

Each row of CASES is `function: [argument tuples]`. The same arguments go to
the plain Python module and to the WASM-backed one; return value (type and
exact value), exception type and args must match. Adding a case is one line.
"""

from __future__ import annotations

import math
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import portalis
from portalis.conformance import run, same_outcome

CORPUS = Path(__file__).parent / "conformance" / "core_numeric.py"
I64_MIN, I64_MAX = -(2**63), 2**63 - 1
EDGE_INTS = [
    0,
    1,
    -1,
    2,
    -2,
    7,
    -7,
    2**31,
    -(2**31),
    2**53 + 1,
    -(2**53) - 1,
    2**62,
    I64_MAX,
    I64_MIN,
    I64_MAX - 1,
    I64_MIN + 1,
]
EDGE_FLOATS = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.5,
    3.0,
    1e300,
    -1e300,
    5e-324,
    math.inf,
    -math.inf,
    math.nan,
    2.0**53,
    1e16,
    0.1,
]

CASES: dict[str, list[tuple[Any, ...]]] = {
    "add": [(1, 2), (I64_MAX, 1), (I64_MIN, -1), (I64_MAX, I64_MIN), (-5, 3)],
    "sub": [(1, 2), (I64_MIN, 1), (0, I64_MIN)],
    "mul": [(3, -4), (2**40, 2**40), (I64_MIN, -1), (-(2**32), 2**31)],
    "floordiv": [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (1, 0), (I64_MIN, -1), (I64_MIN, 1)],
    "mod": [(7, 3), (-7, 3), (7, -3), (-7, -3), (5, 0), (I64_MIN, -1), (0, -3)],
    "truediv": [(1, 3), (-7, 2), (1, 0), (2**53 + 1, 1), (10**18, 7), (0, -5), (I64_MIN, -1)],
    "square": [(3,), (-4,), (2**31,), (2**32,), (3037000499,), (3037000500,)],
    "cube_plus": [(-3,), (2**21,), (2**22,)],
    "inverse_square": [(2,), (-3,), (0,), (1,)],
    "neg": [(5,), (0,), (I64_MIN,), (I64_MAX,)],
    "bits": [(12, 10), (-1, 5), (I64_MIN, I64_MAX), (0, 0)],
    "shl": [(1, 3), (1, 62), (1, 63), (-1, 63), (3, 64), (5, -1), (0, 1000), (-5, 2)],
    "shr": [(256, 4), (-256, 4), (-1, 100), (5, -1), (I64_MIN, 63), (7, 64)],
    "polynomial": [(0,), (1000,), (10**9,), (-(10**9),), (2**40,)],
    "fadd": [(0.1, 0.2), (1e308, 1e308), (math.inf, -math.inf), (-0.0, 0.0), (-0.0, -0.0)],
    "fdiv": [(1.0, 3.0), (1.0, 0.0), (-1.0, -0.0), (0.0, 0.0), (math.inf, math.inf), (5e-324, 2.0)],
    "ffloordiv": [
        (7.5, 2.0),
        (-7.5, 2.0),
        (7.5, -2.0),
        (1.0, 0.0),
        (-0.0, 1.0),
        (0.0, -1.0),
        (math.inf, 1.0),
        (1.0, math.inf),
        (-1.0, math.inf),
        (math.nan, 1.0),
        (1e300, 1e-300),
        (0.1, 0.01),
    ],
    "fmod": [
        (7.5, 2.0),
        (-7.5, 2.0),
        (7.5, -2.0),
        (1.0, 0.0),
        (-0.0, 1.0),
        (0.0, -1.0),
        (math.inf, 1.0),
        (1.0, math.inf),
        (-1.0, math.inf),
        (1.0, -math.inf),
        (-3.0, 3.0),
    ],
    "fpow": [
        (2.0, 10.0),
        (2.0, -1.0),
        (0.0, -1.0),
        (-8.0, 1.0 / 3.0),
        (-2.0, 3.0),
        (-2.0, 2.0),
        (10.0, 400.0),
        (math.nan, 0.0),
        (1.0, math.nan),
        (math.inf, -1.0),
        (-math.inf, 3.0),
        (-0.0, 3.0),
        (-0.0, -3.0),
        (0.5, math.inf),
        (-1.0, math.inf),
        (1.1, 0.5),
    ],
    "mixed": [(3, 2.5), (-7, 0.1), (2**60, 1.5), (0, -0.0), (5, math.inf), (1, math.nan)],
    "scaled": [(4,), (-3,), (2**60,)],
    "int_pow_float": [(2, 0.5), (-8, 1.0 / 3.0), (0, -1.0), (10, 2.0)],
    "mean3": [(1.0, 2.0, 4.0), (0.1, 0.2, 0.3), (1e308, 1e308, -1e308)],
    "between": [(1, 2, 3), (1, 2, 2), (3, 2, 1), (2, 2, 3)],
    "cmp_mixed": [
        (1, 1.0),
        (2**53 + 1, 2.0**53),
        (2**53, 2.0**53),
        (-1, -0.5),
        (0, -0.0),
        (3, math.nan),
        (I64_MAX, 2.0**63),
        (I64_MIN, -(2.0**63)),
        (5, math.inf),
    ],
    "cmp_chain_mixed": [(1, 1.5, 2), (1, 2.5, 2), (2, 2.0, 3), (2**53 + 1, 2.0**53 + 2, 2**54)],
    "pick_or": [(0, 5), (3, 5), (0, 0)],
    "pick_and": [(0, 5), (3, 5), (3, 0)],
    "fpick_or": [(0.0, 2.5), (-0.0, 1.0), (math.nan, 1.0), (1.5, 2.0)],
    "logic": [(True, False), (True, True), (False, False), (False, True)],
    "bool_arith": [(True, True), (True, False), (False, True)],
    "truthy_float": [(0.0,), (-0.0,), (math.nan,), (1e-300,)],
    "sign": [(5,), (-5,), (0,)],
    "clamp": [(5,), (-3,), (50,), (5, 6), (5, 0, 3)],
    "gcd": [(12, 18), (0, 5), (-12, 18), (I64_MIN, 6), (17, 0)],
    "sum_range": [
        (0, 10, 1),
        (10, 0, -1),
        (0, 10, 3),
        (10, 0, -3),
        (5, 5, 1),
        (0, 10, 0),
        (I64_MAX - 5, I64_MAX, 2),
        (I64_MIN, I64_MIN + 3, 1),
    ],
    "triangle": [(0,), (10,), (-5,), (10000,)],
    "count_down": [(5,), (0,), (-3,)],
    "first_multiple": [(20, 7), (5, 7), (1, 3)],
    "skip_odds": [(10,), (0,), (7,)],
    "collatz": [(27,), (1,), (97,), (2**40 + 1,)],
    "loop_var_after": [(5,), (0,)],
    "fib_iter": [(0,), (10,), (92,), (93,), (100,)],
    "aug_ops": [(0,), (5,), (-17,), (10**9,), (2**61,)],
    "faug": [(1.0,), (-2.5,), (0.0,), (1e10,)],
    "infinite_loop_with_break": [(0,), (99,), (10**6,)],
    "fib": [(0,), (1,), (20,)],
    "depth": [(10,), (45,), (200,), (900,), (5000,)],
    "is_even": [(0,), (7,), (10,), (300,)],
    "power_mod": [(2, 10), (3, 200), (2, 100, 13), (0, 0), (5, 3, 1), (7, 5, 0)],
    "uses_keywords": [(3,), (-4,), (100,)],
    "kwonly": [(3,)],
    "side_effect_free": [(3,), (70,)],
    "returns_none_explicit": [(1,)],
    "checked_sqrt_floor": [(0,), (15,), (16,), (-1,), (10**6,)],
    "raise_kinds": [(k,) for k in range(9)],
    "asserts": [(1,), (-1,), (3,)],
    "builtins_int": [(3, -4), (-7, 2), (I64_MIN, 0), (0, 0)],
    "builtins_float": [(1.5, -2.0), (-0.0, 0.0), (math.nan, 1.0), (1.0, math.nan)],
    "float_minmax": [(0.0, -0.0), (-0.0, 0.0), (math.nan, 1.0), (1.0, math.nan), (2.0, 1.0)],
    "conversions": [(3, 2.7), (-3, -2.7), (10, 1e18), (0, -0.0)],
    "truncate": [(2.7,), (-2.7,), (1e18,), (1e19,), (-1e19,), (math.inf,), (math.nan,), (-0.0,)],
    "constants_mix": [(0,), (-10,), (2**50,)],
    "math_int": [(10, 3), (-17, 4), (10**12, 7), (0, 0), (2**40, 19)],
    "math_float": [(2.0, 3.0), (-7.5, 2.0), (1e300, -1e-300), (0.0, -0.0), (5.5, math.inf)],
    "math_floors": [(2.5,), (-2.5,), (1e18,), (1e19,), (math.nan,), (math.inf,), (-0.0,)],
    "math_checks": [(1.0,), (math.nan,), (math.inf,), (-math.inf,)],
    "math_errors": [(0,), (1,), (2,), (3,), (4,)],
    "rounding": [(2.5, 0), (3.5, 0), (2.675, 2), (-0.125, 2), (1e16, 3), (0.5, 400), (15.0, 1),
                 (-2.5, 0), (123.456, 1), (1e-300, 5), (25.0, 0)],
    "rounding_int": [(0.5,), (1.5,), (2.5,), (-0.5,), (-1.5,), (1e18,), (1e20,), (math.inf,),
                     (math.nan,), (2.4999999999999996,)],
    "divmods": [(7, 2), (-7, 2), (7, -2), (7, 0), (I64_MIN, -1)],
    "fdivmods": [(7.5, 2.0), (-7.5, 2.0), (1.0, 0.0), (math.inf, 1.0), (-0.0, 1.0)],
    "pows": [(2, 10, 1000), (3, 200, 13), (2, 10, -7), (2, 3, 0), (-3, 3, 7), (2, -1, 5),
             (0, 0, 1), (10**9, 10**9, 10**9 + 7)],
    "radix": [(0,), (255,), (-255,), (I64_MIN,), (I64_MAX,)],
}

# Calls whose arguments do not match the annotations: the wrapper must run
# them in CPython, never coerce.
TYPE_MISMATCH: list[tuple[str, tuple[Any, ...]]] = [
    ("add", (True, 1)),
    ("add", (1.5, 2)),
    ("add", (2**64, 1)),
    ("add", ("a", "b")),
    ("fadd", (1, 2.0)),
    ("logic", (1, 0)),
    ("truediv", (2**70, 3)),
]


@pytest.fixture(scope="module")
def modules() -> tuple[ModuleType, ModuleType]:
    return portalis.load(CORPUS, mode="python"), portalis.load(CORPUS, mode="wasm")


def test_everything_translates(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    info = wasm.__portalis__
    assert info.skipped == {}, info.skipped
    assert set(CASES) <= set(info.translated)


def _rows() -> list[tuple[str, tuple[Any, ...]]]:
    return [(name, args) for name, rows in CASES.items() for args in rows]


@pytest.mark.parametrize(("name", "args"), _rows(), ids=lambda v: repr(v)[:40])
def test_same_outcome(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    expected = run(getattr(py, name), args, {})
    got = run(getattr(wasm, name), args, {})
    assert same_outcome(expected, got), (
        f"{name}{args}: python {expected.describe()}, wasm {got.describe()}"
    )


@pytest.mark.parametrize(("name", "args"), TYPE_MISMATCH)
def test_type_mismatch_runs_in_cpython(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    stats = wasm.__portalis__.call_stats[name]
    before = stats.type_fallbacks
    assert same_outcome(run(getattr(py, name), args, {}), run(getattr(wasm, name), args, {}))
    assert stats.type_fallbacks == before + 1


def test_ordinary_calls_stay_in_wasm(modules: tuple[ModuleType, ModuleType]) -> None:
    """The fast path really runs WASM: no bail, no fallback for in-range work."""
    _, wasm = modules
    stats = wasm.__portalis__.call_stats
    snapshot = {k: v.as_dict() for k, v in stats.items()}
    assert wasm.fib(25) == 75025
    assert wasm.collatz(27) == 111
    assert wasm.power_mod(3, 10**6) == pow(3, 10**6, 1_000_000_007)
    assert {k: v.as_dict() for k, v in stats.items()} == snapshot


def test_overflow_falls_back_to_exact_cpython(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    stats = wasm.__portalis__.call_stats["fib_iter"]
    before = stats.bails
    assert wasm.fib_iter(100) == 354224848179261915075  # beyond i64: CPython's big int
    assert stats.bails == before + 1


def test_exceptions_cross_with_type_and_message(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    with pytest.raises(ZeroDivisionError) as info:
        wasm.floordiv(1, 0)
    assert str(info.value) == str(_py_error(lambda: 1 // 0))
    with pytest.raises(ValueError, match=r"^math domain error$"):
        wasm.checked_sqrt_floor(-1)
    with pytest.raises(KeyError) as key_info:
        wasm.raise_kinds(2)
    assert key_info.value.args == ("missing",)


def _py_error(fn: Any) -> BaseException:
    try:
        fn()
    except BaseException as exc:
        return exc
    raise AssertionError("no exception")


def test_recursion_limit_matches_cpython_exactly(modules: tuple[ModuleType, ModuleType]) -> None:
    py, wasm = modules

    def outcomes(mod: ModuleType) -> list[bool]:
        out = []
        for n in range(850, 1050, 3):
            try:
                mod.depth(n)
                out.append(True)
            except RecursionError:
                out.append(False)
        return out

    expected = outcomes(py)
    assert True in expected and False in expected  # the range straddles the limit
    assert outcomes(wasm) == expected


i64 = st.one_of(st.sampled_from(EDGE_INTS), st.integers(I64_MIN, I64_MAX), st.integers(-1000, 1000))
f64 = st.one_of(
    st.sampled_from(EDGE_FLOATS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6).map(lambda x: float(round(x))),
)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

INT2 = [
    "add",
    "sub",
    "mul",
    "floordiv",
    "mod",
    "truediv",
    "bits",
    "gcd",
    "pick_or",
    "pick_and",
    "builtins_int",
]
FLOAT2 = ["fadd", "fdiv", "ffloordiv", "fmod", "fpow", "builtins_float", "float_minmax", "fpick_or"]


@pytest.mark.parametrize("name", INT2)
def test_property_int_binary(modules: tuple[ModuleType, ModuleType], name: str) -> None:
    py, wasm = modules

    @SETTINGS
    @given(i64, i64)
    def check(a: int, b: int) -> None:
        assert same_outcome(
            run(getattr(py, name), (a, b), {}), run(getattr(wasm, name), (a, b), {})
        )

    check()


@pytest.mark.parametrize("name", FLOAT2)
def test_property_float_binary(modules: tuple[ModuleType, ModuleType], name: str) -> None:
    py, wasm = modules

    @SETTINGS
    @given(f64, f64)
    def check(a: float, b: float) -> None:
        assert same_outcome(
            run(getattr(py, name), (a, b), {}), run(getattr(wasm, name), (a, b), {})
        )

    check()


@pytest.mark.parametrize("name", ["mixed", "cmp_mixed", "int_pow_float", "conversions"])
def test_property_mixed(modules: tuple[ModuleType, ModuleType], name: str) -> None:
    py, wasm = modules

    @SETTINGS
    @given(i64, f64)
    def check(a: int, x: float) -> None:
        assert same_outcome(
            run(getattr(py, name), (a, x), {}), run(getattr(wasm, name), (a, x), {})
        )

    check()


def test_compare_mode_agrees_and_counts(modules: tuple[ModuleType, ModuleType]) -> None:
    cmp = portalis.load(CORPUS, mode="compare")
    assert cmp.gcd(12, 18) == 6
    with pytest.raises(ZeroDivisionError):
        cmp.floordiv(1, 0)
    stats = cmp.__portalis__.compare_stats
    assert stats["gcd"].calls == 1 and stats["gcd"].mismatches == 0
    assert stats["floordiv"].calls == 1
