"""The library-mode example as users get it: a wheel, installed, its tests run both ways.

`examples/statkit_library` (six modules: relative imports, a shared helper
module, a dataclass used across modules, an import cycle, a module that
cannot be translated; `library = true`, so one crate and one `.wasm` for the
package) is built by real setuptools with `pip wheel`,
installed into a fresh venv, and its own test suite runs there with the
WASM active, with `PORTALIS_MODE=python`, and under `pytest
--portalis-conformance`, whose JSON report is then joined into
`portalis report`: the functions the tests called show as exercised, with
the speedup the plugin measured.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from buildenv import EXAMPLES, Env, make_venv, pip_install, pip_wheel, run, wheelhouse

__all__ = ["wheelhouse"]

STATKIT = EXAMPLES / "statkit_library"
MODULES = [
    "statkit",
    "statkit._util",
    "statkit.core",
    "statkit.dynamic",
    "statkit.histogram",
    "statkit.intervals",
]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> tuple[Env, Path]:
    work = tmp_path_factory.mktemp("statkit")
    project = work / "statkit_library"
    shutil.copytree(
        STATKIT, project, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    proc = pip_wheel(
        sys.executable,
        project,
        work / "dist",
        find_links=wheelhouse,
        env={"PORTALIS_CACHE_DIR": str(work / "cache")},
    )
    assert "6 module(s) compiled" in proc.stdout, proc.stdout
    (wheel,) = (work / "dist").glob("statkit_example-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("statkit/.portalis/manifest.json"))
    assert set(manifest["modules"]) == set(MODULES)
    # library mode: one .wasm for the package, shared by every module's entry
    wasm = {manifest["modules"][m]["wasm"] for m in MODULES}
    assert wasm == {"statkit/_portalis_statkit.wasm"} and wasm <= set(names)
    assert not [n for n in names if n.endswith(".wasm") and n not in wasm]
    env = make_venv(work / "venv", "portalis", "pytest", find_links=wheelhouse)
    pip_install(env, str(wheel), find_links=wheelhouse)
    tests = work / "tests"
    shutil.copytree(STATKIT / "tests", tests)  # away from src/: only the installed copy
    return env, tests


def test_installed_package_passes_its_tests_in_wasm_and_in_python(
    installed: tuple[Env, Path], tmp_path: Path
) -> None:
    env, tests = installed
    # An empty cache and no compiler: the WASM that runs comes from the wheel.
    base = {"PORTALIS_CACHE_DIR": str(tmp_path / "empty"), "PORTALIS_RUSTC": str(tmp_path / "no")}
    wasm = run(
        [env.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        cwd=tmp_path,
        env={**base, "STATKIT_EXPECT_WASM": "1"},
    )
    assert " passed" in wasm.stdout and "skipped" not in wasm.stdout, wasm.stdout
    python = run(
        [env.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        cwd=tmp_path,
        env={**base, "PORTALIS_MODE": "python"},
    )
    assert " passed" in python.stdout and "failed" not in python.stdout, python.stdout


def test_conformance_run_joins_into_the_report(installed: tuple[Env, Path], tmp_path: Path) -> None:
    env, tests = installed
    project = tmp_path / "proj"
    shutil.copytree(tests, project / "tests")
    shutil.copy(STATKIT / "pyproject.toml", project / "pyproject.toml")  # marks the package
    conf = tmp_path / "conformance.json"
    proc = run(
        [
            env.python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--portalis-conformance",
            f"--portalis-report={conf}",
            "tests",
        ],
        cwd=project,
        env={"PORTALIS_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert "0 conformance failures" in proc.stdout, proc.stdout
    report = tmp_path / "report.json"
    run(
        [
            env.python,
            "-m",
            "portalis",
            "report",
            str(STATKIT),
            "--conformance",
            str(conf),
            "--json",
            str(report),
        ],
        cwd=tmp_path,
    )
    data = json.loads(report.read_text())
    plugin = {m["name"]: m for m in json.loads(conf.read_text())["modules"]}
    assert data["summary"]["conformance"] is True
    for m in data["modules"]:
        measured = {f["name"]: f for f in plugin[m["name"]]["functions"]}
        for f in m["functions"]:
            if f["status"] == "python":
                assert f["exercised"] is None, f
                continue
            entry = measured.get(f["name"])
            assert f["exercised"] is (
                entry is not None
                and sum(entry["calls"].values()) + sum(entry["nested_calls"].values()) > 0
            )
            if entry is not None:
                assert f["speedup"] == entry["speedup"]
    core = next(m for m in data["modules"] if m["name"] == "statkit.core")
    fns = {f["name"]: f for f in core["functions"]}
    assert fns["sum_of_squares"]["exercised"] is True and fns["sum_of_squares"]["speedup"] > 0
