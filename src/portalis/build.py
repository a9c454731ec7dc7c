"""Stage 4: `build(unit) -> WasmArtifact`, rustc -> .wasm (-> wasm-opt), cached.

Cache-first: the key is computed from the source bytes, the translator's own
code, the runtime sources (which embed the running CPython's error messages),
the toolchain identity and the options. A hit never analyses, translates or
runs rustc, which keeps `portalis.load` of a cached module fast.

The runtime crate is compiled once per toolchain into an rlib (its own cache
namespace) and linked into every module, so a module build compiles only the
generated `lib.rs`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import pyversion
from ._version import __version__
from .cache import Cache, hash_key
from .diagnostics import Diagnostic
from .errors import BuildError
from .ingest import SourceUnit
from .toolchain import Toolchain, find_toolchain
from .translate.model import Export

MANIFEST = "manifest.json"
WASM = "module.wasm"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class BuildOptions:
    opt_level: str = "3"
    wasm_opt: bool = True

    def key(self) -> str:
        return f"opt={self.opt_level};wasm_opt={int(self.wasm_opt)};O={sys.flags.optimize}"


@dataclass
class WasmArtifact:
    module_name: str
    source_path: str
    source_sha256: str
    wasm_path: Path
    wasm_sha256: str
    exports: list[Export]
    skipped: dict[str, str]
    constants: dict[str, Any]
    constants_used: dict[str, list[str]]
    cache_hit: bool
    key: str
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def translated(self) -> list[str]:
        return [e.name for e in self.exports]


@lru_cache(maxsize=1)
def translator_fingerprint() -> str:
    """Hash of Portalis's own translator code: a changed translator never reuses old WASM."""
    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for sub in ("analysis", "translate"):
        for path in sorted((root / sub).glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    h.update((root / "build.py").read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def runtime_sources() -> dict[str, str]:
    return pyversion.runtime_sources()


def runtime_fingerprint() -> str:
    srcs = runtime_sources()
    return hash_key(*(f"{name}\0{srcs[name]}" for name in sorted(srcs)))


def artifact_key(unit: SourceUnit, toolchain: Toolchain, options: BuildOptions) -> str:
    return hash_key(
        "portalis-artifact",
        unit.sha256,
        unit.module_name,
        translator_fingerprint(),
        runtime_fingerprint(),
        toolchain.identity,
        options.key(),
    )


def _run_rustc(args: list[str], what: str) -> None:
    import subprocess

    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    except OSError as exc:
        raise BuildError(f"cannot run {args[0]}: {exc}") from None
    if proc.returncode != 0:
        raise BuildError(f"rustc failed on {what}:\n{proc.stderr.strip()}")


def _target_args(tc: Toolchain) -> list[str]:
    return ["--edition", "2018", "--target", tc.target, "-C", "debuginfo=0"]


def runtime_rlib(tc: Toolchain, cache: Cache, options: BuildOptions) -> Path:
    key = hash_key("portalis-rt", runtime_fingerprint(), tc.identity, options.opt_level)

    def create(tmp: Path) -> None:
        src = tmp / "src"
        src.mkdir()
        for name, text in runtime_sources().items():
            (src / name).write_text(text, encoding="utf-8")
        _run_rustc(
            [
                tc.rustc,
                *_target_args(tc),
                "--crate-type",
                "rlib",
                "--crate-name",
                "portalis_rt",
                "-C",
                f"opt-level={options.opt_level}",
                str(src / "lib.rs"),
                "-o",
                str(tmp / "libportalis_rt.rlib"),
            ],
            "the Portalis runtime",
        )

    entry, _ = cache.get_or_create("rt", key, create)
    return entry / "libportalis_rt.rlib"


_ERR_LINE = re.compile(r"--> [^\n]*lib\.rs:(\d+):\d+")


def compile_crate(
    lib_rs: str, out_dir: Path, tc: Toolchain, rlib: Path, options: BuildOptions
) -> Path:
    src = out_dir / "lib.rs"
    src.write_text(lib_rs, encoding="utf-8")
    wasm = out_dir / WASM
    _run_rustc(
        [
            tc.rustc,
            *_target_args(tc),
            "--crate-type",
            "cdylib",
            "--crate-name",
            "portalis_module",
            "-C",
            f"opt-level={options.opt_level}",
            "-C",
            "strip=symbols",
            "--extern",
            f"portalis_rt={rlib}",
            "-L",
            f"dependency={rlib.parent}",
            str(src),
            "-o",
            str(wasm),
        ],
        "generated code",
    )
    if options.wasm_opt and tc.wasm_opt:
        import subprocess

        optimised = out_dir / "opt.wasm"
        proc = subprocess.run(
            [
                tc.wasm_opt,
                f"-O{options.opt_level if options.opt_level in '0123' else '2'}",
                "--enable-bulk-memory",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-nontrapping-float-to-int",
                str(wasm),
                "-o",
                str(optimised),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode == 0 and optimised.stat().st_size > 0:
            os.replace(optimised, wasm)
        elif optimised.exists():
            optimised.unlink()
    return wasm


def _function_at(lib_rs: str, line: int) -> str | None:
    """Name of the generated Rust function containing `line` (1-based)."""
    lines = lib_rs.splitlines()
    for i in range(min(line, len(lines)) - 1, -1, -1):
        m = re.match(
            r"(?:pub fn |pub extern \"C\" fn __portalis_fn_)(?:r#)?(\w+)\(", lines[i].strip()
        )
        if m:
            return m.group(1)
    return None


def _manifest(
    unit: SourceUnit, crate: Any, tc: Toolchain, wasm: Path, seconds: float
) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "portalis_version": __version__,
        "module": unit.module_name,
        "source_path": str(unit.path),
        "source_sha256": unit.sha256,
        "wasm_sha256": hashlib.sha256(wasm.read_bytes()).hexdigest(),
        "exports": [e.to_json() for e in crate.exports],
        "skipped": crate.skipped,
        "constants": crate.constants,
        "constants_used": crate.constants_used,
        "toolchain": {
            "rustc": tc.rustc,
            "version": tc.version,
            "target": tc.target,
            "wasm_opt": tc.wasm_opt_version,
        },
        "python": pyversion.py_version(),
        "build_seconds": round(seconds, 3),
    }


def build(
    unit: SourceUnit,
    *,
    toolchain: Toolchain | None = None,
    cache: Cache | None = None,
    options: BuildOptions | None = None,
) -> WasmArtifact:
    """Translate and compile `unit`, or reuse the cached artifact for the same inputs."""
    options = options or BuildOptions()
    cache = cache or Cache()
    tc = toolchain or find_toolchain()
    key = artifact_key(unit, tc, options)

    def create(tmp: Path) -> None:
        # Imported on a miss only: a cache hit never loads the translator.
        from .analysis import analyse
        from .translate import translate

        started = time.perf_counter()
        spec = analyse(unit)
        crate = translate(spec)
        rlib = runtime_rlib(tc, cache, options)
        # rustc rejecting generated code is a translator bug; rather than fail
        # the module, skip the offending function and try again.
        for _ in range(5):
            try:
                wasm = compile_crate(crate.lib_rs, tmp, tc, rlib, options)
                break
            except BuildError as err:
                found = {_function_at(crate.lib_rs, int(n)) for n in _ERR_LINE.findall(str(err))}
                # Any translated function, exported or internal-only (spec, not crate).
                bad = {name for name in found if name is not None} & set(spec.translated)
                if not bad:
                    raise
                for name in bad:
                    fn = spec.functions[name]
                    fn.skip = Diagnostic(
                        str(unit.path),
                        fn.lineno,
                        fn.col,
                        "internal error: generated Rust did not compile",
                        "please report this; the function stays Python",
                    )
                crate = translate(spec)
        else:  # pragma: no cover - five rounds of rustc errors
            raise BuildError(f"could not compile {unit.path}")
        manifest = _manifest(unit, crate, tc, wasm, time.perf_counter() - started)
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8"
        )

    entry, hit = cache.get_or_create("wasm", key, create)
    return artifact_from_entry(entry, key, hit)


def artifact_from_entry(entry: Path, key: str, hit: bool) -> WasmArtifact:
    manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    return WasmArtifact(
        module_name=manifest["module"],
        source_path=manifest["source_path"],
        source_sha256=manifest["source_sha256"],
        wasm_path=entry / WASM,
        wasm_sha256=manifest["wasm_sha256"],
        exports=[Export.from_json(e) for e in manifest["exports"]],
        skipped=manifest["skipped"],
        constants=manifest["constants"],
        constants_used=manifest["constants_used"],
        cache_hit=hit,
        key=key,
        manifest=manifest,
    )
