"""The `sys.meta_path` finder and the loader it hands out.

Cost model, which drives the shape of everything here: the finder sits in
front of every import in the process, and nearly all of them are not
Portalis modules. For those, `find_spec` does one dict lookup, at most one
precompiled regex match (only when globs are marked), one set test for
lazily activated wheels, and, only when project discovery is on, a
comparison of `sys.path` with the copy it last saw, then returns None. It
never touches the filesystem for an unrelated name, so there is no
`sys.path` scan per import (the complaint users have about pyximport and
maturin-import-hook).

For a marked name it resolves the module exactly as Python would, by asking
the finders behind it in `sys.meta_path` (normally `PathFinder`), and takes
over only a plain `.py` source (`SourceFileLoader`): the spec keeps its
origin, cached bytecode and search locations, only the loader becomes a
`PortalisLoader`, a SourceFileLoader subclass, so `inspect.getsource`,
`importlib.resources` and `pkgutil` keep working. Its `exec_module` runs the
module code once, in Python, then swaps in the WASM wrappers (`_attach`).

Only the standard library is imported here; `_attach`, which needs
wasmtime, is imported on the first marked module.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence
from importlib.machinery import ModuleSpec, SourceFileLoader
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from .manifest import Manifest

__all__ = ["Mark", "PortalisFinder", "PortalisLoader"]

_GLOB_CHARS = frozenset("*?[")


class Mark(NamedTuple):
    """Why a name is marked: `kind` "install" (install(modules=...)), "project"
    ([tool.portalis] of the pyproject at `where`) or "manifest" (the wheel
    manifest at `where`)."""

    kind: str
    where: str | None = None


class PortalisLoader(SourceFileLoader):
    """Python's own source loader; after the module code ran, WASM wrappers go in."""

    def __init__(self, fullname: str, path: str, mark: Mark, finder: PortalisFinder) -> None:
        super().__init__(fullname, path)
        self.portalis_mark = mark
        self.portalis_finder = finder

    def exec_module(self, module: ModuleType) -> None:
        super().exec_module(module)
        from ._attach import attach

        attach(module, self.portalis_mark, self.portalis_finder)


class PortalisFinder:
    """Claims marked modules; returns None for everything else, quickly.

    Marks come from `install(modules=...)` (names and globs), from the
    `[tool.portalis]` of projects found on `sys.path` and the current
    directory (when `scan` is on; new `sys.path` entries are scanned once,
    when they appear), and from wheel manifests (top-level names registered
    by `_activate_from_manifests`, read on their first import).
    """

    def __init__(self) -> None:
        self.mode: str | None = None
        self.exact: dict[str, Mark] = {}
        self.globs: list[tuple[str, Mark]] = []
        self._glob_re: re.Pattern[str] | None = None
        self.lazy: dict[str, None] = {}
        self.manifests: dict[str, tuple[Path, Manifest]] = {}
        self.scan = False
        self._seen_path: list[Any] = []
        self._scanned_entries: set[str] = set()
        self._projects: set[str] = set()
        self.problems: list[str] = []
        self._lock = threading.RLock()
        self._local = threading.local()

    # -- the hot path ----------------------------------------------------------

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if self.scan and sys.path != self._seen_path:
            self._rescan()
        mark = self.exact.get(fullname)
        if mark is None:
            if self._glob_re is not None and self._glob_re.match(fullname) is not None:
                mark = self._glob_mark(fullname)
            elif self.lazy and fullname.partition(".")[0] in self.lazy:
                mark = self._activate(fullname)
            if mark is None:
                return None
        return self._claim(fullname, path, target, mark)

    def invalidate_caches(self) -> None:
        """`importlib.invalidate_caches()` hook: re-scan sys.path projects next time."""
        if self.scan:
            self._seen_path = []
            self._scanned_entries.clear()
            from portalis.projects import clear_caches

            clear_caches()

    # -- marks --------------------------------------------------------------------

    def add_patterns(self, patterns: Iterable[str], mark: Mark) -> None:
        """Mark dotted names and globs (`pkg.*`); an existing mark for a name is kept."""
        with self._lock:
            changed = False
            for pattern in patterns:
                if not isinstance(pattern, str) or not pattern:
                    raise ValueError(f"module pattern must be a non-empty string, not {pattern!r}")
                if _GLOB_CHARS.isdisjoint(pattern):
                    self.exact.setdefault(pattern, mark)
                elif all(p != pattern for p, _ in self.globs):
                    self.globs.append((pattern, mark))
                    changed = True
            if changed:
                self._glob_re = re.compile(
                    "|".join(f"(?:{fnmatch.translate(p)})" for p, _ in self.globs)
                )

    def add_project(self, pyproject_or_dir: Path) -> None:
        """Mark what the project's `[tool.portalis]` marks (`modules` and `packages`)."""
        from portalis.projects import project_config_for

        config = project_config_for(pyproject_or_dir)
        if config is None or config.path is None:
            return
        key = str(config.path)
        with self._lock:
            if key in self._projects:
                return
            self._projects.add(key)
        mark = Mark("project", key)
        self.add_patterns(config.modules, mark)
        for package in getattr(config, "packages", ()):
            self.add_patterns([package, f"{package}.*"], mark)

    def enable_scan(self) -> None:
        """Discover projects from the current directory and every `sys.path` entry."""
        with self._lock:
            self.scan = True
        self._rescan()

    def _rescan(self) -> None:
        """Scan the `sys.path` entries not seen before (once each), and the cwd."""
        with self._lock:
            snapshot = list(sys.path)
            # Set first: reading a pyproject (and even importing pathlib, when
            # nothing imported it yet) imports modules, whose imports come back
            # through find_spec and must not start another scan.
            self._seen_path = snapshot
            from pathlib import Path

            entries = [e for e in snapshot if isinstance(e, str)]
            entries.append(os.getcwd())
            for entry in entries:
                directory = entry or os.getcwd()
                if directory in self._scanned_entries:
                    continue
                self._scanned_entries.add(directory)
                if not os.path.isdir(directory):
                    continue
                try:
                    self.add_project(Path(directory))
                except Exception as exc:  # a broken pyproject must not break every import
                    self._problem(f"ignoring the project of {directory}: {exc}")

    def _glob_mark(self, fullname: str) -> Mark | None:
        for pattern, mark in self.globs:
            if fnmatch.fnmatchcase(fullname, pattern):
                return mark
        return None

    def _problem(self, text: str) -> None:
        """Record and warn once: a finder problem must be visible, never fatal."""
        if text in self.problems:
            return
        self.problems.append(text)
        from portalis.errors import PortalisWarning

        warnings.warn(f"portalis_hook: {text}", PortalisWarning, stacklevel=3)

    # -- wheels ---------------------------------------------------------------------

    def add_lazy(self, packages: Iterable[str]) -> None:
        with self._lock:
            for package in packages:
                if package not in self.manifests_read():
                    self.lazy[package] = None

    def manifests_read(self) -> set[str]:
        return {manifest.package for _, manifest in self.manifests.values()}

    def _activate(self, fullname: str) -> Mark | None:
        """First import under a wheel's top-level name: read its manifest, mark its modules."""
        top = fullname.partition(".")[0]
        with self._lock:
            if top not in self.lazy:
                return self.exact.get(fullname)  # another thread got here first
            del self.lazy[top]
            spec = self._resolve(top, None, None)
            if spec is None:
                return None
            from pathlib import Path

            from .manifest import ManifestError, manifest_path, read_manifest

            if spec.submodule_search_locations:
                package_dir = Path(next(iter(spec.submodule_search_locations)))
                where = manifest_path(package_dir.parent, top, is_package=True)
            elif spec.origin:
                where = manifest_path(Path(spec.origin).parent, top, is_package=False)
            else:
                return None
            if not where.is_file():
                return None
            try:
                manifest = read_manifest(where)
                if manifest.package != top:
                    raise ManifestError(f"{where}: describes {manifest.package!r}, not {top!r}")
            except (OSError, ManifestError) as exc:
                self._problem(f"ignoring wheel manifest: {exc}")
                return None
            root = where.parent.parent.parent if spec.submodule_search_locations else where.parent
            self.manifests[str(where)] = (root, manifest)
            mark = Mark("manifest", str(where))
            for name in manifest.modules:
                self.exact[name] = mark
            return self.exact.get(fullname)

    # -- claiming -------------------------------------------------------------------

    def _resolve(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> ModuleSpec | None:
        """The spec Python would produce without us: ask the finders behind us, in order."""
        busy: set[str] = self._local.__dict__.setdefault("busy", set())
        if fullname in busy:
            return None
        busy.add(fullname)
        try:
            for finder in sys.meta_path:
                if finder is self:
                    continue
                find = getattr(finder, "find_spec", None)
                if find is None:
                    continue
                spec: ModuleSpec | None = find(fullname, path, target)
                if spec is not None:
                    return spec
            return None
        finally:
            busy.discard(fullname)

    def _claim(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None,
        mark: Mark,
    ) -> ModuleSpec | None:
        spec = self._resolve(fullname, path, target)
        # Only plain .py sources: extension modules, bytecode-only and
        # namespace packages, or custom loaders are left exactly as they are.
        if spec is None or type(spec.loader) is not SourceFileLoader or not spec.origin:
            return spec
        if not self._confirm(fullname, spec.origin, mark):
            return spec
        spec.loader = PortalisLoader(fullname, spec.origin, mark, self)
        return spec

    def _confirm(self, fullname: str, origin: str, mark: Mark) -> bool:
        """A project or manifest mark holds only for the file that project or wheel owns.

        A same-named module from somewhere else (another checkout, an
        installed copy) is not claimed.
        """
        if mark.kind == "project":
            from pathlib import Path

            from portalis.projects import project_config_for

            config = project_config_for(Path(origin))
            return (
                config is not None and str(config.path) == mark.where and config.matches(fullname)
            )
        if mark.kind == "manifest":
            entry = self.manifest_entry(fullname, mark)
            if entry is None:
                return False
            root, module = entry
            try:
                return os.path.samefile(root / module.source, origin)
            except OSError:
                return False
        return True

    def manifest_entry(self, fullname: str, mark: Mark) -> tuple[Path, Any] | None:
        """(root, ModuleEntry) of `fullname` in the manifest behind `mark`."""
        found = self.manifests.get(mark.where or "")
        if found is None:
            return None
        root, manifest = found
        module = manifest.modules.get(fullname)
        return None if module is None else (root, module)
