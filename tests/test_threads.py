"""Concurrency: many threads on one instance, many processes on one cold module."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import portalis
from portalis.build import BuildOptions, artifact_key
from portalis.cache import Cache
from portalis.conformance import run, same_outcome
from portalis.ingest import ingest
from portalis.toolchain import find_toolchain
from test_hook_support import child_env

WORK = """\
def mix(a: int, b: int) -> int:
    r = 0
    for i in range(a % 50):
        r = (r * 31 + i * b) % 1000003
    return r


def safe_div(a: int, b: int) -> int:
    return a // b


def grow(n: int) -> int:
    x = 1
    for _ in range(n):
        x = x * 3
    return x


def half(x: float) -> float:
    return x / 2.0


def depth(n: int) -> int:
    if n == 0:
        return 0
    return 1 + depth(n - 1)
"""

THREADS = 8
CALLS = 400


def _args(thread: int, i: int) -> list[tuple[str, tuple[Any, ...]]]:
    """Per thread and step: ordinary results, exceptions (error record) and bails (overflow)."""
    k = thread * 10_000 + i
    return [
        ("mix", (k, thread + 1)),
        ("safe_div", (k, i % 7 - 3)),  # b == 0 on some steps: ZeroDivisionError
        ("grow", (i % 60,)),  # beyond 3**39 the i64 overflows: a bail to CPython
        ("half", (float(k),)),
        ("depth", ((i * 37) % 300,)),  # past 48 nested calls: the deeper-budget retry
    ]


def _hammer(fast: ModuleType, plain: ModuleType) -> list[str]:
    problems: list[str] = []
    start = threading.Barrier(THREADS)

    def worker(t: int) -> None:
        start.wait()
        for i in range(CALLS):
            for name, args in _args(t, i):
                got = run(getattr(fast, name), args, {})
                want = run(getattr(plain, name), args, {})
                if not same_outcome(want, got):
                    problems.append(f"{t}: {name}{args}: {got.describe()} != {want.describe()}")

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return problems


@pytest.mark.parametrize("time_limit", [None, 30.0], ids=["plain-engine", "epoch-engine"])
def test_eight_threads_one_instance_no_mixed_results(
    tmp_path: Path, time_limit: float | None
) -> None:
    src = tmp_path / "workmod.py"
    src.write_text(WORK)
    fast = portalis.load(src, time_limit=time_limit)
    plain = portalis.load(src, mode="python")
    assert fast.__portalis__.translated == ["mix", "safe_div", "grow", "half", "depth"]
    problems = _hammer(fast, plain)
    assert problems == [], problems[:5]
    stats = fast.__portalis__.call_stats
    # the slow paths were hit: exceptions, overflow bails, depth retries
    assert stats["safe_div"].exceptions > 0 and stats["grow"].bails > 0
    assert stats["depth"].bails > 0
    assert all(s.traps == 0 for s in stats.values())


CHILD = """
import json, os, sys, time
ready, go, name = sys.argv[1], sys.argv[2], sys.argv[3]
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
import portalis_hook
portalis_hook.install(modules=[name], projects=[])
mod = __import__(name)
info = mod.__portalis__
print(json.dumps({"source": info.source, "translated": info.translated,
                  "value": mod.mix(1000, 7)}))
"""


@pytest.mark.slow
def test_four_processes_cold_import_build_once(tmp_path: Path) -> None:
    name = f"coldmod_{uuid.uuid4().hex[:8]}"
    (tmp_path / f"{name}.py").write_text(WORK + f"\nTOKEN = {uuid.uuid4().hex!r}\n")
    env = child_env(tmp_path)
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(tmp_path / f"ready{i}"), str(go), name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready{i}").exists() for i in range(4)):
        assert time.monotonic() < deadline, "children did not start"
        time.sleep(0.01)
    go.touch()  # all four import at once
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    sources = sorted(r["source"] for r in results)
    assert sources == ["build", "cache", "cache", "cache"], sources
    assert len({json.dumps(r) for r in results if r["source"] == "cache"}) == 1
    assert {r["value"] for r in results} == {results[0]["value"]}


@pytest.mark.slow
def test_waiting_process_says_so_and_never_loads_a_partial_artifact(tmp_path: Path) -> None:
    name = f"lockmod_{uuid.uuid4().hex[:8]}"
    src = tmp_path / f"{name}.py"
    src.write_text(WORK)
    key = artifact_key(ingest(src, module_name=name), find_toolchain(), BuildOptions())
    cache = Cache()
    code = textwrap.dedent(
        f"""
        import json, portalis_hook
        portalis_hook.install(modules=[{name!r}], projects=[])
        import {name} as m
        print(json.dumps({{"source": m.__portalis__.source, "value": m.grow(3)}}))
        """
    )
    with cache._locked("wasm", key, None):  # another "builder" holds the entry's lock
        child = subprocess.Popen(
            [sys.executable, "-c", code],
            env=child_env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(cache.wait_notice_s + 1.5)
        assert child.poll() is None, "the child must wait for the lock"
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, err
    assert f"waiting for another process to build wasm/{key[:12]}" in err
    assert json.loads(out.strip().splitlines()[-1]) == {"source": "build", "value": 27}
