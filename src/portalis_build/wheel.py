"""What a Portalis-built wheel carries, shared by the Hatch and setuptools integrations.

For each marked module: its `.wasm` beside its `.py` (`pkg/fast.py` ->
`pkg/fast.wasm`); for each top-level name: one manifest in the import hook's
format (`portalis_hook.manifest`); for the wheel: one `.pth` file whose line
(`pth_line`) activates the hook lazily for exactly those top-level names,
and the manifest limits it to exactly the marked modules.

Editable installs carry no `.wasm` and no manifest: their `.pth` installs the
hook for the marked modules, which then loads from the content-hash cache
(building on a miss), so an edited module takes effect on the next import.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

from portalis.config import PortalisConfig
from portalis.errors import UserError
from portalis.package import MarkedModule, ProjectBuild
from portalis_hook.manifest import (
    RUNTIME_CONFIG_KEYS,
    Manifest,
    ModuleEntry,
    manifest_path,
    pth_line,
    write_manifest,
)


class BuildHookError(UserError):
    """A build-integration problem the user must fix (printed as one line, fails the build)."""


def runtime_config(config: PortalisConfig) -> dict[str, Any]:
    """The `[tool.portalis]` settings that matter at run time, as the manifest carries them."""
    table: dict[str, Any] = {
        "mode": config.mode,
        "on-failure": config.on_failure,
        "require-wasm": config.require_wasm,
        "compare-action": config.compare_action,
    }
    if config.time_limit is not None:
        table["time-limit"] = config.time_limit
    if config.memory_limit is not None:
        table["memory-limit"] = config.memory_limit
    return {k: v for k, v in table.items() if k in RUNTIME_CONFIG_KEYS}


def _top(module: MarkedModule) -> tuple[str, bool]:
    """The top-level name and whether it is a package (decides where its manifest goes)."""
    top = module.name.split(".", 1)[0]
    return top, "." in module.name or module.path.name == "__init__.py"


def pth_filename(dist_name: str) -> str:
    """`portalis-<dist>.pth`: one per distribution, so two Portalis wheels never collide."""
    return f"portalis-{re.sub(r'[^A-Za-z0-9]+', '_', dist_name).lower()}.pth"


def stage_wheel_files(project: ProjectBuild, staging: Path, dist_name: str) -> dict[str, str]:
    """Write `.wasm` files, manifests and the `.pth` under `staging`.

    Returns `{absolute staged path: path inside the wheel}`; Hatch feeds that
    to `force_include`, setuptools stages straight into `build_lib` and
    ignores it. Nothing is written when the build has no WASM (no toolchain).
    """
    files: dict[str, str] = {}
    if not project.has_wasm or not project.results:
        return files
    entries: dict[str, list[ModuleEntry]] = {}
    packages: dict[str, bool] = {}
    for result in project.results:
        assert result.wasm_path is not None
        source = result.module.wheel_path
        library = result.manifest.get("library")
        if library and "/" in source:  # library mode: one .wasm per package, shared
            wasm = f"{source.split('/')[0]}/_portalis_{library}.wasm"
        else:  # (a top-level single module is a package of one)
            wasm = source[: -len(".py")] + ".wasm"
        dest = staging / wasm
        dest.parent.mkdir(parents=True, exist_ok=True)
        if str(dest) not in files:
            shutil.copyfile(result.wasm_path, dest)
        files[str(dest)] = wasm
        top, is_package = _top(result.module)
        packages[top] = is_package
        entries.setdefault(top, []).append(
            ModuleEntry.from_build(result.manifest, source=source, wasm=wasm, build_key=result.key)
        )
    for top, mods in sorted(entries.items()):
        manifest = Manifest.new(top, mods, config=runtime_config(project.config))
        path = manifest_path(staging, top, is_package=packages[top])
        write_manifest(path, manifest)
        files[str(path)] = path.relative_to(staging).as_posix()
    pth = staging / pth_filename(dist_name)
    pth.write_text(pth_line(sorted(entries)), encoding="utf-8")
    files[str(pth)] = pth.name
    return files


def editable_pth_line(modules: list[MarkedModule], project: Path) -> str:
    """`.pth` line for an editable install: the hook, for the marked modules of `project`.

    Naming the project (rather than letting the hook scan `sys.path`) keeps
    start-up cheap and makes its `[tool.portalis]` (mode, limits) apply. Like
    `pth_line` it never breaks interpreter start-up when Portalis is not
    installed.
    """
    names = sorted(m.name for m in modules)
    return (
        "import importlib.util as _u; "
        "_u.find_spec('portalis_hook') is not None and "
        f"__import__('portalis_hook').install(modules={names!r}, projects=[{str(project)!r}])\n"
    )


def stage_editable_files(
    modules: list[MarkedModule], project: Path, staging: Path, dist_name: str
) -> dict[str, str]:
    """Only the activation `.pth`; the `.py` files stay in the source tree."""
    if not modules:
        return {}
    pth = staging / pth_filename(dist_name)
    pth.parent.mkdir(parents=True, exist_ok=True)
    pth.write_text(editable_pth_line(modules, project), encoding="utf-8")
    return {str(pth): pth.name}


def say(line: str) -> None:
    """Build output goes to stderr, unbuffered, so it interleaves with the backend's."""
    print(line, file=sys.stderr, flush=True)


def fail(exc: BaseException) -> None:
    """Print the one-line reason prominently before the backend prints its traceback."""
    say(f"portalis: error: {exc}")
