"""The wheel manifest: which `.wasm` in an installed package belongs to which module.

A wheel built by Portalis ships, for each marked module, the `.py` (the
source of truth, always) and its compiled `.wasm`, plus one manifest per
top-level name that tells the import hook how they fit together. The build
integration (`portalis_build`) writes it with `write_manifest`; the hook
reads it with `read_manifest`. Both sides use only this module, so the
format has exactly one definition.

Where it lives (paths relative to the *root*, the directory the top-level
name sits in, i.e. `site-packages` once installed)::

    <root>/<pkg>/.portalis/manifest.json     for a package `pkg`
    <root>/<mod>.portalis.json               for a single-file top-level module `mod`

Format 1 (JSON object)::

    {
      "format": 1,                     # this layout; readers reject other values
      "abi": 1,                        # host <-> module calling convention (ABI_VERSION)
      "portalis_version": "0.1.0",     # Portalis that translated (must equal the running one)
      "wasmtime_version": "50.0.1",    # wasmtime-py at build time (major must match)
      "python": "3.11.7",              # CPython whose messages the runtime embeds
                                       #   (major.minor must match)
      "package": "pkg",                # the top-level name this manifest covers
      "config": {"time-limit": 2.0},   # optional runtime subset of [tool.portalis]
                                       #   (mode, on-failure, require-wasm, time-limit,
                                       #   memory-limit, compare-action)
      "modules": {
        "pkg.fast": {
          "source": "pkg/fast.py",     # relative to the root, POSIX separators
          "source_sha256": "…",        # sha256 of the .py bytes the .wasm was built from
          "wasm": "pkg/fast.wasm",     # relative to the root
          "wasm_sha256": "…",
          "build_key": "…",            # portalis.build.artifact_key of the build
          "exports": [ … ],            # portalis.translate.model.Export.to_json() each
          "skipped": {"name": "reason (file:line:col)"},
          "constants": {…}, "constants_used": {…}   # as in the build manifest
        }
      }
    }

Why these checks: the `.wasm` is only used when `source_sha256` equals the
hash of the `.py` on disk (an edited installed file never runs stale code),
and when the versions above are compatible; otherwise the hook falls back to
the content-hash cache, a local build, or plain Python, and says why. A
version mismatch is judged conservatively (exact Portalis version) because a
newer Portalis may have fixed a translation the old wheel got wrong.

Activation: the wheel also ships a one-line `.pth` file (`pth_line`) that
registers its top-level names with `portalis_hook._activate_from_manifests`.
Nothing is read at interpreter start; the manifest is read on the first
import of that top-level name.

This module imports only the standard library, so reading a manifest on
the import path costs a JSON parse, not an import of the translator.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = [
    "ABI_VERSION",
    "FORMAT",
    "MANIFEST_DIR",
    "MANIFEST_NAME",
    "RUNTIME_CONFIG_KEYS",
    "Manifest",
    "ManifestError",
    "ModuleEntry",
    "incompatibility",
    "manifest_path",
    "pth_line",
    "read_manifest",
    "running_wasmtime_version",
    "sha256_file",
    "write_manifest",
]

FORMAT = 1
#: Bump when the calling convention between host and module changes
#: (error record, ret_* encodings, output segments, exported helpers).
ABI_VERSION = 1
MANIFEST_DIR = ".portalis"
MANIFEST_NAME = "manifest.json"
SINGLE_MODULE_SUFFIX = ".portalis.json"
#: The `[tool.portalis]` keys that matter at run time and may travel in a wheel.
RUNTIME_CONFIG_KEYS = (
    "mode",
    "on-failure",
    "require-wasm",
    "time-limit",
    "memory-limit",
    "compare-action",
)

_NAME = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(ValueError):
    """A manifest that cannot be used as written (malformed, unsafe path, wrong format)."""


def manifest_path(root: Path, top: str, *, is_package: bool) -> Path:
    """Where the manifest for top-level name `top` lives under `root`."""
    if is_package:
        return root / top / MANIFEST_DIR / MANIFEST_NAME
    return root / f"{top}{SINGLE_MODULE_SUFFIX}"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _relpath(value: Any, what: str) -> str:
    """A root-relative POSIX path that cannot escape the root."""
    if not isinstance(value, str) or not value:
        raise ManifestError(f"{what} must be a non-empty relative path")
    p = PurePosixPath(value)
    if p.is_absolute() or ".." in p.parts or "\\" in value or ":" in value:
        raise ManifestError(f"{what} {value!r} must be a relative path inside the package")
    return value


def _hex(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _HEX64.match(value):
        raise ManifestError(f"{what} must be a sha256 hex digest")
    return value


@dataclass(frozen=True)
class ModuleEntry:
    """One module's packaged artifact (see the module docstring for each field)."""

    module: str
    source: str
    source_sha256: str
    wasm: str
    wasm_sha256: str
    build_key: str = ""
    exports: list[dict[str, Any]] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    constants_used: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_build(
        cls, build_manifest: dict[str, Any], *, source: str, wasm: str, build_key: str = ""
    ) -> ModuleEntry:
        """From the `manifest.json` of a `portalis.build` cache entry (`WasmArtifact.manifest`).

        `source` and `wasm` are where the builder puts the two files, relative
        to the wheel root.
        """
        return cls(
            module=build_manifest["module"],
            source=source,
            source_sha256=build_manifest["source_sha256"],
            wasm=wasm,
            wasm_sha256=build_manifest["wasm_sha256"],
            build_key=build_key,
            exports=list(build_manifest.get("exports", [])),
            skipped=dict(build_manifest.get("skipped", {})),
            constants=dict(build_manifest.get("constants", {})),
            constants_used=dict(build_manifest.get("constants_used", {})),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_sha256": self.source_sha256,
            "wasm": self.wasm,
            "wasm_sha256": self.wasm_sha256,
            "build_key": self.build_key,
            "exports": self.exports,
            "skipped": self.skipped,
            "constants": self.constants,
            "constants_used": self.constants_used,
        }

    @classmethod
    def from_json(cls, module: str, d: Any) -> ModuleEntry:
        if not isinstance(d, dict):
            raise ManifestError(f"module entry {module!r} must be an object")
        try:
            exports = d.get("exports", [])
            if not isinstance(exports, list) or not all(isinstance(e, dict) for e in exports):
                raise ManifestError(f"{module}: `exports` must be a list of objects")
            for key in ("skipped", "constants", "constants_used"):
                if not isinstance(d.get(key, {}), dict):
                    raise ManifestError(f"{module}: `{key}` must be an object")
            return cls(
                module=module,
                source=_relpath(d["source"], f"{module}: `source`"),
                source_sha256=_hex(d["source_sha256"], f"{module}: `source_sha256`"),
                wasm=_relpath(d["wasm"], f"{module}: `wasm`"),
                wasm_sha256=_hex(d["wasm_sha256"], f"{module}: `wasm_sha256`"),
                build_key=str(d.get("build_key", "")),
                exports=exports,
                skipped=dict(d.get("skipped", {})),
                constants=dict(d.get("constants", {})),
                constants_used=dict(d.get("constants_used", {})),
            )
        except KeyError as exc:
            raise ManifestError(f"{module}: missing key {exc.args[0]!r}") from None


@dataclass(frozen=True)
class Manifest:
    """A whole manifest file. `new()` fills in the running versions for a writer."""

    package: str
    modules: dict[str, ModuleEntry]
    portalis_version: str
    wasmtime_version: str
    python: str
    abi: int = ABI_VERSION
    config: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT

    @classmethod
    def new(
        cls,
        package: str,
        modules: list[ModuleEntry],
        *,
        config: dict[str, Any] | None = None,
    ) -> Manifest:
        """A manifest for `modules`, stamped with this environment's versions."""
        from portalis._version import __version__

        runtime = {k: v for k, v in (config or {}).items() if k in RUNTIME_CONFIG_KEYS}
        return cls(
            package=package,
            modules={m.module: m for m in modules},
            portalis_version=__version__,
            wasmtime_version=running_wasmtime_version() or "unknown",
            python=".".join(map(str, sys.version_info[:3])),
            config=runtime,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "abi": self.abi,
            "portalis_version": self.portalis_version,
            "wasmtime_version": self.wasmtime_version,
            "python": self.python,
            "package": self.package,
            "config": self.config,
            "modules": {name: e.to_json() for name, e in sorted(self.modules.items())},
        }

    @classmethod
    def from_json(cls, d: Any) -> Manifest:
        if not isinstance(d, dict):
            raise ManifestError("a manifest must be a JSON object")
        if d.get("format") != FORMAT:
            found = d.get("format")
            raise ManifestError(f"unsupported manifest format {found!r} (expected {FORMAT})")
        package = d.get("package")
        if not isinstance(package, str) or not _NAME.match(package) or "." in package:
            raise ManifestError("`package` must be a top-level module name")
        modules = d.get("modules")
        if not isinstance(modules, dict):
            raise ManifestError("`modules` must be an object")
        entries = {}
        for name, entry in modules.items():
            if not isinstance(name, str) or not _NAME.match(name):
                raise ManifestError(f"{name!r} is not a dotted module name")
            if name != package and not name.startswith(package + "."):
                raise ManifestError(f"module {name!r} is outside package {package!r}")
            entries[name] = ModuleEntry.from_json(name, entry)
        config = d.get("config", {})
        if not isinstance(config, dict) or set(config) - set(RUNTIME_CONFIG_KEYS):
            raise ManifestError(f"`config` may only hold {', '.join(RUNTIME_CONFIG_KEYS)}")
        abi = d.get("abi")
        if not isinstance(abi, int):
            raise ManifestError("`abi` must be an integer")
        versions = [d.get(k) for k in ("portalis_version", "wasmtime_version", "python")]
        if not all(isinstance(v, str) for v in versions):
            raise ManifestError("portalis_version, wasmtime_version and python must be strings")
        return cls(
            package=package,
            modules=entries,
            portalis_version=d["portalis_version"],
            wasmtime_version=d["wasmtime_version"],
            python=d["python"],
            abi=abi,
            config=config,
        )


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write atomically (a reader sees the old file or the new one, never half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(manifest.to_json(), indent=2, sort_keys=False) + "\n"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def read_manifest(path: Path) -> Manifest:
    """Parse and validate; raises ManifestError (or OSError if unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: not valid JSON: {exc}") from None
    try:
        return Manifest.from_json(data)
    except ManifestError as exc:
        raise ManifestError(f"{path}: {exc}") from None


_WASMTIME_VERSION: list[str | None] = []


def running_wasmtime_version() -> str | None:
    """The installed wasmtime-py version, without importlib.metadata's ~15 ms.

    Reads the version off the `wasmtime-X.Y.Z.dist-info` directory beside
    the package; falls back to importlib.metadata when that is not there.
    """
    if _WASMTIME_VERSION:
        return _WASMTIME_VERSION[0]
    version: str | None = None
    import importlib.util

    spec = importlib.util.find_spec("wasmtime")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        for info in site.glob("wasmtime-*.dist-info"):
            version = info.name[len("wasmtime-") : -len(".dist-info")]
            break
    if version is None:
        try:
            from importlib.metadata import version as dist_version

            version = dist_version("wasmtime")
        except Exception:  # not installed, or broken metadata: the check reports it
            version = None
    _WASMTIME_VERSION.append(version)
    return version


def _major(version: str) -> str:
    return version.split(".", 1)[0]


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def incompatibility(manifest: Manifest) -> str | None:
    """Why this environment must not use the manifest's `.wasm` files, or None if it may."""
    from portalis._version import __version__

    if manifest.abi != ABI_VERSION:
        return f"built for Portalis ABI {manifest.abi}, this Portalis speaks ABI {ABI_VERSION}"
    if manifest.portalis_version != __version__:
        return f"built by Portalis {manifest.portalis_version}, running Portalis {__version__}"
    running = ".".join(map(str, sys.version_info[:2]))
    if _minor(manifest.python) != running:
        return f"built for CPython {_minor(manifest.python)}, running CPython {running}"
    wasmtime = running_wasmtime_version()
    if wasmtime is None:
        return "wasmtime is not installed"
    if _major(manifest.wasmtime_version) != _major(wasmtime):
        return f"built with wasmtime {manifest.wasmtime_version}, running wasmtime {wasmtime}"
    return None


def pth_line(packages: list[str]) -> str:
    """The single line of the `.pth` file a Portalis-built wheel ships.

    `site` executes `.pth` lines that start with `import`. This one costs an
    import of the light `portalis_hook` package and a set update; it never
    fails interpreter start-up when Portalis itself is not installed, and
    does nothing under `PORTALIS_MODE=off`.
    """
    for p in packages:
        if not _NAME.match(p) or "." in p:
            raise ValueError(f"{p!r} is not a top-level module name")
    args = ", ".join(repr(p) for p in packages)
    return (
        "import importlib.util as _u; "
        "_u.find_spec('portalis_hook') is not None and "
        f"__import__('portalis_hook')._activate_from_manifests({args})\n"
    )
