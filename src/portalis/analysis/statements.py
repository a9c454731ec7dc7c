"""Statement checking: local types, definite assignment and reachability.

The walk carries the set of names definitely assigned on every path reaching
the current statement (`None` once the point is unreachable). A read of a name
that may be unbound is rejected, because CPython would raise
UnboundLocalError there and the Rust translation would need a value.
"""

from __future__ import annotations

import ast
from typing import Any

from .expressions import ExpressionTyper, fold_constant
from .model import Pending, Unsupported
from .types import BOOL, INT, NONE, PyType

State = frozenset[str] | None

BUILTIN_EXCEPTIONS = {
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "ValueError",
    "TypeError",
    "IndexError",
    "KeyError",
    "LookupError",
    "AssertionError",
    "RuntimeError",
    "NotImplementedError",
    "RecursionError",
    "AttributeError",
    "NameError",
    "UnboundLocalError",
    "StopIteration",
}


def _meet(a: State, b: State) -> State:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class StatementChecker(ExpressionTyper):
    optimize: int
    returns: list[tuple[PyType, int]]
    loop_breaks: list[list[State]]

    def check_body(self, body: list[ast.stmt], state: State) -> State:
        for stmt in body:
            if self.collecting:
                # Type-collection round: type what can be typed, retry the rest.
                try:
                    self.check_stmt(stmt, None)
                except Pending as p:
                    if p.callee:
                        raise
                except Unsupported:
                    pass  # reported by the checking round
                continue
            # Dead code after return/raise/break is still checked: it must be
            # valid Rust even though neither CPython nor WASM runs it.
            state = self.check_stmt(stmt, state)
        return state

    def check_stmt(self, stmt: ast.stmt, state: State) -> State:
        method = getattr(self, "stmt_" + type(stmt).__name__, None)
        if method is None:
            raise Unsupported(stmt, f"`{type(stmt).__name__}` statements are not supported yet")
        result: State = method(stmt, state)
        return result

    # -- reads ---------------------------------------------------------------
    def check_expr(self, node: ast.expr, state: State) -> PyType:
        if state is not None and not self.collecting:
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Name)
                    and sub.id in self.assigned_names
                    and sub.id not in state
                ):
                    raise Unsupported(
                        sub,
                        f"local variable `{sub.id}` may be used before it is assigned",
                        "CPython would raise UnboundLocalError on some path",
                    )
        return self.infer(node)

    # -- assignment ----------------------------------------------------------
    def bind(self, target: ast.expr, t: PyType, state: State) -> State:
        if not isinstance(target, ast.Name):
            raise Unsupported(target, f"assignment to `{ast.unparse(target)}` is not supported yet")
        name = target.id
        prev = self.local_types.get(name)
        if prev is None:
            self.local_types[name] = t
        elif prev != t:
            raise Unsupported(
                target,
                f"`{name}` holds {prev} and later {t}",
                "Portalis gives each local one type; use a second variable",
            )
        self.expr_types[id(target)] = t
        return None if state is None else state | {name}

    def stmt_Assign(self, stmt: ast.Assign, state: State) -> State:
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Tuple):
            target = stmt.targets[0]
            if not isinstance(stmt.value, ast.Tuple) or len(stmt.value.elts) != len(target.elts):
                raise Unsupported(stmt, "tuple unpacking of this form is not supported yet")
            if any(isinstance(e, ast.Starred) for e in [*target.elts, *stmt.value.elts]):
                raise Unsupported(stmt, "starred assignment is not supported yet")
            types = [self.check_expr(v, state) for v in stmt.value.elts]
            for elt, t in zip(target.elts, types):
                state = self.bind(elt, t, state)
            return state
        t = self.check_expr(stmt.value, state)
        for each in stmt.targets:
            state = self.bind(each, t, state)
        return state

    def stmt_AnnAssign(self, stmt: ast.AnnAssign, state: State) -> State:
        if stmt.value is None:
            if not isinstance(stmt.target, ast.Name):
                raise Unsupported(stmt, "annotation of a non-name target")
            return state
        t = self.check_expr(stmt.value, state)
        return self.bind(stmt.target, t, state)

    def stmt_AugAssign(self, stmt: ast.AugAssign, state: State) -> State:
        if not isinstance(stmt.target, ast.Name):
            raise Unsupported(stmt, "augmented assignment to this target is not supported yet")
        # `x op= v` on immutable numbers is exactly `x = x op v`.
        fake = ast.BinOp(left=ast.Name(stmt.target.id, ast.Load()), op=stmt.op, right=stmt.value)
        ast.copy_location(fake, stmt)
        ast.copy_location(fake.left, stmt.target)
        # The synthetic node is kept alive in aug_nodes so its id() stays unique.
        self.aug_nodes[id(stmt)] = fake
        t = self.check_expr(fake, state)
        return self.bind(stmt.target, t, state)

    aug_nodes: dict[int, ast.BinOp]

    # -- control flow ----------------------------------------------------------
    def stmt_Pass(self, stmt: ast.Pass, state: State) -> State:
        return state

    def stmt_Expr(self, stmt: ast.Expr, state: State) -> State:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return state  # docstring or bare string: no effect
        self.check_expr(stmt.value, state)
        return state

    def stmt_Return(self, stmt: ast.Return, state: State) -> State:
        t = NONE if stmt.value is None else self.check_expr(stmt.value, state)
        self.returns.append((t, stmt.lineno))
        return None

    def stmt_If(self, stmt: ast.If, state: State) -> State:
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        a = self.check_body(stmt.body, state)
        b = self.check_body(stmt.orelse, state)
        if state is None:
            return None
        if a is None:
            return b
        if b is None:
            return a
        return a & b

    def _loop(
        self, stmt: ast.While | ast.For, body_state: State, exits_normally: bool, state: State
    ) -> State:
        self.loop_breaks.append([])
        self.check_body(stmt.body, body_state)
        breaks = self.loop_breaks.pop()
        after: State = None
        if exits_normally:
            after = self.check_body(stmt.orelse, state)
        elif stmt.orelse:
            self.check_body(stmt.orelse, None)
        for b in breaks:
            after = _meet(after, b)
        return after

    def stmt_While(self, stmt: ast.While, state: State) -> State:
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        folded = fold_constant(stmt.test, self.constants)
        infinite = folded is not NotImplemented and bool(folded)
        return self._loop(stmt, state, not infinite, state)

    def stmt_For(self, stmt: ast.For, state: State) -> State:
        it = stmt.iter
        if not (
            isinstance(it, ast.Call)
            and isinstance(it.func, ast.Name)
            and it.func.id == "range"
            and "range" not in self.module_bindings
            and "range" not in self.assigned_names
        ):
            raise Unsupported(it, "`for` over anything but range() is not supported yet")
        if it.keywords or not 1 <= len(it.args) <= 3:
            raise Unsupported(it, "range() takes 1 to 3 positional arguments")
        for a in it.args:
            t = self.check_expr(a, state)
            if t not in (INT, BOOL):
                raise Unsupported(a, f"range() argument is {t}; CPython raises TypeError")
        self.expr_types[id(it)] = INT
        body_state = self.bind(stmt.target, INT, state)
        return self._loop(stmt, body_state, True, state)

    def stmt_Break(self, stmt: ast.Break, state: State) -> State:
        self.loop_breaks[-1].append(state)
        return None

    def stmt_Continue(self, stmt: ast.Continue, state: State) -> State:
        return None

    def stmt_Raise(self, stmt: ast.Raise, state: State) -> State:
        if stmt.exc is None:
            raise Unsupported(stmt, "bare `raise` is not supported yet")
        if stmt.cause is not None:
            raise Unsupported(stmt, "`raise ... from ...` is not supported yet")
        exc_type_name(stmt.exc, self)
        return None

    def stmt_Assert(self, stmt: ast.Assert, state: State) -> State:
        if self.optimize:
            return state  # python -O strips asserts; so does the translation
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        if stmt.msg is not None and not (
            isinstance(stmt.msg, ast.Constant) and isinstance(stmt.msg.value, str)
        ):
            raise Unsupported(
                stmt.msg, "assert messages other than string literals are not supported yet"
            )
        return state

    def stmt_Global(self, stmt: ast.Global, state: State) -> State:
        for name in stmt.names:
            if name in self.assigned_names:
                raise Unsupported(stmt, f"assignment to global `{name}` is not supported")
        return state

    def stmt_FunctionDef(self, stmt: ast.FunctionDef, state: State) -> State:
        raise Unsupported(stmt, "nested functions are not supported yet")


def exc_type_name(exc: ast.expr, checker: Any) -> tuple[str, str | None, bool]:
    """(exception class, message or None, has_args) for a supported `raise`."""
    call_args: list[ast.expr] = []
    if isinstance(exc, ast.Call):
        if exc.keywords:
            raise Unsupported(exc, "keyword arguments to an exception are not supported")
        call_args = exc.args
        func = exc.func
        has_args = bool(call_args)
    else:
        func = exc
        has_args = False
    if not isinstance(func, ast.Name) or func.id not in BUILTIN_EXCEPTIONS:
        raise Unsupported(exc, f"raising `{ast.unparse(func)}` is not supported yet")
    if func.id in checker.module_bindings or func.id in checker.assigned_names:
        raise Unsupported(exc, f"`{func.id}` is rebound in this module")
    if len(call_args) > 1:
        raise Unsupported(exc, "exceptions with several arguments are not supported yet")
    msg: str | None = None
    if call_args:
        a = call_args[0]
        if not (isinstance(a, ast.Constant) and isinstance(a.value, str)):
            raise Unsupported(
                a, "exception messages other than string literals are not supported yet"
            )
        msg = a.value
    return func.id, msg, has_args


__all__ = ["BOOL", "BUILTIN_EXCEPTIONS", "Pending", "StatementChecker", "exc_type_name"]
