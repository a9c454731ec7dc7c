"""After a marked module's code ran in Python: find its WASM and swap in the wrappers.

Artifact lookup, first usable wins:

1. the wheel's packaged `.wasm` (manifest mark), if the manifest is from a
   compatible environment and its `source_sha256` equals the hash of the
   `.py` on disk;
2. the content-hash cache (`portalis.build.build` is cache-first: a hit never
   translates or runs rustc);
3. a build, right now, when a toolchain is present (a miss in step 2);
4. otherwise the module stays plain Python: a `PortalisWarning` (once per
   process for a missing toolchain, naming what to install) and
   `__portalis__` with mode "python" and the reason.

Staleness is by content only: the cache key hashes the source bytes (an
edit rebuilds), and nothing looks at mtimes (a touch does not).

With `on-failure = "error"` or `require-wasm = true`, step 4 raises
ImportError instead, chained to what went wrong. Any failure in steps 1-3
(corrupt or truncated `.wasm`, wasmtime refusing it, a translator bug) is
caught and reported the same way: an import never crashes because of
Portalis.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from portalis.build import BuildOptions, WasmArtifact
from portalis.cache import Cache
from portalis.errors import PortalisWarning, ToolchainError, UserError
from portalis.ingest import ingest
from portalis.loader import MODES, PortalisInfo, install
from portalis.projects import project_config_for
from portalis.toolchain import INSTALL_HINT, find_toolchain
from portalis.translate.model import Export

if TYPE_CHECKING:
    from portalis.config import PortalisConfig

    from ._finder import Mark, PortalisFinder
    from .manifest import ModuleEntry

# Imported lazily below: the TOML parser (via portalis.config) and the manifest
# module are only needed for a wheel's module; each import costs milliseconds
# on the first marked import of a process.

__all__ = ["Settings", "attach", "settings_for"]

# Warnings that must appear once per process, not once per module.
_warned: set[str] = set()


@dataclass(frozen=True)
class Settings:
    """The run-time choices for one module, after every override was applied."""

    mode: str
    on_failure: str = "fallback"
    require_wasm: bool = False
    time_limit: float | None = None
    memory_limit: int | None = None
    compare_action: str = "raise"
    opt_level: str = "3"
    wasm_opt: bool = True
    why_python: str | None = None


def settings_for(config: PortalisConfig | None, install_mode: str | None) -> Settings:
    """Mode precedence: PORTALIS_MODE, then install(mode=...), then the config, then "wasm".

    The environment wins over code on purpose: the hook is usually switched
    on by a sitecustomize block or a wheel's .pth, and a user must be able
    to flip a deployed program to python/compare without editing anything.
    """
    env = os.environ.get("PORTALIS_MODE") or None
    mode = env or install_mode or (config.mode if config else None) or "wasm"
    why = None
    if mode == "off":
        mode, why = "python", "PORTALIS_MODE=off"
    elif mode not in MODES:
        raise UserError(f"unknown Portalis mode {mode!r}; expected one of {', '.join(MODES)}")
    elif mode == "python":
        why = "mode is python" + (" (PORTALIS_MODE)" if env else "")
    if config is None:
        return Settings(mode=mode, why_python=why)
    return Settings(
        mode=mode,
        on_failure=config.on_failure,
        require_wasm=config.require_wasm,
        time_limit=config.time_limit,
        memory_limit=config.memory_limit,
        compare_action=config.compare_action,
        opt_level=config.opt_level,
        wasm_opt=config.wasm_opt,
        why_python=why,
    )


def _config_for(module: ModuleType, mark: Mark, finder: PortalisFinder) -> PortalisConfig | None:
    if mark.kind == "manifest":
        found = finder.manifests.get(mark.where or "")
        table = found[1].config if found else {}
        if not table:
            return None
        from portalis.config import parse_config

        return parse_config(dict(table), Path(mark.where or ""))
    return project_config_for(Path(str(module.__file__)))


def _warn(text: str, once_key: str | None = None) -> None:
    if once_key is not None:
        if once_key in _warned:
            return
        _warned.add(once_key)
    # stacklevel: past _warn, attach, the loader, and importlib's frames is
    # not knowable; point at the import machinery rather than at us.
    warnings.warn(text, PortalisWarning, stacklevel=2)


def _wheel_artifact(
    name: str, origin: str, sha256: str, root: Path, entry: ModuleEntry
) -> WasmArtifact:
    return WasmArtifact(
        module_name=name,
        source_path=origin,
        source_sha256=sha256,
        wasm_path=root / entry.wasm,
        wasm_sha256=entry.wasm_sha256,
        exports=[Export.from_json(e) for e in entry.exports],
        skipped=dict(entry.skipped),
        constants=dict(entry.constants),
        constants_used={k: list(v) for k, v in entry.constants_used.items()},
        cache_hit=True,
        key=entry.build_key,
        manifest=entry.to_json(),
    )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def attach(module: ModuleType, mark: Mark, finder: PortalisFinder) -> None:
    """Give `module` (already executed) its WASM wrappers and `__portalis__`."""
    name = module.__name__
    origin = str(module.__file__)
    config = _config_for(module, mark, finder)
    settings = settings_for(config, finder.mode)
    if settings.mode == "python":
        digest = hashlib.sha256(Path(origin).read_bytes()).hexdigest()
        module.__portalis__ = PortalisInfo(  # type: ignore[attr-defined]
            mode="python", source_sha256=digest, reason=settings.why_python
        )
        return

    try:
        unit = ingest(Path(origin), module_name=name)
    except UserError as exc:  # e.g. the file vanished or changed encoding after it ran
        _give_up(module, settings, str(exc), exc, "")
        return
    cache = Cache()
    limits: dict[str, Any] = {
        "time_limit": settings.time_limit,
        "memory_limit": settings.memory_limit,
        "on_failure": settings.on_failure,
        "compare_action": settings.compare_action,
    }
    notes: list[str] = []
    failure: BaseException | None = None

    if mark.kind == "manifest":
        from .manifest import incompatibility

        found = finder.manifest_entry(name, mark)
        manifest = finder.manifests[mark.where or ""][1]
        problem = incompatibility(manifest)
        if found is None:
            problem = "not listed in the wheel manifest"
        elif problem is None and found[1].source_sha256 != unit.sha256:
            problem = f"{found[1].source} differs from the source the packaged .wasm was built from"
        if problem is None and found is not None:
            root, entry = found
            try:
                artifact = _wheel_artifact(name, origin, unit.sha256, root, entry)
                info = install(module, artifact, settings.mode, cache, source="wheel", **limits)
                module.__portalis__ = info  # type: ignore[attr-defined]
                return
            except Exception as exc:  # corrupt/truncated .wasm, wasmtime refusing it, ...
                failure = exc
                problem = f"packaged {entry.wasm} is unusable ({_describe(exc)})"
        notes.append(f"packaged WASM not used: {problem}")
        _warn(f"portalis: {name}: packaged WASM not used: {problem}")

    try:
        toolchain = find_toolchain()
    except ToolchainError as exc:
        failure = failure or exc
        notes.append("no Rust toolchain with a wasm32 target was found")
        _warn(
            f"portalis: no Rust toolchain with a wasm32 target was found, so {name} "
            f"(and any other module marked for Portalis without a usable packaged .wasm) "
            f"runs as plain Python. To run it as WebAssembly: {INSTALL_HINT}",
            once_key="toolchain",
        )
    else:
        try:
            from portalis.library.crate import artifact_for  # library mode is the rarer case

            options = BuildOptions(opt_level=settings.opt_level, wasm_opt=settings.wasm_opt)
            artifact = artifact_for(unit, config, toolchain=toolchain, cache=cache, options=options)
            info = install(
                module,
                artifact,
                settings.mode,
                cache,
                source="cache" if artifact.cache_hit else "build",
                **limits,
            )
            info.reason = "; ".join(notes) or None
            module.__portalis__ = info  # type: ignore[attr-defined]
            return
        except Exception as exc:  # a Portalis bug must not make the user's import fail
            failure = exc
            notes.append(f"could not build or load WASM ({_describe(exc)})")
            _warn(f"portalis: {name} runs as plain Python: {notes[-1]}")

    _give_up(module, settings, "; ".join(notes), failure, unit.sha256)


def _give_up(
    module: ModuleType,
    settings: Settings,
    reason: str,
    failure: BaseException | None,
    sha256: str,
) -> None:
    """No usable WASM: plain Python with the reason, or ImportError when WASM is required."""
    name = module.__name__
    if settings.on_failure == "error" or settings.require_wasm:
        why = 'on-failure = "error"' if settings.on_failure == "error" else "require-wasm = true"
        message = f"portalis: {name} cannot run as WASM ({why}): {reason}"
        raise ImportError(message, name=name) from failure
    module.__portalis__ = PortalisInfo(  # type: ignore[attr-defined]
        mode="python", source_sha256=sha256, reason=reason
    )
