"""The pytest plugin: options, parametrized items, outcome collection, summary and JSON report.

Options (group "portalis"; each has an ini equivalent with underscores):

--portalis-conformance   run the tests against both versions of the marked modules
--portalis-mode=MODE     "wasm" (default): every test twice, `[python]` and `[wasm]`;
                         "compare": once, every call into a marked module runs both
                         versions and a difference raises `portalis.ConformanceError`
--portalis-report=PATH   also write the report as JSON (schema: report.schema.json)
--portalis-modules=LIST  comma-separated dotted names or globs; default: `modules` and
                         `packages` of `[tool.portalis]` in the rootdir's pyproject.toml
--portalis-fuzz=N        add one hypothesis item per translated function, N examples each,
                         comparing CPython and WASM on generated inputs
(ini only) portalis_fuzz_timeout   seconds CPython may take per fuzz example (default 0.05)

Marker `portalis_skip`: run this test once, with the Python version only.

Inert unless asked: without the flag (or with nothing marked) this module
registers its options and the marker and nothing else; Portalis, wasmtime
and hypothesis are imported only for an active run.

Why activation happens in `pytest_load_initial_conftests`: conftest.py files
are imported right after that hook, and a conftest that imports a marked
module would otherwise get the plain module before the finder is in place.

Under pytest-xdist the workers load the modules and run the tests; the
controller collects the test reports (each carries its variant and base id
in `report.portalis`) and, when a worker finishes, its call statistics
(`workeroutput`), and writes the one summary and report.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Generator

    from portalis.fuzz import FuzzResult
    from portalis.report import CaseRecord
    from portalis.variants import ConformanceFinder, Switchboard

PLUGIN_NAME = "portalis-conformance"
VARIANT_ARG = "portalis_variant"
FUZZ_ROOT = "portalis_fuzz"
CACHE_KEY = "portalis/outcomes"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("portalis", "Portalis: conformance of translated modules")
    group.addoption(
        "--portalis-conformance",
        action="store_true",
        default=None,
        dest="portalis_conformance",
        help="run the tests against the Python and the WASM versions of the marked modules",
    )
    group.addoption(
        "--portalis-mode",
        choices=("wasm", "compare"),
        default=None,
        dest="portalis_mode",
        help="wasm (default): every test twice, [python] and [wasm]; compare: every call "
        "into a marked module runs both versions and raises ConformanceError on a difference",
    )
    group.addoption(
        "--portalis-report",
        default=None,
        metavar="PATH",
        dest="portalis_report",
        help="write the conformance report as JSON to PATH",
    )
    group.addoption(
        "--portalis-modules",
        default=None,
        metavar="NAMES",
        dest="portalis_modules",
        help="comma-separated module names or globs (default: [tool.portalis] of the rootdir)",
    )
    group.addoption(
        "--portalis-fuzz",
        type=int,
        default=None,
        metavar="N",
        dest="portalis_fuzz",
        help="differential fuzzing: N hypothesis examples per translated function",
    )
    parser.addini(
        "portalis_conformance", "run the conformance mode by default", type="bool", default=False
    )
    parser.addini("portalis_mode", "wasm or compare", default="wasm")
    parser.addini("portalis_report", "path of the JSON conformance report", default="")
    parser.addini("portalis_modules", "module names or globs (comma-separated)", default="")
    parser.addini("portalis_fuzz", "hypothesis examples per translated function", default="0")
    parser.addini(
        "portalis_fuzz_timeout", "seconds CPython may take per fuzz example", default="0.05"
    )


def pytest_configure(config: pytest.Config) -> None:
    # Registered even when inert, so `--strict-markers` suites can always use it.
    config.addinivalue_line(
        "markers",
        "portalis_skip: under --portalis-conformance, run this test once, "
        "with the Python version of the marked modules only",
    )


@dataclass(frozen=True)
class Settings:
    mode: str
    patterns: tuple[str, ...]
    report: str | None
    fuzz: int
    fuzz_timeout: float
    root: Path
    controller: bool  # an xdist controller: workers run the tests


def _split(text: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[,\s]+", text.strip()) if p)


def _settings(config: pytest.Config) -> Settings | None:
    """The run's settings, or None when the plugin is to stay inert."""
    ns = config.known_args_namespace
    enabled = getattr(ns, "portalis_conformance", None)
    if enabled is None:
        enabled = bool(config.getini("portalis_conformance"))
    fuzz = getattr(ns, "portalis_fuzz", None)
    if fuzz is None:
        try:
            fuzz = int(str(config.getini("portalis_fuzz")) or 0)
        except ValueError:
            raise pytest.UsageError("portalis_fuzz must be an integer") from None
    if fuzz < 0:
        raise pytest.UsageError("--portalis-fuzz must be >= 0")
    if fuzz:
        import importlib.util

        if importlib.util.find_spec("hypothesis") is None:
            raise pytest.UsageError("--portalis-fuzz needs hypothesis: pip install hypothesis")
    if not enabled and not fuzz:
        return None
    mode = getattr(ns, "portalis_mode", None) or str(config.getini("portalis_mode")) or "wasm"
    if mode not in ("wasm", "compare"):
        raise pytest.UsageError(f"portalis_mode must be wasm or compare, not {mode!r}")
    text = getattr(ns, "portalis_modules", None) or str(config.getini("portalis_modules"))
    patterns = _split(text)
    if not patterns:
        from portalis.errors import UserError
        from portalis.projects import project_config_for

        try:
            project = project_config_for(config.rootpath)
        except UserError as exc:
            raise pytest.UsageError(str(exc)) from None
        if project is not None:
            patterns = (
                *project.modules,
                *(p for pkg in project.packages for p in (pkg, f"{pkg}.*")),
            )
    if not patterns:
        return None
    report = getattr(ns, "portalis_report", None) or str(config.getini("portalis_report")) or None
    try:
        timeout = float(str(config.getini("portalis_fuzz_timeout")))
    except ValueError:
        raise pytest.UsageError("portalis_fuzz_timeout must be a number of seconds") from None
    worker = "PYTEST_XDIST_WORKER" in os.environ
    distributed = bool(getattr(ns, "numprocesses", None)) or bool(getattr(ns, "tx", None))
    return Settings(
        mode=mode if enabled else "off",
        patterns=patterns,
        report=report,
        fuzz=fuzz,
        fuzz_timeout=timeout,
        root=config.rootpath,
        controller=distributed and not worker,
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    settings = _settings(early_config)
    if settings is None:
        return
    plugin = ConformancePlugin(early_config, settings)
    early_config.pluginmanager.register(plugin, PLUGIN_NAME)
    plugin.start()


def _outcome(report: pytest.TestReport) -> str | None:
    """This phase's contribution to the test's outcome (None: nothing decided yet)."""
    xfail = hasattr(report, "wasxfail")
    if report.when == "call":
        if report.passed:
            return "xpassed" if xfail else "passed"
        if report.skipped:
            return "xfailed" if xfail else "skipped"
        return "failed"
    if report.failed:
        return "error"
    if report.skipped:
        return "xfailed" if xfail else "skipped"
    return None


def _message(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message).splitlines()[0][:300] if crash.message else ""
    text = str(report.longrepr or "").strip().splitlines()
    return text[-1][:300] if text else ""


def base_id(nodeid: str, variant: str) -> str:
    """The node id without this plugin's variant parameter (`t[1-wasm]` -> `t[1]`)."""
    if nodeid.endswith(f"[{variant}]"):
        return nodeid[: -len(variant) - 2]
    if nodeid.endswith(f"-{variant}]"):
        return nodeid[: -len(variant) - 2] + "]"
    return re.sub(rf"(?<=[\[-]){variant}-", "", nodeid, count=1)


class FuzzMismatchError(AssertionError):
    """A fuzz item found inputs on which CPython and WASM disagree."""


class FuzzItem(pytest.Item):
    """One translated function, fuzzed (`portalis_fuzz::module.function`)."""

    def __init__(self, *, plugin: ConformancePlugin, module: str, function: str, **kw: Any):
        super().__init__(**kw)
        self.plugin = plugin
        self.module_name = module
        self.function_name = function  # not `function`: pytest reads that as a test function
        self.result: FuzzResult | None = None

    def runtest(self) -> None:
        self.result = self.plugin.fuzz(self.module_name, self.function_name)
        if self.result.mismatch is not None:
            raise FuzzMismatchError(self.result.describe())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, FuzzMismatchError) and self.result is not None:
            return (
                f"{self.result.describe()}\n\n"
                "Ready-to-paste regression test (asserts CPython's behaviour):\n\n"
                f"{self.result.regression}"
            )
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[str, int | None, str]:
        return FUZZ_ROOT, None, f"fuzz {self.module_name}.{self.function_name}"


class FuzzCollector(pytest.Collector):
    """The virtual parent of the fuzz items (never collects anything by itself)."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        return []


class ConformancePlugin:
    """The active part, registered only for a conformance (or fuzz) run."""

    def __init__(self, config: pytest.Config, settings: Settings) -> None:
        self.config = config
        self.settings = settings
        self.board: Switchboard | None = None
        self.finder: ConformanceFinder | None = None
        self.records: dict[str, CaseRecord] = {}
        self.failed_reports: dict[tuple[str, str], pytest.TestReport] = {}
        self.snapshots: list[dict[str, Any]] = []
        self.benchmarks: dict[str, dict[str, dict[str, float]]] = {}
        self.fuzz_results: list[dict[str, Any]] = []
        self.report_data: dict[str, Any] | None = None
        self._marked_files: dict[str, str] | None = None

    @property
    def both_ways(self) -> bool:
        return self.settings.mode == "wasm"

    # -- start-up ------------------------------------------------------------------------

    def start(self) -> None:
        if self.settings.controller:
            return  # the workers load the modules
        import sys

        from portalis.variants import ConformanceFinder, Switchboard, attach_wasm

        self.board = Switchboard()
        self.finder = ConformanceFinder(self.settings.patterns, self.board)
        self.finder.install()
        for name, module in list(sys.modules.items()):
            if self.finder.matches(name) and getattr(module, "__file__", None):
                attach_wasm(module)
                self.board.adopt(module)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.finder is not None:
            self.finder.uninstall()

    def pytest_report_header(self, config: pytest.Config) -> str:
        what = (
            "every test runs as [python] and [wasm]"
            if self.settings.mode == "wasm"
            else "compare mode (each call checked)"
            if self.settings.mode == "compare"
            else "fuzz only"
        )
        return f"portalis: {what}; modules: {', '.join(self.settings.patterns)}"

    # -- collection ----------------------------------------------------------------------

    @pytest.fixture(autouse=True)
    def portalis_variant(self, request: pytest.FixtureRequest) -> str:
        """Which version of the marked modules this test runs against."""
        return self._variant_of(request.node)

    @pytest.hookimpl(trylast=True)
    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if not self.both_ways or VARIANT_ARG not in metafunc.fixturenames:
            return
        if metafunc.definition.get_closest_marker("portalis_skip") is not None:
            return
        metafunc.parametrize(VARIANT_ARG, ["python", "wasm"], ids=["python", "wasm"])

    def marked_files(self) -> dict[str, str]:
        """Resolved path -> module name of every marked module found under the rootdir."""
        if self._marked_files is None:
            from portalis.config import ConfigError, PortalisConfig
            from portalis.package import discover

            self._marked_files = {}
            for pattern in self.settings.patterns:
                config = PortalisConfig(
                    path=self.settings.root / "pyproject.toml", modules=(pattern,)
                )
                try:
                    found = discover(config)
                except ConfigError:
                    continue  # importable from elsewhere (site-packages), or a typo
                for m in found:
                    self._marked_files[str(m.path)] = m.name
        return self._marked_files

    def _late_attach(self, items: list[pytest.Item]) -> None:
        """Marked modules a test module loaded by path (`spec_from_file_location`).

        Such a module never passes through `sys.meta_path`; it is found in the
        test module's namespace by its file and given its switches there.
        """
        from types import ModuleType

        from portalis.variants import SWITCH_ATTR, attach_wasm

        assert self.board is not None
        files = self.marked_files()
        seen: set[int] = set()
        for item in items:
            holder = getattr(item, "module", None)
            if holder is None or id(holder) in seen:
                continue
            seen.add(id(holder))
            for value in list(vars(holder).values()):
                if not isinstance(value, ModuleType):
                    continue
                file = getattr(value, "__file__", None)
                if not file or str(Path(file).resolve()) not in files:
                    continue
                info = getattr(value, "__portalis__", None)
                if info is not None and any(
                    getattr(value.__dict__.get(n), SWITCH_ATTR, False) for n in info.translated
                ):
                    continue
                attach_wasm(value)
                self.board.adopt(value)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        if self.board is None:
            return
        self._late_attach(items)
        if self.settings.fuzz:
            items.extend(self._fuzz_items(session))

    def _fuzz_items(self, session: pytest.Session) -> list[pytest.Item]:
        import importlib

        assert self.board is not None
        for path, name in sorted(self.marked_files().items(), key=lambda kv: kv[1]):
            if name not in self.board.modules:
                try:
                    importlib.import_module(name)
                except Exception as exc:  # reported in the summary, not a crash
                    self.board.note_missing(name, path, f"import failed: {exc}")
        parent = FuzzCollector.from_parent(session, name=FUZZ_ROOT, nodeid=FUZZ_ROOT)
        items: list[pytest.Item] = []
        for mname, record in sorted(self.board.modules.items()):
            for fname in record.pairs:
                items.append(
                    FuzzItem.from_parent(
                        parent,
                        name=f"{mname}.{fname}",
                        plugin=self,
                        module=mname,
                        function=fname,
                    )
                )
        return items

    # -- running -----------------------------------------------------------------------

    def _variant_of(self, item: pytest.Item) -> str:
        if item.get_closest_marker("portalis_skip") is not None:
            return "python"
        if self.settings.mode == "compare":
            return "compare"
        callspec = getattr(item, "callspec", None)
        if callspec is not None and VARIANT_ARG in callspec.params:
            return str(callspec.params[VARIANT_ARG])
        return "python"

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self.board is not None:
            self.board.events.clear()
            self.board.select(self._variant_of(item))

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> None:
        if self.board is not None:
            self.board.select("python")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if isinstance(item, FuzzItem):
            if call.when == "call" and item.result is not None:
                report.portalis = {"kind": "fuzz", **item.result.as_dict()}  # type: ignore[attr-defined]
            return report
        variant = self._variant_of(item)
        data: dict[str, Any] = {
            "kind": "test",
            "variant": variant,
            "base": base_id(item.nodeid, variant) if self.both_ways else item.nodeid,
            "single": self.both_ways
            and VARIANT_ARG not in getattr(getattr(item, "callspec", None), "params", {}),
        }
        if self.board is not None and self.board.events and call.when in ("setup", "call"):
            data["mismatches"] = list(self.board.events)
            if report.passed:
                # The test caught the ConformanceError itself: still a failure.
                report.outcome = "failed"
                report.longrepr = (
                    "portalis: a call into a marked module disagreed between CPython and "
                    "WASM (the test swallowed the ConformanceError):\n" + self.board.events[0]
                )
            self.board.events.clear()
        if call.when == "call":
            fixture = getattr(item, "funcargs", {}).get("benchmark")
            stats = getattr(getattr(fixture, "stats", None), "stats", None)
            if stats is not None:
                data["benchmark"] = {
                    "mean": float(stats.mean),
                    "min": float(stats.min),
                    "rounds": int(stats.rounds),
                }
        report.portalis = data  # type: ignore[attr-defined]
        return report

    def fuzz(self, module: str, function: str) -> FuzzResult:
        from portalis.conformance import _captured
        from portalis.fuzz import fuzz_function

        assert self.board is not None
        board = self.board
        record = board.modules[module]
        python, wasm = record.pairs[function]
        counters = record.call_stats.get(function)

        def fallbacks() -> int:
            return 0 if counters is None else int(counters.type_fallbacks + counters.bails)

        def runner(variant: str, fn: Any, args: Any, kwargs: Any) -> Any:
            board.select(variant)
            with board.quiet():
                return _captured(fn, args, kwargs)

        seed = self.config.getoption("hypothesis_seed", None)
        before = fallbacks()
        try:
            result = fuzz_function(
                module,
                function,
                python,
                wasm,
                examples=self.settings.fuzz,
                timeout=self.settings.fuzz_timeout,
                seed=int(seed) if seed is not None else None,
                runner=runner,
            )
        finally:
            board.select("python")
        if counters is not None:
            result.python_fallbacks = fallbacks() - before
        return result

    # -- collecting outcomes (single process, or the xdist controller) -----------------------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "portalis", None)
        if not isinstance(data, dict):
            return
        if data.get("kind") == "fuzz":
            self.fuzz_results.append({k: v for k, v in data.items() if k != "kind"})
            return
        from portalis.report import CaseRecord

        base, variant = data["base"], data["variant"]
        record = self.records.setdefault(base, CaseRecord(base))
        record.portalis_skip |= bool(data.get("single"))
        outcome = _outcome(report)
        if data.get("mismatches"):
            record.mismatches.extend(data["mismatches"])
        if "benchmark" in data:
            self.benchmarks.setdefault(base, {})[variant] = data["benchmark"]
        if outcome is None:
            return
        previous = record.outcomes.get(variant)
        if report.when == "teardown" and previous not in (None, "passed", "xpassed"):
            return  # a teardown error does not hide the call's failure
        record.outcomes[variant] = outcome
        if report.when == "call":
            record.durations[variant] = report.duration
        if report.failed:
            record.messages[variant] = _message(report)
            self.failed_reports[(base, variant)] = report

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        data = getattr(node, "workeroutput", {}).get("portalis")
        if data:
            self.snapshots.append(data["modules"])

    # -- the end -----------------------------------------------------------------------------

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            if self.board is not None:
                workeroutput["portalis"] = {"modules": self.board.snapshot()}
            return
        from portalis.report import CONFORMANCE, build_report, merge_modules

        if self.board is not None:
            self.snapshots.append(self.board.snapshot())
        self._use_last_run()
        report = build_report(
            mode=self.settings.mode,
            tests=self.records,
            modules=merge_modules(self.snapshots),
            benchmarks=self.benchmarks,
            fuzz=sorted(self.fuzz_results, key=lambda f: (f["module"], f["function"]))
            if self.settings.fuzz
            else None,
            fuzz_examples=self.settings.fuzz,
            selected_modules=list(self.settings.patterns),
        )
        self.report_data = report
        for base in report["conformance_failures"]:
            self._annotate(base)
        diverged = report["conformance_failures"] or report["summary"]["fuzz_mismatches"]
        if diverged and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if self.settings.report:
            path = Path(self.config.invocation_params.dir, self.settings.report)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(report, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        self._remember(CONFORMANCE)

    def _annotate(self, base: str) -> None:
        """Tell, on the failing report itself, that this failure is a disagreement."""
        record = self.records[base]
        both = {**record.previous, **record.outcomes}
        for variant in ("wasm", "python", "compare"):
            report = self.failed_reports.get((base, variant))
            if report is None:
                continue
            if variant == "compare":
                text = "a call into a marked module gave different results in CPython and WASM"
            elif variant == "wasm":
                text = (
                    f"passes with the Python version of the marked modules "
                    f"({both.get('python')}), fails with the WASM version: the translation "
                    "disagrees with CPython"
                )
            else:
                text = (
                    f"fails with the Python version but passes with the WASM version "
                    f"({both.get('wasm')}): the translation disagrees with CPython"
                )
            report.sections.append(("portalis conformance failure", text))

    def _use_last_run(self) -> None:
        """A test run one way only (`--lf`, `-k wasm`): use the other way's last outcome."""
        cache = getattr(self.config, "cache", None)
        if cache is None or not self.both_ways:
            return
        last: dict[str, dict[str, str]] = cache.get(CACHE_KEY, {})
        for base, record in self.records.items():
            if record.portalis_skip or len(record.outcomes) != 1:
                continue
            (variant,) = record.outcomes
            other = "python" if variant == "wasm" else "wasm"
            if other in last.get(base, {}):
                record.previous = {other: last[base][other]}

    def _remember(self, _: str) -> None:
        cache = getattr(self.config, "cache", None)
        if cache is None or not self.both_ways:
            return
        last: dict[str, dict[str, str]] = cache.get(CACHE_KEY, {})
        for base, record in self.records.items():
            if not record.portalis_skip:
                last.setdefault(base, {}).update(record.outcomes)
        cache.set(CACHE_KEY, last)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.report_data is None:
            return
        from portalis.report import render_text

        terminalreporter.write_sep("=", "portalis conformance")
        for line in render_text(self.report_data):
            terminalreporter.write_line(line)
        if self.settings.report:
            terminalreporter.write_line(f"report written to {self.settings.report}")
