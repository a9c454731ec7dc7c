"""Optional values against CPython: returning None, narrowing, None crossing the boundary."""

from __future__ import annotations

import copy
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import portalis
from portalis.conformance import run, same_outcome, same_value

CORPUS = Path(__file__).parent / "conformance" / "optionals.py"

CASES: dict[str, list[tuple[Any, ...]]] = {
    "find": [([1, 2, 3], 2), ([1, 2, 3], 9), ([], 0)],
    "find_or": [([5, 6, 7], 7, -1), ([5, 6, 7], 8, -1)],
    "first_long_word": [("a bb ccc dddd", 3), ("a bb", 5), ("", 1)],
    "describe": [("a bb ccc dddd", 3), ("a bb", 5)],
    "best_score": [([3, 9, 2],), ([],), ([-5],)],
    "maybe_default": [(), (None,), (7,)],
    "show": [(None,), (5,)],
    "count_nones": [([1, None, 3, None],), ([],)],
}


@pytest.fixture(scope="module")
def modules() -> tuple[ModuleType, ModuleType]:
    return portalis.load(CORPUS, mode="python"), portalis.load(CORPUS, mode="wasm")


def test_everything_translates(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    assert wasm.__portalis__.skipped == {}
    assert set(CASES) <= set(wasm.__portalis__.translated)


@pytest.mark.parametrize(
    ("name", "args"),
    [(n, a) for n, rows in CASES.items() for a in rows],
    ids=lambda v: repr(v)[:40],
)
def test_same_outcome(
    modules: tuple[ModuleType, ModuleType], name: str, args: tuple[Any, ...]
) -> None:
    py, wasm = modules
    a, b = copy.deepcopy(args), copy.deepcopy(args)
    expected, got = run(getattr(py, name), a, {}), run(getattr(wasm, name), b, {})
    assert same_outcome(expected, got), f"python {expected.describe()}, wasm {got.describe()}"
    assert same_value(a, b)
    assert wasm.__portalis__.call_stats[name].type_fallbacks == 0
