"""Stage 2: decide, function by function, what can be translated exactly.

`analyse(unit)` returns a `ModuleSpec`: for each top-level function either a
fully typed `FunctionSpec` or the precise reason it stays Python. Functions
are checked callee-first; mutually recursive ones use their return
annotations as a hypothesis that the check then verifies.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..ingest import SourceUnit
from .astwalk import walk
from .classes import (
    ClassSpec,
    candidate_class_names,
    check_class_types,
    classmethod_cls,
    collect_classes,
    finalize_classes,
    method_specs,
    salvage_fields,
)
from .constants import (
    constant_type,
    evaluate,
    is_container,
    mutable_constant_problems,
    stdlib_value_imports,
)
from .exceptions import exception_classes
from .function import FunctionChecker, diagnostic, signature
from .model import ConstSpec, FunctionSpec, ModuleSpec, Param, Pending, Unsupported
from .rewrites import rewrite_module_range_arguments
from .stdlib import SUPPORTED_MODULES
from .types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    PyType,
    class_type,
    is_tuple,
    type_aliases,
    type_from_annotation,
)

__all__ = ["ConstSpec", "FunctionSpec", "ModuleSpec", "Param", "PyType", "analyse"]


@dataclass
class _Context:
    constants: dict[str, Any] = field(default_factory=dict)
    constant_types: dict[str, PyType] = field(default_factory=dict)
    function_returns: dict[str, PyType | None] = field(default_factory=dict)
    function_params: dict[str, list[Param]] = field(default_factory=dict)
    skipped_reasons: dict[str, str] = field(default_factory=dict)
    module_bindings: set[str] = field(default_factory=set)
    imports: dict[str, str] = field(default_factory=dict)  # name -> "math" | "math.floor"
    # module-level list/dict names that are not constants, and why
    constant_problems: dict[str, str] = field(default_factory=dict)
    exc_classes: dict[str, Any] = field(default_factory=dict)  # analysis/exceptions.py
    exc_rejected: dict[str, str] = field(default_factory=dict)  # exception class -> why not
    optimize: int = 0
    classes: dict[str, ClassSpec] = field(default_factory=dict)


def _target_names(target: ast.AST) -> list[str]:
    return [n.id for n in walk(target) if isinstance(n, ast.Name)]


def module_bindings(tree: ast.Module, text: str | None = None) -> dict[str, int]:
    """How many times each module-level name is bound, anywhere in the module.

    `text`, the module's source, lets the walk for `:=` and `global` be skipped
    when neither appears in it at all (the usual case).
    """
    counts: dict[str, int] = {}

    def add(name: str) -> None:
        counts[name] = counts.get(name, 0) + 1

    def visit(stmts: list[ast.stmt]) -> None:
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                add(st.name)
                continue
            if isinstance(st, ast.Assign):
                for t in st.targets:
                    for n in _target_names(t):
                        add(n)
            elif isinstance(st, (ast.AnnAssign, ast.AugAssign)):
                if st.value is not None or isinstance(st, ast.AugAssign):
                    for n in _target_names(st.target):
                        add(n)
            elif isinstance(st, (ast.For, ast.AsyncFor)):
                for n in _target_names(st.target):
                    add(n)
            elif isinstance(st, (ast.Import, ast.ImportFrom)):
                for alias in st.names:
                    add((alias.asname or alias.name).split(".")[0])
            elif isinstance(st, (ast.With, ast.AsyncWith)):
                for item in st.items:
                    if item.optional_vars is not None:
                        for n in _target_names(item.optional_vars):
                            add(n)
            elif isinstance(st, ast.Delete):
                for t in st.targets:
                    for n in _target_names(t):
                        add(n)
            elif isinstance(st, ast.Try):
                for h in st.handlers:
                    if h.name:
                        add(h.name)
            for attr in ("body", "orelse", "finalbody"):
                inner = getattr(st, attr, None)
                if isinstance(inner, list):
                    visit(inner)
            if isinstance(st, ast.Try):
                for h in st.handlers:
                    visit(h.body)
            if isinstance(st, ast.Match):
                for case in st.cases:
                    visit(case.body)
        # walrus at module level

    visit(tree.body)
    if text is not None and ":=" not in text and "global" not in text:
        return counts
    for node in walk(tree):
        if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            add(node.target.id)
        if isinstance(node, (ast.Global)):
            # A function that declares `global X` may rebind X at any time.
            for name in node.names:
                counts[name] = counts.get(name, 0) + 2
    return counts


def supported_imports(tree: ast.Module, counts: dict[str, int]) -> dict[str, str]:
    """Top-level imports of supported stdlib modules, bound once: name -> dotted target."""
    found: dict[str, str] = {}
    for st in tree.body:
        if isinstance(st, ast.Import):
            for alias in st.names:
                if alias.name in SUPPORTED_MODULES:
                    found[alias.asname or alias.name] = alias.name
        elif isinstance(st, ast.ImportFrom) and st.level == 0 and st.module in SUPPORTED_MODULES:
            for alias in st.names:
                if alias.name != "*":
                    found[alias.asname or alias.name] = f"{st.module}.{alias.name}"
    return {name: target for name, target in found.items() if counts.get(name) == 1}


def module_type_aliases(tree: ast.Module, counts: dict[str, int]) -> dict[str, PyType]:
    """`Matrix = list[list[float]]` (or `Matrix: TypeAlias = ...`) at top level, bound once."""
    aliases: dict[str, PyType] = {}
    with type_aliases(aliases):
        for st in tree.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1:
                target, value = st.targets[0], st.value
            elif isinstance(st, ast.AnnAssign) and st.value is not None:
                target, value = st.target, st.value
            else:
                continue
            if not isinstance(target, ast.Name) or counts.get(target.id) != 1:
                continue
            if not isinstance(value, (ast.Subscript, ast.BinOp)):
                continue  # plain names and constants are values, not aliases
            t = type_from_annotation(value)
            if t is not None:
                aliases[target.id] = t
    return aliases


def _constant_bindings(
    tree: ast.Module, counts: dict[str, int]
) -> list[tuple[str, ast.stmt, ast.expr]]:
    out = []
    for st in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(st, ast.Assign) and len(st.targets) == 1:
            target, value = st.targets[0], st.value
        elif isinstance(st, ast.AnnAssign) and st.value is not None:
            target, value = st.target, st.value
        if isinstance(target, ast.Name) and value is not None and counts.get(target.id) == 1:
            out.append((target.id, st, value))
    return out


def module_constants(
    tree: ast.Module, counts: dict[str, int], ctx: _Context
) -> dict[str, ConstSpec]:
    """Evaluate the top-level constants; a list/dict the module may mutate is left out.

    Two passes: a table found mutable is then also unavailable to the
    constants computed from it (`REVERSE = {v: k for k, v in TABLE.items()}`).
    """
    bindings = _constant_bindings(tree, counts)
    base_env = stdlib_value_imports(tree, counts)
    problems: dict[str, str] = {}
    for _ in range(2):
        env = dict(base_env)
        found: dict[str, tuple[PyType, Any, ast.stmt]] = {}
        for name, st, value in bindings:
            v = evaluate(value, env)
            if v is NotImplemented or name in problems:
                continue
            if isinstance(value, ast.Name) and isinstance(v, (list, dict)):
                continue  # `B = A` aliases one table under two names
            env[name] = v
            t = constant_type(v)
            if t is not None:
                found[name] = (t, v, st)
        tables = {n for n, (t, _, _) in found.items() if is_container(t)}
        sets = frozenset(n for n in tables if found[n][0].name == "set")
        new = mutable_constant_problems(
            tree, tables, set(counts), {id(st) for _, st, _ in bindings}, sets
        )
        if not new:
            break
        problems.update(new)
    ctx.constant_problems = problems
    constants: dict[str, ConstSpec] = {}
    for name, (t, v, st) in found.items():
        if name in problems:
            continue
        if not is_container(t) and not is_tuple(t):
            ctx.constants[name] = v  # scalars also fold into constant expressions
        ctx.constant_types[name] = t
        constants[name] = ConstSpec(name, t, v, st.lineno)
    return constants


def analyse(
    unit: SourceUnit,
    *,
    optimize: int | None = None,
    externals: Mapping[str, FunctionSpec] | None = None,
) -> ModuleSpec:
    """Analyse one module. `externals` (library mode only): names this module imports from
    another module of its package, mapped to their translated `FunctionSpec`s, so calls to
    them are checked like calls to the module's own functions. The caller guarantees that
    they (and everything they call) neither mutate lists, print, read module constants, nor
    live in a module with its own exception classes (see `portalis.library.crate`).
    """
    counts = module_bindings(unit.tree, unit.text)
    aliases = module_type_aliases(unit.tree, counts)
    # Class names in annotations (`p: Point`, `list[Point]`) name instance types.
    aliases.update({c: class_type(c) for c in candidate_class_names(unit.tree, counts)})
    with type_aliases(aliases):
        spec = _analyse(unit, counts, optimize=optimize, externals=externals or {})
    return spec


def _analyse(
    unit: SourceUnit,
    counts: dict[str, int],
    *,
    optimize: int | None = None,
    externals: Mapping[str, FunctionSpec] | None = None,
) -> ModuleSpec:
    tree = unit.tree
    path = str(unit.path)
    ctx = _Context(optimize=sys.flags.optimize if optimize is None else optimize)
    ctx.module_bindings = set(counts)
    constants: dict[str, ConstSpec] = {}
    other_skipped: dict[str, Diagnostic] = {}
    ctx.imports = supported_imports(tree, counts)

    # Module constants: bound exactly once, at top level, to a value computed
    # here (see analysis/constants.py); lists and dicts only when never mutated.
    constants = module_constants(tree, counts, ctx)

    ctx.exc_classes, exc_rejected = exception_classes(tree, counts, path)
    ctx.exc_rejected = {name: d.short() for name, d in exc_rejected.items()}
    rewrite_module_range_arguments(tree)  # methods too (analysis/rewrites.py)
    functions: dict[str, FunctionSpec] = {}
    ctx.classes, class_skips = collect_classes(tree, counts, path, ctx.constants)
    other_skipped.update(
        {k: d for k, d in class_skips.items() if k not in ctx.exc_classes and k not in exc_rejected}
    )
    for st in tree.body:
        if isinstance(st, ast.ClassDef) and st.name in ctx.classes:
            for spec in method_specs(ctx.classes[st.name], path, ctx.constants, ctx.classes):
                functions[spec.name] = spec
                if spec.skip is None:
                    ctx.function_params[spec.name] = spec.params
                    ctx.function_returns[spec.name] = None
            continue
        if isinstance(st, ast.ClassDef) and st.name in exc_rejected:
            other_skipped[st.name] = exc_rejected[st.name]
        elif (
            isinstance(st, ast.ClassDef)
            and st.name not in ctx.exc_classes
            and st.name not in other_skipped
        ):
            other_skipped[st.name] = Diagnostic(
                path, st.lineno, st.col_offset, "classes are not supported yet"
            )
        if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        spec = FunctionSpec(st.name, st.lineno, st.col_offset, st, [])  # type: ignore[arg-type]
        functions[st.name] = spec
        if counts.get(st.name, 0) != 1:
            spec.skip = Diagnostic(
                path,
                st.lineno,
                st.col_offset,
                f"`{st.name}` is rebound elsewhere in the module",
                "Portalis only translates functions whose name is bound once, by `def`",
            )
            continue
        try:
            spec.params = signature(st, ctx.constants)  # type: ignore[arg-type]
            check_class_types(spec.params, ctx.classes, st)
        except Unsupported as exc:
            spec.skip = diagnostic(path, exc, st)
            continue
        ctx.function_params[st.name] = spec.params
        ctx.function_returns[st.name] = None
    for name, spec in functions.items():
        if spec.skip is not None:
            ctx.skipped_reasons[name] = spec.skip.short()
    used_externals: dict[str, FunctionSpec] = {}
    for name, ext in (externals or {}).items():
        # Bound once by the import, or (a call through module attributes) never: a
        # name the library layer made up for the call.
        if counts.get(name, 0) <= 1 and name not in functions and ext.return_type is not None:
            ctx.function_params[name] = ext.params
            ctx.function_returns[name] = ext.return_type
            used_externals[name] = ext

    pending = [n for n, s in functions.items() if s.skip is None]

    def attempt(name: str) -> bool:
        spec = functions[name]
        checker = FunctionChecker(spec.node, spec.params, ctx)
        if spec.owner:
            checker.owner = ctx.classes[spec.owner]
            checker.method_name = spec.node.name
            # A classmethod's `cls` names the class, not a local variable.
            checker.assigned_names.discard(classmethod_cls(checker.owner, spec.node) or "")
        try:
            checker.run(spec)
        except Pending:
            return False
        except Unsupported as exc:
            spec.skip = diagnostic(path, exc, spec.node)
            ctx.skipped_reasons[name] = spec.skip.short()
            if spec.owner and spec.node.name == "__init__":
                salvage_fields(ctx.classes[spec.owner], spec)
            return True
        except RecursionError:
            spec.skip = Diagnostic(path, spec.lineno, spec.col, "function too deeply nested")
            ctx.skipped_reasons[name] = spec.skip.short()
            return True
        if spec.owner and spec.node.name == "__init__":
            ctx.classes[spec.owner].fields_done = True
        ctx.function_returns[name] = spec.return_type
        return True

    while pending:
        progress = [n for n in pending if attempt(n)]
        pending = [n for n in pending if n not in progress]
        if progress:
            continue
        # Only cycles remain: take declared return types as hypotheses.
        for name in pending:
            declared = type_from_annotation(functions[name].node.returns)
            if declared is None or functions[name].node.returns is None:
                spec = functions[name]
                spec.skip = Diagnostic(
                    path,
                    spec.lineno,
                    spec.col,
                    f"recursive function `{name}` needs a supported return annotation",
                    "annotate `-> int`, `-> float`, `-> bool` or `-> None`",
                )
                ctx.skipped_reasons[name] = spec.skip.short()
            else:
                ctx.function_returns[name] = declared
        for name in pending:
            if functions[name].skip is None and not attempt(name):
                spec = functions[name]
                spec.skip = Diagnostic(path, spec.lineno, spec.col, "cannot infer return type")
                ctx.skipped_reasons[name] = spec.skip.short()
        pending = []

    finalize_classes(functions, ctx.classes, path)

    # A function calling a skipped one cannot run in WASM either.
    changed = True
    while changed:
        changed = False
        for name, spec in functions.items():
            if spec.skip is not None:
                continue
            for callee, line in spec.calls.items():
                callee_spec = functions.get(callee)
                if callee_spec is not None and callee_spec.skip is not None:
                    spec.skip = Diagnostic(
                        path,
                        line,
                        0,
                        f"calls `{callee}`, which is not translated ({callee_spec.skip.short()})",
                    )
                    ctx.skipped_reasons[name] = spec.skip.short()
                    changed = True
                    break

    return ModuleSpec(
        unit,
        functions,
        constants,
        other_skipped,
        ctx.optimize,
        exc_classes=ctx.exc_classes,
        classes=ctx.classes,
        externals=used_externals,
    )


# Re-exported for translation.
SCALAR_TYPES = (INT, FLOAT, BOOL, NONE)
