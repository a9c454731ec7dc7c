"""`pytest --portalis-conformance` on real projects: real builds, real wasmtime, real pytest runs.

Each test copies an example project (or writes a small one) into a pytester
directory and runs pytest in a subprocess, so the import hook, the switched
modules and sys.modules never leak between runs. Built modules are shared
through the session's artifact cache (PORTALIS_CACHE_DIR, set by conftest).

Divergences are planted with the test-only `PORTALIS_TEST_PERTURB` switch
(`portalis.testing`), which makes one WASM wrapper deliberately wrong.
"""

from __future__ import annotations

import re

import pytest

from plugin_support import copy_example, load_report, modules_by_name, project, run, section

pytest_plugins = ["pytester"]
__all__ = ["project"]  # a fixture, used by name

# -- inert ------------------------------------------------------------------------------------

INERT_CHECK = """
import sys

def test_nothing_of_portalis_was_loaded():
    assert "wasmtime" not in sys.modules
    assert not [f for f in sys.meta_path if type(f).__name__ == "ConformanceFinder"]
    # Without the flag the plugin does not even read [tool.portalis].
    assert STRICT is False or not [m for m in sys.modules if m.startswith("portalis")]
"""


def _normalised(result: pytest.RunResult) -> list[str]:
    return [re.sub(r" in [\d.]+s", " in Ns", line) for line in result.outlines]


def test_inert_without_the_flag_or_without_marked_modules(project: pytest.Pytester) -> None:
    copy_example(project, "textstats_hatch")
    project.makepyfile(**{"tests/test_inert": "STRICT = True\n" + INERT_CHECK})
    plain = project.runpytest_subprocess("-p", "no:portalis", "-q", "-o", "pythonpath=src")
    with_plugin = run(project, "-q", "-o", "pythonpath=src")
    with_plugin.assert_outcomes(passed=24, skipped=1)
    assert _normalised(with_plugin) == _normalised(plain)
    assert "portalis" not in with_plugin.stdout.str()

    # The flag, but nothing marked (a project without [tool.portalis]): just as silent.
    bare = project.mkdir("bare")
    (bare / "pyproject.toml").write_text('[project]\nname = "bare"\n', encoding="utf-8")
    (bare / "test_inert.py").write_text("STRICT = False\n" + INERT_CHECK, encoding="utf-8")
    flagged = run(project, "-q", "bare", "--rootdir=bare", "--portalis-conformance")
    flagged.assert_outcomes(passed=1)
    assert "portalis" not in flagged.stdout.str()


# -- both ways --------------------------------------------------------------------------------


def test_example_suite_green_both_ways_with_report(project: pytest.Pytester) -> None:
    copy_example(project, "textstats_hatch")
    result = run(
        project,
        "-v",
        "-o",
        "pythonpath=src",
        "--portalis-conformance",
        "--portalis-report=out/report.json",
    )
    assert result.ret == 0, result.stdout.str()
    result.assert_outcomes(passed=46, skipped=2)
    result.stdout.fnmatch_lines(
        [
            "portalis: every test runs as ?python? and ?wasm?; modules: textstats.readability, "
            "textstats.zipf",
            "*test_textstats.py::test_ln_matches_math?1e-300-python? PASSED*",
            "*test_textstats.py::test_harmonic_and_zipf?python? PASSED*",
            "*test_textstats.py::test_harmonic_and_zipf?wasm? PASSED*",
        ]
    )
    text = section(result)
    assert "24 tests run both ways (python, wasm): 23 passed both, 0 conformance failures, " in text
    assert "not exercised by any test: heaps_vocabulary" in text
    assert "report written to out/report.json" in text

    report = load_report(project.path / "out" / "report.json")
    assert report["mode"] == "wasm" and report["conformance_failures"] == []
    assert report["summary"]["passed_both"] == 23
    zipf = modules_by_name(report)["textstats.zipf"]
    assert zipf["mode"] == "wasm", zipf["reason"]
    assert zipf["unexercised"] == ["heaps_vocabulary"]
    harmonic = next(f for f in zipf["functions"] if f["name"] == "harmonic")
    assert harmonic["calls"]["python"] == harmonic["calls"]["wasm"] == 3
    assert harmonic["seconds"]["python"] > 0 and harmonic["seconds"]["wasm"] > 0
    assert harmonic["speedup"] is not None


def test_divergence_is_a_conformance_failure_and_lf_keeps_it_so(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_example(project, "textstats_hatch")
    project.makepyfile(
        **{
            "tests/test_extra": """
            from textstats import zipf

            def test_wrong_both_ways():
                assert zipf.harmonic(1) == 3.0
            """
        }
    )
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", "textstats.zipf.harmonic")
    args = ("-o", "pythonpath=src", "--portalis-conformance", "--portalis-report=r.json")
    result = run(project, *args)
    assert result.ret == 1
    result.assert_outcomes(passed=45, failed=3, skipped=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_harmonic_and_zipf?wasm? _*",
            ">*assert zipf.harmonic(0) == 0.0",
            "E*assert 1.0 == 0.0",
            "*- portalis conformance failure -*",
            "passes with the Python version of the marked modules (passed), fails with the "
            "WASM version*",
        ]
    )
    text = section(result)
    assert "22 passed both, 1 conformance failure, 1 failed both" in text
    assert "tests/test_textstats.py::test_harmonic_and_zipf: python passed, wasm failed" in text
    assert "ordinary failures (fail with Python too):\n  tests/test_extra.py::test_wrong" in text
    report = load_report(project.path / "r.json")
    assert report["conformance_failures"] == ["tests/test_textstats.py::test_harmonic_and_zipf"]
    assert report["ordinary_failures"] == ["tests/test_extra.py::test_wrong_both_ways"]

    # --lf re-runs only the failed items; the [python] twin's outcome comes from the last run.
    again = run(project, *args, "--lf", "-k", "harmonic")
    assert again.ret == 1
    again.assert_outcomes(failed=1)
    assert (
        "test_harmonic_and_zipf: python passed, wasm failed (other variant from the last run)"
        in section(again)
    )
    assert load_report(project.path / "r.json")["summary"]["conformance_failures"] == 1


PKG_FAST = """
def add(a: int, b: int) -> int:
    return a + b


def tri(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def shout(n: int) -> int:
    print("n is", n)
    return n * 2
"""

PKG_USERS = """
from pkg.fast import add

TABLE = {"add": add}


def via_table(a: int, b: int) -> int:
    return TABLE["add"](a, b)
"""

PKG_TESTS = """
import pickle

import pytest

import pkg.fast as fast
from pkg.fast import add
from pkg.users import via_table


def expected(variant, value):
    # PORTALIS_TEST_PERTURB=pkg.fast.add makes the WASM add one too many.
    return value + 1 if variant == "wasm" else value


def test_module_attribute(portalis_variant):
    assert fast.add(1, 2) == expected(portalis_variant, 3)


def test_from_import(portalis_variant):
    assert add(1, 2) == expected(portalis_variant, 3)


def test_captured_in_another_module(portalis_variant):
    assert via_table(1, 2) == expected(portalis_variant, 3)


def test_still_the_same_function():
    assert add is fast.add and add.__name__ == "add" and add.__wrapped__.__name__ == "add"
    assert pickle.loads(pickle.dumps(add)) is add


@pytest.mark.portalis_skip
def test_python_only(portalis_variant):
    assert portalis_variant == "python" and add(1, 2) == 3


def test_printed(capsys):
    assert fast.shout(4) == 8
    assert capsys.readouterr().out == "n is 4\\n"


def test_swallows_errors():
    try:
        fast.add(20, 1)
    except Exception:
        pass


def test_bench(benchmark):
    assert benchmark(fast.tri, 3000) == sum(range(3000))
"""


def _pkg_project(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml(
        """
        [tool.pytest.ini_options]
        portalis_conformance = true
        pythonpath = ["src"]

        [tool.portalis]
        modules = ["pkg.fast"]
        """
    )
    pytester.makepyfile(
        **{
            "src/pkg/__init__": "",
            "src/pkg/fast": PKG_FAST,
            "src/pkg/users": PKG_USERS,
            "tests/test_pkg": PKG_TESTS,
        }
    )


def test_import_styles_switch_print_passes_and_benchmarks_compare(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Conformance mode from the ini file; every way of holding `add` follows the switch."""
    _pkg_project(project)
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", "pkg.fast.add")
    result = run(
        project,
        "-v",
        "--portalis-report=r.json",
        "--benchmark-min-rounds=3",
        "--benchmark-max-time=0.05",
        "--benchmark-warmup=off",
    )
    assert result.ret == 0, result.stdout.str()
    result.assert_outcomes(passed=15)
    result.stdout.fnmatch_lines(
        [
            "*test_pkg.py::test_from_import?wasm? PASSED*",
            "*test_pkg.py::test_python_only PASSED*",
            "*test_pkg.py::test_printed?wasm? PASSED*",
        ]
    )
    report = load_report(project.path / "r.json")
    assert report["summary"]["single_variant"] == 1  # portalis_skip
    [bench] = report["benchmarks"]
    assert bench["test"] == "tests/test_pkg.py::test_bench"
    assert bench["python"]["rounds"] >= 3 and bench["wasm"]["rounds"] >= 3
    assert bench["speedup"] > 1.0  # a 3000-step loop: WASM wins clearly
    assert "benchmarks (pytest-benchmark mean, python vs wasm):" in section(result)
    fast = modules_by_name(report)["pkg.fast"]
    assert fast["mode"] == "wasm", fast["reason"]
    shout = next(f for f in fast["functions"] if f["name"] == "shout")
    assert shout["calls"] == {"python": 1, "wasm": 1, "compare": 0}


def test_compare_mode_catches_exception_and_printed_output_mismatches(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pkg_project(project)
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", "pkg.fast.add:raise@10,pkg.fast.shout:print")
    result = run(project, "--portalis-mode=compare", "-k", "not bench", "--portalis-report=r.json")
    assert result.ret == 1
    result.assert_outcomes(passed=5, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_printed _*",
            "E*ConformanceError: shout(4) differs between CPython and WASM:",
            "E*python: returned 8 (int), printed stdout 'n is 4\\n'",
            "E*wasm:   returned 8 (int), printed stdout 'n is 4\\nportalis test perturbation\\n'",
            "*_ test_swallows_errors _*",
            "*the test swallowed the ConformanceError*",
            "add(20, 1) differs between CPython and WASM:",
            "  python: returned 21 (int)",
            "  wasm:   raised ValueError('portalis test perturbation',)",
        ]
    )
    report = load_report(project.path / "r.json")
    assert report["mode"] == "compare"
    assert report["conformance_failures"] == [
        "tests/test_pkg.py::test_printed",
        "tests/test_pkg.py::test_swallows_errors",
    ]
    functions = {f["name"]: f for f in modules_by_name(report)["pkg.fast"]["functions"]}
    assert functions["add"]["mismatches"] == 1 and functions["shout"]["mismatches"] == 1
    assert functions["add"]["calls"]["compare"] >= 4


def test_xdist_two_workers_one_report(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_example(project, "geometry_setuptools")
    monkeypatch.setenv("PORTALIS_TEST_PERTURB", "geokit.kernels.planar.lattice_points_in_circle")
    result = run(
        project,
        "-n",
        "2",
        "-o",
        "pythonpath=src",
        "--portalis-conformance",
        "--portalis-report=r.json",
        # instead of [tool.portalis]'s "geokit.kernels.*": a name and a glob
        "--portalis-modules=geokit.kernels.planar,geokit.kernels.num*",
    )
    assert result.ret == 1
    result.assert_outcomes(passed=51, failed=1, skipped=2)
    assert result.stdout.str().count("portalis conformance ===") == 1
    report = load_report(project.path / "r.json")
    assert report["selected_modules"] == ["geokit.kernels.planar", "geokit.kernels.num*"]
    assert report["summary"]["run_both_ways"] == 27
    assert report["conformance_failures"] == ["tests/test_geokit.py::test_lattice_geometry"]
    mods = modules_by_name(report)
    assert mods["geokit.kernels.planar"]["mode"] == "wasm"
    # Statistics come from both workers: every test ran, so every exercised function counts.
    numeric = {f["name"]: f for f in mods["geokit.kernels.numeric"]["functions"]}
    assert numeric["sin"]["calls"]["python"] == numeric["sin"]["calls"]["wasm"] == 9
    assert "point_in_circle" in mods["geokit.kernels.planar"]["unexercised"]
