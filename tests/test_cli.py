"""The `portalis` command, run as a real subprocess the way users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SIMPLE = '''
SCALE = 3

def triple(x: int) -> int:
    """Multiply by SCALE."""
    return x * SCALE

def halve(x: float) -> float:
    return x / 2

def untyped(x):
    return x
'''


def portalis(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portalis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
    )


def test_translate_prints_readable_rust(tmp_path: Path) -> None:
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    proc = portalis("translate", str(src))
    assert proc.returncode == 0, proc.stderr
    rust = proc.stdout
    assert "pub fn triple(mut x: i64) -> PyResult<i64>" in rust
    assert "// py:4: def triple(x: int) -> int" in rust
    assert "pub const SCALE: i64 = 3;" in rust
    assert "untyped" not in rust.split("// ---- exports")[0]
    assert "skipped `untyped`: parameter `x` has no type annotation" in proc.stderr


def test_translate_to_file_is_rustfmt_clean(tmp_path: Path) -> None:
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    out = tmp_path / "out.rs"
    proc = portalis("translate", str(src), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    import shutil

    rustfmt = shutil.which("rustfmt")
    if rustfmt is None:
        return
    check = subprocess.run(
        [rustfmt, "--edition", "2018", "--check", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout


def test_build_reports_and_caches(tmp_path: Path) -> None:
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    out = tmp_path / "out"
    first = portalis("build", str(src), "--out", str(out), "-v")
    assert first.returncode == 0, first.stderr
    assert "built" in first.stdout
    assert "2 function(s) translated, 1 skipped" in first.stdout
    manifest = json.loads((out / "simple.portalis.json").read_text())
    assert [e["name"] for e in manifest["exports"]] == ["triple", "halve"]
    assert (out / "simple.wasm").read_bytes()[:4] == b"\0asm"
    second = portalis("build", str(src))
    assert second.returncode == 0
    assert " hit" in second.stdout


def test_user_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    missing = portalis("translate", str(tmp_path / "nope.py"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0
    assert "nope.py: no such file" in missing.stderr
    bad = tmp_path / "bad.py"
    bad.write_text("def f(:\n    pass\n")
    syntax = portalis("build", str(bad))
    assert syntax.returncode == 2
    assert f"{bad.resolve()}:1:" in syntax.stderr and "syntax error" in syntax.stderr
    assert "Traceback" not in syntax.stderr


def test_missing_toolchain_is_a_user_error(tmp_path: Path) -> None:
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    proc = portalis("build", str(src), env={"PORTALIS_RUSTC": str(tmp_path / "no-rustc")})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "apt-get install" in proc.stderr


def test_doctor_reports_toolchain() -> None:
    proc = portalis("doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "rustc" in proc.stdout and "wasm32" in proc.stdout
    assert "wasmtime" in proc.stdout


def test_check_lists_skipped_with_location(tmp_path: Path) -> None:
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    proc = portalis("check", str(src))
    assert proc.returncode == 0
    assert "`untyped` stays Python: parameter `x` has no type annotation" in proc.stdout
    line = SIMPLE.splitlines().index("def untyped(x):") + 1
    assert f"{src.resolve()}:{line}:" in proc.stdout
    strict = portalis("check", "--strict", str(src))
    assert strict.returncode == 1


def test_cache_info_and_clear(tmp_path: Path) -> None:
    env = {"PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    src = tmp_path / "simple.py"
    src.write_text(SIMPLE)
    assert portalis("build", str(src), env=env).returncode == 0
    info = portalis("cache", "info", env=env)
    assert info.returncode == 0 and "wasm" in info.stdout and "rt" in info.stdout
    cleared = portalis("cache", "clear", env=env)
    assert cleared.returncode == 0 and "removed" in cleared.stdout
    again = portalis("build", str(src), env=env)
    assert "built" in again.stdout
