"""Cache behaviour across real processes: hits, load time, concurrent cold builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MODULE = """
def mix(a: int, b: int) -> int:
    r = 0
    for i in range(a):
        r = (r * 31 + i * b) % 1000003
    return r
"""

PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
import portalis, wasmtime
t1 = time.perf_counter()
m = portalis.load(sys.argv[1])
t2 = time.perf_counter()
info = m.__portalis__
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "hit": info.cache_hit,
                  "translated": info.translated, "value": m.mix(1000, 7)}))
"""


def _probe(path: Path, env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_second_process_hits_the_cache(tmp_path: Path) -> None:
    src = tmp_path / "mixmod.py"
    src.write_text(MODULE)
    env = {**os.environ, "PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    first = _probe(src, env)
    assert first["hit"] is False and first["translated"] == ["mix"]
    second = _probe(src, env)
    assert second["hit"] is True
    assert second["value"] == first["value"]
    # Informational (machine is shared; the benchmark reports the real figure).
    load_ms, import_ms = second["load_s"] * 1000, second["import_s"] * 1000
    print(f"cache-hit load: {load_ms:.1f} ms, import: {import_ms:.1f} ms")


def test_edit_invalidates_touch_does_not(tmp_path: Path) -> None:
    src = tmp_path / "mixmod.py"
    src.write_text(MODULE)
    env = {**os.environ, "PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    assert _probe(src, env)["hit"] is False
    os.utime(src, None)
    assert _probe(src, env)["hit"] is True
    src.write_text(MODULE.replace("31", "37"))
    changed = _probe(src, env)
    assert changed["hit"] is False


def test_concurrent_cold_builds_build_once(tmp_path: Path) -> None:
    src = tmp_path / "mixmod.py"
    src.write_text(MODULE)
    env = {**os.environ, "PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PROBE, str(src)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert len({r["value"] for r in results}) == 1
    assert sorted(r["hit"] for r in results) == [False, True, True]


def test_corrupted_artifact_is_rebuilt(tmp_path: Path) -> None:
    src = tmp_path / "mixmod.py"
    src.write_text(MODULE)
    cache = tmp_path / "cache"
    env = {**os.environ, "PORTALIS_CACHE_DIR": str(cache)}
    assert _probe(src, env)["hit"] is False
    wasm_files = list((cache / "wasm").rglob("module.wasm"))
    assert len(wasm_files) == 1
    data = wasm_files[0].read_bytes()
    wasm_files[0].write_bytes(data[: len(data) // 2])  # truncated
    for cwasm in (cache / "cwasm").rglob("module.cwasm"):
        cwasm.write_bytes(b"garbage")
    again = _probe(src, env)
    assert again["hit"] is False  # detected and rebuilt, never loaded
    assert again["value"] == _probe(src, env)["value"]
