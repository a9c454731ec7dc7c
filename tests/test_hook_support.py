"""Helpers shared by the import-hook, limits, threads and faults tests (no tests here).

Everything is real: the fixture module is compiled by the discovered rustc
against the real runtime rlib, wheels are laid out on disk exactly as an
installed wheel is, and subprocesses are real interpreters.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import portalis
from portalis.build import BuildOptions, WasmArtifact, build, runtime_rlib
from portalis.cache import Cache, hash_key
from portalis.ingest import ingest
from portalis.loader import PortalisInfo, install
from portalis.toolchain import find_toolchain
from portalis.translate.model import Export, ExportParam
from portalis_hook.manifest import Manifest, ModuleEntry, manifest_path, pth_line, write_manifest

HERE = Path(__file__).resolve().parent
SRC = Path(portalis.__file__).resolve().parent.parent  # the source tree under test
FIXTURE_DIR = HERE / "test_hook_fixture"
FIXTURE_RS = FIXTURE_DIR / "fixture.rs"
FIXTURE_PY = FIXTURE_DIR / "fx_src.py"


# -- subprocesses ------------------------------------------------------------------


def child_env(*paths: Path | str, **extra: str | None) -> dict[str, str]:
    """os.environ plus PYTHONPATH = the tree under test (and `paths`); None unsets a key."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *map(str, paths)])
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_py(
    code: str,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 300,
    args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env or child_env(),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def last_json(proc: subprocess.CompletedProcess[str]) -> Any:
    """The JSON object a child printed last; fails with the child's stderr otherwise."""
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no JSON in output:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(lines[-1])


# -- the hand-written fixture module ----------------------------------------------------


def fixture_exports() -> list[Export]:
    """Export records for fx_src.py, as the translator would write them."""
    tree = ast.parse(FIXTURE_PY.read_text(encoding="utf-8"))
    exports = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            params = tuple(ExportParam(a.arg, "int") for a in node.args.args)
            exports.append(
                Export(
                    name=node.name,
                    symbol=f"__portalis_fn_{node.name}",
                    params=params,
                    returns="int",
                    lineno=node.lineno,
                    prints=node.name.startswith("say"),
                )
            )
    return exports


def fixture_wasm() -> Path:
    """fixture.rs compiled to wasm32-wasi against the runtime rlib (cached like any build)."""
    tc = find_toolchain()
    cache = Cache()
    rlib = runtime_rlib(tc, cache, BuildOptions())
    key = hash_key("hook-fixture", FIXTURE_RS.read_bytes(), str(rlib), tc.identity)

    def create(tmp: Path) -> None:
        proc = subprocess.run(
            [
                tc.rustc,
                "--edition",
                "2018",
                "--target",
                tc.target,
                "--crate-type",
                "cdylib",
                "--crate-name",
                "hookfixture",
                "-C",
                "opt-level=2",
                "--extern",
                f"portalis_rt={rlib}",
                "-L",
                f"dependency={rlib.parent}",
                str(FIXTURE_RS),
                "-o",
                str(tmp / "fixture.wasm"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr

    entry, _ = cache.get_or_create("test-fixture", key, create)
    return entry / "fixture.wasm"


def fixture_artifact(source: Path, module_name: str) -> WasmArtifact:
    wasm = fixture_wasm()
    return WasmArtifact(
        module_name=module_name,
        source_path=str(source),
        source_sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        wasm_path=wasm,
        wasm_sha256=hashlib.sha256(wasm.read_bytes()).hexdigest(),
        exports=fixture_exports(),
        skipped={},
        constants={},
        constants_used={},
        cache_hit=True,
        key="fixture",
    )


def load_fixture(mode: str = "wasm", **limits: Any) -> types.ModuleType:
    """fx_src.py executed as a module, then `portalis.loader.install` with the fixture WASM."""
    unit = ingest(FIXTURE_PY, module_name="fx_src")
    module = types.ModuleType("fx_src")
    module.__file__ = str(FIXTURE_PY)
    exec(compile(unit.text, str(FIXTURE_PY), "exec"), module.__dict__)
    artifact = fixture_artifact(FIXTURE_PY, "fx_src")
    info: PortalisInfo = install(module, artifact, mode, Cache(), **limits)
    module.__portalis__ = info  # type: ignore[attr-defined]
    return module


# -- wheels as installed on disk ---------------------------------------------------------


def write_pth(site: Path, packages: list[str], name: str = "portalis-test") -> Path:
    pth = site / f"{name}.pth"
    pth.write_text(pth_line(packages), encoding="utf-8")
    return pth


def fixture_wheel(
    site: Path, *, package: str = "fixpkg", config: dict[str, Any] | None = None
) -> Path:
    """site/<package>/{__init__,fx}.py + fx.wasm + .portalis/manifest.json + a .pth."""
    pkg = site / package
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text('"""Fixture package."""\n', encoding="utf-8")
    shutil.copyfile(FIXTURE_PY, pkg / "fx.py")
    wasm = fixture_wasm()
    shutil.copyfile(wasm, pkg / "fx.wasm")
    entry = ModuleEntry(
        module=f"{package}.fx",
        source=f"{package}/fx.py",
        source_sha256=hashlib.sha256((pkg / "fx.py").read_bytes()).hexdigest(),
        wasm=f"{package}/fx.wasm",
        wasm_sha256=hashlib.sha256(wasm.read_bytes()).hexdigest(),
        exports=[e.to_json() for e in fixture_exports()],
    )
    where = manifest_path(site, package, is_package=True)
    write_manifest(where, Manifest.new(package, [entry], config=config))
    write_pth(site, [package])
    return where


def real_wheel(
    site: Path,
    source: str,
    *,
    package: str = "realpkg",
    module: str = "fast",
    config: dict[str, Any] | None = None,
    build_source: str | None = None,
) -> Path:
    """A wheel layout whose .wasm comes from the real pipeline.

    `build_source`, when given, is what the .wasm is built from while the
    manifest claims `source`: a stale or lying artifact, for compare mode.
    """
    pkg = site / package
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    py = pkg / f"{module}.py"
    py.write_text(build_source or source, encoding="utf-8")
    artifact = build(ingest(py, module_name=f"{package}.{module}"))
    py.write_text(source, encoding="utf-8")
    shutil.copyfile(artifact.wasm_path, pkg / f"{module}.wasm")
    entry = ModuleEntry.from_build(
        artifact.manifest,
        source=f"{package}/{module}.py",
        wasm=f"{package}/{module}.wasm",
        build_key=artifact.key,
    )
    if build_source is not None:
        entry = ModuleEntry(
            **{**entry.__dict__, "source_sha256": hashlib.sha256(py.read_bytes()).hexdigest()}
        )
    where = manifest_path(site, package, is_package=True)
    write_manifest(where, Manifest.new(package, [entry], config=config))
    write_pth(site, [package], name=f"portalis-{package}")
    return where


def project(root: Path, files: dict[str, str], table: str) -> Path:
    """A project directory: pyproject.toml with `[tool.portalis]` = `table`, plus `files`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "demo"\nversion = "0"\n\n[tool.portalis]\n{table}\n', encoding="utf-8"
    )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


# Code a child runs to describe a module loaded through the hook.
DESCRIBE = """
def describe(m):
    info = getattr(m, "__portalis__", None)
    if info is None:
        return {"portalis": None}
    return {
        "portalis": True,
        "mode": info.mode,
        "translated": info.translated,
        "skipped": sorted(info.skipped),
        "source": info.source,
        "cache_hit": info.cache_hit,
        "reason": info.reason,
        "stats": {k: v.as_dict() for k, v in info.call_stats.items()},
    }
"""
