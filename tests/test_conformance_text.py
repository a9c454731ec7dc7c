"""str, list, tuple, f-strings, print and try/except against CPython.

Rows of CASES are `function: [argument tuples]`; each call's return value or
exception AND its printed output must match CPython's exactly.
"""

from __future__ import annotations

import contextlib
import io
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import portalis
from portalis.conformance import Outcome, run, same_outcome

CORPUS = Path(__file__).parent / "conformance" / "text_and_lists.py"

CASES: dict[str, list[tuple[Any, ...]]] = {
    "word_count": [(0,), (1,), (7,)],
    "longest_word_len": [(3,), (5,), (100,)],
    "vowel_count": [(0,), (3,)],
    "char_codes": [(0,), (-5,), (123456789,)],
    "slicing": [
        (0, 26, 1),
        (2, 20, 3),
        (25, 0, -2),
        (-5, -1, 1),
        (10, 5, 1),
        (0, 26, 0),
        (-100, 100, 7),
        (3, 3, 1),
    ],
    "negative_index": [(0,), (-1,), (-5,), (4,), (5,), (-6,)],
    "methods": [(1,), (2,), (0,)],
    "predicates": [(0,), (5,), (12345,)],
    "padding": [(0,), (1,), (2,), (3,), (10,), (-4,)],
    "fstrings": [
        (0, 0.0),
        (255, 3.14159),
        (-7, -2.5e-7),
        (10**6, 1e22),
        (1, math.inf),
        (2, math.nan),
        (3, -0.0),
        (123456789, 0.125),
    ],
    "float_text": [
        (0.1,),
        (1e16,),
        (1e-5,),
        (-0.0,),
        (123456789.125,),
        (math.inf,),
        (5e-324,),
        (1.7976931348623157e308,),
        (0.0001,),
        (1234567890123456.0,),
    ],
    "sieve": [(0,), (1,), (2,), (100,), (10000,)],
    "list_ops": [(0,), (1,), (10,), (500,)],
    "list_aliasing": [(5,)],
    "list_errors": [(0,), (2,), (-1,), (-3,), (3,), (-4,)],
    "pop_errors": [(0,), (1,), (2,), (5,)],
    "item_assign": [(0, 5), (4, -1), (-1, 7), (5, 1), (-6, 1)],
    "sorted_strings": [(1,), (3,)],
    "tuples": [(3, 4), (-1, 10)],
    "safe_div": [(7, 2), (7, 0), (-7, 2)],
    "try_else": [(9, 3), (1, 0)],
    "catch_lookup": [(1,), (10,), (-10,)],
    "reraise": [(0,), (5,)],
    "loop_with_try": [(0,), (3,), (20,)],
    "nested_try": [(5,), (0,)],
    "parse_value_error": [(0,), (1,)],
    "report": [(0,), (4,)],
    "show_floats": [(0.1,), (-3.5,), (1e300,), (math.nan,)],
    "show_mixed": [(2,), (7,)],
    "print_then_raise": [(1,), (5,)],
    "comprehensions": [(0,), (1,), (10,), (50,)],
    "any_all": [(0,), (2,), (10,)],
    "short_circuit": [(0,), (1,), (2,), (3,)],
    "enumerate_zip": [(0,), (3,), (10,)],
    "unpack_pairs": [(1,), (5,)],
    "comp_scope": [(0,), (7,)],
    "key_functions": [(0,), (1,), (5,), (12,)],
    "key_errors": [(0,), (1,), (2,)],
    "empty_min": [(0,), (3,)],
    "word_freq": [(0,), (1,), (5,)],
    "dict_ops": [(2,), (4,), (7,)],
    "dict_errors": [(1,), (3,), (-1,)],
    "dict_str_key_error": [("a",), ("zz",)],
    "mutate_while_iterating": [(0,), (1,), (9,)],
    "grouping": [(0,), (7,)],
    "set_ops": [(0,), (5,), (40,)],
    "set_display_order": [(0,), (3,), (-7,), (2**40,)],
    "set_errors": [(1,), (5,)],
    "bfs": [(1,), (10,), (97,)],
    "container_truth": [(0,), (1,), (5,)],
    "computed_messages": [(-3,), (0,), (5,), (1000,)],
}


@pytest.fixture(scope="module")
def modules() -> tuple[ModuleType, ModuleType]:
    return portalis.load(CORPUS, mode="python"), portalis.load(CORPUS, mode="wasm")


def observe(fn: Any, args: tuple[Any, ...]) -> tuple[Outcome, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        outcome = run(fn, args, {})
    return outcome, out.getvalue()


def test_everything_translates(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    info = wasm.__portalis__
    assert info.skipped == {}, info.skipped
    assert set(CASES) <= set(info.translated)


@pytest.mark.parametrize(
    ("name", "args"),
    [(n, a) for n, rows in CASES.items() for a in rows],
    ids=lambda v: repr(v)[:40],
)
def test_same_outcome_and_output(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    expected, expected_out = observe(getattr(py, name), args)
    got, got_out = observe(getattr(wasm, name), args)
    assert same_outcome(expected, got), f"python {expected.describe()}, wasm {got.describe()}"
    assert got_out == expected_out


def test_common_calls_stay_in_wasm(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    stats = wasm.__portalis__.call_stats
    before = {k: v.as_dict() for k, v in stats.items()}
    assert wasm.sieve(1000) == 168
    assert wasm.word_count(3) == 27
    observe(wasm.report, (3,))
    assert {k: v.as_dict() for k, v in stats.items()} == before


SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_property_fstrings(modules: tuple[ModuleType, ModuleType]) -> None:
    py, wasm = modules

    @SETTINGS
    @given(st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=True, allow_infinity=True))
    def check(n: int, x: float) -> None:
        assert same_outcome(run(py.fstrings, (n, x), {}), run(wasm.fstrings, (n, x), {}))
        assert same_outcome(run(py.float_text, (x,), {}), run(wasm.float_text, (x,), {}))

    check()


def test_property_slicing(modules: tuple[ModuleType, ModuleType]) -> None:
    py, wasm = modules

    @SETTINGS
    @given(st.integers(-40, 40), st.integers(-40, 40), st.integers(-5, 5))
    def check(a: int, b: int, step: int) -> None:
        assert same_outcome(run(py.slicing, (a, b, step), {}), run(wasm.slicing, (a, b, step), {}))

    check()
