"""Find a Rust compiler that can build wasm32-wasi(p1) modules, and remember it.

Why discovery is not simply ``shutil.which("rustc")``: on common machines the
first ``rustc`` on PATH is a rustup proxy whose toolchain has no WebAssembly
standard library (and may be unable to download one), while a distribution
``/usr/bin/rustc`` further down does have it.  So every candidate is asked for
its sysroot, and only those whose sysroot holds a wasm32 ``libstd`` qualify.

Discovery order (first listed wins a tie):

1. ``$PORTALIS_RUSTC`` if set.  This is an explicit choice, so it is used as-is
   when it qualifies and, when it does not, `find_toolchain` raises
   `ToolchainError` naming it rather than silently picking another compiler:
   a user who pins a compiler wants to know it is unusable, and cache keys
   should never depend on a fallback they did not ask for.
2. every ``rustc`` on ``PATH``;
3. every rustup toolchain (``$RUSTUP_HOME/toolchains/*/bin/rustc``, default
   ``~/.rustup``);
4. ``/usr/bin/rustc``.

Among qualifying candidates (2-4) the newest version wins; a release beats a
beta or nightly of the same number.  The wasm target is ``wasm32-wasip1`` when
the sysroot has it (current rustc), else ``wasm32-wasi`` (rustc <= 1.77).

``wasm-opt`` (binaryen) is optional: ``$PORTALIS_WASM_OPT`` names it (``off``
disables it), else it is looked up on PATH.

Probing costs several subprocess launches (a rustup proxy alone is ~50 ms), yet
`portalis.load` of an already-cached module must finish in well under 50 ms.
The result is therefore memoised in ``<cache>/toolchain.json`` under a key made
of the environment variables involved and ``(path, mtime_ns, size)`` of every
candidate binary; the memo also records the sysroot ``lib/rustlib`` directories
it relied on, whose mtimes change when a target is added or removed.  A warm
lookup costs a few dozen ``stat`` calls and one small file read.  Failures are
never memoised: the user is expected to install something and retry.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from portalis.cache import Cache, cache_root, hash_key, write_file_atomic
from portalis.errors import ToolchainError

__all__ = [
    "APT_INSTALL",
    "INSTALL_HINT",
    "RUSTUP_INSTALL",
    "WASM_TARGETS",
    "Toolchain",
    "doctor",
    "find_toolchain",
]

#: Debian/Ubuntu packages giving rustc with a wasm32-wasi std, its linker, and wasm-opt.
APT_INSTALL = (
    "sudo apt-get update && "
    "sudo apt-get install -y rustc libstd-rust-dev-wasm32 lld-14 wasi-libc binaryen"
)
#: The rustup way to add the WebAssembly standard library to the active toolchain.
RUSTUP_INSTALL = "rustup target add wasm32-wasip1"
#: One line, appended to every "no toolchain" error and printed by `doctor`.
INSTALL_HINT = f"on Debian/Ubuntu run `{APT_INSTALL}`; with rustup run `{RUSTUP_INSTALL}`"

#: Targets Portalis can build for, most preferred first.
WASM_TARGETS: tuple[str, ...] = ("wasm32-wasip1", "wasm32-wasi")

_EXE = ".exe" if sys.platform == "win32" else ""
_RUSTC = f"rustc{_EXE}"
#: Fixed last-resort locations; a module attribute so tests can empty it.
_FIXED_CANDIDATES: tuple[str, ...] = () if sys.platform == "win32" else ("/usr/bin/rustc",)
_MEMO_NAME = "toolchain.json"
_MEMO_FORMAT = 1
_PROBE_TIMEOUT_S = 60.0
_OFF_WORDS = frozenset({"off", "none", "0", "false", "no"})

_Stat = tuple[str, int | None, int | None]


@dataclass(frozen=True)
class Toolchain:
    """A compiler that can build Portalis modules, plus the optional optimiser.

    ``identity`` hashes everything that can change the bytes of a build, so
    artifact cache keys include it and a compiler upgrade invalidates them.
    """

    rustc: str
    version: str
    target: str
    sysroot: str
    wasm_opt: str | None
    wasm_opt_version: str | None
    identity: str


@dataclass(frozen=True)
class _Probe:
    """What one candidate binary said about itself (or why it could not say)."""

    path: str
    source: str
    rustc: str | None = None
    version: str | None = None
    verbose_version: str | None = None
    sysroot: str | None = None
    target: str | None = None
    error: str | None = None

    @property
    def qualifies(self) -> bool:
        return self.error is None and self.target is not None

    def describe(self) -> str:
        """One human-readable line for `doctor` and error messages."""
        shown = self.path
        if self.rustc and os.path.realpath(self.rustc) != os.path.realpath(self.path):
            shown = f"{self.path} -> {self.rustc}"
        if self.error is not None:
            return f"{shown}: unusable ({self.error})"
        std = f"wasm std for {self.target}" if self.target else "no wasm32 std"
        return f"{shown}: rustc {self.version}, {std}"


@dataclass(frozen=True)
class _Env:
    """The environment variables discovery depends on, read once per call."""

    path: str = field(default_factory=lambda: os.environ.get("PATH", ""))
    portalis_rustc: str = field(default_factory=lambda: os.environ.get("PORTALIS_RUSTC", ""))
    portalis_wasm_opt: str = field(default_factory=lambda: os.environ.get("PORTALIS_WASM_OPT", ""))
    rustup_home: str = field(
        default_factory=lambda: os.environ.get("RUSTUP_HOME") or str(Path.home() / ".rustup")
    )


# --- candidates -----------------------------------------------------------------


def _resolve_env_rustc(value: str) -> str:
    """``PORTALIS_RUSTC`` may be a path or a bare command name."""
    if os.sep in value or (os.altsep and os.altsep in value):
        return os.path.abspath(os.path.expanduser(value))
    found = shutil.which(value)
    return os.path.abspath(found) if found else value


def _candidate_paths(env: _Env) -> list[tuple[str, str]]:
    """Every place a rustc might be, in discovery order, including absent ones.

    Absent paths stay in the list because their later appearance must change
    the memo key; `_probe_all` skips them.  With ``PORTALIS_RUSTC`` set only
    that one is considered.
    """
    if env.portalis_rustc:
        return [(_resolve_env_rustc(env.portalis_rustc), "PORTALIS_RUSTC")]
    out: list[tuple[str, str]] = []
    for d in env.path.split(os.pathsep):
        # An empty PATH entry means the current directory; never run a
        # compiler found there implicitly.
        if d and os.path.isabs(d):
            out.append((os.path.join(d, _RUSTC), "PATH"))
    toolchains = Path(env.rustup_home) / "toolchains"
    with contextlib.suppress(OSError):
        for name in sorted(os.listdir(toolchains)):
            out.append((str(toolchains / name / "bin" / _RUSTC), "rustup"))
    out.extend((p, "system") for p in _FIXED_CANDIDATES)
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for p, src in out:
        norm = os.path.normpath(p)
        if norm not in seen:
            seen.add(norm)
            unique.append((norm, src))
    return unique


def _stat(path: str) -> _Stat:
    """(path, mtime_ns, size), with Nones when absent: the cheap change detector."""
    try:
        st = os.stat(path)
    except OSError:
        return (path, None, None)
    return (path, st.st_mtime_ns, st.st_size)


def _probe_env() -> dict[str, str]:
    """Environment for probing: never let a rustup proxy try to download toolchains."""
    env = dict(os.environ)
    env["RUSTUP_AUTO_INSTALL"] = "0"
    return env


class _ProbeFailed(Exception):
    """A probe command could not be run or exited non-zero; the message says why."""


def _run(args: list[str]) -> str:
    """Run a probe command and return stdout; raise `_ProbeFailed` on any failure.

    Runs from the filesystem root so a ``rust-toolchain.toml`` in the user's
    current directory cannot redirect a rustup proxy.  ``subprocess`` is
    imported here, not at module level, because a warm-memo process never
    launches anything and should not pay for importing it.
    """
    import subprocess

    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=_PROBE_TIMEOUT_S,
            cwd=os.path.abspath(os.sep),
            env=_probe_env(),
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise _ProbeFailed(str(exc) or type(exc).__name__) from exc
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise _ProbeFailed(detail)
    return str(proc.stdout)


def _wasm_target(sysroot: str) -> str | None:
    """The preferred wasm target whose ``lib`` dir in ``sysroot`` holds a libstd rlib."""
    for target in WASM_TARGETS:
        libdir = os.path.join(sysroot, "lib", "rustlib", target, "lib")
        with contextlib.suppress(OSError):
            if any(n.startswith("libstd-") and n.endswith(".rlib") for n in os.listdir(libdir)):
                return target
    return None


def _probe(path: str, source: str) -> _Probe:
    """Ask one rustc for its version and sysroot and check the sysroot for a wasm std.

    A rustup proxy is resolved to the toolchain binary it dispatches to
    (``<sysroot>/bin/rustc``), so the chosen path does not depend on rustup's
    per-directory overrides at build time.
    """
    try:
        vv = _run([path, "-vV"])
        sysroot = _run([path, "--print", "sysroot"]).strip()
    except _ProbeFailed as exc:
        return _Probe(path=path, source=source, error=str(exc))
    m = re.search(r"^release:\s*(\S+)", vv, re.MULTILINE)
    if not m:
        return _Probe(path=path, source=source, error="unrecognised `rustc -vV` output")
    real = os.path.join(sysroot, "bin", _RUSTC)
    rustc = real if os.path.isfile(real) else path
    return _Probe(
        path=path,
        source=source,
        rustc=rustc,
        version=m.group(1),
        verbose_version=vv,
        sysroot=sysroot,
        target=_wasm_target(sysroot),
    )


def _probe_all(candidates: list[tuple[str, str]]) -> list[_Probe]:
    """Probe each existing candidate once; later duplicates of one compiler are dropped."""
    probes: list[_Probe] = []
    seen_bins: set[str] = set()
    seen_compilers: set[str] = set()
    for path, source in candidates:
        if not os.path.isfile(path):
            if source == "PORTALIS_RUSTC":
                probes.append(_Probe(path=path, source=source, error="no such file"))
            continue
        real = os.path.realpath(path)
        # rustup proxies all resolve to the `rustup` binary, so realpath
        # dedupe is only safe for non-proxies; proxies are deduped below.
        if real in seen_compilers or (
            real in seen_bins and os.path.basename(real).startswith("rustc")
        ):
            continue
        seen_bins.add(real)
        probe = _probe(path, source)
        if probe.rustc is not None:
            compiler = os.path.realpath(probe.rustc)
            if compiler in seen_compilers:
                continue
            seen_compilers.add(compiler)
        probes.append(probe)
    return probes


def _version_key(version: str) -> tuple[int, int, int, int]:
    """Sortable version: numeric parts, then release (1) above beta/nightly (0)."""
    m = re.match(r"(\d+)\.(\d+)\.(\d+)(\S*)", version)
    if not m:
        return (0, 0, 0, 0)
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), 0 if m.group(4) else 1)


def _choose(probes: list[_Probe], env: _Env) -> _Probe:
    """The probe to use, or ToolchainError saying what was found and what to install."""
    if env.portalis_rustc:
        p = probes[0]
        if p.qualifies:
            return p
        why = p.error if p.error is not None else f"rustc {p.version} has no wasm32 std"
        raise ToolchainError(
            f"PORTALIS_RUSTC={env.portalis_rustc} is not usable ({why}); "
            f"unset it to search PATH, or {INSTALL_HINT}"
        )
    good = [p for p in probes if p.qualifies]
    if not good:
        seen = "; ".join(p.describe() for p in probes) or "no rustc found at all"
        raise ToolchainError(
            f"no Rust compiler with a WebAssembly standard library (checked: {seen}); "
            f"{INSTALL_HINT}"
        )
    order = {id(p): i for i, p in enumerate(good)}
    return max(good, key=lambda p: (_version_key(p.version or ""), -order[id(p)]))


# --- wasm-opt ---------------------------------------------------------------------


def _locate_wasm_opt(env: _Env) -> str | None:
    """Path of wasm-opt to use, or None (absent or switched off)."""
    value = env.portalis_wasm_opt.strip()
    if value.lower() in _OFF_WORDS:
        return None
    if value:
        found = shutil.which(value) if os.sep not in value else value
        if not found or not os.path.isfile(found):
            raise ToolchainError(
                f"PORTALIS_WASM_OPT={value} not found; set it to a wasm-opt binary or `off`, "
                "or install binaryen (`sudo apt-get install -y binaryen`)"
            )
        return os.path.abspath(found)
    found = shutil.which("wasm-opt")
    return os.path.abspath(found) if found else None


def _wasm_opt_version(path: str) -> str | None:
    """``wasm-opt --version`` -> e.g. ``"108"``; None if it does not run."""
    try:
        out = _run([path, "--version"])
    except _ProbeFailed:
        return None
    m = re.search(r"version\s+(\S+)", out)
    return m.group(1) if m else (out.strip() or None)


# --- memo -------------------------------------------------------------------------


def _memo_key(env: _Env, candidates: list[tuple[str, str]], wasm_opt: str | None) -> str:
    """Everything discovery depends on that can be checked without running anything."""
    stats = [_stat(p) for p, _ in candidates]
    opt_stat = _stat(wasm_opt) if wasm_opt else None
    return hash_key(
        f"portalis-toolchain-memo-v{_MEMO_FORMAT}",
        env.path,
        env.portalis_rustc,
        env.portalis_wasm_opt,
        env.rustup_home,
        json.dumps(stats),
        json.dumps(opt_stat),
    )


def _read_memo(path: Path, key: str) -> Toolchain | None:
    """The memoised toolchain if the memo is for ``key`` and its watched dirs are unchanged."""
    try:
        doc = json.loads(path.read_text())
        if doc.get("format") != _MEMO_FORMAT or doc.get("key") != key:
            return None
        for entry in doc["watch"]:
            if _stat(entry[0]) != tuple(entry):
                return None
        tc = Toolchain(**doc["toolchain"])
        fields = (tc.rustc, tc.version, tc.target, tc.sysroot, tc.identity)
        if not all(isinstance(v, str) for v in fields) or tc.target not in WASM_TARGETS:
            return None
        # Cheap last line of defence against a hand-edited or stale memo.
        if not os.path.isfile(tc.rustc):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return tc


def _write_memo(path: Path, key: str, watch: list[_Stat], tc: Toolchain) -> None:
    """Store the result; a read-only cache dir only costs speed, never correctness."""
    doc = {"format": _MEMO_FORMAT, "key": key, "watch": watch, "toolchain": asdict(tc)}
    with contextlib.suppress(OSError):
        write_file_atomic(path, json.dumps(doc, indent=1).encode())


def _watch_list(probes: list[_Probe], chosen: _Probe) -> list[_Stat]:
    """Directories whose mtime changes when a wasm std is added, removed or replaced."""
    watch: list[_Stat] = []
    for p in probes:
        if p.sysroot:
            watch.append(_stat(os.path.join(p.sysroot, "lib", "rustlib")))
    assert chosen.sysroot is not None and chosen.target is not None
    watch.append(_stat(os.path.join(chosen.sysroot, "lib", "rustlib", chosen.target, "lib")))
    return watch


# --- public API -------------------------------------------------------------------


def _make_toolchain(chosen: _Probe, wasm_opt: str | None) -> Toolchain:
    assert chosen.rustc and chosen.version and chosen.sysroot and chosen.target
    opt_version = _wasm_opt_version(wasm_opt) if wasm_opt else None
    if opt_version is None:
        wasm_opt = None  # present but not runnable: behave as if absent
    return Toolchain(
        rustc=chosen.rustc,
        version=chosen.version,
        target=chosen.target,
        sysroot=chosen.sysroot,
        wasm_opt=wasm_opt,
        wasm_opt_version=opt_version,
        identity=hash_key(chosen.verbose_version or "", chosen.target, opt_version or ""),
    )


def find_toolchain(*, use_memo: bool = True) -> Toolchain:
    """The toolchain to build with; raises `ToolchainError` (one line + install hint) if none.

    With ``use_memo=False`` the memo is ignored (but rewritten), which is what
    `doctor` and a suspicious user want.
    """
    env = _Env()
    candidates = _candidate_paths(env)
    wasm_opt = _locate_wasm_opt(env)
    key = _memo_key(env, candidates, wasm_opt)
    memo = cache_root() / _MEMO_NAME
    if use_memo:
        tc = _read_memo(memo, key)
        if tc is not None:
            return tc
    probes = _probe_all(candidates)
    chosen = _choose(probes, env)
    tc = _make_toolchain(chosen, wasm_opt)
    _write_memo(memo, key, _watch_list(probes, chosen), tc)
    return tc


def _human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def doctor() -> tuple[list[str], bool]:
    """Lines describing everything Portalis depends on, and whether it can build at all.

    Probes every candidate afresh (no memo), so it also shows compilers that
    were passed over and why: the usual question is "why not *my* rustc?".
    """
    lines: list[str] = []
    ok = True
    env = _Env()
    all_candidates = _candidate_paths(_Env(portalis_rustc=""))
    if env.portalis_rustc:
        all_candidates = _candidate_paths(env) + all_candidates
    probes = _probe_all(all_candidates)
    lines.append("rustc candidates:")
    if not probes:
        lines.append("  (none found on PATH, in rustup or at /usr/bin/rustc)")
    for p in probes:
        tag = f"[{p.source}] " if p.source == "PORTALIS_RUSTC" else ""
        lines.append(f"  {tag}{p.describe()}")
    tc: Toolchain | None = None
    try:
        tc = find_toolchain(use_memo=False)
    except ToolchainError as exc:
        ok = False
        lines.append(f"rustc: NOT FOUND ({exc})")
        lines.append("  to install a Rust compiler with the WebAssembly standard library:")
        lines.append(f"    Debian/Ubuntu: {APT_INSTALL}")
        lines.append(f"    rustup:        {RUSTUP_INSTALL}")
    if tc is not None:
        lines.append(f"rustc: {tc.rustc} (version {tc.version}, target {tc.target})")
        lines.append(f"  sysroot: {tc.sysroot}")
        lines.append(f"  identity: {tc.identity[:16]}")
        if tc.wasm_opt:
            lines.append(f"wasm-opt: {tc.wasm_opt} (version {tc.wasm_opt_version})")
        else:
            lines.append("wasm-opt: not found (optional; apt-get install binaryen)")
    else:
        try:
            opt = _locate_wasm_opt(env)
        except ToolchainError as exc:
            opt = None
            lines.append(f"wasm-opt: {exc}")
        else:
            version = _wasm_opt_version(opt) if opt else None
            if opt and version:
                lines.append(f"wasm-opt: {opt} (version {version})")
            else:
                lines.append("wasm-opt: not found (optional; apt-get install binaryen)")
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        lines.append(f"wasmtime-py: {dist_version('wasmtime')}")
    except PackageNotFoundError:
        ok = False
        lines.append("wasmtime-py: NOT INSTALLED (pip install 'wasmtime>=50,<51')")
    import platform  # only doctor needs it; keep warm-memo imports small

    lines.append(f"Python: {platform.python_version()} ({sys.executable})")
    try:
        info: dict[str, Any] = Cache().info()
        lines.append(
            f"cache: {info['root']} ({info['entries']} entries, {_human_bytes(int(info['bytes']))})"
        )
    except OSError as exc:
        lines.append(f"cache: {cache_root()} (unreadable: {exc})")
    return lines, ok
