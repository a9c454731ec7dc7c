"""Library mode, part 3: one Rust crate and one `.wasm` for a whole package.

Each Python module becomes one Rust module (`pub mod statkit__core { ... }`)
of a single crate, so a function that calls `helper` imported from another
module of the package (`from ._util import helper`) calls it directly in
Rust: the call never crosses back into Python.

How a package is translated:

1. Every module is analysed on its own (as in single-module builds).
2. Then, to a fixpoint: each module is analysed again with its *externals*,
   the names it imports (`from .b import g`, `from . import b` is not
   enough: only plain names are checked) that resolve, through re-exports,
   to a function translated in another module. A newly translated function
   can unlock its callers in other modules in the next round, so the order
   of modules (and import cycles) does not matter. Functions that call each
   other across modules (mutual recursion across modules) stay Python.
3. An external must be *effect-free* across the boundary: it and everything
   it calls (transitively, across modules) neither mutates a list, prints,
   reads a module constant, uses class instances, nor lives in a module
   that defines its own exception classes. Those are handled per export by the loader (copy-back,
   output draining, load-time constant checks, exception classes looked up
   in the module's globals), which only sees the calling module; such
   callees stay out, with the reason.
4. Each module is translated with its externals in scope; the crate wraps
   each module's code in `pub mod`, adds `use super::<module>::<g> as <name>;`
   for its externals, gives every export a module-qualified symbol, and
   emits the shared runtime entry points once.

The artifact is cached by a key over exactly the sources that went in (every
module's name and sha256), the translator, the runtime, the toolchain and the
options. `load_package` hands each module its share of the one `.wasm`; the
compiled module is shared through `portalis.wasm`'s cache, and each Python
module gets its own instance of it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..build import (
    MANIFEST,
    WASM,
    BuildOptions,
    WasmArtifact,
    compile_crate,
    runtime_fingerprint,
    runtime_rlib,
    translator_fingerprint,
)
from ..cache import Cache, hash_key
from ..diagnostics import Diagnostic
from ..errors import BuildError
from ..ingest import SourceUnit, ingest
from ..toolchain import Toolchain, find_toolchain
from ..translate.model import Export
from .graph import (
    ModuleFacts,
    PackageGraph,
    SourceModule,
    attribute_alias,
    discover_tree,
    module_facts,
)

if TYPE_CHECKING:
    from ..analysis.model import FunctionSpec, ModuleSpec
    from ..config import PortalisConfig

__all__ = [
    "PackageArtifact",
    "analyse_package",
    "artifact_for",
    "build_package",
    "load_package",
    "rust_module_name",
]

LIBRARY_FORMAT = 1
_EXPORTS_MARK = "// ---- exports: the ABI the Python loader calls"
_SHARED_START = '#[no_mangle]\npub extern "C" fn __portalis_error_info'


def rust_module_name(module: str) -> str:
    """`statkit._util` -> `m_statkit___util`: one Rust module per Python module."""
    return "m_" + module.replace(".", "__")


@dataclass
class PackageSpecs:
    """The library-mode analysis of a package: per module its spec and imported callees."""

    units: dict[str, SourceUnit]
    specs: dict[str, ModuleSpec]
    # module -> local name -> (defining module, function)
    externals: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # (module, function) -> why an imported translated function may not be called from WASM
    refused: dict[tuple[str, str], str] = field(default_factory=dict)
    rounds: int = 0
    facts: dict[str, ModuleFacts] = field(default_factory=dict)  # of the sources as written


def _effects(
    specs: dict[str, ModuleSpec], externals: dict[str, dict[str, tuple[str, str]]]
) -> dict[tuple[str, str], str]:
    """(module, function) -> the first effect it (or a callee) has: list mutation, print, const."""
    from ..translate import _mutates_directly

    own: dict[tuple[str, str], str] = {}
    calls: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for mod, spec in specs.items():
        for name, fn in spec.functions.items():
            key = (mod, name)
            if fn.skip is not None:
                continue
            if getattr(spec, "exc_classes", None):
                # Its exceptions are decoded against the *calling* module's classes.
                own[key] = "is in a module that defines its own exception classes"
            elif _uses_classes(fn):
                # A class is a Rust type of its own module (one type per module for now).
                own[key] = "uses instances of a class"
            elif _mutates_directly(fn):
                own[key] = "may mutate a list"
            elif fn.prints:
                own[key] = "prints"
            elif fn.constants_used:
                own[key] = f"reads the module constant `{sorted(fn.constants_used)[0]}`"
            targets = []
            for callee in fn.calls:
                if callee in spec.functions:
                    targets.append((mod, callee))
                elif callee in externals.get(mod, {}):
                    targets.append(externals[mod][callee])
            calls[key] = targets
    changed = True
    while changed:
        changed = False
        for key, targets in calls.items():
            if key in own:
                continue
            for t in targets:
                if t in own:
                    own[key] = f"calls `{t[1]}`, which {own[t]}"
                    changed = True
                    break
    return own


def _uses_classes(fn: FunctionSpec) -> bool:
    """Whether any type in the function (signature, locals, expressions) is a class's."""
    from ..analysis.types import CLASS_PREFIX

    def has(t: Any) -> bool:
        return t is not None and (t.name.startswith(CLASS_PREFIX) or any(has(a) for a in t.args))

    types: list[Any] = [p.type for p in fn.params]
    types += [fn.return_type, *fn.locals.values(), *fn.expr_types.values()]
    return any(has(t) for t in types)


def analyse_package(modules: Sequence[SourceModule]) -> PackageSpecs:
    """Per-module analysis, then re-analysis with translated imported callees, to a fixpoint."""
    from ..analysis import analyse

    units = {m.name: ingest(m.path, module_name=m.name) for m in modules}
    known = frozenset(units)
    graph = PackageGraph(
        module_facts(m, units[m.name].tree, units[m.name].text, known) for m in modules
    )
    specs = {name: analyse(unit) for name, unit in units.items()}
    result = PackageSpecs(units, specs)
    for round_ in range(len(modules) + 1):
        result.rounds = round_ + 1
        chosen: dict[str, dict[str, tuple[str, str]]] = {}
        for name, facts in graph.modules.items():
            picks: dict[str, tuple[str, str]] = {}
            called = {
                c.target[0] for sites in facts.calls.values() for c in sites if len(c.target) == 1
            }
            for local, binding in facts.bindings.items():
                if binding.attr is None or local in facts.defs or local not in called:
                    continue
                target = graph.resolve(binding.module, binding.attr)
                if target is None or target[0] == name:
                    continue
                callee = specs[target[0]].functions.get(target[1])
                if callee is not None and callee.skip is None:
                    picks[local] = target
            # `_util.clamp(x)`, `pkg.sub.f(x)`: through module attributes, linked under a
            # synthetic name that the translation sees instead of the attribute chain.
            taken = {*facts.bindings, *facts.defs, *facts.rebound}
            for sites in facts.calls.values():
                for site in sites:
                    if len(site.target) < 2:
                        continue
                    target = graph.resolve_call(name, site.target)
                    synthetic = attribute_alias(site.target)
                    if target is None or target[0] == name or synthetic in taken:
                        continue
                    callee = specs[target[0]].functions.get(target[1])
                    if callee is not None and callee.skip is None:
                        picks[synthetic] = target
            chosen[name] = picks
        effects = _effects(specs, chosen)
        result.refused = {}
        for name, picks in chosen.items():
            for local, target in list(picks.items()):
                if target in effects:
                    result.refused[(name, local)] = (
                        f"`{target[1]}` ({target[0]}) {effects[target]}: calling it across "
                        "modules inside WASM is not supported yet"
                    )
                    del picks[local]
        if chosen == result.externals:
            break
        previous, result.externals = result.externals, chosen
        for name, picks in chosen.items():
            if picks == previous.get(name, {}):
                continue
            ext = {local: specs[mod].functions[fn] for local, (mod, fn) in picks.items()}
            # A fresh parse: analysis annotates the tree's nodes by id.
            unit = ingest(units[name].path, module_name=name)
            _alias_attribute_calls(unit.tree, set(picks))
            units[name] = unit
            specs[name] = analyse(unit, externals=ext)
    result.facts = graph.modules
    return result


def _alias_attribute_calls(tree: ast.Module, aliases: set[str]) -> None:
    """Replace `mod.f(...)` by `mod__f(...)` in the tree that analysis and translation see.

    Only that tree: the module Python runs is its source text, unchanged. The
    alias is linked to the defining module's Rust function (`use ... as`).
    """
    for st in tree.body:
        if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(st):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            parts: list[str] = []
            func: ast.expr = node.func
            while isinstance(func, ast.Attribute):
                parts.append(func.attr)
                func = func.value
            if not isinstance(func, ast.Name):
                continue
            alias = attribute_alias((func.id, *reversed(parts)))
            if alias in aliases:
                node.func = ast.copy_location(ast.Name(id=alias, ctx=ast.Load()), node.func)


@dataclass
class PackageArtifact:
    """One package's `.wasm` and, per module, its share (exports, skipped, constants)."""

    wasm_path: Path
    wasm_sha256: str
    modules: dict[str, WasmArtifact]
    cache_hit: bool
    key: str
    manifest: dict[str, Any]


def package_key(units: Sequence[SourceUnit], tc: Toolchain, options: BuildOptions) -> str:
    """Covers exactly the sources that go in, plus everything else that shapes the output."""
    here = Path(__file__).parent
    library_code = hashlib.sha256()
    for name in ("crate.py", "graph.py"):
        library_code.update((here / name).read_bytes())
    return hash_key(
        "portalis-library",
        *sorted(f"{u.module_name}\0{u.sha256}" for u in units),
        library_code.hexdigest(),
        translator_fingerprint(),
        runtime_fingerprint(),
        tc.identity,
        options.key(),
    )


def _split_module_text(lib_rs: str) -> tuple[list[str], list[str]]:
    """A single-module lib.rs -> (module items, export functions), crate-level parts dropped."""
    if _EXPORTS_MARK not in lib_rs or _SHARED_START not in lib_rs:
        raise BuildError("library mode: the translator's output has an unexpected layout")
    head, _, tail = lib_rs.partition(_EXPORTS_MARK)
    exports = tail.split(_SHARED_START, 1)[0]
    items = []
    for line in head.splitlines():
        if line.startswith(("//!", "#![", "extern crate ")):
            continue
        items.append(line)
    # `#![allow(...)]` may span lines when formatted; generated text keeps it on one.
    return items, exports.splitlines()[1:]


def assemble_crate(
    package: str, pspecs: PackageSpecs
) -> tuple[str, dict[str, Any], dict[int, str]]:
    """The package's lib.rs, its per-module metadata, and line -> module (for rustc errors)."""
    from .._version import __version__
    from ..translate import HEADER_ALLOWS
    from ..translate.names import rust_ident

    out = [
        f"//! Generated by Portalis {__version__} (library mode) for package `{package}`.",
        "//! Do not edit: regenerate with Portalis.",
        f"#![allow({HEADER_ALLOWS})]",
        "",
        "extern crate portalis_rt;",
        "",
    ]
    line_owner: dict[int, str] = {}
    meta: dict[str, Any] = {}
    crates = _translate_all(pspecs)
    for name in sorted(pspecs.specs):
        spec = pspecs.specs[name]
        crate = crates[name]
        items, exports = _split_module_text(crate.lib_rs)
        rmod = rust_module_name(name)
        prefix = f"__portalis_fn_{rmod}__"
        exports_text = [e.replace("__portalis_fn_", prefix) for e in exports]
        start = len(out) + 1
        out.append(f"// ---- module `{name}` ({Path(spec.unit.path).name})")
        out.append(f"pub mod {rmod} {{")
        for local, (mod, fn) in sorted(pspecs.externals.get(name, {}).items()):
            if local in spec.externals:
                out.append(
                    f"use super::{rust_module_name(mod)}::{rust_ident(fn)} as {rust_ident(local)};"
                )
        out.extend(items)
        out.extend(exports_text)
        out.append("}")
        out.append("")
        for i in range(start, len(out) + 1):
            line_owner[i] = name
        meta[name] = {
            "module": name,
            "library": package,
            "exports": [
                replace(e, symbol=e.symbol.replace("__portalis_fn_", prefix, 1)).to_json()
                for e in crate.exports
            ],
            "skipped": crate.skipped,
            "constants": crate.constants,
            "constants_used": crate.constants_used,
            "source_path": str(spec.unit.path),
            "source_sha256": spec.unit.sha256,
            "calls_across_modules": {
                local: f"{mod}.{fn}"
                for local, (mod, fn) in sorted(pspecs.externals.get(name, {}).items())
                if local in spec.externals
            },
        }
    # The runtime's ABI functions, once per crate, exactly as single modules emit them.
    any_crate = next(iter(crates.values()))
    out.extend((_SHARED_START + any_crate.lib_rs.split(_SHARED_START, 1)[1]).splitlines())
    return "\n".join(out) + "\n", meta, line_owner


def _translate_all(pspecs: PackageSpecs) -> dict[str, Any]:
    """Translate every module; a caller of an external the translator dropped is skipped too."""
    from ..translate import translate

    crates: dict[str, Any] = {}
    dirty = set(pspecs.specs)
    while dirty:
        for name in sorted(dirty):
            crates[name] = translate(pspecs.specs[name])
        dirty = set()
        for name, spec in pspecs.specs.items():
            for local, (mod, fn) in pspecs.externals.get(name, {}).items():
                if local not in spec.externals or pspecs.specs[mod].functions[fn].skip is None:
                    continue
                for caller in spec.functions.values():
                    if caller.skip is None and local in caller.calls:
                        caller.skip = Diagnostic(
                            str(spec.unit.path),
                            caller.calls[local],
                            0,
                            f"calls `{local}` ({mod}), which is not translated",
                        )
                        dirty.add(name)
    return crates


_ERR_LINE = re.compile(r"--> [^\n]*lib\.rs:(\d+):\d+")


def build_package(
    target: Path | Sequence[SourceModule],
    *,
    toolchain: Toolchain | None = None,
    cache: Cache | None = None,
    options: BuildOptions | None = None,
) -> PackageArtifact:
    """Translate and compile a package into one `.wasm`, or reuse the cached one."""
    modules = discover_tree(Path(target)) if isinstance(target, (str, Path)) else list(target)
    if not modules:
        raise BuildError(f"{target}: no modules")
    options = options or BuildOptions()
    cache = cache or Cache()
    tc = toolchain or find_toolchain()
    units = [ingest(m.path, module_name=m.name) for m in modules]
    key = package_key(units, tc, options)
    package = modules[0].name.split(".")[0]

    def create(tmp: Path) -> None:
        started = time.perf_counter()
        pspecs = analyse_package(modules)
        rlib = runtime_rlib(tc, cache, options)
        for _ in range(5):
            lib_rs, meta, owner = assemble_crate(package, pspecs)
            try:
                wasm = compile_crate(lib_rs, tmp, tc, rlib, options)
                break
            except BuildError as err:
                if not _skip_failed(err, lib_rs, owner, pspecs):
                    raise
        else:  # pragma: no cover - five rounds of rustc errors
            raise BuildError(f"could not compile package {package}")
        manifest = {
            "format": LIBRARY_FORMAT,
            "package": package,
            "wasm_sha256": hashlib.sha256(wasm.read_bytes()).hexdigest(),
            "modules": meta,
            "refused": {f"{m}.{n}": why for (m, n), why in pspecs.refused.items()},
            "rounds": pspecs.rounds,
            "build_seconds": round(time.perf_counter() - started, 3),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))

    entry, hit = cache.get_or_create("lib", key, create)
    manifest = json.loads((entry / MANIFEST).read_text())
    wasm_path = entry / WASM
    shares = {
        name: WasmArtifact(
            module_name=name,
            source_path=m["source_path"],
            source_sha256=m["source_sha256"],
            wasm_path=wasm_path,
            wasm_sha256=manifest["wasm_sha256"],
            exports=[Export.from_json(e) for e in m["exports"]],
            skipped=m["skipped"],
            constants=m["constants"],
            constants_used=m["constants_used"],
            cache_hit=hit,
            key=key,
            manifest={**m, "wasm_sha256": manifest["wasm_sha256"]},
        )
        for name, m in manifest["modules"].items()
    }
    return PackageArtifact(wasm_path, manifest["wasm_sha256"], shares, hit, key, manifest)


def _skip_failed(err: BuildError, lib_rs: str, owner: dict[int, str], pspecs: PackageSpecs) -> bool:
    """rustc rejected generated code (a translator bug): skip the functions it names."""
    from ..build import _function_at

    skipped = False
    for n in _ERR_LINE.findall(str(err)):
        module = owner.get(int(n))
        name = _function_at(lib_rs, int(n))
        spec = pspecs.specs.get(module or "")
        if spec is None or name is None or name not in spec.functions:
            continue
        fn = spec.functions[name]
        if fn.skip is None:
            fn.skip = Diagnostic(
                str(spec.unit.path),
                fn.lineno,
                fn.col,
                "internal error: generated Rust did not compile",
                "please report this; the function stays Python",
            )
            skipped = True
    return skipped


def package_members(config: PortalisConfig, top: str) -> list[SourceModule]:
    """The marked modules of one top-level package: the members of its crate."""
    from ..package import discover

    return [
        SourceModule(m.name, m.path, m.path.name == "__init__.py")
        for m in discover(config)
        if m.name.split(".")[0] == top
    ]


def artifact_for(
    unit: SourceUnit,
    config: PortalisConfig | None,
    *,
    toolchain: Toolchain | None = None,
    cache: Cache | None = None,
    options: BuildOptions | None = None,
) -> WasmArtifact:
    """A marked module's artifact: its share of the package's crate when the project sets
    `library = true`, else its own single-module build (`portalis.build.build`)."""
    from ..build import build

    if config is None or not config.library:
        return build(unit, toolchain=toolchain, cache=cache, options=options)
    members = package_members(config, unit.module_name.split(".")[0])
    if unit.module_name not in {m.name for m in members}:
        return build(unit, toolchain=toolchain, cache=cache, options=options)
    art = build_package(members, toolchain=toolchain, cache=cache, options=options)
    share = art.modules[unit.module_name]
    if share.source_sha256 != unit.sha256:  # edited while we were building: its own build
        return build(unit, toolchain=toolchain, cache=cache, options=options)
    return share


def load_package(
    target: Path | Sequence[SourceModule],
    namespaces: dict[str, Any],
    *,
    mode: str = "wasm",
    cache: Cache | None = None,
    toolchain: Toolchain | None = None,
    options: BuildOptions | None = None,
) -> PackageArtifact:
    """Install each module's share of the package `.wasm` into its (already imported) module.

    `namespaces` maps module names to the module objects (e.g. from
    `importlib.import_module`). Returns the artifact; each module gets its
    `__portalis__` exactly as with `portalis.load`.
    """
    from ..loader import install

    cache = cache or Cache()
    art = build_package(target, toolchain=toolchain, cache=cache, options=options)
    for name, share in art.modules.items():
        module = namespaces.get(name)
        if module is None:
            continue
        info = install(module, share, mode, cache, source="cache" if art.cache_hit else "build")
        module.__portalis__ = info
    return art
