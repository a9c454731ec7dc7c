"""nox sessions mirroring ./dev.sh, for people who prefer nox or test several Pythons.

nox builds its own virtualenvs (reused between runs), so these sessions do
not touch .venv.  The Rust toolchain is not installed here: run
``scripts/bootstrap.sh`` once (or see ``portalis doctor``) if tests report a
missing toolchain.
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent

nox.options.sessions = ["tests", "lint"]
nox.options.reuse_venv = "yes"


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite; pytest's "no tests collected" (exit 5) counts as failure."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and mypy --strict, exactly as configured in pyproject.toml."""
    session.install("-e", ".", "ruff>=0.6", "mypy>=1.10")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session
def demo(session: nox.Session) -> None:
    """The end-to-end demo (translate, build, load, compare)."""
    session.install("-e", ".")
    session.run("python", "examples/demo.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (issue 8): kernels vs CPython/mypyc/native Rust, boundary, pipeline, memory.

    Prints the tables and writes bench/results/latest.{json,png,md}. Arguments
    go to bench/run.py: `nox -s bench -- --quick` for small inputs (what the
    smoke test runs), `nox -s bench -- bench_hook` for another benchmark.
    """
    session.install("-e", ".[bench]")
    session.run("python", "bench/run.py", *session.posargs)
