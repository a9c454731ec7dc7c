"""Build-backend integration: `pip install .` produces a wheel whose marked modules run in WASM.

Thin by design. The work (finding the marked modules, building them in
parallel, the summary table) is `portalis.package`; the wheel layout, the
manifest and the `.pth` activation are the import hook's
(`portalis_hook.manifest`). This package only adapts the two to each
backend:

- `portalis_build.hatch_plugin`: the Hatch build hook (plugin name
  `portalis`), enabled by `[tool.hatch.build.hooks.portalis]` or
  `[tool.hatch.build.targets.wheel.hooks.portalis]`.
- `portalis_build.setuptools_build_py.build_py`: a `build_py` command for
  setuptools, named in `[tool.setuptools.cmdclass]`.

Both read `[tool.portalis]` and keep the wheel `py3-none-any`: the same
`.wasm` runs wherever wasmtime does.
"""
