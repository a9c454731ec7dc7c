"""Faults: corrupt or truncated artifacts, foreign manifests, traps. Each case runs in its
own interpreter, which must end with the expected exit status: a clear error or a
fallback to Python as configured, never a crash (signal, abort, Rust panic)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

from portalis import wasm
from portalis.cache import Cache, hash_key
from test_hook_support import (
    DESCRIBE,
    FIXTURE_DIR,
    child_env,
    fixture_wheel,
    real_wheel,
    run_py,
)


def _source() -> str:
    """A module whose WASM no other test has compiled (so no cached compiled code hides it)."""
    k = uuid.uuid4().int % 1_000_000
    return f"""\
def add(a: int, b: int) -> int:
    return a + b + {k}


def twice(x: float) -> float:
    return x * 2.0
"""


IMPORT = (
    DESCRIBE
    + """
import json, site, sys, warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    site.addsitedir(sys.argv[1])
    import realpkg.fast as m
out = describe(m) | {"add": m.add(1, 2), "warnings": [str(w.message) for w in caught]}
print(json.dumps(out))
"""
)


def _clean(proc: subprocess.CompletedProcess[str], status: int = 0) -> None:
    """Exited normally with `status`: no signal, no abort, no panic of the host's Rust.

    (A *guest* panic message may appear inside an exception text; the host's
    own panics print a native stack backtrace.)
    """
    assert proc.returncode == status, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    for crash in ("stack backtrace:", "cannot unwind", "Fatal Python error", "core dumped"):
        assert crash not in proc.stderr, proc.stderr


def _json(proc: subprocess.CompletedProcess[str]) -> Any:
    _clean(proc)
    return json.loads([ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1])


def _no_toolchain(tmp_path: Path) -> dict[str, str]:
    return child_env(PORTALIS_RUSTC=str(tmp_path / "no-rustc"), PORTALIS_MODE=None)


def _edit_manifest(where: Path, **changes: Any) -> None:
    doc = json.loads(where.read_text())
    doc.update(changes)
    where.write_text(json.dumps(doc))


# -- artifacts -------------------------------------------------------------------------------


def test_corrupted_wheel_wasm_falls_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    real_wheel(site, _source())
    wasm_file = site / "realpkg" / "fast.wasm"
    data = bytearray(wasm_file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped
    wasm_file.write_bytes(bytes(data))

    bare = _json(run_py(IMPORT, args=(str(site),), env=_no_toolchain(tmp_path)))
    assert bare["mode"] == "python" and bare["add"] > 3
    assert "corrupted artifact" in bare["reason"] and "no Rust toolchain" in bare["reason"]
    assert any("packaged WASM not used" in w for w in bare["warnings"])

    out = _json(run_py(IMPORT, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["source"] in ("build", "cache") and out["mode"] == "wasm"
    assert "corrupted artifact" in out["reason"] and out["add"] == bare["add"]
    # (Compiled code is cached under the manifest's wasm sha256 from then on, so later
    # imports use it without reading the damaged file: what runs is always the bytes
    # the manifest names.)


def test_truncated_wheel_wasm_is_refused_and_on_failure_error_raises(tmp_path: Path) -> None:
    site = tmp_path / "site"
    where = real_wheel(site, _source(), config={"on-failure": "error"})
    wasm_file = site / "realpkg" / "fast.wasm"
    truncated = wasm_file.read_bytes()[:200]
    wasm_file.write_bytes(truncated)
    # The manifest even agrees with the truncated bytes: wasmtime itself must refuse them.
    doc = json.loads(where.read_text())
    doc["modules"]["realpkg.fast"]["wasm_sha256"] = hashlib.sha256(truncated).hexdigest()
    where.write_text(json.dumps(doc))

    proc = run_py(IMPORT, args=(str(site),), env=_no_toolchain(tmp_path))
    _clean(proc, status=1)
    assert "ImportError: portalis: realpkg.fast cannot run as WASM" in proc.stderr
    assert "fast.wasm is unusable" in proc.stderr

    doc["config"] = {}
    where.write_text(json.dumps(doc))
    out = _json(run_py(IMPORT, args=(str(site),), env=_no_toolchain(tmp_path)))
    assert out["mode"] == "python" and "fast.wasm is unusable" in out["reason"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("portalis_version", "0.0.1", "built by Portalis 0.0.1"),
        ("wasmtime_version", "1.0.0", "built with wasmtime 1.0.0"),
        ("python", "2.7.18", "built for CPython 2.7"),
        ("abi", 99, "built for Portalis ABI 99"),
    ],
)
def test_foreign_manifest_is_not_used(
    tmp_path: Path, field: str, value: Any, expected: str
) -> None:
    site = tmp_path / "site"
    where = real_wheel(site, _source())
    _edit_manifest(where, **{field: value})
    out = _json(run_py(IMPORT, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["source"] in ("build", "cache") and expected in out["reason"]
    bare = _json(run_py(IMPORT, args=(str(site),), env=_no_toolchain(tmp_path)))
    assert bare["mode"] == "python" and expected in bare["reason"]


def test_malformed_manifest_warns_and_imports_python(tmp_path: Path) -> None:
    site = tmp_path / "site"
    where = real_wheel(site, _source())
    where.write_text('{"format": 1, "modules": ')
    out = _json(run_py(IMPORT, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["portalis"] is None and out["add"] > 3
    assert any("ignoring wheel manifest" in w for w in out["warnings"])


def test_corrupted_cache_entries_are_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "cachedmod.py").write_text(_source())
    code = (
        DESCRIBE
        + """
import json, portalis_hook
portalis_hook.install(modules=["cachedmod"], projects=[])
import cachedmod as m
print(json.dumps(describe(m) | {"add": m.add(1, 2), "wasm_path": m.__portalis__.wasm_path}))
"""
    )
    env = child_env(tmp_path, PORTALIS_MODE=None)
    first = _json(run_py(code, env=env))
    assert first["source"] == "build"
    wasm_path = Path(first["wasm_path"])
    # A truncated module.wasm in the artifact cache: detected, removed, rebuilt.
    wasm_path.write_bytes(wasm_path.read_bytes()[:100])
    second = _json(run_py(code, env=env))
    assert second["source"] == "build" and second["add"] == first["add"]
    # A truncated compiled-code entry: detected, recompiled (never deserialized).
    digest = hashlib.sha256(Path(second["wasm_path"]).read_bytes()).hexdigest()
    key = hash_key("cwasm", digest, wasm.wasmtime_version(), wasm.engine_config(False))
    cwasm = Cache().entry_path("cwasm", key) / "module.cwasm"
    assert cwasm.is_file()
    cwasm.write_bytes(cwasm.read_bytes()[:1000])
    third = _json(run_py(code, env=env))
    assert third["source"] == "cache" and third["add"] == first["add"]
    assert Cache().verify(cwasm.parent)  # rewritten whole


# -- traps ----------------------------------------------------------------------------------------

TRAP = """
import json, site, sys, portalis
site.addsitedir(sys.argv[1])
import fixpkg.fx as fx
out = {"boom": None, "error": None}
try:
    out["boom"] = fx.boom(4)
except portalis.WasmTrapError as exc:
    out["error"] = str(exc)
out["after"] = fx.add(2, 3)
out["traps"] = fx.__portalis__.call_stats["boom"].traps
if sys.argv[2] == "uncaught":
    fx.boom(1)
print(json.dumps(out))
"""


def test_trap_falls_back_to_python(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fixture_wheel(site)
    out = _json(run_py(TRAP, args=(str(site), ""), env=child_env(PORTALIS_MODE=None)))
    assert out == {"boom": 5, "error": None, "after": 5, "traps": 1}


def test_trap_with_on_failure_error_is_a_clear_exception(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fixture_wheel(site, config={"on-failure": "error"})
    out = _json(run_py(TRAP, args=(str(site), ""), env=child_env(PORTALIS_MODE=None)))
    assert out["boom"] is None and "boom() trapped in WASM" in out["error"]
    assert out["after"] == 5 and out["traps"] == 1
    proc = run_py(TRAP, args=(str(site), "uncaught"), env=child_env(PORTALIS_MODE=None))
    _clean(proc, status=1)
    assert "portalis.errors.WasmTrapError: boom() trapped in WASM" in proc.stderr


def test_both_engines_and_guest_stderr_in_one_process() -> None:
    """Regression: one FuncType shared by two engines aborted the process; wasmtime's
    custom stderr stream called Python from a tokio thread at exit."""
    code = f"""
import sys
sys.path.insert(0, {str(FIXTURE_DIR.parent)!r})
from test_hook_support import load_fixture
plain = load_fixture()
limited = load_fixture(time_limit=5.0)
for m in (plain, limited, plain):
    assert m.boom(1) == 2 and m.say(1) == 2
print("ok")
"""
    proc = run_py(code)
    _clean(proc)
    assert proc.stdout.splitlines()[-1] == "ok"
