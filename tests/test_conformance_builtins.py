"""Module constants and builtins, against CPython (issue 3).

Each row of CASES is `function: [argument tuples]` for a function of
tests/conformance/builtins_more.py. The same arguments go to the plain
Python module and to the WASM-backed one: return value (type and exact
value), exception type and message, and printed text must match. Adding a
case is one line. The analysis-only tests below pin what stays Python, and
why.
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
from portalis.analysis import analyse
from portalis.conformance import Outcome, run, same_outcome
from portalis.ingest import ingest

CORPUS = Path(__file__).parent / "conformance" / "builtins_more.py"

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
INT_TEXTS = ["0", "00", "0_0", "0_1", "010", "0x_ff", "0x", "0X1F", "+0b101", "-0o17", "0b1",
             " 1_0 ", "1__0", "_1", "1_", "", " ", "-", "+-1", "z", "Zz", "\t42\n", "1 2",
             "0x1g", "\x0b7\x0c", "\x1c7"]  # fmt: skip
FLOAT_TEXTS = ["1.5", " 1.5\n", "1_0.5", "1._5", "1_.5", "1e1_0", "1e_1", ".5", "5.", ".",
               "e5", "1e", "1e+5", "1E-5", "-inf", "+Infinity", "nAn", "-nan", "infin", "1_000",
               "0x10", "1.5e-400", "1e400", "  ", "", "_1", "1__0", "١٢", "+.5e-3", "-0",
               "00.1", "1.e5", "0.1", "2.675", "9007199254740993", "1e-323", "\x1c1",
               "123456789012345678901234567890.5e-10", "4.9406564584124654e-324"]  # fmt: skip

CASES: dict[str, list[tuple[Any, ...]]] = {
    # -- module constants ---------------------------------------------------------
    "days_in": [(1,), (2,), (12,), (0,), (13,), (-12,), (-13,)],
    "weekday": [(0,), (6,), (7,), (-1,), (100,)],
    "letter": [(100,), (93,), (92,), (50,), (-1,)],
    "gpa_point": [("A",), ("A-",), ("F",), ("Z",)],
    "decode": [(".-",), ("-",), ("b",), ("l",), ("??",)],
    "soundex_digit": [("b",), ("B",), ("x",), ("K",)],
    "morse_line": [("ABC",), ("",), ("TEA",), ("AZ",)],
    "neighbours": [(0, 0), (5, -2)],
    "pair_text": [()],
    "table_sums": [(0,), (3,), (-7,), (2**60,)],
    "weights": [(1,), (2,), (3,), (4,)],
    "floats": [(1.5,), (-0.0,), (float("inf"),), (float("nan"),)],
    "shift": [("abc XYZ!", 3), ("hello", -1), ("", 5), ("zZ", 2**62)],
    "show_tables": [(0,), (1,), (3,)],
    # -- fixed tuples -----------------------------------------------------------------
    "neighbour_sum": [(0, 0), (5, -3)],
    "tuple_loops": [(0,), (4,), (2**62,)],
    "is_small_prime": [(2,), (5,), (13,), (4,), (-5,)],
    "is_vowel": [("a",), ("u",), ("x",), ("",), ("ae",)],
    "any_in_grid": [(0, 0), (1, 1), (2, 2), (5, 5)],
    # -- range() consumed by a builtin -------------------------------------------------
    "range_list": [(0,), (1,), (6,), (-3,)],
    "range_sum": [(0, 10, 1), (10, 0, -3), (0, 10, 0), (0, 2**62, 2**61), (-5, 5, 2)],
    "range_mean": [(6,), (1,), (0,), (-4,)],
    "range_set": [(0,), (3,), (12,)],
    "range_argmax": [([3, 9, 2, 9],), ([],), ([-1],)],
    "range_minmax": [(1,), (5,), (0,)],
    "range_truth": [(0,), (1,), (2,), (5,)],
    # -- assignments ------------------------------------------------------------------
    "best_pair": [([],), ([3, 1, 4, 1, 5],), ([-2, -3],)],
    # -- nested functions -----------------------------------------------------------
    "subsets": [([],), ([1, 2, 3],), ([5, 5],)],
    "n_queens": [(0,), (1,), (4,), (6,)],
    "components": [(4, [(0, 1), (2, 3), (1, 0)]), (3, []), (2, [(0, 5)])],
    "rebound_capture": [(0,), (7,), (2**62,)],
    "word_in_grid": [(["ab", "cd"], "abdc"), (["ab", "cd"], "abcd"), ([], "a"), (["a"], "")],
    "nested_raises": [([2, 4, 6, 8], 1), ([2, 4, 6, 8], 3), ([0, 1], 1), ([1], 5)],
    "deep": [(10,), (500,), (100_000,)],
    # -- sum/sorted/min/max of floats and tuples ------------------------------------
    "fsum_list": [
        ([],),
        ([-0.0],),
        ([0.1] * 10,),
        ([1e100, 1.0, -1e100],),
        ([1e308, 1e308, -1e308],),
        ([math.inf, -math.inf],),
        ([math.nan, 1.0],),
        ([-0.0, -0.0],),
        ([2.5, 1e-17, -2.5],),
    ],
    "fmean": [([],), ([1.0, 2.0],), ([0.1, 0.2, 0.3],)],
    "fsum_gen": [([], 2.0), ([0.1, 0.7], 3.0), ([1e16, 1.0, -1e16], 1.0)],
    "fsorted": [
        ([], False),
        ([3.0, -0.0, 0.0, -1.5, 0.0], False),
        ([3.0, -0.0, 0.0, -1.5], True),
        ([1.0, math.nan, 0.5], False),
        ([math.inf, -math.inf, 1e308], True),
    ],
    "fsort_inplace": [([],), ([2.0, 0.0, -0.0],), ([math.nan, 1.0],)],
    "fextremes": [
        ([],),
        ([0.0, -0.0],),
        ([-0.0, 0.0],),
        ([1.0, math.nan],),
        ([math.nan, 1.0],),
        ([3.5, -2.0, 9.25],),
    ],
    "tuple_sorting": [([],), ([(2, "b"), (1, "z"), (2, "a"), (1, "z")],)],
    "tuple_extremes": [([],), ([(3, 1), (1, 9), (3, 0)],)],
    # -- int ** int, bit_length, int(s, base), float(s), consumed iterators ----------
    "int_power": [(2, 10), (-3, 3), (2, -1), (0, -1), (2, 70), (0, 0), (-1, 2**62 + 1)],
    "power_sum": [([],), ([1, 5, 3],), ([9] * 30,)],
    "leibniz": [(0,), (1,), (1000,)],
    "bits": [(0,), (1,), (255,), (-256,), (I64_MIN,), (I64_MAX,)],
    "parse_base": [(t, b) for t in INT_TEXTS for b in (0, 2, 8, 10, 16, 36)]
    + [
        ("10", 1),
        ("10", 37),
        ("10", -5),
        ("7fffffffffffffff", 16),
        ("-8000000000000000", 16),
        ("8000000000000000", 16),
        ("z" * 13, 36),
        ("١٢", 10),
    ],
    "parse_float": [(t,) for t in FLOAT_TEXTS],
    "parse_or_default": [("1.5",), ("x",), ("",), (" -inf ",)],
    "reversed_join": [([],), (["a", "b", "c"],)],
    "consumed_iterators": [([],), ([3, 1, 2],)],
    # -- float sort keys, tuple ordering ----------------------------------------------
    "by_ratio": [([],), ([(1, 2), (3, 4), (2, 4), (5, 1)],), ([(1, 0)],), ([(0, 1), (0, -1)],)],
    "argmax_abs": [
        ([],),
        ([1.0, -3.0, 3.0, -0.0],),
        ([0.0, -0.0],),
        ([math.nan, 1.0],),
        ([1.0, math.nan],),
    ],
    "sort_by_float": [
        (["a", "bb", "c", "ddd"], [0.5, -0.0, 0.0]),
        (["x"], []),
        (["a", "b"], [math.nan]),
    ],
    "classify": [("if",), ("return",), ("abc",), ("hello",), ("xyz",), ("",), ("aeiouaei",)],
    "show_containers": [([], [], 0), ([1, -2], [0.1, 1e16, math.inf, math.nan, -0.0], 7)],
    "checked_square": [(3,), (-4,), (True,), (2.5,), ("x",)],
    "kinds": [(1.5, True, "s", [1]), (0.0, False, "", [])],
    "type_names": [(1.5, True, [])],
    "tuple_order": [(1, 2, 1, 2), (1, 2, 1, 3), (2, 0, 1, 9), (0, 0, 0, -1)],
    # -- nested tuple targets, `[None] * n` as list[int | None], assert narrowing ------
    "nested_targets": [([],), ([(0, 0)],), ([(0, 0), (2, 3), (-1, 5)],)],
    "none_slots": [(3, [4, 5]), (0, []), (2, [1, 2, 3]), (-1, [])],
    "narrowed_take": [(2, 0), (2, 1), (2, 5), (0, 0)],
    "assert_caught": [(3, 0), (3, 2), (None, 0), (None, -1)],
    # -- printf-style `%` formatting (analysis/percent.py) ----------------------------
    "pct_mixed": [(0, 0.0, ""), (-42, 2.675, "ab"), (255, -1e16, "it's"), (7, math.nan, "é")],
    "pct_single": [(3, 0.5, True), (-7, 1e-7, False), (0, -0.0, True), (2**62, math.inf, False)],
    "pct_flags": [(0, 0.0), (42, 3.14159), (-255, -2.5), (I64_MIN, 1e300), (1, math.nan)],
    "pct_strings": [("", []), ("abcdefg", [1, -2]), ("x'y", [0])],
    "pct_order": [("a", "b"), ("", "")],  # CPython folds this one into an f-string
    "pct_order_tuple_first": [("a", "b")],
    # -- dict(mapping), dict(pairs), dict(zip(...)) ------------------------------------
    "dict_copies": [([],), (["b", "a", "cc", "b"],)],
    "dict_pairs": [
        ([], [], []),
        (["a", "b", "a"], [1.5, -0.0], [(2, "x"), (1, "y"), (2, "z")]),
        (["k"], [0.1, 0.2], [(0, "")]),
    ],
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


def test_constant_reads_stay_in_wasm(modules: tuple[ModuleType, ModuleType]) -> None:
    """Reading a table must not bail to CPython (that would hide a missing feature)."""
    _, wasm = modules
    stats = wasm.__portalis__.call_stats
    before = {k: v.as_dict() for k, v in stats.items()}
    assert wasm.days_in(2) == 28
    assert wasm.letter(85) == "B"
    assert wasm.morse_line("AB") == ".- -..."
    assert wasm.shift("abc", 1) == "bcd"
    assert wasm.fsum_list([0.1, 0.2]) == 0.1 + 0.2
    assert wasm.fsorted([2.0, -0.0, 1.0], False) == [-0.0, 1.0, 2.0]
    assert wasm.subsets([1, 2]) == [[], [1], [1, 2], [2]]
    assert wasm.parse_base("-0x_7f", 0) == -127 and wasm.parse_base("zz", 36) == 1295
    assert wasm.parse_float(" 1_0.5e-1 ") == 1.05 and wasm.parse_float("-Infinity") == -math.inf
    assert wasm.int_power(3, 4) == 162 and wasm.bits(255) == [8, 8, 8, 1]
    assert wasm.show_containers([1], [0.5], 2).startswith("(2, \"it's\") [1] [0.5]")
    assert {k: v.as_dict() for k, v in stats.items()} == before


def test_float_edge_cases_rerun_in_cpython(modules: tuple[ModuleType, ModuleType]) -> None:
    """sum([]) is the int 0 and NaN breaks sorting's order: those calls bail, exactly."""
    _, wasm = modules
    stats = wasm.__portalis__.call_stats
    before = stats["fsum_list"].bails + stats["fsorted"].bails
    assert type(wasm.fsum_list([])) is int
    assert math.isnan(wasm.fsorted([1.0, math.nan], False)[1])
    assert stats["fsum_list"].bails + stats["fsorted"].bails == before + 2


SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NUMBER_TEXT = st.text(alphabet="0123456789_.eE+-xXoObBinfatyINFATYz \t\n", max_size=12)


def test_property_float_and_int_parsing(modules: tuple[ModuleType, ModuleType]) -> None:
    """Random spellings: float(s) and int(s, base) give CPython's value or error."""
    py, wasm = modules

    @SETTINGS
    @given(NUMBER_TEXT, st.sampled_from([0, 2, 8, 10, 16, 36]))
    def check(text: str, base: int) -> None:
        for name, args in (("parse_float", (text,)), ("parse_base", (text, base))):
            expected, _ = observe(getattr(py, name), args)
            got, _ = observe(getattr(wasm, name), args)
            assert same_outcome(expected, got), (name, args, expected.describe(), got.describe())

    check()


# -- what stays Python, and why (analysis only: no rustc) ---------------------------

NESTED_LIMITS = """
def unbound(n: int) -> int:
    def f() -> int:
        return m

    m = n
    return f()


def as_value(n: int) -> int:
    def f() -> int:
        return n

    g = f
    return g()


def with_nonlocal(n: int) -> int:
    total = 0

    def add(x: int) -> None:
        nonlocal total
        total += x

    add(n)
    return total


def in_block(n: int) -> int:
    if n > 0:
        def f() -> int:
            return 1
        return f()
    return 0


def unannotated(n: int) -> int:
    def f(x: int):
        return x

    return f(n)


def calls_later(n: int) -> int:
    def a() -> int:
        return b()

    def b() -> int:
        return n

    return a()
"""


def test_nested_functions_outside_the_rules_stay_python(tmp_path: Path) -> None:
    skips = _skips(tmp_path, NESTED_LIMITS)
    assert "`f` reads `m`, which may be unassigned at its def" in skips["unbound"]
    assert "nested function `f` used as a value" in skips["as_value"]
    assert "`nonlocal` in a nested function is not supported yet" in skips["with_nonlocal"]
    assert "nested functions inside a block are not supported yet" in skips["in_block"]
    assert "nested function `f` needs a supported return annotation" in skips["unannotated"]
    assert "`a` calls `b`, a nested function defined after it" in skips["calls_later"]


MUTATED_TABLES = """
import sys

TABLE = [1, 2, 3]
COUNTS = {"a": 1}
ALIASED = [4, 5]
OTHER = ALIASED
PASSED = [6]
COPY_OK = [7, 8]
FROM_MUTATED = [x * 2 for x in TABLE]
NESTED = [[1], [2]]
EMPTY: list[int] = []
MIXED = [1, 2.0]
BIG = [2**70]
SHADOW = [1, 2]
ITERATED = {1, 2, 3}


def grow() -> None:
    TABLE.append(4)


def bump(k: str) -> None:
    COUNTS[k] += 1


def sink(xs: list[int]) -> int:
    return len(xs)


def read_table() -> int:
    return TABLE[0]


def read_counts() -> int:
    return COUNTS["a"]


def read_aliased() -> int:
    return ALIASED[0]


def read_passed() -> int:
    return sink(PASSED) + PASSED[0]


def read_copy() -> int:
    return len(list(COPY_OK)) + sorted(COPY_OK)[0]


def read_derived() -> int:
    return FROM_MUTATED[0]


def read_nested() -> int:
    return NESTED[0][0]


def read_empty() -> int:
    return len(EMPTY)


def read_mixed() -> int:
    return len(MIXED)


def read_big() -> int:
    return len(BIG)


def read_iterated() -> int:
    return sum(x for x in ITERATED) + (1 in ITERATED)


def read_shadow() -> int:
    len = sink
    return len(SHADOW)
"""


def _skips(tmp_path: Path, source: str) -> dict[str, str]:
    path = tmp_path / "tables.py"
    path.write_text(source, encoding="utf-8")
    spec = analyse(ingest(path))
    return {name: d.short() for name, d in spec.skipped.items()}


def test_tables_the_module_may_change_stay_python(tmp_path: Path) -> None:
    skips = _skips(tmp_path, MUTATED_TABLES)
    assert "`TABLE.append` may change or share it" in skips["read_table"]
    assert "COUNTS[k]" in skips["read_counts"]
    assert "`OTHER = ALIASED` may change or share it" in skips["read_aliased"]
    assert "`sink(PASSED)` may change or share it" in skips["read_passed"]
    assert "read_copy" not in skips  # list()/sorted() only read it
    assert "module-level name `FROM_MUTATED` is not a constant" in skips["read_derived"]
    for name, table in [("read_nested", "NESTED"), ("read_empty", "EMPTY"),
                        ("read_mixed", "MIXED"), ("read_big", "BIG")]:  # fmt: skip
        assert f"module-level name `{table}` is not a constant" in skips[name]
    assert "read_shadow" in skips
    assert "`for x in ITERATED` may see its order or change it" in skips["read_iterated"]
    path = tmp_path / "tables.py"
    constants = analyse(ingest(path)).constants
    assert set(constants) == {"COPY_OK"}  # a local `len` may be anything: SHADOW is out


def test_reflection_makes_every_table_unprovable(tmp_path: Path) -> None:
    skips = _skips(tmp_path, "T = [1]\n\ndef f() -> int:\n    return T[0]\n\nglobals()\n")
    assert "the module uses `globals()`" in skips["f"]


ESCAPING = """
import sys

TABLE = [1, 2, 3]
SAFE = [4, 5]


def first() -> int:
    return TABLE[0] + len(TABLE)


def safe() -> int:
    return SAFE[0]


# Invisible to the analysis: the loader compares live values with the translated ones.
sys.modules[__name__].TABLE.append(9)
"""


def test_loader_keeps_python_when_a_table_differs_at_load_time(tmp_path: Path) -> None:
    path = tmp_path / "escaping.py"
    path.write_text(ESCAPING, encoding="utf-8")
    mod = portalis.load(path, mode="wasm")
    info = mod.__portalis__
    assert "module constant 'TABLE' differs" in info.skipped["first"]
    assert "safe" in info.translated and "first" not in info.translated
    assert mod.first() == 5
    assert mod.safe() == 4


PERCENT_SKIPS = """
def char(n: int) -> str:
    return "%c" % n

def float_as_int(x: float) -> str:
    return "%d" % x

def too_few(n: int) -> str:
    return "%d %d" % (n,)

def int_precision(n: int) -> str:
    return "%.3d" % n

def keyed(n: int) -> str:
    return "%(n)d" % {"n": n}

def star(n: int) -> str:
    return "%*d" % (n, n)

def computed(fmt: str, n: int) -> str:
    return fmt % n
"""


def test_percent_formats_that_stay_python(tmp_path: Path) -> None:
    """What printf-style formatting does not translate, and why (CPython's
    result differs from format(), or it raises TypeError)."""
    skips = _skips(tmp_path, PERCENT_SKIPS)
    assert "with the `%c` conversion" in skips["char"]
    assert "`%` conversion for int given a float" in skips["float_as_int"]
    assert "2 conversions and 1 arguments" in skips["too_few"]
    assert "a precision with `%d`" in skips["int_precision"]
    assert "`%(name)` keys and `*` widths" in skips["keyed"]
    assert "`%(name)` keys and `*` widths" in skips["star"]
    assert "`%` formatting of a computed str" in skips["computed"]


def test_dict_calls_that_stay_python(tmp_path: Path) -> None:
    source = (
        "def kw() -> dict[str, int]:\n    return dict(a=1)\n\n"
        "def gen(n: int) -> dict[int, int]:\n    return dict((i, i) for i in range(n))\n"
    )
    skips = _skips(tmp_path, source)
    assert "dict() with keyword arguments is not supported yet" in skips["kw"]
    assert "generator objects are not supported yet" in skips["gen"]
