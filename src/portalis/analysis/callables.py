"""`Callable[[A, B], R]` parameters, called inside the function.

The argument must be, at the call site, a module function Portalis
translates whose parameters and return type are exactly `A, B -> R` (no
other parameters), or a Callable parameter of the same type passed on. In
Rust the parameter is a `&dyn Fn(A, B) -> PyResult<R>`. Such functions take
no Python callables across the boundary yet: they run in WASM when another
translated function calls them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from .model import Pending, Unsupported
from .types import PyType


def callable_of(ret: PyType, params: list[PyType]) -> PyType:
    return PyType("callable", (ret, *params))


def is_callable(t: PyType | None) -> bool:
    return t is not None and t.name == "callable"


class CallableTyper:
    infer: Callable[[ast.expr], PyType]
    local_types: dict[str, PyType]
    assigned_names: set[str]
    calls: dict[str, int]
    function_returns: dict[str, PyType | None]
    function_params: dict[str, list[Any]]
    skipped_functions: dict[str, str]
    expr_types: dict[int, PyType]

    def callable_param_call(self, node: ast.Call, name: str, t: PyType) -> PyType:
        """`f(x, y)` where `f` is a Callable parameter."""
        from .containers import unify

        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"calling `{name}` with keyword or * arguments")
        params = t.args[1:]
        if len(node.args) != len(params):
            raise Unsupported(node, f"`{name}` takes {len(params)} argument(s) by its annotation")
        for arg, pt in zip(node.args, params):
            at = self.infer(arg)
            if at != pt and unify(pt, at) != pt:
                raise Unsupported(arg, f"argument to `{name}` is {at} but annotated {pt}")
        return t.args[0]

    def callable_arg(self, arg: ast.expr, want: PyType, callee: str) -> None:
        """An argument for a Callable parameter: a matching function, by name."""
        if not isinstance(arg, ast.Name):
            raise Unsupported(
                arg, f"`{callee}` takes a function here; only a module function name is passed"
            )
        name = arg.id
        if name in self.assigned_names:
            have = self.local_types.get(name)
            if have != want:
                raise Unsupported(arg, f"`{name}` is {have}, `{callee}` wants {want}")
            self.expr_types[id(arg)] = want
            return
        if name not in self.function_params and name not in self.skipped_functions:
            raise Unsupported(arg, f"`{name}` is not a module function Portalis translates")
        self.calls.setdefault(name, arg.lineno)
        if name in self.skipped_functions:
            raise Unsupported(
                arg, f"passes `{name}`, which is not translated ({self.skipped_functions[name]})"
            )
        params = self.function_params[name]
        types = [p.type for p in params]
        if types != list(want.args[1:]) or any(p.kind == "keyword_only" for p in params):
            raise Unsupported(
                arg,
                f"`{name}` takes ({', '.join(map(str, types))}); `{callee}` passes "
                f"({', '.join(map(str, want.args[1:]))})",
            )
        ret = self.function_returns.get(name)
        if ret is None:
            raise Pending(name)
        if ret != want.args[0]:
            raise Unsupported(arg, f"`{name}` returns {ret}; `{callee}` expects {want.args[0]}")
        self.expr_types[id(arg)] = want
