"""Import hook: `import pkg.fast` runs its translated functions in WASM.

Three ways to switch it on:

- `portalis_hook.install(modules=None, mode=None)` in code;
- `python -m portalis_hook site install` for a development environment (a
  marked block in the environment's sitecustomize.py, removable with
  `site uninstall`);
- automatically, for packages installed from a Portalis-built wheel: the
  wheel's one-line `.pth` calls `_activate_from_manifests("pkg")`, which only
  registers the name; the manifest is read on the first `import pkg...`.

Which modules: those passed to `install(modules=...)` (dotted names or
`pkg.*` globs), those marked in `[tool.portalis]` of a project found on
`sys.path` or in the current directory, and those listed in a wheel's
manifest. Everything else is imported by Python as if the hook were not
there, at the cost of a dict lookup (see `bench/bench_hook.py`).

A claimed module is a real module: Python's own source loader executes it
once (module-level code runs in Python), then translated functions are
replaced by wrappers that keep `__name__`, `__qualname__`, `__doc__`,
`__module__`, `__wrapped__` and the signature, and pickle by reference.
`module.__portalis__` says what runs where and why.

`PORTALIS_MODE=wasm|compare|python|off` overrides the mode everywhere;
`off` disables the hook entirely (install() does nothing).

This package imports only the standard library; wasmtime and the rest of
Portalis load with the first marked module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._finder import Mark, PortalisFinder

if TYPE_CHECKING:
    from os import PathLike

__all__ = ["finder", "install", "is_installed", "uninstall"]

_MODES = ("wasm", "compare", "python")
_finder: PortalisFinder | None = None


def _check_mode(mode: str | None, what: str) -> None:
    if mode is not None and mode not in _MODES:
        allowed = ", ".join((*_MODES, "off")) if what == "PORTALIS_MODE" else ", ".join(_MODES)
        raise ValueError(f"{what}={mode!r} is not a Portalis mode; expected one of {allowed}")


def _ensure_finder() -> PortalisFinder:
    global _finder
    if _finder is None:
        _finder = PortalisFinder()
    if _finder not in sys.meta_path:
        # First in line: it must see marked names before PathFinder does, and
        # it answers everything else with a dict lookup.
        sys.meta_path.insert(0, _finder)
    return _finder


def install(
    modules: Iterable[str] | None = None,
    mode: str | None = None,
    *,
    projects: Iterable[str | PathLike[str]] | None = None,
) -> PortalisFinder | None:
    """Install the import hook (idempotent: a second call adds to the first).

    modules: dotted names or globs to claim in addition to configured ones.
    mode: "wasm", "compare" or "python" for claimed modules; `PORTALIS_MODE`
    takes precedence, then this, then each project's `[tool.portalis] mode`.
    projects: directories (or pyproject.toml files) whose `[tool.portalis]`
    marks modules; by default the current directory's project and every
    project on `sys.path`, including entries added later.

    Returns the finder, or None when `PORTALIS_MODE=off`.
    """
    env = os.environ.get("PORTALIS_MODE") or None
    if env == "off":
        return None
    _check_mode(env, "PORTALIS_MODE")
    _check_mode(mode, "mode")
    if isinstance(modules, str):
        modules = [modules]
    finder = _ensure_finder()
    if mode is not None:
        finder.mode = mode
    if modules:
        finder.add_patterns(list(modules), Mark("install"))
    if projects is None:
        finder.enable_scan()
    else:
        from pathlib import Path

        for project in projects:
            finder.add_project(Path(project))
    return finder


def uninstall() -> None:
    """Remove the hook. Modules already imported keep their WASM wrappers."""
    global _finder
    if _finder is not None:
        while _finder in sys.meta_path:
            sys.meta_path.remove(_finder)
    _finder = None


def is_installed() -> bool:
    return _finder is not None and _finder in sys.meta_path


def finder() -> PortalisFinder | None:
    """The installed finder (for inspection: marks, manifests read, problems)."""
    return _finder if is_installed() else None


def _activate_from_manifests(*packages: str) -> None:
    """Entry point of a Portalis-built wheel's `.pth` line: register, read nothing.

    Costs a dict update at interpreter start. The manifest of each top-level
    name is read on its first import; other imports never look at it.
    """
    if os.environ.get("PORTALIS_MODE") == "off":
        return
    _ensure_finder().add_lazy(packages)
