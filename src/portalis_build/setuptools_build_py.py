"""A setuptools `build_py` that also builds the `[tool.portalis]` modules into `build_lib`.

Use it from pyproject.toml::

    [build-system]
    requires = ["setuptools>=64", "portalis"]
    build-backend = "setuptools.build_meta"

    [tool.setuptools.cmdclass]
    build_py = "portalis_build.setuptools_build_py.build_py"

or from setup.py: `setup(cmdclass={"build_py": build_py})` after
`from portalis_build.setuptools_build_py import build_py`.

Everything written to `build_lib` ends up in the wheel, so the `.wasm`
files, manifests and activation `.pth` are staged there directly. No
extension modules are declared, so setuptools keeps the wheel
`py3-none-any`. Editable installs (`pip install -e`) build nothing: setuptools'
editable wheels cannot carry extra files, so activate the hook for them with
`python -m portalis_hook site install` (the hook then uses the cache).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from setuptools.command.build_py import build_py as _build_py

from portalis.config import load_config
from portalis.package import MarkedModule, build_project, discover, summary_table

from .wheel import BuildHookError, fail, say, stage_wheel_files


class build_py(_build_py):  # type: ignore[misc]
    """`build_py`, then translate + compile the marked modules next to their copies."""

    def initialize_options(self) -> None:
        super().initialize_options()
        self._portalis_outputs: list[str] = []

    def run(self) -> None:
        super().run()
        try:
            self._portalis()
        except Exception as exc:
            fail(exc)
            raise

    def get_outputs(self, include_bytecode: Any = 1) -> list[str]:
        outputs: list[str] = super().get_outputs(include_bytecode)
        return outputs + list(self._portalis_outputs)

    def _source_roots(self) -> list[Path]:
        """Where setuptools maps each package from (`package_dir`), minus the package path."""
        roots: list[Path] = []
        packages = list(self.packages or [])
        if self.py_modules:
            packages.append("")
        for package in packages:
            pkg_dir = Path(self.get_package_dir(package) or os.curdir).resolve()
            depth = len(package.split(".")) if package else 0
            root = pkg_dir.parents[depth - 1] if depth else pkg_dir
            if root not in roots:
                roots.append(root)
        return roots

    def _marked(self) -> tuple[Any, list[MarkedModule]]:
        pyproject = Path(self.distribution.src_root or os.curdir).resolve() / "pyproject.toml"
        config = load_config(pyproject)
        if config is None:
            raise BuildHookError(
                f"{pyproject}: build_py is portalis_build's, but there is no [tool.portalis] "
                "table; add one with `modules = [...]` or use setuptools' own build_py"
            )
        if not config.modules and not config.packages:
            raise BuildHookError(
                f"{pyproject}: [tool.portalis] marks no modules; set `modules` "
                '(e.g. ["pkg.fast", "pkg.*"]) or `packages`'
            )
        return config, discover(config, self._source_roots())

    def _portalis(self) -> None:
        config, modules = self._marked()
        names = ", ".join(m.name for m in modules)
        if getattr(self, "editable_mode", False):
            say(
                f"portalis: editable install of {names}: no WASM in the wheel; run "
                "`python -m portalis_hook site install` to load them through the import hook"
            )
            return
        say(f"portalis: building {len(modules)} marked module(s): {names}")
        project = build_project(config, modules, progress=say)
        if not project.has_wasm:
            return
        say(summary_table(project))
        staged = stage_wheel_files(project, Path(self.build_lib), self.distribution.get_name())
        self._portalis_outputs = sorted(staged)
