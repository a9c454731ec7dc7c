"""Toolchain discovery against the real compilers on this machine, plus its memo.

Most tests use the real rustc binaries (a rustup proxy without a wasm std and
Debian's /usr/bin/rustc with one).  A few use a tiny fake ``rustc`` shell
script with a hand-made sysroot, because preferences that this machine cannot
exhibit (``wasm32-wasip1`` over ``wasm32-wasi``, newest version wins, memo
invalidation when a target is added) must still be checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import portalis.toolchain as tcmod
from portalis.errors import ToolchainError, UserError
from portalis.toolchain import (
    INSTALL_HINT,
    WASM_TARGETS,
    Toolchain,
    doctor,
    find_toolchain,
)

CARGO_RUSTC = Path.home() / ".cargo" / "bin" / "rustc"


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Each test gets its own memo; the user's environment overrides are removed."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PORTALIS_CACHE_DIR", str(root))
    monkeypatch.delenv("PORTALIS_RUSTC", raising=False)
    monkeypatch.delenv("PORTALIS_WASM_OPT", raising=False)
    return root


class SubprocessCounter:
    """Observes (does not replace) subprocess.run, to prove a memo hit launches nothing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[str]] = []
        real: Callable[..., Any] = subprocess.run

        def counting(args: list[str], *a: Any, **kw: Any) -> Any:
            self.calls.append(list(args))
            return real(args, *a, **kw)

        monkeypatch.setattr(subprocess, "run", counting)


def make_fake_rustc(
    root: Path, version: str, targets: tuple[str, ...], *, name: str = "fake"
) -> Path:
    """A sysroot whose bin/rustc is a shell script answering -vV and --print sysroot."""
    sysroot = root / name
    (sysroot / "bin").mkdir(parents=True)
    for t in targets:
        lib = sysroot / "lib" / "rustlib" / t / "lib"
        lib.mkdir(parents=True)
        (lib / "libstd-0123abcd.rlib").write_bytes(b"!<arch>\n")
    (sysroot / "lib" / "rustlib").mkdir(parents=True, exist_ok=True)
    rustc = sysroot / "bin" / "rustc"
    rustc.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        f"  -vV) printf 'rustc {version} (fake)\\nbinary: rustc\\nrelease: {version}\\n"
        "host: x86_64-unknown-linux-gnu\\n' ;;\n"
        f"  --print) echo '{sysroot}' ;;\n"
        "  *) exit 1 ;;\n"
        "esac\n"
    )
    rustc.chmod(rustc.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return rustc


def isolate_discovery(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: list[Path], fixed: tuple[str, ...] = ()
) -> None:
    """Only the given PATH dirs (and ``fixed``) are candidates; no rustup toolchains."""
    empty = tmp_path / "no-rustup"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", os.pathsep.join(str(p) for p in path))
    monkeypatch.setenv("RUSTUP_HOME", str(empty))
    monkeypatch.setattr(tcmod, "_FIXED_CANDIDATES", fixed)


def has_libstd(sysroot: str, target: str) -> bool:
    lib = Path(sysroot) / "lib" / "rustlib" / target / "lib"
    return any(lib.glob("libstd-*.rlib"))


# --- real discovery -----------------------------------------------------------------


def test_real_discovery_finds_a_wasm_capable_rustc() -> None:
    tc = find_toolchain(use_memo=False)
    assert os.path.isabs(tc.rustc) and os.path.isfile(tc.rustc)
    assert tc.target in WASM_TARGETS
    assert has_libstd(tc.sysroot, tc.target)
    assert re.match(r"\d+\.\d+\.\d+", tc.version)
    assert re.fullmatch(r"[0-9a-f]{64}", tc.identity)
    out = subprocess.run([tc.rustc, "-vV"], capture_output=True, text=True, check=True).stdout
    assert f"release: {tc.version}" in out
    # The chosen one is the newest of all qualifying candidates.
    probes = tcmod._probe_all(tcmod._candidate_paths(tcmod._Env()))
    best = max(tcmod._version_key(p.version or "") for p in probes if p.qualifies)
    assert tcmod._version_key(tc.version) == best
    # On the reference machine (Debian 12): the rustup rustc first on PATH has
    # no wasm std, so discovery must skip it and land on Debian's rustc.
    if not any(p.qualifies for p in probes if p.rustc != "/usr/bin/rustc") and has_libstd(
        "/usr", "wasm32-wasi"
    ):
        assert (tc.rustc, tc.target, tc.sysroot) == ("/usr/bin/rustc", "wasm32-wasi", "/usr")


def test_rustc_without_wasm_std_is_skipped_not_chosen() -> None:
    probes = tcmod._probe_all(tcmod._candidate_paths(tcmod._Env()))
    tc = find_toolchain(use_memo=False)
    for p in probes:
        if p.rustc and not p.qualifies:
            assert os.path.realpath(p.rustc) != os.path.realpath(tc.rustc)


def test_wasm_opt_found_when_installed() -> None:
    tc = find_toolchain(use_memo=False)
    if shutil.which("wasm-opt") is None:
        assert tc.wasm_opt is None and tc.wasm_opt_version is None
    else:
        assert tc.wasm_opt is not None and os.path.isfile(tc.wasm_opt)
        assert tc.wasm_opt_version


def test_wasm_opt_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    on = find_toolchain(use_memo=False)
    monkeypatch.setenv("PORTALIS_WASM_OPT", "off")
    off = find_toolchain()  # env var is part of the memo key: no stale hit
    assert off.wasm_opt is None and off.wasm_opt_version is None
    if on.wasm_opt is not None:
        assert off.identity != on.identity, "wasm-opt version is part of the identity"
    monkeypatch.setenv("PORTALIS_WASM_OPT", "/nonexistent/wasm-opt")
    with pytest.raises(ToolchainError, match="PORTALIS_WASM_OPT"):
        find_toolchain()


# --- PORTALIS_RUSTC ---------------------------------------------------------------------


def test_portalis_rustc_usable_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    tc = find_toolchain(use_memo=False)
    monkeypatch.setenv("PORTALIS_RUSTC", tc.rustc)
    assert find_toolchain() == tc


def test_portalis_rustc_without_wasm_std_raises_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Decision: an explicit PORTALIS_RUSTC is never silently replaced by another compiler."""
    if CARGO_RUSTC.is_file() and not tcmod._probe(str(CARGO_RUSTC), "x").qualifies:
        bad = CARGO_RUSTC  # the real rustup rustc 1.95 on the reference machine
    else:
        bad = make_fake_rustc(tmp_path, "1.99.0", ())
    monkeypatch.setenv("PORTALIS_RUSTC", str(bad))
    with pytest.raises(ToolchainError) as ei:
        find_toolchain()
    msg = str(ei.value)
    assert f"PORTALIS_RUSTC={bad}" in msg
    assert "no wasm32 std" in msg
    assert "rustup target add wasm32-wasip1" in msg and "apt-get install" in msg
    assert "\n" not in msg
    assert isinstance(ei.value, UserError)


def test_portalis_rustc_missing_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PORTALIS_RUSTC", str(tmp_path / "nope" / "rustc"))
    with pytest.raises(ToolchainError, match="no such file"):
        find_toolchain()


# --- nothing found ----------------------------------------------------------------------


def test_no_candidates_raises_with_install_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate_discovery(monkeypatch, tmp_path, [])
    with pytest.raises(ToolchainError) as ei:
        find_toolchain()
    msg = str(ei.value)
    assert "apt-get install -y rustc libstd-rust-dev-wasm32 lld-14 wasi-libc binaryen" in msg
    assert "rustup target add wasm32-wasip1" in msg
    assert "\n" not in msg
    assert INSTALL_HINT in msg


def test_only_non_wasm_rustc_raises_and_lists_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = make_fake_rustc(tmp_path, "1.90.0", ())
    isolate_discovery(monkeypatch, tmp_path, [fake.parent])
    with pytest.raises(ToolchainError, match=r"rustc 1\.90\.0, no wasm32 std.*apt-get install"):
        find_toolchain()
    assert not (tmp_path / "cache" / "toolchain.json").exists(), "failures are not memoised"


# --- preferences (fake compilers) -------------------------------------------------------


def test_newest_qualifying_wins_and_wasip1_preferred(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old = make_fake_rustc(tmp_path, "1.70.0", ("wasm32-wasi",), name="old")
    new = make_fake_rustc(tmp_path, "1.85.0", ("wasm32-wasip1", "wasm32-wasi"), name="new")
    newest_no_std = make_fake_rustc(tmp_path, "1.99.0", (), name="nostd")
    isolate_discovery(monkeypatch, tmp_path, [old.parent, newest_no_std.parent, new.parent])
    tc = find_toolchain()
    assert (tc.rustc, tc.version, tc.target) == (str(new), "1.85.0", "wasm32-wasip1")
    assert tc.sysroot == str(new.parent.parent)


def test_version_ordering() -> None:
    key = tcmod._version_key
    assert key("1.63.0") < key("1.95.0") < key("1.97.0-nightly") < key("1.97.0")
    assert key("1.100.0") > key("1.99.9")
    assert key("garbage") < key("0.0.1")


def test_tie_goes_to_earlier_candidate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    a = make_fake_rustc(tmp_path, "1.80.0", ("wasm32-wasi",), name="a")
    b = make_fake_rustc(tmp_path, "1.80.0", ("wasm32-wasi",), name="b")
    isolate_discovery(monkeypatch, tmp_path, [b.parent, a.parent])
    assert find_toolchain().rustc == str(b)


def test_rustup_home_toolchains_are_candidates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "rustup"
    fake = make_fake_rustc(home / "toolchains", "1.88.0", ("wasm32-wasip1",), name="stable-x")
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("RUSTUP_HOME", str(home))
    monkeypatch.setattr(tcmod, "_FIXED_CANDIDATES", ())
    assert find_toolchain().rustc == str(fake)


# --- memo ---------------------------------------------------------------------------------


def test_memo_hit_launches_no_subprocess(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    first = find_toolchain(use_memo=False)
    assert (isolated_cache / "toolchain.json").is_file()
    counter = SubprocessCounter(monkeypatch)
    t0 = time.perf_counter()
    for _ in range(20):
        assert find_toolchain() == first
    per_call = (time.perf_counter() - t0) / 20
    assert counter.calls == []
    print(f"warm find_toolchain(): {per_call * 1e3:.3f} ms")
    # use_memo=False re-probes
    assert find_toolchain(use_memo=False) == first
    assert counter.calls


def test_memo_invalidated_by_path_change(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = find_toolchain()
    counter = SubprocessCounter(monkeypatch)
    extra = tmp_path / "extra-bin"
    extra.mkdir()
    monkeypatch.setenv("PATH", f"{extra}{os.pathsep}{os.environ['PATH']}")
    assert find_toolchain() == first
    assert counter.calls, "a different PATH must re-run discovery"


def test_memo_invalidated_by_new_target_and_new_binary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = make_fake_rustc(tmp_path, "1.80.0", ("wasm32-wasi",))
    isolate_discovery(monkeypatch, tmp_path, [fake.parent])
    before = find_toolchain()
    assert before.target == "wasm32-wasi"
    time.sleep(0.05)  # directory mtimes have coarse (jiffy) granularity
    lib = fake.parent.parent / "lib" / "rustlib" / "wasm32-wasip1" / "lib"
    lib.mkdir(parents=True)
    (lib / "libstd-feed.rlib").write_bytes(b"!<arch>\n")
    after = find_toolchain()
    assert after.target == "wasm32-wasip1"
    assert after.identity != before.identity
    # an upgraded binary (different size/mtime) invalidates too
    time.sleep(0.05)
    fake.write_text(fake.read_text().replace("1.80.0", "1.81.0"))
    assert find_toolchain().version == "1.81.0"


def test_corrupt_memo_is_ignored_and_rewritten(isolated_cache: Path) -> None:
    first = find_toolchain()
    memo = isolated_cache / "toolchain.json"
    good = memo.read_text()
    doc = json.loads(good)
    doc["toolchain"]["rustc"] = 42
    typed_wrong = json.dumps(doc)
    for junk in ("{oops", "[]", '{"format": 1, "key": 3}', "", typed_wrong):
        memo.write_text(junk)
        assert find_toolchain() == first
        assert memo.read_text() != junk


def test_memo_write_failure_is_harmless(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("PORTALIS_CACHE_DIR", str(blocker / "cache"))
    assert isinstance(find_toolchain(), Toolchain)


# --- doctor --------------------------------------------------------------------------------


def test_doctor_reports_everything() -> None:
    lines, ok = doctor()
    text = "\n".join(lines)
    assert ok
    tc = find_toolchain()
    assert "rustc candidates:" in text
    assert f"rustc: {tc.rustc} (version {tc.version}, target {tc.target})" in text
    assert "wasm-opt:" in text
    assert "wasmtime-py: 50." in text
    assert "Python: 3." in text
    assert "cache: " in text
    if CARGO_RUSTC.is_file():
        assert str(CARGO_RUSTC) in text


def test_doctor_without_toolchain_prints_install_commands(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = make_fake_rustc(tmp_path, "1.90.0", ())
    isolate_discovery(monkeypatch, tmp_path, [fake.parent])
    lines, ok = doctor()
    text = "\n".join(lines)
    assert not ok
    assert f"{fake}: rustc 1.90.0, no wasm32 std" in text
    assert "NOT FOUND" in text
    assert "sudo apt-get install -y rustc libstd-rust-dev-wasm32 lld-14 wasi-libc binaryen" in text
    assert "rustup target add wasm32-wasip1" in text
    assert "wasm-opt:" in text
