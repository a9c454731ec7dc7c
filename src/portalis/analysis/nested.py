"""Nested functions (`def walk(...)` inside a function), by lambda lifting.

A nested function becomes its own Rust function whose first parameters are
the outer variables it reads (its captures); each call passes their current
values. That is exactly CPython's closure semantics under these conditions,
all checked here:

- the nested `def` is a statement of the outer function's body (not inside
  a block), is bound once, and is only ever called (never used as a value),
  so it cannot run after the outer function returns or from anywhere else;
- no `nonlocal`/`global` anywhere inside it, so nothing but the outer
  function rebinds a captured variable, and the outer function is suspended
  while the nested one runs: the value passed at the call is the value every
  read inside would see. Lists, dicts and sets are passed as aliases, so
  mutations through them are shared as in CPython;
- every captured variable is definitely assigned where the `def` stands
  (CPython raises NameError for a free variable read before assignment);
- it has a return annotation (recursive calls are typed by it; the check of
  its body then verifies it), and no decorators, nested defs or `*args`.

A nested function may call itself and the nested functions defined before it
(their captures are added to its own).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .astwalk import MIXED_LISTS, child_fields
from .model import Param, Unsupported
from .types import PyType, type_from_annotation


@dataclass
class NestedDef:
    node: ast.FunctionDef
    params: list[Param]  # its own parameters
    returns: PyType
    captures: list[str] = field(default_factory=list)


def scoped_walk(fn: ast.AST) -> list[ast.AST]:
    """The nodes of `fn` (not `fn` itself) outside nested functions, lambdas and classes.

    Of a nested def only its own node, decorators and defaults are included:
    they are evaluated in `fn`'s scope. Written like astwalk.walk (no
    generators): it runs for every function analysed.
    """
    out: list[ast.AST] = []
    append = out.append
    todo: list[ast.AST] = [fn]
    while todo:
        node = todo.pop()
        if node is not fn:
            append(node)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                todo.extend(getattr(node, "decorator_list", ()))
                args = getattr(node, "args", None)
                if args is not None:
                    todo.extend(args.defaults)
                    todo.extend(d for d in args.kw_defaults if d is not None)
                continue
        cls = node.__class__
        for name in child_fields(cls):
            value = getattr(node, name, None)
            if value is None:
                continue
            if value.__class__ is list:
                if (cls, name) in MIXED_LISTS:
                    todo.extend(v for v in value if isinstance(v, ast.AST))
                else:
                    todo.extend(value)
            elif isinstance(value, ast.AST):
                todo.append(value)
    return out


def _locals_of(fn: ast.FunctionDef) -> set[str]:
    from .function import assigned_names

    return assigned_names(fn)


def nested_defs(
    fn: ast.FunctionDef, outer_locals: set[str], signature_of: object
) -> dict[str, NestedDef]:
    """The nested functions of `fn`, checked against the rules above, with their captures."""
    found: dict[str, NestedDef] = {}
    top = [st for st in fn.body if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in scoped_walk(fn):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node not in top:
            raise Unsupported(node, "nested functions inside a block are not supported yet")
        if isinstance(node, ast.ClassDef):
            raise Unsupported(node, "classes inside functions are not supported yet")
    binds: dict[str, int] = {}
    for node in scoped_walk(fn):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            binds[node.id] = binds.get(node.id, 0) + 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            binds[node.name] = binds.get(node.name, 0) + 1
    for st in top:
        if isinstance(st, ast.AsyncFunctionDef):
            raise Unsupported(st, "async functions are not supported")
        if binds.get(st.name, 0) != 1 or any(a.arg == st.name for a in _all_args(fn)):
            raise Unsupported(st, f"nested function `{st.name}` is rebound in `{fn.name}`")
        if st.decorator_list:
            raise Unsupported(st, "decorators on nested functions are not supported yet")
        for sub in ast.walk(st):
            if isinstance(sub, (ast.Nonlocal, ast.Global)):
                raise Unsupported(
                    sub,
                    f"`{type(sub).__name__.lower()}` in a nested function is not supported yet",
                )
            if sub is not st and isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                raise Unsupported(sub, "functions nested two deep are not supported yet")
        returns = type_from_annotation(st.returns)
        if st.returns is None or returns is None:
            raise Unsupported(
                st,
                f"nested function `{st.name}` needs a supported return annotation",
                "annotate it, e.g. `-> int` or `-> None`",
            )
        params = signature_of(st)  # type: ignore[operator]
        own = _locals_of(st)
        reads = {
            n.id for n in ast.walk(st) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
        }
        captures = sorted((reads & outer_locals) - own - {d.name for d in top})
        found[st.name] = NestedDef(st, params, returns, captures)
    called = {id(n.func) for n in ast.walk(fn) if isinstance(n, ast.Call)}
    # Calling another nested function passes its captures too.
    for name, nd in found.items():
        callees = {
            n.func.id
            for n in ast.walk(nd.node)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in found
        }
        for callee in callees:
            if callee != name and top.index(found[callee].node) > top.index(nd.node):
                raise Unsupported(
                    nd.node,
                    f"`{name}` calls `{callee}`, a nested function defined after it",
                )
        for callee in sorted(callees):
            extra = [c for c in found[callee].captures if c not in nd.captures]
            nd.captures = sorted(nd.captures + extra)
        for sub in ast.walk(nd.node):
            if isinstance(sub, ast.Name) and sub.id in found and id(sub) not in called:
                raise Unsupported(sub, f"nested function `{sub.id}` used as a value")
    for sub in scoped_walk(fn):
        if (
            isinstance(sub, ast.Name)
            and sub.id in found
            and id(sub) not in called
            and isinstance(sub.ctx, ast.Load)
        ):
            raise Unsupported(sub, f"nested function `{sub.id}` used as a value")
    return found


def _all_args(fn: ast.FunctionDef) -> list[ast.arg]:
    a = fn.args
    return [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, [a.vararg, a.kwarg])]
