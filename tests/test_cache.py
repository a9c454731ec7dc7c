"""The artifact cache: hits, misses, corruption, failed builds and real multi-process races.

The concurrency tests start real interpreters (``subprocess.Popen``), because
the property that matters — one rustc run per key across pytest-xdist workers
and import hooks — is about separate processes and OS file locks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import portalis.cache as cache_mod
from portalis.cache import INTEGRITY_FILE, Cache, cache_root, hash_key, write_file_atomic

SRC_DIR = str(Path(cache_mod.__file__).resolve().parents[1])
KEY = hash_key("test-key")


class Builder:
    """A create() callback that records how often it ran."""

    def __init__(self, payload: bytes = b"\x00wasm" * 200) -> None:
        self.calls = 0
        self.payload = payload

    def __call__(self, d: Path) -> None:
        self.calls += 1
        (d / "module.wasm").write_bytes(self.payload)
        (d / "sub").mkdir()
        (d / "sub" / "manifest.json").write_text('{"exports": ["f"]}')


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def leftovers(c: Cache) -> list[Path]:
    tmp = c.root / "tmp"
    return sorted(tmp.iterdir()) if tmp.is_dir() else []


# --- keys, roots, atomic writes ----------------------------------------------------


def test_hash_key_is_unambiguous_and_stable() -> None:
    assert hash_key("ab", "c") != hash_key("a", "bc")
    assert hash_key("a") != hash_key(b"a")
    assert hash_key("a", "") != hash_key("a")
    assert hash_key("x", b"y") == hash_key("x", b"y")
    assert len(hash_key()) == 64
    int(hash_key("z"), 16)


def test_cache_root_env_and_platform_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PORTALIS_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_root() == tmp_path / "explicit"
    monkeypatch.delenv("PORTALIS_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "portalis"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache_root() == tmp_path / "home" / ".cache" / "portalis"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache_root() == tmp_path / "home" / "Library" / "Caches" / "portalis"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert cache_root() == tmp_path / "local" / "portalis" / "Cache"


def test_default_root_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PORTALIS_CACHE_DIR", str(tmp_path / "c"))
    assert Cache().root == tmp_path / "c"


def test_write_file_atomic(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "dir" / "f.json"
    write_file_atomic(target, b"one")
    Cache.write_file_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


def test_bad_names_rejected(cache: Cache) -> None:
    for ns in ("../evil", "locks", "tmp", "", "a/b"):
        with pytest.raises(ValueError):
            cache.lookup(ns, KEY)
    for key in ("", "a", "../../x", "a/b"):
        with pytest.raises(ValueError):
            cache.lookup("wasm", key)


# --- hit / miss / integrity --------------------------------------------------------


def test_miss_then_hit(cache: Cache) -> None:
    build = Builder()
    assert cache.lookup("wasm", KEY) is None
    entry, hit = cache.get_or_create("wasm", KEY, build)
    assert (hit, build.calls) == (False, 1)
    assert entry == cache.root / "wasm" / KEY[:2] / KEY
    assert (entry / "module.wasm").read_bytes() == build.payload
    assert (entry / INTEGRITY_FILE).is_file()
    assert cache.verify(entry)
    again, hit2 = cache.get_or_create("wasm", KEY, build)
    assert (again, hit2, build.calls) == (entry, True, 1)
    assert cache.lookup("wasm", KEY) == entry
    assert leftovers(cache) == []
    # another key, another entry
    other, hit3 = cache.get_or_create("wasm", hash_key("other"), build)
    assert other != entry and not hit3 and build.calls == 2


@pytest.mark.parametrize(
    "damage",
    ["flip-byte", "truncate", "extra-file", "missing-file", "no-integrity", "bad-integrity"],
)
def test_damaged_entry_detected_and_rebuilt(cache: Cache, damage: str) -> None:
    build = Builder()
    entry, _ = cache.get_or_create("wasm", KEY, build)
    wasm = entry / "module.wasm"
    if damage == "flip-byte":
        data = bytearray(wasm.read_bytes())
        data[7] ^= 0xFF
        wasm.write_bytes(bytes(data))  # same size: only the hash catches it
    elif damage == "truncate":
        with open(wasm, "r+b") as f:
            f.truncate(100)
    elif damage == "extra-file":
        (entry / "sub" / "stray.txt").write_text("?")
    elif damage == "missing-file":
        (entry / "sub" / "manifest.json").unlink()
    elif damage == "no-integrity":
        (entry / INTEGRITY_FILE).unlink()
    else:
        (entry / INTEGRITY_FILE).write_text("{not json")
    assert not cache.verify(entry)
    assert cache.lookup("wasm", KEY) is None
    assert not entry.exists(), "a corrupt entry is removed by lookup"
    rebuilt, hit = cache.get_or_create("wasm", KEY, build)
    assert (rebuilt, hit, build.calls) == (entry, False, 2)
    assert wasm.read_bytes() == build.payload
    assert cache.verify(rebuilt)


def test_get_or_create_rebuilds_corrupt_entry_directly(cache: Cache) -> None:
    build = Builder()
    entry, _ = cache.get_or_create("wasm", KEY, build)
    (entry / "module.wasm").write_bytes(b"")
    rebuilt, hit = cache.get_or_create("wasm", KEY, build)
    assert not hit and build.calls == 2 and cache.verify(rebuilt)


def test_create_raising_leaves_nothing(cache: Cache) -> None:
    def broken(d: Path) -> None:
        (d / "half.wasm").write_bytes(b"partial")
        raise RuntimeError("rustc exploded")

    with pytest.raises(RuntimeError, match="rustc exploded"):
        cache.get_or_create("wasm", KEY, broken)
    assert cache.lookup("wasm", KEY) is None
    assert not (cache.root / "wasm" / KEY[:2] / KEY).exists()
    assert leftovers(cache) == []
    # the lock was released: a later build of the same key proceeds at once
    entry, hit = cache.get_or_create("wasm", KEY, Builder())
    assert not hit and cache.verify(entry)


def test_symlinks_in_entries_rejected(cache: Cache, tmp_path: Path) -> None:
    def with_link(d: Path) -> None:
        (d / "link").symlink_to(tmp_path)

    with pytest.raises(ValueError, match="symlink"):
        cache.get_or_create("wasm", KEY, with_link)
    assert leftovers(cache) == []


def test_waiter_is_told_once_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """flock locks belong to open file descriptions, so two threads contend like processes."""
    c = Cache(tmp_path / "cache", wait_notice_s=0.1)
    started = threading.Event()

    def slow(d: Path) -> None:
        started.set()
        time.sleep(0.6)
        (d / "f").write_bytes(b"done")

    results: list[tuple[Path, bool]] = []
    t = threading.Thread(target=lambda: results.append(c.get_or_create("wasm", KEY, slow)))
    t.start()
    assert started.wait(10)
    entry, hit = c.get_or_create("wasm", KEY, Builder())
    t.join()
    assert hit and results == [(entry, False)]
    assert (entry / "f").read_bytes() == b"done"
    err = capsys.readouterr().err
    assert err.count("waiting for another process to build wasm/" + KEY[:12]) == 1


# --- real multi-process races ---------------------------------------------------------

RACER = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    from portalis.cache import Cache

    root, ready_dir, go, counter, key = sys.argv[1:6]
    Path(ready_dir, str(os.getpid())).touch()
    while not os.path.exists(go):
        time.sleep(0.002)
    messages = []

    def create(d):
        with open(counter, "a") as f:
            f.write(f"{os.getpid()}\\n")
        time.sleep(1.0)
        (d / "module.wasm").write_bytes(os.urandom(1 << 16))
        (d / "meta").mkdir()
        (d / "meta" / "builder.txt").write_text(str(os.getpid()))

    c = Cache(Path(root), wait_notice_s=0.25)
    entry, hit = c.get_or_create("wasm", key, create, wait_message=messages.append)
    print(json.dumps({
        "pid": os.getpid(), "entry": str(entry), "hit": hit, "messages": messages,
        "builder": (entry / "meta" / "builder.txt").read_text(),
        "digest": __import__("hashlib").sha256((entry / "module.wasm").read_bytes()).hexdigest(),
        "intact": c.verify(entry),
    }))
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SRC_DIR, env.get("PYTHONPATH")]))
    return env


@pytest.mark.slow
def test_four_processes_race_one_builds(tmp_path: Path) -> None:
    root, ready, go, counter = (tmp_path / n for n in ("cache", "ready", "go", "counter"))
    ready.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(root), str(ready), str(go), str(counter), KEY],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for _ in range(4)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(list(ready.iterdir())) < 4:
            assert time.monotonic() < deadline, "racers did not start"
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
            time.sleep(0.01)
        go.touch()  # release all four at once
        outs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert all(p.returncode == 0 for p in procs), outs
    results = [json.loads(o) for o, _ in outs]
    builders = counter.read_text().split()
    assert len(builders) == 1, "exactly one process ran create()"
    assert [r["hit"] for r in results].count(False) == 1
    (winner,) = [r for r in results if not r["hit"]]
    assert str(winner["pid"]) == builders[0]
    assert {r["entry"] for r in results} == {str(root / "wasm" / KEY[:2] / KEY)}
    assert {r["builder"] for r in results} == {builders[0]}
    assert len({r["digest"] for r in results}) == 1
    assert all(r["intact"] for r in results)
    assert winner["messages"] == []
    waiters = [r for r in results if r["hit"]]
    assert all(len(r["messages"]) <= 1 for r in waiters)
    assert any(r["messages"] for r in waiters), "waiters were told they are waiting"
    assert all(
        "waiting for another process to build wasm/" in m for r in waiters for m in r["messages"]
    )
    assert leftovers(Cache(root)) == []


CRASHER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from portalis.cache import Cache

    def create(d):
        (d / "module.wasm").write_bytes(b"half")
        os._exit(3)  # killed mid-build: no cleanup code runs

    Cache(Path(sys.argv[1])).get_or_create("wasm", sys.argv[2], create)
    """
)


def test_builder_killed_mid_build_releases_lock(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    proc = subprocess.run(
        [sys.executable, "-c", CRASHER, str(root), KEY], env=_env(), timeout=60, check=False
    )
    assert proc.returncode == 3
    c = Cache(root, wait_notice_s=0.1)
    assert c.lookup("wasm", KEY) is None
    messages: list[str] = []
    entry, hit = c.get_or_create("wasm", KEY, Builder(), wait_message=messages.append)
    assert not hit and c.verify(entry) and messages == []


# --- info / clear ---------------------------------------------------------------------


def test_info_and_clear(cache: Cache) -> None:
    assert cache.info()["entries"] == 0
    b = Builder(b"y" * 1000)
    for i in range(3):
        cache.get_or_create("wasm", hash_key("w", str(i)), b)
    cache.get_or_create("rt", hash_key("rt"), b)
    write_file_atomic(cache.root / "toolchain.json", b"{}")
    info = cache.info()
    assert info["root"] == str(cache.root)
    assert info["namespaces"]["wasm"]["entries"] == 3
    assert info["namespaces"]["rt"]["entries"] == 1
    assert info["namespaces"]["wasm"]["bytes"] > 3 * 1000
    assert info["entries"] == 4
    assert info["bytes"] >= sum(n["bytes"] for n in info["namespaces"].values())
    assert set(info["namespaces"]) == {"wasm", "rt"}

    assert cache.clear("wasm") == 3
    assert cache.lookup("wasm", hash_key("w", "0")) is None
    assert cache.lookup("rt", hash_key("rt")) is not None
    assert cache.info()["namespaces"] == {
        "rt": {"entries": 1, "bytes": info["namespaces"]["rt"]["bytes"]}
    }
    assert cache.clear("nothing-here") == 0
    assert cache.clear() == 1
    assert cache.info()["entries"] == 0
    assert not (cache.root / "toolchain.json").exists()
    assert leftovers(cache) == []
    # still usable after clearing
    entry, hit = cache.get_or_create("wasm", KEY, b)
    assert not hit and cache.verify(entry)


def test_info_on_missing_root(tmp_path: Path) -> None:
    c = Cache(tmp_path / "never-created")
    assert c.info() == {
        "root": str(tmp_path / "never-created"),
        "namespaces": {},
        "entries": 0,
        "bytes": 0,
    }
    assert c.clear() == 0
