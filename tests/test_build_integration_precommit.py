"""`pre-commit try-repo <this repo>` on a sample project: both hooks, for real.

pre-commit comes from the package index into its own venv and installs the
`portalis-check` hook environment (language: python) from this repository
itself; `portalis-build` (language: system) uses the `portalis` on PATH.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from buildenv import EXAMPLES, ROOT, Env, make_venv, run, wheelhouse

__all__ = ["wheelhouse"]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> Env:
    """pre-commit, plus portalis itself for the language: system hook and the lock."""
    return make_venv(
        tmp_path_factory.mktemp("precommit-venv"), "pre-commit", "portalis", find_links=wheelhouse
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, tools: Env) -> Path:
    """The textstats example as its own git repo, with portalis.lock committed."""
    project = tmp_path_factory.mktemp("sample") / "textstats"
    shutil.copytree(EXAMPLES / "textstats_hatch", project,
                    ignore=shutil.ignore_patterns("__pycache__", "build"))
    proc = run([str(tools.bin / "portalis"), "check", "--update-lock"], cwd=project)
    assert "updated portalis.lock" in proc.stdout
    run(["git", "init", "-q"], cwd=project)
    run(["git", "add", "-A"], cwd=project)
    run(["git", "commit", "-q", "-m", "sample"], cwd=project, env=GIT_ENV)
    return project


def try_repo(
    tools: Env, project: Path, tmp: Path, *args: str, check: bool = False
) -> tuple[int, str]:
    env = {
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "PATH": f"{tools.bin}{os.pathsep}{os.environ['PATH']}",
    }
    proc = run(
        [str(tools.bin / "pre-commit"), "try-repo", str(ROOT), *args, "--verbose"],
        cwd=project,
        env=env,
        check=check,
    )
    return proc.returncode, proc.stdout


def test_portalis_check_passes_then_fails_when_a_function_stops_translating(
    tools: Env, sample: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp()
    code, out = try_repo(tools, sample, home, "portalis-check", "--all-files")
    assert code == 0, out
    assert "Passed" in out
    # reports what stays Python, with file:line and the reason
    assert "`textstats.readability.grade_label` stays Python" in out
    assert "src/textstats/readability.py:82:" in out

    zipf = sample / "src" / "textstats" / "zipf.py"
    original = zipf.read_text()
    zipf.write_text(original.replace("def harmonic(n: int)", "def harmonic(n: int, *tags: str)"))
    try:
        code, out = try_repo(tools, sample, home, "portalis-check", "--files", str(zipf))
    finally:
        zipf.write_text(original)
    assert code == 1, out
    assert "Failed" in out
    assert "`textstats.zipf.harmonic` translated before (listed in portalis.lock)" in out
    assert "src/textstats/zipf.py:55:" in out and "`*args`" in out
    assert "portalis check --update-lock" in out
    # the lock still lists the function, so the failure repeats until fixed or accepted
    assert '"harmonic"' in (sample / "portalis.lock").read_text()


def test_portalis_build_hook_builds_and_smoke_tests(
    tools: Env, sample: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp()
    code, out = try_repo(
        tools, sample, home, "portalis-build", "--hook-stage", "manual", "--all-files"
    )
    assert code == 0, out
    assert "textstats.zipf" in out and "cache" in out
    assert "smoke: textstats.zipf: imported in compare mode, 8 function(s) in WASM" in out
