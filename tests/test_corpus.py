"""The realistic corpus (issue 3): how much of typical typed Python translates, and is it exact?

Every module under tests/corpus/ is ordinary typed code with a sibling
`test_<module>.py` of plain pytest tests that pass on CPython. Here each module
is loaded three ways — `mode="python"`, `mode="wasm"` and `mode="compare"` —
and its own tests run against each variant (the test module's reference to the
module under test is rebound; `@pytest.mark.parametrize` is expanded). Asserted:

- the tests pass against every variant;
- compare mode saw 0 disagreements: every call of a translated function the
  tests make (directly, or from Python code that calls it) gave CPython's
  return value or exception, printed text and argument mutations.

Not asserted: the share of functions translated (the issue's target is 90%).
It is reported instead, per module and overall, with a histogram of skip
reasons (file:line dropped, call chains resolved to their root cause): the top
of that list is what to implement next. The report is printed in the terminal
summary and written as JSON to `$PORTALIS_CORPUS_REPORT` (default: the pytest
session's base temp directory, `corpus-report.json`).

Corpus conventions (checked here): the test module imports the module under
test with `import mod` or `import mod as alias` and uses only attributes of it
(no `from mod import name`), and uses no fixtures other than parametrize.

All modules are built once per session, in parallel (one worker per core), by
the `corpus_builds` fixture.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import importlib.util
import inspect
import io
import itertools
import json
import os
import re
import subprocess
import sys
import time
import traceback
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

import portalis

CORPUS = Path(__file__).parent / "corpus"
MODULES = sorted(
    p
    for p in CORPUS.rglob("*.py")
    if not p.name.startswith("test_") and p.name != "conftest.py" and "__pycache__" not in p.parts
)
MODES = ("python", "wasm", "compare")
REPORT_ENV = "PORTALIS_CORPUS_REPORT"
TOP_REASONS = 15
SHOWN = 8  # disagreements / failures quoted per module in an assertion message


def _clip(text: str, limit: int) -> str:
    """Each line of `text` cut to `limit` characters (a call's arguments can be huge)."""
    return "\n".join(
        line if len(line) <= limit else line[: limit - 24] + f"... [{len(line)} chars]"
        for line in text.splitlines()
    )


def module_id(path: Path) -> str:
    return path.relative_to(CORPUS).with_suffix("").as_posix()


# --- building every module once, in parallel ------------------------------------


@dataclass
class BuildOutcome:
    seconds: float
    error: str | None = None


# The modules are built (translated, compiled by rustc, compiled again by
# Cranelift into the shared cache) by `portalis.load` in child processes, one
# per core, each taking every n-th module: processes, not threads, because
# `ast.parse` is not thread-safe on CPython 3.11 ("AST constructor recursion
# depth mismatch"). Each child appends one JSON line per module to its file.
_BUILD_SCRIPT = """
import json, sys, time, traceback
import portalis
out = open(sys.argv[1], "a", encoding="utf-8")
for path in sys.argv[2:]:
    started = time.perf_counter()
    try:
        portalis.load(path, mode="wasm")
        error = None
    except BaseException:
        error = traceback.format_exc()[-4000:]
    out.write(json.dumps({"path": path, "seconds": time.perf_counter() - started, "error": error}))
    out.write("\\n")
    out.flush()
"""


@pytest.fixture(scope="session")
def corpus_builds(
    request: pytest.FixtureRequest,
    corpus_report: CorpusReport,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[Path, BuildOutcome]:
    """Build the selected corpus modules into the session cache, one process per core."""
    selected = {
        item.callspec.params["path"]  # type: ignore[attr-defined]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_corpus_module"
    }
    # Biggest first, dealt round-robin, so the workers finish at about the same time.
    order = sorted(selected or MODULES, key=lambda p: -p.stat().st_size)
    workers = max(1, min(os.cpu_count() or 1, len(order)))
    logs = tmp_path_factory.mktemp("corpus-builds")
    corpus_report.started = time.perf_counter()
    procs = []
    for i in range(workers):
        with (logs / f"{i}.out").open("wb") as out:  # a file, not a pipe: never blocks
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", _BUILD_SCRIPT, str(logs / f"{i}.jsonl")]
                    + [str(p) for p in order[i::workers]],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
    for proc in procs:
        proc.wait()
    outcomes: dict[Path, BuildOutcome] = {}
    for log in logs.glob("*.jsonl"):
        for line in log.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            outcomes[Path(row["path"])] = BuildOutcome(row["seconds"], row["error"])
    for i, proc in enumerate(procs):
        for path in order[i::workers]:
            if path not in outcomes:
                output = (logs / f"{i}.out").read_text(encoding="utf-8", errors="replace")
                outcomes[path] = BuildOutcome(
                    0.0, f"build worker exited with {proc.returncode}:\n{output[-4000:]}"
                )
    return outcomes


# --- the report ---------------------------------------------------------------------

_LOCATION = re.compile(r"\s*\([^()]*\.py:\d+(?::\d+)?\)")
_CALLS = re.compile(r"^calls `[^`]+`, which is not translated \((.*)\)$", re.DOTALL)
_NAMED = re.compile(r"\b(parameter|local variable|variable|calls|name) `[^`]+`")


def normalise_reason(reason: str) -> str:
    """Drop every `(file.py:line:col)` and anonymise parameter/variable names."""
    previous = None
    while previous != reason:
        previous, reason = reason, _LOCATION.sub("", reason)
    return _NAMED.sub(lambda m: f"{m.group(1)} `…`", reason.strip())


def root_cause(reason: str) -> str:
    """`calls f, which is not translated (why)` -> why, recursively; then normalised."""
    text = reason
    previous = None
    while previous != text:
        previous, text = text, _LOCATION.sub("", text)
    text = text.strip()
    while (m := _CALLS.match(text)) is not None:
        text = m.group(1).strip()
    return normalise_reason(text)


def disagreeing_functions(messages: list[str]) -> list[str]:
    """The function names that compare-mode messages (`f(args) differs ...`) are about."""
    return sorted({m.split("(", 1)[0] for m in messages})


def count_defs(path: Path, translated: set[str]) -> tuple[int, int]:
    """(functions and methods defined, of those translated), counting methods one by one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    total = done = 0
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            total += 1
            done += node.name in translated
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    total += 1
                    done += node.name in translated or f"{node.name}.{item.name}" in translated
    return total, done


@dataclass
class ModuleResult:
    module: str
    functions: int = 0
    translated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    defs: int = 0
    defs_translated: int = 0
    tests: int = 0
    failures: dict[str, list[str]] = field(default_factory=dict)
    compared_calls: int = 0
    disagreements: list[str] = field(default_factory=list)
    not_called_from_python: list[str] = field(default_factory=list)
    slow_paths: dict[str, int] = field(default_factory=dict)
    build_seconds: float = 0.0
    build_error: str | None = None

    @property
    def percent(self) -> float:
        return 100.0 * len(self.translated) / self.functions if self.functions else 0.0


class CorpusReport:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = time.perf_counter()
        self.results: dict[str, ModuleResult] = {}

    def summary(self) -> dict[str, Any]:
        rs = list(self.results.values())
        functions = sum(r.functions for r in rs)
        translated = sum(len(r.translated) for r in rs)
        defs = sum(r.defs for r in rs)
        defs_translated = sum(r.defs_translated for r in rs)
        roots = collections.Counter(root_cause(why) for r in rs for why in r.skipped.values())
        direct = collections.Counter(
            normalise_reason(why) for r in rs for why in r.skipped.values()
        )
        return {
            "modules": len(rs),
            "functions": functions,
            "translated": translated,
            "skipped": functions - translated,
            "percent_translated": round(100.0 * translated / functions, 1) if functions else 0.0,
            "defs_including_methods": defs,
            "defs_translated": defs_translated,
            "percent_defs_translated": round(100.0 * defs_translated / defs, 1) if defs else 0.0,
            "test_cases": sum(r.tests for r in rs),
            "compared_calls": sum(r.compared_calls for r in rs),
            "disagreements": sum(len(r.disagreements) for r in rs),
            "functions_disagreeing": [
                f"{r.module}.{name}" for r in rs for name in disagreeing_functions(r.disagreements)
            ],
            "test_failures": {m: sum(len(r.failures.get(m, [])) for r in rs) for m in MODES},
            "build_errors": sum(r.build_error is not None for r in rs),
            "seconds": round(time.perf_counter() - self.started, 1),
            "skip_root_causes": dict(roots.most_common()),
            "skip_reasons": dict(direct.most_common()),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "modules": [
                {**asdict(r), "percent": round(r.percent, 1)}
                for _, r in sorted(self.results.items())
            ],
        }

    def lines(self) -> list[str]:
        if not self.results:
            return []
        s = self.summary()
        width = max(len(m) for m in self.results)
        out = [f"{'module':<{width}}  funcs  transl  skipped      %  calls  disagree"]
        for name, r in sorted(self.results.items()):
            flag = " BUILD ERROR" if r.build_error else ""
            out.append(
                f"{name:<{width}}  {r.functions:>5}  {len(r.translated):>6}  {len(r.skipped):>7}"
                f"  {r.percent:>5.1f}  {r.compared_calls:>5}  {len(r.disagreements):>8}{flag}"
            )
        out.append("")
        out.append(f"top {TOP_REASONS} skip reasons (root cause, count):")
        for why, n in list(s["skip_root_causes"].items())[:TOP_REASONS]:
            out.append(f"  {n:>4}  {why}")
        out.append("")
        out.append(
            f"corpus: {s['modules']} modules, {s['functions']} functions, "
            f"{s['translated']} translated ({s['percent_translated']}%; "
            f"{s['percent_defs_translated']}% of {s['defs_including_methods']} defs counting "
            f"methods), {s['test_cases']} test cases, {s['compared_calls']} compared calls, "
            f"{s['disagreements']} disagreements, {s['seconds']} s; report: {self.path}"
        )
        if s["functions_disagreeing"]:
            out.append("DISAGREEING (critical): " + ", ".join(s["functions_disagreeing"]))
        return out


class _SummaryPlugin:
    def __init__(self, report: CorpusReport) -> None:
        self.report = report

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        lines = self.report.lines()
        if lines:
            terminalreporter.section("Portalis corpus")
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def corpus_report(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CorpusReport]:
    target = os.environ.get(REPORT_ENV)
    path = Path(target) if target else tmp_path_factory.getbasetemp() / "corpus-report.json"
    report = CorpusReport(path.resolve())
    request.config.pluginmanager.register(_SummaryPlugin(report), "portalis-corpus-summary")
    yield report
    if report.results:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")


# --- running a module's own tests against a variant ------------------------------


@dataclass
class Case:
    name: str
    function: Callable[..., Any]
    kwargs: dict[str, Any]


def import_test_module(path: Path, variant: types.ModuleType) -> types.ModuleType:
    """Execute test_<mod>.py with `import <mod>` bound to `variant`."""
    test_path = path.with_name(f"test_{path.name}")
    assert test_path.is_file(), f"{module_id(path)} has no sibling {test_path.name}"
    spec = importlib.util.spec_from_file_location(f"_portalis_corpus_test_{path.stem}", test_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get(path.stem)
    sys.modules[path.stem] = variant
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            sys.modules.pop(path.stem, None)
        else:
            sys.modules[path.stem] = saved
    return module


def module_globals(tests: types.ModuleType, variant: types.ModuleType) -> list[str]:
    names = [k for k, v in vars(tests).items() if v is variant]
    assert names, f"{tests.__file__} does not `import {variant.__name__}`"
    leaked = [
        k
        for k, v in vars(tests).items()
        if getattr(v, "__module__", None) == variant.__name__
        and not isinstance(v, types.ModuleType)
    ]
    assert not leaked, (
        f"{tests.__file__}: `from {variant.__name__} import ...` ({leaked}) cannot be rebound; "
        f"use `import {variant.__name__}` and attribute access"
    )
    return names


def _parametrize(mark: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    argnames, argvalues = mark.args[0], mark.args[1]
    names = (
        [n.strip() for n in argnames.split(",")] if isinstance(argnames, str) else list(argnames)
    )
    rows = []
    for value in argvalues:
        if hasattr(value, "values") and hasattr(value, "marks"):  # pytest.param(...)
            rows.append(tuple(value.values))
        elif len(names) == 1:
            rows.append((value,))
        else:
            rows.append(tuple(value))
    return names, rows


def collect_cases(tests: types.ModuleType) -> list[Case]:
    cases = []
    for name, fn in vars(tests).items():
        if not (name.startswith("test") and inspect.isfunction(fn)):
            continue
        if fn.__module__ != tests.__name__:
            continue
        marks = [m for m in getattr(fn, "pytestmark", []) if m.name == "parametrize"]
        grids = [_parametrize(m) for m in marks]
        params = set(inspect.signature(fn).parameters)
        covered = {n for names, _ in grids for n in names}
        assert params <= covered, f"{name}: fixtures {sorted(params - covered)} are not supported"
        for combo in itertools.product(*(rows for _, rows in grids)):
            kwargs: dict[str, Any] = {}
            for (names, _), row in zip(grids, combo):
                kwargs.update(zip(names, row))
            label = name + (
                "[" + "-".join(repr(v)[:24] for v in kwargs.values()) + "]" if kwargs else ""
            )
            cases.append(Case(label, fn, kwargs))
    return cases


def run_cases(
    tests: types.ModuleType, names: list[str], variant: types.ModuleType, cases: list[Case]
) -> list[str]:
    """Run every case against `variant`; the failures as 'case: error' lines."""
    saved = {n: getattr(tests, n) for n in names}
    failures = []
    try:
        for n in names:
            setattr(tests, n, variant)
        for case in cases:
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    case.function(**case.kwargs)
            except pytest.skip.Exception:
                continue
            except (Exception, pytest.fail.Exception) as exc:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                detail = str(exc) or (where.line or "")  # plain `assert`: show the statement
                failures.append(
                    f"{case.name}: {type(exc).__name__}: {detail} "
                    f"({Path(where.filename).name}:{where.lineno})"
                )
    finally:
        for n, v in saved.items():
            setattr(tests, n, v)
    return failures


@pytest.mark.parametrize("path", MODULES, ids=[module_id(p) for p in MODULES])
def test_corpus_module(
    path: Path, corpus_builds: dict[Path, BuildOutcome], corpus_report: CorpusReport
) -> None:
    result = ModuleResult(module_id(path))
    corpus_report.results[result.module] = result
    built = corpus_builds[path]
    result.build_seconds = round(built.seconds, 2)
    if built.error is not None:
        result.build_error = built.error
        pytest.fail(f"build failed (a Portalis bug):\n{built.error}")

    variants = {
        "python": portalis.load(path, mode="python"),
        "wasm": portalis.load(path, mode="wasm"),
        "compare": portalis.load(path, mode="compare", compare_action="warn"),
    }
    info = variants["wasm"].__portalis__
    result.translated = list(info.translated)
    result.skipped = dict(info.skipped)
    result.functions = len(result.translated) + len(result.skipped)
    result.defs, result.defs_translated = count_defs(path, set(result.translated))

    tests = import_test_module(path, variants["python"])
    names = module_globals(tests, variants["python"])
    cases = collect_cases(tests)
    assert cases, f"{module_id(path)}: its test module has no test functions"
    result.tests = len(cases)

    for mode, variant in variants.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", portalis.ConformanceWarning)
            failures = run_cases(tests, names, variant, cases)
        if failures:
            result.failures[mode] = failures
        if mode == "compare":
            result.disagreements = [
                _clip(str(w.message), 1000)
                for w in caught
                if issubclass(w.category, portalis.ConformanceWarning)
            ]

    cinfo = variants["compare"].__portalis__
    result.compared_calls = sum(s.calls for s in cinfo.compare_stats.values())
    result.not_called_from_python = sorted(
        n for n, s in cinfo.compare_stats.items() if s.calls == 0
    )
    mismatches = sum(s.mismatches for s in cinfo.compare_stats.values())
    slow: collections.Counter[str] = collections.Counter()
    for stats in info.call_stats.values():
        slow.update({k: v for k, v in stats.as_dict().items() if v})
    result.slow_paths = dict(slow)

    problems = []
    if mismatches or result.disagreements:
        shown = [_clip(d, 300) for d in result.disagreements[:SHOWN]]
        more = len(result.disagreements) - len(shown)
        problems.append(
            f"{max(mismatches, len(result.disagreements))} DISAGREEMENT(S) between CPython and "
            "WASM:\n" + "\n".join(shown) + (f"\n... and {more} more" if more > 0 else "")
        )
    for mode in MODES:
        if mode in result.failures:
            problems.append(
                f"{len(result.failures[mode])} test(s) fail in {mode} mode:\n  "
                + "\n  ".join(_clip(f, 400) for f in result.failures[mode][:SHOWN])
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_skip_reason_normalisation() -> None:
    reason = (
        "calls `parse`, which is not translated (calls `digits`, which is not translated "
        "(int() of str is not supported yet (/x/sudoku.py:13:34)) (/x/sudoku.py:20:5))"
    )
    assert root_cause(reason) == "int() of str is not supported yet"
    assert normalise_reason(reason) == (
        "calls `…`, which is not translated (calls `…`, which is not translated "
        "(int() of str is not supported yet))"
    )
    assert normalise_reason("parameter `value` has no type annotation (/a/b.py:3:9)") == (
        "parameter `…` has no type annotation"
    )
    assert root_cause("call of `range` is not supported yet (/a.py:1)") == (
        "call of `range` is not supported yet"
    )
