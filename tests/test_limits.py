"""Sandbox and per-call limits: an infinite loop is stopped, a memory hog is refused,
the module stays usable, and WASM sees no filesystem or environment."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

import portalis
from portalis import wasm
from portalis.cache import Cache, hash_key
from test_hook_support import (
    DESCRIBE,
    child_env,
    fixture_wheel,
    last_json,
    load_fixture,
    project,
    run_py,
)

SPIN = '''\
def spin(n: int) -> int:
    """Never returns: i stays in [0, 1000)."""
    i = n
    while i >= 0:
        i = (i + 1) % 1000
    return i


def add(a: int, b: int) -> int:
    return a + b
'''


def test_infinite_loop_is_stopped_and_module_stays_usable(tmp_path: Path) -> None:
    src = tmp_path / "spinmod.py"
    src.write_text(SPIN)
    m = portalis.load(src, time_limit=0.25)
    info = m.__portalis__
    assert info.translated == ["spin", "add"] and info.time_limit == 0.25
    for _ in range(2):
        started = time.perf_counter()
        with pytest.raises(portalis.WasmTimeoutError, match=r"spin\(\) ran longer than"):
            m.spin(1)
        elapsed = time.perf_counter() - started
        assert 0.2 <= elapsed < 5, elapsed
        assert m.add(2, 3) == 5  # a fresh instance answers the next call
    assert issubclass(portalis.WasmTimeoutError, TimeoutError)
    stats = info.call_stats["spin"]
    assert (stats.timeouts, stats.traps) == (2, 2)
    assert "timeouts=2" in info.report()
    assert info.instance is not None and info.instance.epoch


def test_no_limit_keeps_the_plain_engine(tmp_path: Path) -> None:
    src = tmp_path / "plainmod.py"
    src.write_text(SPIN)
    m = portalis.load(src)
    inst = m.__portalis__.instance
    assert inst is not None and not inst.epoch and inst.time_limit is None
    assert "_deadline" not in m.add.__code__.co_names  # the fast path has no limit code
    assert m.add(1, 1) == 2
    # Serialized code is engine-config specific: the two configurations are two cache entries.
    limited = portalis.load(src, time_limit=5)
    assert limited.add(1, 1) == 2 and limited.__portalis__.instance.epoch
    assert "_deadline" in limited.add.__code__.co_names
    digest = hashlib.sha256(Path(m.__portalis__.wasm_path).read_bytes()).hexdigest()
    for epoch in (False, True):
        key = hash_key("cwasm", digest, wasm.wasmtime_version(), wasm.engine_config(epoch))
        assert Cache().lookup("cwasm", key) is not None


def test_memory_limit_raises_and_instance_recovers() -> None:
    fx = load_fixture(memory_limit=4 << 20)
    assert fx.hog(1) == 1 << 20
    with pytest.raises(portalis.WasmMemoryError, match=r"hog\(\) needed more memory") as err:
        fx.hog(64)
    assert isinstance(err.value, MemoryError)
    assert "4194304 bytes" in str(err.value) and "memory allocation of" in str(err.value)
    assert fx.hog(2) == 2 << 20  # the next call works
    assert fx.add(1, 2) == 3
    stats = fx.__portalis__.call_stats["hog"]
    assert (stats.memory_errors, stats.traps) == (1, 1)


def test_memory_limit_below_initial_memory_is_clear_at_load() -> None:
    with pytest.raises(portalis.WasmMemoryError, match="initial linear memory does not fit"):
        load_fixture(memory_limit=64 << 10)


def test_sandbox_grants_nothing() -> None:
    fx = load_fixture()
    assert fx.probe_fs() == 0  # no preopened directory: nothing on the host is visible
    assert fx.probe_env() == 0  # no environment variables, no arguments
    assert not Path("portalis-sandbox-probe").exists()


def test_trap_without_limits_falls_back_or_errors_per_on_failure() -> None:
    fx = load_fixture()
    assert fx.boom(4) == 5  # the panic traps; CPython gives the answer
    assert fx.__portalis__.call_stats["boom"].traps == 1
    assert fx.add(1, 1) == 2
    strict = load_fixture(on_failure="error")
    with pytest.raises(portalis.WasmTrapError, match=r"boom\(\) trapped in WASM") as err:
        strict.boom(4)
    assert "index out of bounds" in str(err.value)  # the guest's panic message
    assert strict.add(2, 2) == 4


def test_limits_come_from_tool_portalis(tmp_path: Path) -> None:
    proj = project(
        tmp_path / "p",
        {"limited.py": SPIN},
        'modules = ["limited"]\ntime-limit = 0.2\nmemory-limit = "64MiB"',
    )
    code = (
        DESCRIBE
        + """
import json, time, portalis, portalis_hook
portalis_hook.install()
import limited
t = time.perf_counter()
try:
    limited.spin(0)
except portalis.WasmTimeoutError as exc:
    caught = str(exc)
elapsed = time.perf_counter() - t
info = limited.__portalis__
print(json.dumps(describe(limited) | {"caught": caught, "elapsed": elapsed,
      "limits": [info.time_limit, info.memory_limit], "after": limited.add(1, 2)}))
"""
    )
    out = last_json(run_py(code, env=child_env(proj, PORTALIS_MODE=None), timeout=120))
    assert out["limits"] == [0.2, 64 << 20]
    assert "time limit of 0.2 s" in out["caught"] and out["elapsed"] < 5
    assert out["after"] == 3 and out["stats"]["spin"]["timeouts"] == 1
    # portalis.load reads the same table when given no keyword arguments.
    loaded = portalis.load(proj / "limited.py")
    assert (loaded.__portalis__.time_limit, loaded.__portalis__.memory_limit) == (0.2, 64 << 20)


def test_wheel_manifest_carries_limits(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fixture_wheel(site, config={"time-limit": 0.3, "memory-limit": 8 << 20})
    code = """
import json, site, sys, portalis
site.addsitedir(sys.argv[1])
import fixpkg.fx as fx
errors = []
for call in (lambda: fx.spin(1), lambda: fx.hog(100)):
    try:
        call()
    except (portalis.WasmTimeoutError, portalis.WasmMemoryError) as exc:
        errors.append(type(exc).__name__)
print(json.dumps({"errors": errors, "after": [fx.add(1, 2), fx.hog(1)],
                  "source": fx.__portalis__.source}))
"""
    out = last_json(run_py(code, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out == {
        "errors": ["WasmTimeoutError", "WasmMemoryError"],
        "after": [3, 1 << 20],
        "source": "wheel",
    }


def test_time_limit_survives_fork(tmp_path: Path) -> None:
    """The epoch ticker is a thread; a forked child restarts its own."""
    src = tmp_path / "forkmod.py"
    src.write_text(SPIN)
    code = f"""
import json, os, sys, portalis
m = portalis.load({str(src)!r}, time_limit=0.2)
assert m.add(1, 1) == 2
pid = os.fork()
if pid == 0:
    try:
        m.spin(1)
        os._exit(3)
    except portalis.WasmTimeoutError:
        os._exit(0 if m.add(2, 2) == 4 else 4)
_, status = os.waitpid(pid, 0)
print(json.dumps({{"child": os.waitstatus_to_exitcode(status)}}))
"""
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("no fork on this platform")
    assert last_json(run_py(code, timeout=120)) == {"child": 0}
