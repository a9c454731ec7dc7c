"""[tool.portalis] validation: every mistake is an error naming key, file and choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from portalis.config import ConfigError, find_project_config, load_config


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pyproject.toml"
    p.write_text(text)
    return p


def test_full_config_parses(tmp_path: Path) -> None:
    p = write(tmp_path, """
[tool.portalis]
modules = ["pkg.fast", "pkg.sub.*"]
mode = "compare"
on-failure = "error"
require-wasm = true
opt-level = "s"
wasm-opt = false
time-limit = 2.5
memory-limit = "64MiB"
compare-action = "warn"
""")
    cfg = load_config(p)
    assert cfg is not None
    assert cfg.modules == ("pkg.fast", "pkg.sub.*")
    assert cfg.mode == "compare" and cfg.on_failure == "error" and cfg.require_wasm
    assert cfg.opt_level == "s" and cfg.wasm_opt is False
    assert cfg.time_limit == 2.5 and cfg.memory_limit == 64 * 2**20
    assert cfg.matches("pkg.fast") and cfg.matches("pkg.sub.x") and not cfg.matches("pkg.slow")


def test_defaults_and_absent_table(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "[project]\nname = 'x'\n")) is None
    cfg = load_config(write(tmp_path, "[tool.portalis]\nmodules = ['a']\n"))
    assert cfg is not None and cfg.mode == "wasm" and cfg.on_failure == "fallback"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("[tool.portalis]\nmodule = ['a']\n", ["unknown key `module`", "did you mean `modules`",
                                              "pyproject.toml"]),
        ("[tool.portalis]\nmode = 'fast'\n", ["`mode` = 'fast'", "wasm, compare, python"]),
        ("[tool.portalis]\nmodules = 'a'\n", ["`modules` must be a list"]),
        ("[tool.portalis]\nrequire-wasm = 'yes'\n", ["`require-wasm` must be true or false"]),
        ("[tool.portalis]\ntime-limit = true\n", ["`time-limit` must be seconds"]),
        ("[tool.portalis]\ntime-limit = -1\n", ["positive"]),
        ("[tool.portalis]\nmemory-limit = 'lots'\n", ["`memory-limit`", "not a size"]),
        ("[tool.portalis]\non-failure = 'ignore'\n", ["fallback, error"]),
        ("[tool.portalis]\nmodules = ['a b']\n", ["not a dotted module name"]),
        ("[tool.portallis]\nmodules = ['a']\n", ["misspelling of [tool.portalis]"]),
        ("[tool.hatch.build.hooks.portalis]\nmodules = ['a']\n",
         ["`modules` belongs in [tool.portalis]"]),
        ("[tool.hatch.build.targets.wheel.hooks.portalis]\nmode = 'wasm'\n",
         ["`mode` belongs in [tool.portalis]"]),
        ("[tool.portalis\n", ["invalid TOML"]),
    ],
)
def test_bad_config_is_named(tmp_path: Path, text: str, fragments: list[str]) -> None:
    p = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(p)
    message = str(info.value)
    assert str(p) in message
    for fragment in fragments:
        assert fragment in message


def test_find_project_config_walks_up(tmp_path: Path) -> None:
    write(tmp_path, "[tool.portalis]\nmodules = ['pkg.m']\n")
    deep = tmp_path / "src" / "pkg"
    deep.mkdir(parents=True)
    (deep / "m.py").write_text("")
    cfg = find_project_config(deep / "m.py")
    assert cfg is not None and cfg.root == tmp_path
