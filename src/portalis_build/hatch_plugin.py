"""The Hatch build hook `portalis` (entry point group `hatch`).

Enable it with an empty `[tool.hatch.build.hooks.portalis]` (all targets) or
`[tool.hatch.build.targets.wheel.hooks.portalis]` (wheels only); configure it
in `[tool.portalis]`. Settings put in the hook table are an error naming the
right table (`portalis.config`), because Hatch would otherwise accept and
ignore them.

- wheel (standard): build the marked modules (cache-first, misses in
  parallel), add each `.wasm`, the manifests and the activation `.pth` through
  `force_include`. The tag stays `py3-none-any`: `pure_python` and
  `infer_tag` are left alone on purpose.
- wheel (editable): no `.wasm`; only a `.pth` that installs the import hook
  for the marked modules, which uses the content-hash cache, so edits take
  effect on the next import.
- sdist: nothing is added (sources and config only), but the configuration
  is still validated, so a broken `[tool.portalis]` fails before upload.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.plugin import hookimpl

from portalis.config import load_config
from portalis.package import (
    MarkedModule,
    build_project,
    default_source_roots,
    discover,
    summary_table,
)

from .wheel import BuildHookError, fail, say, stage_editable_files, stage_wheel_files


class PortalisBuildHook(BuildHookInterface):  # type: ignore[misc,type-arg]
    """Translate + compile `[tool.portalis]` modules into the wheel."""

    PLUGIN_NAME = "portalis"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._staging: Path | None = None

    def _source_roots(self) -> list[Path]:
        """Directories dotted names are relative to: parents of `packages`, then src/ and ."""
        root = Path(self.root)
        roots: list[Path] = []
        for pkg in self.build_config.packages:
            parent = (root / pkg).parent
            if parent not in roots:
                roots.append(parent)
        for candidate in default_source_roots(root):
            if candidate not in roots:
                roots.append(candidate)
        return roots

    def _modules(self) -> list[MarkedModule]:
        pyproject = Path(self.root) / "pyproject.toml"
        config = load_config(pyproject)
        if config is None:
            raise BuildHookError(
                f"{pyproject}: the Portalis build hook is enabled but there is no "
                "[tool.portalis] table; add one with `modules = [...]` (dotted names or globs) "
                "or remove the [tool.hatch.build...hooks.portalis] table"
            )
        if not config.modules and not config.packages:
            raise BuildHookError(
                f"{pyproject}: [tool.portalis] marks no modules; set `modules` "
                '(e.g. ["pkg.fast", "pkg.*"]) or `packages`'
            )
        self._config = config
        return discover(config, self._source_roots())

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        try:
            self._initialize(version, build_data)
        except Exception as exc:
            fail(exc)
            raise

    def _initialize(self, version: str, build_data: dict[str, Any]) -> None:
        modules = self._modules()
        if self.target_name != "wheel":
            say(f"portalis: {self.target_name}: configuration valid; no build outputs added")
            return
        self._staging = Path(tempfile.mkdtemp(prefix="portalis-wheel-"))
        names = ", ".join(m.name for m in modules)
        if version == "editable":
            files = stage_editable_files(
                modules, Path(self.root), self._staging, self.metadata.name
            )
            build_data["force_include_editable"].update(files)
            # Editable wheels use `force_include_editable` instead of the
            # project's force-include, so the project's own entries go too.
            build_data["force_include_editable"].update(self.build_config.get_force_include())
            say(
                f"portalis: editable install: import hook active for {names}; "
                "WASM comes from the cache and is rebuilt when a module changes"
            )
            return
        say(f"portalis: building {len(modules)} marked module(s): {names}")
        project = build_project(self._config, modules, progress=say)
        if not project.has_wasm:
            return
        say(summary_table(project))
        build_data["force_include"].update(
            stage_wheel_files(project, self._staging, self.metadata.name)
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None


@hookimpl  # type: ignore[misc]
def hatch_register_build_hook() -> type[PortalisBuildHook]:
    return PortalisBuildHook
