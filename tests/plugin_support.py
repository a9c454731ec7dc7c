"""Shared by the pytest-plugin tests: run pytest on a project in a subprocess, read its report."""

from __future__ import annotations

import json
import os
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT / "src" / "pytest_portalis" / "report.schema.json"

# The plugin is normally active through its pytest11 entry point (editable install);
# where it is not, load it explicitly.
PLUGIN: list[str] = (
    []
    if any(ep.name == "portalis" for ep in entry_points(group="pytest11"))
    else ["-p", "pytest_portalis.plugin"]
)


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytester whose subprocesses find the same Rust toolchain as this process.

    pytester points HOME at a temporary directory; rustup's proxies (and the
    toolchain memo key) depend on RUSTUP_HOME/CARGO_HOME, so pin them.
    """
    home = Path.home()
    for var, default in (("RUSTUP_HOME", home / ".rustup"), ("CARGO_HOME", home / ".cargo")):
        if var not in os.environ and default.is_dir():
            monkeypatch.setenv(var, str(default))
    for var in ("PORTALIS_MODE", "PORTALIS_TEST_PERTURB", "PYTEST_ADDOPTS"):
        monkeypatch.delenv(var, raising=False)
    return pytester


def copy_example(pytester: pytest.Pytester, name: str) -> Path:
    shutil.copytree(
        EXAMPLES / name,
        pytester.path,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".pytest_cache"),
    )
    return pytester.path


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*PLUGIN, *args, timeout=300)


def load_report(path: Path) -> Any:
    """The JSON report, validated against the documented schema."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
    return report


def modules_by_name(report: Any) -> dict[str, Any]:
    return {m["name"]: m for m in report["modules"]}


def section(result: pytest.RunResult) -> str:
    """The plugin's terminal summary section."""
    text = result.stdout.str()
    start = text.index("portalis conformance ====")
    end = text.find("short test summary info", start)
    return text[start : end if end > 0 else len(text)]
