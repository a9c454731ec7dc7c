"""`[tool.portalis]` in pyproject.toml: parsing and strict validation.

hatch-mypyc's users lose hours to configuration that is silently ignored; a
misspelt key, a wrong type or a table in the wrong place here is an error
that names the key, the file and what is allowed.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UserError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

MODES = ("wasm", "compare", "python")
ON_FAILURE = ("fallback", "error")
OPT_LEVELS = ("0", "1", "2", "3", "s", "z")
COMPARE_ACTIONS = ("raise", "warn")

# key -> (expected python type(s), description for messages)
SCHEMA: dict[str, tuple[tuple[type, ...], str]] = {
    "modules": ((list,), 'a list of dotted module names or globs, e.g. ["pkg.fast", "pkg.*"]'),
    "packages": ((list,), 'a list of dotted package names, e.g. ["pkg"] (every module in them)'),
    "mode": ((str,), f"one of {', '.join(MODES)}"),
    "on-failure": ((str,), f"one of {', '.join(ON_FAILURE)}"),
    "require-wasm": ((bool,), "true or false"),
    "opt-level": ((str, int), f"one of {', '.join(OPT_LEVELS)}"),
    "wasm-opt": ((bool,), "true or false"),
    "time-limit": ((int, float), "seconds per call, a positive number"),
    "memory-limit": ((int, str), 'bytes per instance, e.g. 268435456 or "256MiB"'),
    "compare-action": ((str,), f"one of {', '.join(COMPARE_ACTIONS)}"),
    "library": (
        (bool,),
        "true or false (one crate and .wasm per package; calls between "
        "its modules run inside WASM)",
    ),
}

_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
}


class ConfigError(UserError):
    """Invalid `[tool.portalis]` configuration."""


@dataclass(frozen=True)
class PortalisConfig:
    path: Path | None = None
    modules: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    mode: str = "wasm"
    on_failure: str = "fallback"
    require_wasm: bool = False
    opt_level: str = "3"
    wasm_opt: bool = True
    time_limit: float | None = None
    memory_limit: int | None = None
    compare_action: str = "raise"
    library: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def root(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def matches(self, module: str) -> bool:
        """Whether `module` is marked: exact dotted name, a glob like `pkg.*`, or in `packages`."""
        return any(
            module == pattern or fnmatch.fnmatchcase(module, pattern) for pattern in self.modules
        ) or any(module == pkg or module.startswith(pkg + ".") for pkg in self.packages)

    def effective_mode(self) -> str:
        env = os.environ.get("PORTALIS_MODE")
        return env if env else self.mode


def _err(path: Path | None, message: str) -> ConfigError:
    where = f"{path}: " if path is not None else ""
    return ConfigError(f"{where}[tool.portalis] {message}")


def parse_memory(value: int | str, path: Path | None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise _err(path, "`memory-limit` must be positive")
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(value))
    if not m or m.group(2).lower() not in _UNITS:
        raise _err(path, f'`memory-limit` = {value!r} is not a size (use bytes or e.g. "256MiB")')
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def parse_config(table: dict[str, Any], path: Path | None = None) -> PortalisConfig:
    """Validate the contents of a `[tool.portalis]` table."""
    for key, value in table.items():
        if key not in SCHEMA:
            close = difflib.get_close_matches(key.replace("_", "-"), list(SCHEMA), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            if isinstance(value, dict):
                hint += " (sub-tables are not part of [tool.portalis])"
            raise _err(
                path,
                f"unknown key `{key}`{hint} Allowed keys: {', '.join(SCHEMA)}",
            )
        types, desc = SCHEMA[key]
        # bool is an int subclass: `time-limit = true` must not pass as 1 second.
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            raise _err(path, f"`{key}` must be {desc}, got {type(value).__name__} {value!r}")
    modules = table.get("modules", [])
    for m in modules:
        if not isinstance(m, str) or not re.fullmatch(r"[A-Za-z_*?\[\]][\w.*?\[\]]*", m):
            raise _err(path, f"`modules` entry {m!r} is not a dotted module name or glob")
    packages = table.get("packages", [])
    for pkg in packages:
        if not isinstance(pkg, str) or not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", pkg):
            raise _err(path, f"`packages` entry {pkg!r} is not a dotted package name")

    def choice(key: str, allowed: tuple[str, ...], default: str) -> str:
        value = str(table.get(key, default))
        if value not in allowed:
            raise _err(path, f"`{key}` = {value!r}; allowed values: {', '.join(allowed)}")
        return value

    time_limit = table.get("time-limit")
    if time_limit is not None and time_limit <= 0:
        raise _err(path, "`time-limit` must be a positive number of seconds")
    memory = table.get("memory-limit")
    return PortalisConfig(
        path=path,
        modules=tuple(modules),
        packages=tuple(packages),
        mode=choice("mode", MODES, "wasm"),
        on_failure=choice("on-failure", ON_FAILURE, "fallback"),
        require_wasm=bool(table.get("require-wasm", False)),
        opt_level=choice("opt-level", OPT_LEVELS, "3"),
        wasm_opt=bool(table.get("wasm-opt", True)),
        time_limit=float(time_limit) if time_limit is not None else None,
        memory_limit=parse_memory(memory, path) if memory is not None else None,
        compare_action=choice("compare-action", COMPARE_ACTIONS, "raise"),
        library=bool(table.get("library", False)),
    )


def _check_misplaced(data: dict[str, Any], path: Path) -> None:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        return
    for name in tool:
        if name != "portalis" and difflib.get_close_matches(name, ["portalis"], n=1, cutoff=0.8):
            raise ConfigError(f"{path}: [tool.{name}] looks like a misspelling of [tool.portalis]")
    hooks = tool.get("hatch", {}).get("build", {})
    candidates = [hooks.get("hooks", {}).get("portalis")]
    for target in hooks.get("targets", {}).values():
        if isinstance(target, dict):
            candidates.append(target.get("hooks", {}).get("portalis"))
    for table in candidates:
        if isinstance(table, dict):
            misplaced = [k for k in table if k in SCHEMA]
            if misplaced:
                raise ConfigError(
                    f"{path}: `{misplaced[0]}` belongs in [tool.portalis], not in the Hatch hook "
                    "table (which only enables the hook)"
                )


def load_config(pyproject: Path) -> PortalisConfig | None:
    """The project's Portalis configuration, or None when it has no [tool.portalis]."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{pyproject}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: invalid TOML: {exc}") from None
    _check_misplaced(data, pyproject)
    table = data.get("tool", {}).get("portalis")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.portalis] must be a table")
    return parse_config(table, pyproject)


def find_project_config(start: Path) -> PortalisConfig | None:
    """Walk up from `start` to the nearest pyproject.toml and read its [tool.portalis]."""
    here = start if start.is_dir() else start.parent
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return load_config(candidate)
    return None
