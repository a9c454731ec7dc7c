"""portalis.package and portalis.lock in-process: discovery, parallel cached builds, errors.

The build-backend integrations are thin wrappers over these functions; their
real-pip tests are in test_build_integration*.py.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from portalis.config import ConfigError, load_config
from portalis.errors import PortalisWarning, ToolchainError
from portalis.lock import Lock, merge, read_lock, write_lock
from portalis.package import build_project, discover, summary_table

FAST = '''
LIMIT = 10


def tri(n: int) -> int:
    total = 0
    for k in range(n + 1):
        total += k
    return total


def label(n: int, *rest: int) -> str:
    return "n=" + str(n)
'''

PURE = '''
def square(x: float) -> float:
    return x * x
'''


def project(tmp_path: Path, portalis: str, *, layout: str = "src") -> Path:
    root = tmp_path / "proj"
    base = root / "src" if layout == "src" else root
    (base / "pkg" / "sub").mkdir(parents=True)
    (base / "pkg" / "__init__.py").write_text("")
    (base / "pkg" / "fast.py").write_text(FAST)
    (base / "pkg" / "sub" / "__init__.py").write_text("")
    (base / "pkg" / "sub" / "pure.py").write_text(PURE)
    (base / "pkg" / "slow.py").write_text("def f(x):\n    return x\n")
    (root / "pyproject.toml").write_text(
        "[project]\nname = 'proj'\nversion = '0'\n\n[tool.portalis]\n" + textwrap.dedent(portalis)
    )
    return root


def config_of(root: Path):  # type: ignore[no-untyped-def]
    cfg = load_config(root / "pyproject.toml")
    assert cfg is not None
    return cfg


@pytest.mark.parametrize("layout", ["src", "flat"])
def test_discover_exact_glob_and_packages(tmp_path: Path, layout: str) -> None:
    root = project(tmp_path, 'modules = ["pkg.fast", "pkg.sub.*"]\n', layout=layout)
    mods = discover(config_of(root))
    assert [m.name for m in mods] == ["pkg.fast", "pkg.sub.pure"]
    assert mods[0].wheel_path == "pkg/fast.py"
    assert mods[1].wheel_path == "pkg/sub/pure.py"
    root2 = project(tmp_path / "b", 'packages = ["pkg.sub"]\n', layout=layout)
    assert [m.name for m in discover(config_of(root2))] == ["pkg.sub", "pkg.sub.pure"]


@pytest.mark.parametrize(
    ("portalis", "fragments"),
    [
        ('modules = ["pkg.nope"]\n', ["`modules` entry 'pkg.nope' does not exist", "pkg/nope.py"]),
        ('modules = ["other.*"]\n', ["'other.*' matches no module"]),
        ('packages = ["pkg.fast"]\n', ["'pkg.fast' is a module, not a package"]),
        ('packages = ["nothere"]\n', ["'nothere' does not exist"]),
    ],
)
def test_marked_module_that_does_not_exist_is_an_error(
    tmp_path: Path, portalis: str, fragments: list[str]
) -> None:
    root = project(tmp_path, portalis)
    with pytest.raises(ConfigError) as info:
        discover(config_of(root))
    message = str(info.value)
    assert str(root / "pyproject.toml") in message
    for fragment in fragments:
        assert fragment in message


def test_build_parallel_then_incremental(tmp_path: Path) -> None:
    root = project(tmp_path, 'modules = ["pkg.fast", "pkg.sub.pure"]\nopt-level = "1"\n')
    cfg = config_of(root)
    mods = discover(cfg)
    lines: list[str] = []
    first = build_project(cfg, mods, progress=lines.append, jobs=2)
    assert first.has_wasm and first.options.opt_level == "1"
    by_name = {r.module.name: r for r in first.results}
    assert by_name["pkg.fast"].translated == ["tri"]
    assert "label" in by_name["pkg.fast"].skipped
    assert by_name["pkg.sub.pure"].translated == ["square"]
    assert not any(r.cache_hit for r in first.results)
    assert all(r.wasm_path is not None and r.wasm_size > 0 for r in first.results)
    assert any("with 2 process(es)" in line for line in lines)
    assert sum("[" in line and "translated" in line for line in lines) == 2
    table = summary_table(first)
    assert "module" in table and "pkg.fast" in table and "2 module(s) compiled" in table

    lines.clear()
    again = build_project(cfg, mods, progress=lines.append)
    assert all(r.cache_hit for r in again.results)
    assert [r.key for r in again.results] == [r.key for r in first.results]
    assert "all 2 module(s) unchanged: reused from the Portalis cache" in summary_table(again)
    assert all("(cache hit)" in line for line in lines)


def test_on_failure_error_names_function_file_line_and_reason(tmp_path: Path) -> None:
    root = project(tmp_path, 'modules = ["pkg.fast"]\non-failure = "error"\n')
    cfg = config_of(root)
    with pytest.raises(ConfigError) as info:
        build_project(cfg, discover(cfg))
    message = str(info.value)
    assert 'on-failure = "error"' in message
    assert "pkg.fast.label" in message
    assert "fast.py:12:" in message  # def label(n: int, *rest: int) -> str
    assert "`*args`/`**kwargs` parameters are not supported yet" in message


def test_no_toolchain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTALIS_RUSTC", str(tmp_path / "no-such-rustc"))
    root = project(tmp_path, 'modules = ["pkg.fast"]\n')
    cfg = config_of(root)
    lines: list[str] = []
    with pytest.warns(PortalisWarning, match="PURE-PYTHON wheel"):
        result = build_project(cfg, discover(cfg), progress=lines.append)
    assert not result.has_wasm and result.results == []
    assert "apt-get install" in lines[0] and "require-wasm" in lines[0]

    strict = project(tmp_path / "b", 'modules = ["pkg.fast"]\nrequire-wasm = true\n')
    cfg = config_of(strict)
    with pytest.raises(ToolchainError) as info:
        build_project(cfg, discover(cfg))
    assert "require-wasm = true" in str(info.value)
    assert "PORTALIS_RUSTC" in str(info.value) and "no-such-rustc" in str(info.value)


def test_lock_merge_and_stable_text(tmp_path: Path) -> None:
    path = tmp_path / "portalis.lock"
    assert read_lock(path) is None
    lock, regs = merge(None, {"m.b": {"z": None, "a": None, "s": "str (m/b.py:3:1)"}})
    assert regs == [] and lock.modules == {"m.b": ["a", "z"]}
    assert write_lock(path, lock) and not write_lock(path, lock)
    text = path.read_text()
    assert json.loads(text) == {"format": 1, "modules": {"m.b": ["a", "z"]}}
    assert text.endswith("\n") and text == Lock({"m.b": ["z", "a"]}).to_text()

    old = read_lock(path)
    lock, regs = merge(old, {"m.b": {"a": "now str (m/b.py:1:1)", "n": None}})
    # `z` was deleted (not a regression), `a` regressed (kept listed), `n` is new.
    assert [(r.module, r.function) for r in regs] == [("m.b", "a")]
    assert lock.modules == {"m.b": ["a", "n"]}
    accepted, regs = merge(old, {"m.b": {"a": "now str", "n": None}}, accept=True)
    assert regs == [] and accepted.modules == {"m.b": ["n"]}
    path.write_text("{")
    with pytest.raises(Exception, match="not valid JSON"):
        read_lock(path)
