"""Content-addressed on-disk cache shared by every Portalis process on a machine.

Why this shape:

* Building a module costs seconds of rustc time, loading a cached one must cost
  milliseconds, and many processes (pytest-xdist workers, an import hook in
  several interpreters, a wheel build) may want the same artifact at once.  So
  entries are immutable directories published by a single atomic ``rename``;
  a reader either sees a complete entry or none at all.
* A per-key exclusive file lock makes exactly one process build an entry while
  the others wait and then reuse it, instead of N processes running rustc on the
  same input.  The lock is an OS file lock, so a builder that crashes releases it
  automatically; nothing has to clean up "stale lock" files.
* Every entry carries an integrity file (size and sha256 of each file).  A disk
  that filled up, a killed copy or a user poking around can leave a truncated
  file behind; such an entry is detected, removed and rebuilt, never returned.

Layout under the root::

    <root>/<namespace>/<key[:2]>/<key>/   entries (files + .portalis-integrity.json)
    <root>/locks/<namespace>-<key>.lock  lock files (kept; tiny, never deleted)
    <root>/tmp/                          half-built entries and entries being removed
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "INTEGRITY_FILE",
    "Cache",
    "cache_root",
    "hash_key",
    "write_file_atomic",
]

#: Name of the integrity manifest inside every entry directory.
INTEGRITY_FILE = ".portalis-integrity.json"

_INTEGRITY_FORMAT = 1
_RESERVED = frozenset({"locks", "tmp"})
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
# Half-built entries older than this are leftovers of a killed process; a live
# builder never takes this long, so clear() may delete them without a lock.
_STALE_TMP_S = 3600.0


def cache_root() -> Path:
    """Where the cache lives: ``$PORTALIS_CACHE_DIR`` or the platform's user cache dir.

    Resolved on every call (it only reads the environment) so that tests and
    tools which set ``PORTALIS_CACHE_DIR`` at run time are honoured.
    """
    env = os.environ.get("PORTALIS_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "portalis" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "portalis"
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says relative paths are invalid and must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "portalis"
    return Path.home() / ".cache" / "portalis"


def hash_key(*parts: str | bytes) -> str:
    """sha256 hex digest of ``parts``, with each part type-tagged and length-prefixed.

    Plain concatenation would make ``("ab", "c")`` and ``("a", "bc")`` collide;
    cache keys built from several inputs (source, toolchain identity, options)
    must never do that.
    """
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            data = part.encode("utf-8")
            tag = b"s"
        else:
            data = bytes(part)
            tag = b"b"
        h.update(tag)
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def write_file_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    Writes a temporary sibling, flushes it to disk and ``os.replace``-s it over
    the target; concurrent writers of the same content simply race harmlessly.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.urandom(16).hex()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _default_wait_message(text: str) -> None:
    """Tell a human why the process seems stuck: another process holds the build lock."""
    print(f"portalis: {text}", file=sys.stderr, flush=True)


def _file_digest(path: Path) -> str:
    """sha256 of a file, read in chunks (hashlib.file_digest needs Python 3.11)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _walk_files(root: Path) -> Iterator[Path]:
    """Every file below ``root``, plus symlinks to directories (which entries must not hold).

    ``os.walk`` reports a directory symlink among the directories and does not
    descend into it; yielding it here makes `verify` and `_write_integrity`
    see it instead of silently ignoring it.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            yield Path(dirpath) / name
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):
                yield Path(dirpath) / name


def _dir_size(root: Path) -> int:
    """Bytes used by files below ``root``; files vanishing mid-walk are skipped."""
    total = 0
    for p in _walk_files(root):
        with contextlib.suppress(OSError):
            total += p.lstat().st_size
    return total


# --- file locks -------------------------------------------------------------

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(f: IO[bytes]) -> bool:
        """Non-blocking exclusive lock on the file's first byte."""
        f.seek(0)
        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(f: IO[bytes]) -> None:
        f.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(f: IO[bytes]) -> bool:
        """Non-blocking exclusive flock; released by the OS if the process dies."""
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class Cache:
    """Content-addressed store of immutable entry directories (see the module docstring)."""

    def __init__(self, root: Path | None = None, *, wait_notice_s: float = 3.0) -> None:
        """Open (lazily create) a cache at ``root``, default `cache_root()`.

        ``wait_notice_s`` is how long a process waits on another's build before
        it says so once; tests lower it, users should not need to.
        """
        self.root = Path(root) if root is not None else cache_root()
        self.wait_notice_s = wait_notice_s

    # -- paths ----------------------------------------------------------------

    @staticmethod
    def _check_names(namespace: str, key: str) -> None:
        """Reject names that could escape the root or collide with reserved dirs."""
        if not _NAME_RE.match(namespace) or namespace in _RESERVED:
            raise ValueError(f"invalid cache namespace: {namespace!r}")
        if len(key) < 2 or not _NAME_RE.match(key):
            raise ValueError(f"invalid cache key: {key!r}")

    def entry_path(self, namespace: str, key: str) -> Path:
        """Where the entry for ``key`` lives (whether or not it exists)."""
        self._check_names(namespace, key)
        return self.root / namespace / key[:2] / key

    def _lock_path(self, namespace: str, key: str) -> Path:
        return self.root / "locks" / f"{namespace}-{key}.lock"

    def _tmp_dir(self) -> Path:
        tmp = self.root / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        return tmp

    # -- integrity --------------------------------------------------------------

    @staticmethod
    def _write_integrity(entry: Path) -> None:
        """Record size and sha256 of every file in a freshly built entry."""
        files: dict[str, dict[str, Any]] = {}
        for p in sorted(_walk_files(entry)):
            rel = p.relative_to(entry).as_posix()
            if rel == INTEGRITY_FILE:
                continue
            if p.is_symlink():
                raise ValueError(f"cache entries may not contain symlinks: {rel}")
            files[rel] = {"size": p.stat().st_size, "sha256": _file_digest(p)}
        doc = {"format": _INTEGRITY_FORMAT, "files": files}
        (entry / INTEGRITY_FILE).write_text(json.dumps(doc, sort_keys=True, indent=1))

    def verify(self, entry: Path) -> bool:
        """True only if ``entry`` holds exactly the files its integrity record lists, intact.

        Sizes are compared before hashing so a truncated file is rejected
        without reading it; extra or missing files also fail the check.
        """
        try:
            doc = json.loads((entry / INTEGRITY_FILE).read_text())
            if not isinstance(doc, dict) or doc.get("format") != _INTEGRITY_FORMAT:
                return False
            listed = doc["files"]
            if not isinstance(listed, dict):
                return False
            present = {
                p.relative_to(entry).as_posix()
                for p in _walk_files(entry)
                if p.name != INTEGRITY_FILE or p.parent != entry
            }
            if present != set(listed):
                return False
            for rel, meta in listed.items():
                p = entry / rel
                if p.is_symlink() or p.stat().st_size != meta["size"]:
                    return False
            for rel, meta in listed.items():
                if _file_digest(entry / rel) != meta["sha256"]:
                    return False
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return True

    # -- removal ------------------------------------------------------------------

    def _remove_dir(self, path: Path) -> bool:
        """Remove a directory so that no reader ever sees it half-deleted.

        The directory is first renamed into ``tmp/`` (atomic), then deleted at
        leisure.  Returns False if it was already gone.
        """
        trash = self._tmp_dir() / f"trash-{os.urandom(16).hex()}"
        try:
            os.rename(path, trash)
        except OSError:  # already gone, or (Windows) still open by a reader
            return False
        shutil.rmtree(trash, ignore_errors=True)
        return True

    @contextlib.contextmanager
    def _locked(
        self,
        namespace: str,
        key: str,
        wait_message: Callable[[str], None] | None,
        *,
        blocking: bool = True,
    ) -> Iterator[bool]:
        """Hold the key's exclusive lock; yields False if non-blocking and it was busy.

        Polls a non-blocking lock rather than blocking in the kernel so that
        a waiter can tell the user, once, that it is waiting on someone else.
        """
        lock_path = self._lock_path(namespace, key)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+b") as f:
            acquired = _try_lock(f)
            if not acquired and blocking:
                start = time.monotonic()
                told = False
                delay = 0.005
                while not acquired:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.05)
                    acquired = _try_lock(f)
                    if not acquired and not told and time.monotonic() - start > self.wait_notice_s:
                        told = True
                        (wait_message or _default_wait_message)(
                            f"waiting for another process to build {namespace}/{key[:12]}..."
                        )
            try:
                yield acquired
            finally:
                if acquired:
                    _unlock(f)

    # -- public API ---------------------------------------------------------------

    def lookup(self, namespace: str, key: str) -> Path | None:
        """The entry directory if it exists and passes `verify`, else None.

        A corrupt entry is removed, but only if its lock is free: the lock
        holder may be replacing it right now and its fresh entry must survive.
        """
        entry = self.entry_path(namespace, key)
        if not entry.is_dir():
            return None
        if self.verify(entry):
            return entry
        with self._locked(namespace, key, None, blocking=False) as acquired:
            if acquired and entry.is_dir() and not self.verify(entry):
                self._remove_dir(entry)
        return None

    def get_or_create(
        self,
        namespace: str,
        key: str,
        create: Callable[[Path], None],
        *,
        wait_message: Callable[[str], None] | None = None,
    ) -> tuple[Path, bool]:
        """Return ``(entry_dir, hit)``, building the entry with ``create`` on a miss.

        ``create(tmpdir)`` writes the entry's files into an empty directory on
        the cache's filesystem; it is published by one atomic rename only after
        it returns and its integrity record is written.  Exactly one process
        builds a given key; others block on the lock and get ``hit=True``.  If
        ``create`` raises, its directory is removed and the exception propagates.
        """
        found = self.lookup(namespace, key)
        if found is not None:
            return found, True
        entry = self.entry_path(namespace, key)
        with self._locked(namespace, key, wait_message):
            if entry.is_dir():
                if self.verify(entry):
                    return entry, True
                self._remove_dir(entry)
            tmp = self._tmp_dir() / f"build-{namespace}-{key[:16]}-{os.urandom(16).hex()}"
            tmp.mkdir()
            try:
                create(tmp)
                self._write_integrity(tmp)
                entry.parent.mkdir(parents=True, exist_ok=True)
                os.rename(tmp, entry)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        return entry, False

    @staticmethod
    def write_file_atomic(path: Path, data: bytes) -> None:
        """Same as the module-level `write_file_atomic`, for callers holding a Cache."""
        write_file_atomic(path, data)

    def _namespaces(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if p.is_dir() and p.name not in _RESERVED)

    @staticmethod
    def _entries(ns_dir: Path) -> Iterator[Path]:
        for shard in sorted(ns_dir.iterdir()):
            if shard.is_dir():
                for entry in sorted(shard.iterdir()):
                    if entry.is_dir():
                        yield entry

    def info(self) -> dict[str, Any]:
        """Summary for ``portalis cache info``: root, per-namespace and total counts/bytes.

        Keys: ``root``, ``namespaces`` (name -> ``{"entries", "bytes"}``), and
        the totals ``entries`` and ``bytes``.  The total ``bytes`` covers
        everything under the root (memo file, locks, leftovers), i.e. what
        deleting the directory would free.
        """
        namespaces: dict[str, dict[str, int]] = {}
        total_entries = 0
        for ns_dir in self._namespaces():
            count = 0
            size = 0
            for entry in self._entries(ns_dir):
                count += 1
                size += _dir_size(entry)
            namespaces[ns_dir.name] = {"entries": count, "bytes": size}
            total_entries += count
        return {
            "root": str(self.root),
            "namespaces": namespaces,
            "entries": total_entries,
            "bytes": _dir_size(self.root) if self.root.is_dir() else 0,
        }

    def clear(self, namespace: str | None = None) -> int:
        """Remove every entry (of one namespace, or all); return how many were removed.

        Entries are renamed away before deletion so a concurrent reader never
        sees half an entry.  Clearing everything also drops stray top-level
        files (the toolchain memo) and half-built leftovers older than an hour.
        """
        if namespace is not None:
            self._check_names(namespace, "xx")
            ns_dirs = [self.root / namespace] if (self.root / namespace).is_dir() else []
        else:
            ns_dirs = self._namespaces()
        removed = 0
        for ns_dir in ns_dirs:
            for entry in list(self._entries(ns_dir)):
                if self._remove_dir(entry):
                    removed += 1
            for shard in ns_dir.iterdir():
                with contextlib.suppress(OSError):
                    shard.rmdir()
            with contextlib.suppress(OSError):
                ns_dir.rmdir()
        if namespace is None and self.root.is_dir():
            for p in self.root.iterdir():
                if p.is_file():
                    with contextlib.suppress(OSError):
                        p.unlink()
            tmp = self.root / "tmp"
            if tmp.is_dir():
                now = time.time()
                for p in tmp.iterdir():
                    with contextlib.suppress(OSError):
                        if now - p.stat().st_mtime > _STALE_TMP_S:
                            shutil.rmtree(p, ignore_errors=True)
        return removed
