"""Which project a file belongs to, and its `[tool.portalis]`, cheaply and cached.

`portalis.config.find_project_config` walks up and parses every time; the
import hook asks the same question for every marked module it loads, and
at start-up for every `sys.path` entry. So here the walk is cached per
directory, a pyproject.toml is re-read only when its mtime or size changes,
and a file that never mentions "portalis" is not even parsed (the TOML
parser alone costs about 5 ms to import).

Light on purpose: imports only the standard library until a pyproject
actually needs parsing, so `portalis_hook` can use it at interpreter start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import PortalisConfig

__all__ = ["clear_caches", "nearest_pyproject", "project_config_for"]

# directory -> the pyproject.toml that governs it (None: none up to the root)
_PYPROJECT_OF_DIR: dict[str, Path | None] = {}
# pyproject path -> ((mtime_ns, size), its config)
_CONFIGS: dict[Path, tuple[tuple[int, int], PortalisConfig | None]] = {}


def _mentions_portalis(data: bytes) -> bool:
    """Cheap pre-check: a file that never says "portalis" has no [tool.portalis].

    Saves importing and running the TOML parser (about 5 ms) for the common
    project that does not use Portalis.
    """
    return b"portalis" in data


def nearest_pyproject(path: Path) -> Path | None:
    """The pyproject.toml governing `path` (a file or directory): nearest one walking up."""
    here = path if path.is_dir() else path.parent
    key = str(here)
    if key in _PYPROJECT_OF_DIR:
        return _PYPROJECT_OF_DIR[key]
    pyproject = None
    walked = []
    for directory in (here, *here.parents):
        if str(directory) in _PYPROJECT_OF_DIR:
            pyproject = _PYPROJECT_OF_DIR[str(directory)]
            break
        walked.append(str(directory))
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            pyproject = candidate
            break
    for d in walked:
        _PYPROJECT_OF_DIR[d] = pyproject
    return pyproject


def clear_caches() -> None:
    """Forget every walk and parse (for tools that create projects on the fly)."""
    _PYPROJECT_OF_DIR.clear()
    _CONFIGS.clear()


def project_config_for(path: Path) -> PortalisConfig | None:
    """The `[tool.portalis]` of the nearest pyproject.toml above `path` (a file or directory).

    Same answer as `portalis.config.find_project_config`, but the walk up is
    cached per directory and a pyproject is re-read only when its mtime or
    size changes, so the import hook can ask for every marked module.
    Raises `ConfigError` for an invalid table, like `load_config`.
    """
    pyproject = nearest_pyproject(path)
    if pyproject is None:
        return None
    try:
        st = pyproject.stat()
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _CONFIGS.get(pyproject)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    config = None
    if _mentions_portalis(pyproject.read_bytes()):
        from .config import load_config

        config = load_config(pyproject)
    _CONFIGS[pyproject] = (stamp, config)
    return config
