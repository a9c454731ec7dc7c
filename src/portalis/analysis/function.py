"""Checking one function: signature, body, return type."""

from __future__ import annotations

import ast
from typing import Any

from ..diagnostics import Diagnostic
from .astwalk import walk
from .classes import ClassChecker
from .containers import has_unknown, unify
from .exceptions import ExceptionChecks
from .expressions import fold_constant, scalar_type_of
from .model import NO_DEFAULT, FunctionSpec, Param, Unsupported
from .nested import NestedDef, nested_defs, scoped_walk
from .statements import StatementChecker
from .types import NONE, PyType, type_from_annotation


def assigned_names(fn: ast.FunctionDef, body: list[ast.AST] | None = None) -> set[str]:
    """Every name CPython treats as local in `fn` (parameters included).

    `body`: `scoped_walk(fn)` when the caller already has it (it is not cheap).
    """
    names = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
    # Comprehension targets belong to the comprehension's own scope.
    # Nested functions and lambdas have scopes of their own (analysis/nested.py).
    if body is None:
        body = scoped_walk(fn)
    # One pass, dispatching on the exact node class (the parser makes no
    # subclasses): a comprehension precedes its target in `body` (pre-order).
    comp_targets: set[int] = set()
    unbound: list[str] = []  # `global` / `nonlocal` names, removed at the end
    for node in body:
        cls = node.__class__
        if cls is ast.Name:
            if node.ctx.__class__ is not ast.Load and id(node) not in comp_targets:  # type: ignore[attr-defined]
                names.add(node.id)  # type: ignore[attr-defined]
        elif cls is ast.comprehension:
            comp_targets.update(id(n) for n in walk(node.target))  # type: ignore[attr-defined]
        elif id(node) in comp_targets:
            continue
        elif cls in _DEF_NODES:
            names.add(node.name)  # type: ignore[attr-defined]
        elif cls is ast.Import or cls is ast.ImportFrom:
            for alias in node.names:  # type: ignore[attr-defined]
                names.add((alias.asname or alias.name).split(".")[0])
        elif cls is ast.ExceptHandler:
            if node.name:  # type: ignore[attr-defined]
                names.add(node.name)  # type: ignore[attr-defined]
        elif cls is ast.Global or cls is ast.Nonlocal:
            unbound.extend(node.names)  # type: ignore[attr-defined]
    names.difference_update(unbound)
    return names


_DEF_NODES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})


def signature(fn: ast.FunctionDef, consts: dict[str, Any]) -> list[Param]:
    a = fn.args
    if a.vararg is not None or a.kwarg is not None:
        raise Unsupported(fn, "`*args`/`**kwargs` parameters are not supported yet")
    if fn.decorator_list:
        text = ast.unparse(fn.decorator_list[0])
        if text.split("(")[0].split(".")[-1] in ("lru_cache", "cache"):
            raise Unsupported(
                fn.decorator_list[0],
                f"decorator `@{text}` is not translated: its cache is visible from Python "
                "(cache_info(), cache_clear(), and how deep a call recurses once the cache "
                "is warm), which a cache inside WASM would not reproduce",
                "the function stays Python; an undecorated helper it calls can still translate",
            )
        raise Unsupported(
            fn.decorator_list[0],
            f"decorator `@{text}` is not supported",
            "decorated functions stay Python",
        )
    if isinstance(fn, ast.AsyncFunctionDef):
        raise Unsupported(fn, "async functions are not supported")
    positional = [*a.posonlyargs, *a.args]
    defaults: list[Any] = [NO_DEFAULT] * (len(positional) - len(a.defaults)) + list(a.defaults)
    params: list[Param] = []
    kinds = ["positional_only"] * len(a.posonlyargs) + ["positional_or_keyword"] * len(a.args)
    entries = list(zip(positional, kinds, defaults))
    entries += [
        (arg, "keyword_only", d if d is not None else NO_DEFAULT)
        for arg, d in zip(a.kwonlyargs, a.kw_defaults)
    ]
    for arg, kind, default in entries:
        t = type_from_annotation(arg.annotation)
        if arg.annotation is None:
            raise Unsupported(
                arg,
                f"parameter `{arg.arg}` has no type annotation",
                "annotate it (int, float or bool) so the call wrapper can check it",
            )
        if t is None or t is NONE:
            raise Unsupported(
                arg.annotation,
                f"parameter type `{ast.unparse(arg.annotation)}` is not supported yet",
            )
        value: Any = NO_DEFAULT
        if default is not NO_DEFAULT:
            value = fold_constant(default, consts)
            vt = scalar_type_of(value) if value is not NotImplemented else None
            fits = vt == t or (t.name == "optional" and vt is not None and vt in (t.args[0], NONE))
            if value is NotImplemented or not fits:
                raise Unsupported(
                    default,
                    f"default of `{arg.arg}` is not a constant of type {t}",
                )
        params.append(Param(arg.arg, t, kind, value))
    return params


class FunctionChecker(ClassChecker, ExceptionChecks, StatementChecker):
    def __init__(
        self,
        fn: ast.FunctionDef,
        params: list[Param],
        ctx: Any,
        enclosing: dict[str, NestedDef] | None = None,
    ) -> None:
        self.fn = fn
        self.classes = getattr(ctx, "classes", {})
        self.params = params
        self.ctx = ctx
        # A nested function's captures are parameters (analysis/nested.py).
        # The AST is not rewritten after analysis starts, so one scoped walk serves
        # both the locals here and the nested-def check in run().
        self.scoped_nodes = scoped_walk(fn)
        self.assigned_names = assigned_names(fn, self.scoped_nodes) | {p.name for p in params}
        self.is_nested = enclosing is not None
        self.nested_defs: dict[str, NestedDef] = dict(enclosing or {})
        self.nested_specs: dict[str, FunctionSpec] = {}
        self.constants = {k: v for k, v in ctx.constants.items() if k not in self.assigned_names}
        self.constant_types = {
            k: t for k, t in ctx.constant_types.items() if k not in self.assigned_names
        }
        self.function_returns = ctx.function_returns
        self.function_params = ctx.function_params
        self.skipped_functions = ctx.skipped_reasons
        self.module_bindings = ctx.module_bindings
        self.constant_problems = ctx.constant_problems
        self.imports = {k: v for k, v in ctx.imports.items() if k not in self.assigned_names}
        self.optimize = ctx.optimize
        self.exc_classes = getattr(ctx, "exc_classes", {})
        self.exc_rejected = getattr(ctx, "exc_rejected", {})
        self.reset()

    def reset(self) -> None:
        self.expr_types: dict[int, PyType] = {}
        self.const_values: dict[int, Any] = {}
        self.local_types = {p.name: p.type for p in self.params}
        self.calls: dict[str, int] = {}
        self.constants_used: set[str] = set()
        self.returns: list[tuple[PyType, int]] = []
        self.loop_breaks: list[list[Any]] = []
        self.aug_nodes: dict[int, ast.BinOp] = {}
        self.inplace_lists: set[int] = set()
        self.comp_scopes: list[dict[str, PyType]] = []
        self.iter_kinds: dict[int, str] = {}
        self.genexp_ok: set[int] = set()
        self.comp_names: set[int] = set()
        self.stdlib_calls: dict[int, str] = {}
        self.pow_nodes: dict[int, ast.BinOp] = {}
        self.percent_nodes: dict[int, ast.JoinedStr] = {}
        self.dict_calls: dict[int, ast.DictComp] = {}
        self.narrowed: dict[str, PyType] = {}
        self.narrow_reads: set[int] = set()
        self.views_ok: set[int] = set()
        self.const_sets: set[int] = set()
        self.test_boolops: set[int] = set()
        self.dict_views: dict[int, str] = {}
        self.exc_info: dict[int, Any] = {}
        self.exc_scopes: list[tuple[str, str | None]] = []
        self.prints = False
        self.collecting = False

    def run(self, spec: FunctionSpec) -> None:
        """Infer local types to a fixpoint, then check the body for real."""
        defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if not self.is_nested and any(isinstance(n, defs) for n in self.scoped_nodes):
            self.nested_defs = nested_defs(
                self.fn, self.assigned_names, lambda st: signature(st, self.constants)
            )
        self.nested_specs = {}
        for _ in range(8):
            before = dict(self.local_types)
            saved_types = self.local_types
            self.reset()
            self.local_types = saved_types
            self.collecting = True
            self._collect(self.fn.body)
            if self.local_types == before:
                break
        types = self.local_types
        self.reset()
        self.local_types = types
        entry = frozenset(p.name for p in self.params)
        end = self.check_body(self.fn.body, entry)
        for name, t in self.local_types.items():
            if has_unknown(t):
                raise Unsupported(
                    self.fn,
                    f"cannot infer the type of `{name}` ({t})",
                    "annotate it, e.g. `xs: list[int] = []`",
                )
        rets = list(self.returns)
        if end is not None:
            rets.append((NONE, self.fn.end_lineno or self.fn.lineno))
        kinds = {t for t, _ in rets}
        merged_ret: PyType | None = rets[0][0] if rets else NONE
        for t, _ in rets[1:]:
            merged_ret = unify(merged_ret, t) if merged_ret is not None else None
        if merged_ret is not None and len(kinds) > 1:
            kinds = {merged_ret}  # T and None: an Optional[T] function
            rets = [(merged_ret, line) for _, line in rets]
        if len(kinds) > 1:
            detail = ", ".join(f"{t} at line {line}" for t, line in rets[:4])
            raise Unsupported(
                self.fn,
                f"`{self.fn.name}` returns values of different types ({detail})",
                "Portalis needs one return type per function",
            )
        ret = rets[0][0] if rets else NONE
        if has_unknown(ret):
            raise Unsupported(self.fn, f"cannot infer the return type ({ret})")
        declared = type_from_annotation(self.fn.returns)
        if self.fn.returns is not None and declared is not None and declared != ret:
            raise Unsupported(
                self.fn.returns,
                f"annotated `-> {declared}` but returns {ret}",
                "CPython returns the value unconverted, so Portalis follows the value",
            )
        spec.return_type = ret
        spec.locals = {
            k: v for k, v in self.local_types.items() if k not in {p.name for p in self.params}
        }
        spec.expr_types = self.expr_types
        spec.const_values = self.const_values
        spec.calls = self.calls
        spec.constants_used = self.constants_used
        spec.end_reachable = end is not None
        spec.aug_nodes = self.aug_nodes
        spec.inplace_lists = self.inplace_lists
        spec.iter_kinds = self.iter_kinds
        spec.comp_names = self.comp_names
        spec.stdlib_calls = self.stdlib_calls
        spec.pow_nodes = self.pow_nodes
        spec.percent_nodes = self.percent_nodes
        spec.dict_calls = self.dict_calls
        spec.narrow_reads = self.narrow_reads
        spec.dict_views = self.dict_views
        spec.const_sets = self.const_sets
        spec.prints = self.prints
        spec.exc_info = self.exc_info
        spec.nested = dict(self.nested_specs)
        for inner in self.nested_specs.values():
            # What the outer function runs includes its nested functions' bodies.
            spec.calls = {**inner.calls, **spec.calls}
            spec.expr_types.update(inner.expr_types)
            spec.inplace_lists |= inner.inplace_lists
            spec.constants_used |= inner.constants_used
            spec.prints = spec.prints or inner.prints
            spec.exc_info.update(inner.exc_info)

    def stmt_FunctionDef(self, stmt: ast.FunctionDef, state: Any) -> Any:
        """A nested def: checked as its own function, its captures as first parameters."""
        nd = self.nested_defs.get(stmt.name)
        if nd is None or nd.node is not stmt:
            raise Unsupported(stmt, "nested functions are not supported here")
        if self.collecting:
            return state
        if state is not None:
            unbound = [c for c in nd.captures if c not in state]
            if unbound:
                raise Unsupported(
                    stmt,
                    f"`{stmt.name}` reads `{unbound[0]}`, which may be unassigned at its def",
                    "assign the variables a nested function reads before its def",
                )
        capture_params = []
        for c in nd.captures:
            t = self.local_types.get(c)
            if t is None:
                raise Unsupported(stmt, f"cannot infer the type of `{c}`, read by `{stmt.name}`")
            capture_params.append(Param(c, t, "positional_only"))
        params = capture_params + nd.params
        inner = FunctionSpec(stmt.name, stmt.lineno, stmt.col_offset, stmt, params)
        inner.captures = list(nd.captures)
        self.function_returns = {**self.function_returns}
        checker = FunctionChecker(stmt, params, self.ctx, enclosing=self.nested_defs)
        checker.run(inner)
        self.nested_specs[stmt.name] = inner
        return None if state is None else state | {stmt.name}

    def _collect(self, body: list[ast.stmt]) -> None:
        """Type assignments in textual order; unknown reads are retried next round."""
        self.check_body(body, None)


def diagnostic(path: str, exc: Unsupported, fallback: ast.AST) -> Diagnostic:
    node = exc.node if exc.node is not None else fallback
    return Diagnostic(
        path=path,
        line=getattr(node, "lineno", 0),
        col=getattr(node, "col_offset", 0),
        message=exc.message,
        hint=exc.hint,
    )
