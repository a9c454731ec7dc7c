"""Values that cross the boundary as bytes: same results, mutations and identities as CPython."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import portalis
from portalis.conformance import run, same_outcome, same_value

CORPUS = Path(__file__).parent / "conformance" / "boundary.py"

CASES: dict[str, list[tuple[Any, ...]]] = {
    "shout": [("hey",), ("",), ("ünïcode ✓",), ("a\x00b",)],
    "words": [("a b  c",), ("",), ("  lead trail  ",), ("tab\tsep\nnl",)],
    "total": [
        ([],),
        ([1, 2, 3],),
        ([2**62, 2**62],),
        ([-(2**63)],),
        ([2**63 - 1, -(2**63)],),
        (list(range(-50_000, 50_000)),),
    ],
    "mean": [
        ([1.0, 2.0],),
        ([],),
        ([math.inf, -math.inf],),
        ([0.1] * 10,),
        ([math.nan, -0.0],),
        ([i / 7 for i in range(20_000)],),
    ],
    "bump": [([1, 2, 3], 10), ([], 5), ([2**63 - 1], 1)],
    "fail_after_mutation": [([1],), ([1, 2, 3],)],
    "pair": [(3, "xy"), (-1, "")],
    "grid": [(0,), (3,)],
    "word_lengths": [("the quick brown fox",), ("",)],
    "join_all": [(["a", "b", "c"], ", "), ([], "-"), (["x"], "")],
    "count_flags": [([True, False, True],), ([],)],
    "sort_copy": [([3, 1, 2],), ([],)],
    "sort_in_place": [([3, 1, 2],), ([5, 5, -1],)],
    "first_word": [("hello world",), ("",)],
    "nested_sum": [([[1, 2], [3]],), ([],), ([[]],)],
    "echo_tuple": [((1, 2.5, "s"),)],
    "swap_ends": [([0, 1, 0, 3, 12],), ([7],), ([],)],
    "reverse_text": [("abc",), ("",), ("x" * 200,), ("y" * 5000,)],
    "trace": [([[1.0, 2.0], [3.0, 4.0]],), ([],)],
    "scale_row": [
        ([1.0, -2.5], 2.0),
        ([], 1.0),
        ([math.nan, -0.0, math.inf, 5e-324], -1.0),
        ([0.5] * 5000, 3.0),
    ],
    "parse_int": [
        ("42",),
        ("  -7\n",),
        ("+0012",),
        ("1_000",),
        ("1__0",),
        ("_1",),
        ("1_",),
        ("",),
        ("abc",),
        ("12a",),
        ("9223372036854775807",),
        ("9223372036854775808",),
        ("-9223372036854775808",),
        ("\x1c5\x1f",),
        ("٣",),
        ("1.5",),
        (" ",),
        ("--1",),
    ],
    "sum_fields": [("1,2,3",), ("4, 5",), ("x,1",)],
    # lists of lists and dicts (objects.py): mutations copied back in place
    "zero_diagonal": [([[1, 2], [3, 4]],), ([],), ([[5]],), ([[1, 2, 3]],), ([[1, 2]] * 2,)],
    "add_row": [([[1], [2]], [3]), ([[]], []), ([[7]] * 2, [8])],
    "first_row": [([[1.5, -0.0], [2.0]],), ([],)],
    "swap_rows": [([["a"], ["b", "c"]],), ([["x"]],)],
    "mark_then_fail": [([[True]],), ([[False], []],)],
    "deep_bump": [([[[1], [2]], [[3]]],), ([[]],)],
    "count_words": [("a b a c b a",), ("",), ("ünï ünï ✓",)],
    "tally": [({"a": 1}, "a"), ({"a": 1}, "b"), ({}, "")],
    "move_to_end": [({1: 10, 2: 20, 3: 30}, 1), ({1: 10}, 1), ({1: 10}, 2)],
    "invert": [({1: 2, 3: 2, 5: 6},), ({},)],
    "group_by_parity": [([1, 2, 3, 4, 6],), ([],)],
    "append_to": [({1: [1], 2: []}, 2, 5), ({}, 1, 1)],
    "drop_then_fail": [({"a": 0.5, "b": -0.0}, "a"), ({"a": 0.5}, "zz")],
    "push_pair": [(([1], 5),), (([], 0),)],
    "push_optional": [([1], 7), (None, 7), ([], 0)],
    "grow_both": [([[1]], [[0.5]]), ([], [])],
    "scale_values": [({"a": 1, "b": -2}, 3), ({"a": 2**40, "b": 1}, 2**30), ({}, 5)],
}


class _MyInt(int):
    pass


class _MyFloat(float):
    pass


class _MyList(list[int]):
    pass


class _MyDict(dict[int, int]):
    pass


# Arguments of the wrong type, an int beyond 64 bits inside a list, a lone
# surrogate, one list passed twice: all must run in CPython, never coerced.
MISMATCH: list[tuple[str, tuple[Any, ...]]] = [
    ("total", ([True, 2],)),
    ("total", ([2**70],)),
    ("total", ((1, 2),)),
    ("shout", ("\ud800",)),
    ("shout", (b"bytes",)),
    ("mean", ([1, 2.0],)),
    # list[int] / list[float] travel as flat blocks: the same exact-type rules hold
    ("total", ([1, 2.0],)),
    ("total", ([1, 2**63],)),
    ("total", ([-(2**63) - 1],)),
    ("total", ([1, _MyInt(2)],)),
    ("mean", ([0.5, True],)),
    ("mean", ([0.5, _MyFloat(1.5)],)),
    ("echo_tuple", ((1, 2, "s"),)),
    # inner objects and dicts: exactly the annotated type, or CPython runs
    ("zero_diagonal", ([(1, 2), [3, 4]],)),
    ("zero_diagonal", ([[1, True], [3, 4]],)),
    ("zero_diagonal", ([[1, 2], _MyList([3, 4])],)),
    ("invert", (_MyDict({1: 2}),)),
    ("invert", ({1: True},)),
    ("invert", ({True: 1},)),
    ("invert", ({1: 2**64},)),
    ("invert", ({1.0: 2},)),
    ("append_to", ({1: (1,)}, 1, 1)),
]


@pytest.fixture(scope="module")
def modules() -> tuple[ModuleType, ModuleType]:
    return portalis.load(CORPUS, mode="python"), portalis.load(CORPUS, mode="wasm")


def test_everything_crosses(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    assert wasm.__portalis__.skipped == {}
    assert set(CASES) <= set(wasm.__portalis__.translated)


@pytest.mark.parametrize(
    ("name", "args"),
    [(n, a) for n, rows in CASES.items() for a in rows],
    ids=lambda v: repr(v)[:40],
)
def test_same_outcome_and_mutation(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    py_args, wasm_args = copy.deepcopy(args), copy.deepcopy(args)
    expected = run(getattr(py, name), py_args, {})
    got = run(getattr(wasm, name), wasm_args, {})
    assert same_outcome(expected, got), f"python {expected.describe()}, wasm {got.describe()}"
    assert same_value(py_args, wasm_args), "arguments mutated differently"


@pytest.mark.parametrize(("name", "args"), MISMATCH, ids=lambda v: repr(v)[:30])
def test_mismatched_arguments_run_in_cpython(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    stats = wasm.__portalis__.call_stats[name]
    before = stats.type_fallbacks
    assert same_outcome(run(getattr(py, name), args, {}), run(getattr(wasm, name), args, {}))
    assert stats.type_fallbacks == before + 1


def test_identity_is_preserved(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    xs = [1, 2]
    assert wasm.bump(xs, 1) is xs and xs == [2, 3, 1]
    g = wasm.grid(2)
    assert g[0] is g[1] and g[0] is not g[2]
    shared = [1, 2]
    stats = wasm.__portalis__.call_stats["nested_sum"]
    before = stats.type_fallbacks
    assert wasm.nested_sum([shared, shared]) == 6  # one list twice: CPython runs it
    assert stats.type_fallbacks == before + 1


def test_inner_identity_is_preserved(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    a, b = [1.0], [2.0]
    m = [a, b]
    assert wasm.first_row(m) is a
    s, t = ["s"], ["t"]
    rows = [s, t]
    wasm.swap_rows(rows)
    assert rows[0] is t and rows[1] is s and t == ["t", "swapped"]
    row = [9]
    grid = [[1], [2]]
    out = wasm.add_row(grid, row)
    assert out is grid and grid[2] is row and grid[0] == [1, 3]
    inner = [1]
    d = {1: inner}
    assert wasm.append_to(d, 1, 2) is inner and inner == [1, 2]
    counts = {"b": 1, "a": 2}
    keys_before = list(counts)
    wasm.tally(counts, "a")
    assert list(counts) == keys_before and counts == {"b": 1, "a": 3}
    order = {1: 1, 2: 2, 3: 3}
    assert wasm.move_to_end(order, 2) is order and list(order) == [1, 3, 2]
    # One inner list reachable twice stays one object in WASM (no CPython re-run).
    shared = [1, 2]
    stats = wasm.__portalis__.call_stats["zero_diagonal"]
    before = (stats.type_fallbacks, stats.bails)
    twice = [shared, shared]
    wasm.zero_diagonal(twice)
    assert (stats.type_fallbacks, stats.bails) == before
    assert twice[0] is twice[1] is shared and shared == [0, 0]
    row = [1]
    both = {1: row, 2: row}
    assert wasm.append_to(both, 1, 5) is row and both[2] is row and row == [1, 5]
    m2 = [row]
    out = wasm.add_row(m2, row)  # the new row is the same object as m2[0]
    assert out is m2 and m2[0] is m2[1] is row and row == [1, 5, 2]
    # A list inside a tuple or an Optional is the caller's, mutated in place.
    inside = [1]
    assert wasm.push_pair((inside, 5)) == 2 and inside == [1, 5]
    assert wasm.push_optional(inside, 6) == 3 and inside == [1, 5, 6]
    # One list reaching two differently typed parameters: WASM cannot hold it, CPython runs.
    stats = wasm.__portalis__.call_stats["grow_both"]
    before_bails = stats.bails
    one: list[list[Any]] = [[]]
    assert wasm.grow_both(one, one) == 6 and one == [[], [], []]
    assert stats.bails == before_bails + 1


@pytest.mark.parametrize("texts", [["a b a", "c a"], ["x ! y", "z"], [""]])
def test_instance_with_a_dict_attribute(
    modules: tuple[ModuleType, ModuleType], texts: list[str]
) -> None:
    results = []
    for mod in modules:
        t = mod.Tally()
        counts = t.counts
        outcomes = [run(mod.tally_words, (t, text), {}) for text in texts]
        got = outcomes[-1].value if outcomes[-1].kind == "return" else None
        assert t.counts is counts and (got is None or got is counts)
        results.append((outcomes, list(counts.items()), t.total))
    (py_out, py_items, py_total), (w_out, w_items, w_total) = results
    assert all(same_outcome(a, b) for a, b in zip(py_out, w_out))
    assert py_items == w_items and py_total == w_total
    wasm = modules[1]
    assert "tally_words" in wasm.__portalis__.translated
    stats = wasm.__portalis__.call_stats["tally_words"]
    assert stats.type_fallbacks == 0 and stats.bails == 0  # it ran in WASM


def test_mutation_survives_an_exception(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    xs = [1, 2, 3]
    with pytest.raises(ValueError, match="too long"):
        wasm.fail_after_mutation(xs)
    assert xs == [1, 2, 3, 99]
    inner = [True]
    m = [inner, []]
    with pytest.raises(ValueError, match="too many rows"):
        wasm.mark_then_fail(m)
    assert m[0] is inner and m == [[True, True], [], [False]]
    d = {"a": 0.5, "b": 1.0}
    with pytest.raises(KeyError):
        wasm.drop_then_fail(d, "a")
    assert list(d.items()) == [("b", 1.0), ("late", 1.5)]


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_property_int_parsing(modules: tuple[ModuleType, ModuleType]) -> None:
    py, wasm = modules

    @SETTINGS
    @given(
        st.one_of(st.text(alphabet="0123456789_+- \t\n\x1cab", max_size=12), st.integers().map(str))
    )
    def check(s: str) -> None:
        assert same_outcome(run(py.parse_int, (s,), {}), run(wasm.parse_int, (s,), {}))

    check()


def test_property_text_and_lists(modules: tuple[ModuleType, ModuleType]) -> None:
    py, wasm = modules

    @SETTINGS
    @given(st.text(), st.lists(st.integers(-(2**63), 2**63 - 1), max_size=30))
    def check(s: str, xs: list[int]) -> None:
        for name, args in (
            ("shout", (s,)),
            ("words", (s,)),
            ("first_word", (s,)),
            ("total", (xs,)),
            ("sort_copy", (xs,)),
            ("sort_in_place", (list(xs),)),
            ("bump", (list(xs), 3)),
        ):
            a, b = copy.deepcopy(args), copy.deepcopy(args)
            assert same_outcome(run(getattr(py, name), a, {}), run(getattr(wasm, name), b, {}))
            assert same_value(a, b)

    check()
