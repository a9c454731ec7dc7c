"""Helpers for the build-integration tests: real pip, real venvs, a wheel of this repo.

Nothing is mocked: the example projects are built by the real hatchling and
setuptools (from the package index, in pip's isolated build environments),
and Portalis reaches those environments as a wheel built from this checkout
and offered through `--find-links`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Env:
    """A virtual environment made with `python -m venv`."""

    path: Path

    @property
    def python(self) -> str:
        return str(self.path / "bin" / "python")

    @property
    def bin(self) -> Path:
        return self.path / "bin"


def run(
    args: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; stdout and stderr together in `.stdout` (shown when `check` fails)."""
    full = dict(os.environ)
    full.pop("PYTHONPATH", None)  # the venvs must see only what is installed in them
    full["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if env:
        full.update(env)
    proc = subprocess.run(
        args,
        cwd=cwd,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"command failed ({proc.returncode}): {args}\n{proc.stdout}")
    return proc


def make_venv(path: Path, *packages: str, find_links: Path | None = None) -> Env:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    env = Env(path)
    if packages:
        pip_install(env, *packages, find_links=find_links)
    return env


def pip_install(env: Env, *packages: str, find_links: Path | None = None) -> None:
    links = ["--find-links", str(find_links)] if find_links else []
    run([env.python, "-m", "pip", "install", "-q", *links, *packages])


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding a wheel of this checkout (import this fixture into a test module)."""
    out = tmp_path_factory.mktemp("wheelhouse")
    build_portalis_wheel(out)
    return out


def build_portalis_wheel(out: Path) -> Path:
    """A wheel of this checkout, built by pip (isolated, real hatchling)."""
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)])
    (wheel,) = out.glob("portalis-*.whl")
    return wheel


def pip_wheel(
    python: str,
    source: Path,
    out: Path,
    *,
    find_links: Path,
    isolated: bool = True,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """`pip wheel --no-deps -v` (verbose, so the build backend's output is captured)."""
    args = [python, "-m", "pip", "wheel", "-v", "--no-deps", "--find-links", str(find_links)]
    if not isolated:
        args.append("--no-build-isolation")
    return run([*args, str(source), "-w", str(out)], env=env, check=check)
