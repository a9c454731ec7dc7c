"""`--portalis-fuzz`: differential fuzzing end to end, plus the plugin's pure parts in-process.

The end-to-end test plants a divergence with the test-only
`PORTALIS_TEST_PERTURB` switch (`portalis.testing`) and checks that
hypothesis finds it, shrinks it to the boundary and prints a regression test
that passes on CPython. The in-process tests cover the strategies, the
regression-test renderer, the outcome classification and the node-id
handling without building anything.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import find, settings

from plugin_support import EXAMPLES, load_report, project, run
from portalis.conformance import _captured
from portalis.fuzz import fuzz_function, literal, regression_test, strategy_for
from portalis.report import CaseRecord
from portalis.testing import _rules, maybe_perturb
from pytest_portalis.plugin import base_id

pytest_plugins = ["pytester"]
__all__ = ["project"]  # a fixture, used by name


def test_fuzz_finds_and_shrinks_a_planted_divergence(
    project: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shutil.copy(EXAMPLES / "numeric" / "numeric_kit.py", project.path)
    shutil.copy(EXAMPLES / "numeric" / "test_numeric_kit.py", project.path)
    project.makepyprojecttoml('[tool.portalis]\nmodules = ["numeric_kit"]\n')
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", "numeric_kit.isqrt@1000")
    result = run(
        project,
        "--portalis-fuzz=300",
        "-k",
        "portalis_fuzz and (isqrt or gcd or newton_sqrt)",
        "--hypothesis-seed=0",
        "--portalis-report=r.json",
    )
    assert result.ret == 1
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ fuzz numeric_kit.isqrt _*",
            "numeric_kit.isqrt(1000) differs between CPython and WASM (shrunk by hypothesis*",
            "  python: returned 31 (int)",
            "  wasm:   returned 32 (int)",
            "Ready-to-paste regression test (asserts CPython's behaviour):",
            "def test_isqrt_matches_cpython() -> None:",
            "    result = isqrt(1000)",
            "    assert type(result) is int and result == 31",
            "fuzz: 3 functions, up to 300 examples each (* run, * handed to CPython by the WASM "
            "wrapper): 1 mismatch (numeric_kit.isqrt)",
            "FAILED portalis_fuzz::numeric_kit.isqrt - *",
        ]
    )
    report = load_report(project.path / "r.json")
    assert report["mode"] == "off" and report["summary"]["fuzz_mismatches"] == 1
    fuzzed = {f["function"]: f for f in report["fuzz"]["functions"]}
    assert set(fuzzed) == {"gcd", "isqrt", "newton_sqrt"}
    assert fuzzed["gcd"]["mismatch"] is None and fuzzed["gcd"]["examples"] >= 100
    # Ints beyond 64 bits were generated: the wrapper handed those calls to CPython.
    assert 0 < fuzzed["gcd"]["python_fallbacks"] < fuzzed["gcd"]["examples"]
    mismatch = fuzzed["isqrt"]["mismatch"]
    assert mismatch["call"] == "isqrt(1000)"

    # The regression test is real code: on CPython (no WASM) it passes.
    monkeypatch.syspath_prepend(str(project.path))
    monkeypatch.delitem(sys.modules, "numeric_kit", raising=False)
    namespace: dict[str, Any] = {}
    exec(compile(mismatch["regression_test"], "<regression>", "exec"), namespace)
    namespace["test_isqrt_matches_cpython"]()
    sys.modules.pop("numeric_kit", None)


# -- in-process: the fuzzer --------------------------------------------------------------------


def _double(n: int) -> int:
    return n * 2


def _double_wrong_from_50(n: int) -> int:
    return n * 2 + (n >= 50)


def test_fuzz_function_shrinks_to_the_boundary() -> None:
    result = fuzz_function("m", "double", _double, _double_wrong_from_50, examples=200, seed=1)
    assert result.mismatch is not None
    assert result.mismatch.args == (50,) and result.mismatch.kwargs == {}
    assert result.regression is not None and "result = double(50)" in result.regression
    assert "assert type(result) is int and result == 100" in result.regression
    clean = fuzz_function("m", "double", _double, _double, examples=50, seed=1)
    assert clean.mismatch is None and clean.examples == 50


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def test_fuzz_rejects_inputs_cpython_itself_cannot_finish() -> None:
    result = fuzz_function("m", "spin", _spin, _spin, examples=30, timeout=0.02, seed=3)
    assert result.mismatch is None and result.timeouts > 0 and result.examples == 30


@dataclasses.dataclass
class Point:
    x: int
    y: float


def _find(hint: Any, condition: Any) -> Any:
    return find(strategy_for(hint), condition, settings=settings(database=None, max_examples=5000))


def test_strategies_reach_the_edges() -> None:
    assert _find(int, lambda n: n > 2**63) > 2**63
    assert _find(int, lambda n: n < -(2**63)) < -(2**63)
    assert _find(int, lambda n: n == 2**63 - 1) == 2**63 - 1
    assert math.isnan(_find(float, math.isnan))
    assert _find(float, lambda x: math.isinf(x) and x < 0) == -math.inf
    zero = _find(float, lambda x: x == 0 and math.copysign(1.0, x) < 0)
    assert math.copysign(1.0, zero) == -1.0
    assert _find(str, lambda s: any(ord(c) > 127 for c in s))
    assert _find(Optional[list[int]], lambda v: v is None) is None  # noqa: UP045
    assert _find(tuple[int, str], lambda t: t[0] > 5 and t[1])[0] == 6
    assert len(_find(dict[str, bool], lambda d: len(d) == 2)) == 2
    assert isinstance(_find(Point, lambda p: p.x > 3), Point)


# -- in-process: regression tests -----------------------------------------------------------------


def _first_neg(values: list[float]) -> float:
    values.append(0.0)
    if not values[0] < 0:
        raise ValueError(f"no negative first value in {len(values)} items")
    return -0.0


def _loud(n: int) -> None:
    print("n =", n)


def _render(fn: Any, *args: Any) -> tuple[str, dict[str, Any]]:
    import copy

    before = copy.deepcopy(args)
    outcome = _captured(fn, args, {})
    after = (args, {}) if before != args else None
    code = regression_test(__name__, fn.__name__, before, {}, outcome, after, "x\n  python: p\n")
    namespace: dict[str, Any] = {}
    exec(compile(code, "<regression>", "exec"), namespace)
    return code, namespace


def test_regression_tests_assert_cpython_exactly() -> None:
    code, ns = _render(_first_neg, [-1.5])
    assert "arg0 = [-1.5]" in code and "math.copysign(1.0, result) == -1.0" in code
    assert "assert repr(arg0) == '[-1.5, 0.0]'" in code
    ns["test__first_neg_matches_cpython"]()

    code, ns = _render(_first_neg, [math.nan])
    assert 'arg0 = [float("nan")]' in code
    assert "with pytest.raises(ValueError) as excinfo:" in code
    assert "assert excinfo.value.args == ('no negative first value in 2 items',)" in code
    ns["test__first_neg_matches_cpython"]()

    code, _ = _render(_loud, 3)
    assert "def test__loud_matches_cpython(capsys" in code
    assert "assert capsys.readouterr() == ('n = 3\\n', '')" in code
    assert "assert result is None" in code


def test_literals_round_trip() -> None:
    for value in [math.inf, -math.inf, -0.0, 1e300, (1,), [1, (2.5, "x")], {"a": [None]}, {3}]:
        assert literal(eval(literal(value))) == literal(value)
    assert math.isnan(eval(literal(math.nan)))


# -- in-process: plugin bookkeeping --------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodeid", "variant", "base"),
    [
        ("t.py::test_a[python]", "python", "t.py::test_a"),
        ("t.py::test_a[1-2-wasm]", "wasm", "t.py::test_a[1-2]"),
        ("t.py::C::test_a[wasm-x]", "wasm", "t.py::C::test_a[x]"),
    ],
)
def test_base_id(nodeid: str, variant: str, base: str) -> None:
    assert base_id(nodeid, variant) == base


@pytest.mark.parametrize(
    ("outcomes", "previous", "expected"),
    [
        ({"python": "passed", "wasm": "passed"}, {}, "passed_both"),
        ({"python": "passed", "wasm": "failed"}, {}, "conformance_failure"),
        ({"python": "failed", "wasm": "xpassed"}, {}, "conformance_failure"),
        ({"python": "failed", "wasm": "error"}, {}, "ordinary_failure"),
        ({"python": "xfailed", "wasm": "xfailed"}, {}, "xfailed_both"),
        ({"python": "skipped", "wasm": "passed"}, {}, "skipped"),
        ({"wasm": "failed"}, {"python": "passed"}, "conformance_failure"),
        ({"wasm": "failed"}, {}, "single"),
    ],
)
def test_classification(outcomes: dict[str, str], previous: dict[str, str], expected: str) -> None:
    assert CaseRecord("t", outcomes=outcomes, previous=previous).classify("wasm") == expected


def test_perturbation_switch_is_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rules("a.b, c:raise@-3") == [("a.b", "result", None), ("c", "raise", -3)]
    with pytest.raises(ValueError, match="cannot parse 'x:explode'"):
        _rules("x:explode")
    monkeypatch.delenv("PORTALIS_TEST_PERTURB", raising=False)
    assert maybe_perturb(_double, _double) is _double
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", f"{__name__}._double@10")
    wrong = maybe_perturb(_double, _double)
    assert (wrong(9), wrong(10), wrong.__wrapped__) == (18, 21, _double)


def test_schema_file_ships_with_the_package() -> None:
    from pytest_portalis import SCHEMA_PATH

    assert SCHEMA_PATH.is_file() and SCHEMA_PATH.parent.name == "pytest_portalis"
    assert Path(__file__).resolve().parent.parent / "src" / "pytest_portalis" == SCHEMA_PATH.parent
