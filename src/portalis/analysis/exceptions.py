"""Exceptions: the module's own exception classes, `raise`, `try` and `except ... as e`.

A module's exception class is translated when CPython's behaviour for it can
be reproduced exactly: its base is a built-in exception with the plain
`BaseException` constructor (or another such class of the module) and its
body holds at most a docstring and an `__init__` that only formats its
parameters into `super().__init__(...)` and attributes. Such an `__init__`
cannot fail and has no side effect, so WASM carries the constructor
arguments and the host builds the exception with the real class (same
type, args, message and attributes) when it leaves WASM.

Chaining follows CPython: an exception raised while another is handled gets
it as `__context__` (rt/raise.rs keeps the handled stack), `raise ... from`
sets `__cause__`.
"""

from __future__ import annotations

import ast
import builtins
import copy
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from .model import Unsupported
from .types import BOOL, FLOAT, INT, NONE, STR, PyType, type_from_annotation

#: The type of `e` in `except E as e` (Rust: `PyErr`).
EXC = PyType("exception")

#: Built-in exceptions the runtime raises, with their codes (rt/err.rs `exc`).
BUILTIN_CODES: dict[str, int] = {
    "Exception": 1,
    "ArithmeticError": 2,
    "ZeroDivisionError": 3,
    "OverflowError": 4,
    "ValueError": 5,
    "TypeError": 6,
    "IndexError": 7,
    "KeyError": 8,
    "LookupError": 9,
    "AssertionError": 10,
    "RuntimeError": 11,
    "NotImplementedError": 12,
    "RecursionError": 13,
    "AttributeError": 14,
    "NameError": 15,
    "UnboundLocalError": 16,
    "StopIteration": 17,
}
USER_BASE = 1000

#: Types a module exception's constructor arguments may have (they cross to the host).
_ARG_TYPES = (INT, FLOAT, BOOL, STR, NONE)


@dataclass(frozen=True)
class ExcClass:
    """A module-level exception class Portalis raises and catches."""

    name: str
    code: int
    lineno: int
    root: str  # the built-in exception it derives from
    ancestors: tuple[str, ...]  # module classes above it, nearest first
    init: InitInfo | None  # its `__init__` (own or inherited; None: BaseException's)

    @property
    def init_params(self) -> tuple[str, ...] | None:
        return None if self.init is None else self.init.params

    @property
    def super_args(self) -> tuple[ast.expr, ...]:
        return () if self.init is None else self.init.super_args


@dataclass
class RaiseSpec:
    kind: str  # "builtin" | "key" (KeyError of an int/bool) | "user" | "user_args" | "reraise"
    name: str = ""
    code: int = 0
    msg: str | None = None  # literal message
    has_args: bool = False
    computed: ast.expr | None = None  # computed str message
    args: list[ast.expr] = field(default_factory=list)  # constructor args (user_args)
    # user_args: what str() shows: "unknown", "none" (no message) or "expr" (`shown`)
    shown_kind: str = "unknown"
    shown: ast.expr | None = None
    arg_slots: dict[int, int] = field(default_factory=dict)  # node in `shown` -> arg index
    cause: str | None = None  # None | "none" | name of the handled exception


@dataclass
class HandlerSpec:
    codes: tuple[int, ...]
    name: str | None


def _builtin_exc(name: str) -> type[BaseException] | None:
    obj = getattr(builtins, name, None)
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return obj
    return None


def _plain_root(cls: type[BaseException]) -> bool:
    """Built like BaseException: `cls(*args)` only stores args, no extra attributes.

    (OSError, ImportError, StopIteration, SystemExit, ... have their own
    constructors or attributes; KeyError's own `__str__` is handled where
    `str(e)` is checked.)"""
    try:
        made = cls("a", 1)
    except Exception:
        return False
    return set(dir(cls)) == set(dir(BaseException)) and made.args == ("a", 1) and not vars(made)


# -- the module's exception classes ------------------------------------------------
_LIST_ITEMS = (INT, FLOAT, BOOL, STR)


def _param_type_ok(t: PyType | None) -> bool:
    return t in _ARG_TYPES or (t is not None and t.name == "list" and t.args[0] in _LIST_ITEMS)


def _safe_type(node: ast.expr, params: dict[str, PyType]) -> PyType | None:
    """The type of an `__init__` expression that cannot fail or have effects, else None.

    Parameters have exactly their annotated types (checked where the class is
    raised): names, constants, f-strings without format specs, `str + str`
    and `sep.join(list_of_str)`.
    """
    if isinstance(node, ast.Name):
        return params.get(node.id)
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, str):
            return STR
        if isinstance(v, bool):
            return BOOL
        if isinstance(v, int):
            return INT
        if isinstance(v, float):
            return FLOAT
        return NONE if v is None else None
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.Constant):
                continue
            if not (
                isinstance(part, ast.FormattedValue)
                and part.format_spec is None
                and part.conversion in (-1, ord("s"), ord("r"))
                and _safe_type(part.value, params) is not None
            ):
                return None
        return STR
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        if _safe_type(node.left, params) == STR and _safe_type(node.right, params) == STR:
            return STR
        return None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and len(node.args) == 1
        and not node.keywords
        and _safe_type(node.args[0], params) == PyType("list", (STR,))
    ):
        return STR
    return None


@dataclass(frozen=True)
class InitInfo:
    """A class's own `__init__`, as `_check_init` accepted it."""

    params: tuple[str, ...]
    types: tuple[PyType, ...]
    super_args: tuple[ast.expr, ...]
    # attribute -> index of the parameter it is set to (-1: set to something else)
    attrs: tuple[tuple[str, int], ...]


def _check_init(fn: ast.FunctionDef, cls_name: str) -> InitInfo:
    a = fn.args
    if fn.decorator_list or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults:
        raise Unsupported(fn, f"`{cls_name}.__init__` has a signature Portalis does not support")
    names = [p.arg for p in a.args]
    if not names or names[0] != "self":
        raise Unsupported(fn, f"`{cls_name}.__init__` must take `self` first")
    types: list[PyType] = []
    for p in a.args[1:]:
        t = type_from_annotation(p.annotation)
        types.append(t)  # type: ignore[arg-type]
        if not _param_type_ok(t):
            raise Unsupported(
                p,
                f"parameter `{p.arg}` of `{cls_name}.__init__` must be int, float, bool, str "
                "or a list of those",
            )
    params = dict(zip(names[1:], types))
    supers = 0
    super_args: tuple[ast.expr, ...] = ()
    attrs: dict[str, int] = {}
    for i, st in enumerate(fn.body):
        if i == 0 and isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant):
            continue  # docstring
        if (
            isinstance(st, ast.Expr)
            and isinstance(st.value, ast.Call)
            and isinstance(st.value.func, ast.Attribute)
            and st.value.func.attr == "__init__"
            and isinstance(st.value.func.value, ast.Call)
            and isinstance(st.value.func.value.func, ast.Name)
            and st.value.func.value.func.id == "super"
            and not st.value.func.value.args
            and not st.value.keywords
            and all(_safe_type(x, params) is not None for x in st.value.args)
        ):
            supers += 1
            super_args = tuple(st.value.args)
            continue
        if (
            isinstance(st, ast.Assign)
            and len(st.targets) == 1
            and isinstance(st.targets[0], ast.Attribute)
            and isinstance(st.targets[0].value, ast.Name)
            and st.targets[0].value.id == "self"
            # `self.args = ...` (or any BaseException attribute) would change
            # what str(e) and the chain show.
            and st.targets[0].attr not in dir(BaseException)
            and _safe_type(st.value, params) is not None
        ):
            value = st.value
            attrs[st.targets[0].attr] = (
                names.index(value.id) - 1 if isinstance(value, ast.Name) else -1
            )
            continue
        raise Unsupported(
            st,
            f"`{cls_name}.__init__` does more than `super().__init__(...)` and "
            "`self.attr = ...` with its parameters",
            "such exception classes stay Python, with the functions raising them",
        )
    if supers != 1:
        raise Unsupported(fn, f"`{cls_name}.__init__` must call `super().__init__(...)` once")
    return InitInfo(tuple(names[1:]), tuple(types), super_args, tuple(attrs.items()))


def exception_classes(
    tree: ast.Module, counts: dict[str, int], path: str
) -> tuple[dict[str, ExcClass], dict[str, Diagnostic]]:
    """The module's translatable exception classes, and why other exception classes are not."""
    found: dict[str, ExcClass] = {}
    rejected: dict[str, Diagnostic] = {}
    for st in tree.body:
        if not isinstance(st, ast.ClassDef) or len(st.bases) != 1:
            continue
        base = st.bases[0]
        if not isinstance(base, ast.Name):
            continue
        builtin = _builtin_exc(base.id) if base.id not in counts else None
        if builtin is None and base.id not in found:
            if base.id in rejected:
                rejected[st.name] = Diagnostic(
                    path, st.lineno, st.col_offset, f"base class `{base.id}` is not translated"
                )
            continue
        try:
            if st.keywords or st.decorator_list:
                raise Unsupported(st, "exception classes with decorators or keywords stay Python")
            if counts.get(st.name, 0) != 1:
                raise Unsupported(st, f"`{st.name}` is rebound elsewhere in the module")
            if builtin is not None and not _plain_root(builtin):
                raise Unsupported(
                    base, f"exception classes derived from `{base.id}` are not supported yet"
                )
            init: InitInfo | None = None
            for i, item in enumerate(st.body):
                if isinstance(item, ast.Pass) or (
                    isinstance(item, ast.Expr)
                    and isinstance(item.value, ast.Constant)
                    and (i == 0 or item.value.value is Ellipsis)
                ):
                    continue
                if isinstance(item, ast.FunctionDef) and item.name == "__init__" and init is None:
                    init = _check_init(item, st.name)
                    continue
                raise Unsupported(
                    item,
                    f"exception class `{st.name}` defines more than a docstring and `__init__`",
                    "such exception classes stay Python, with the functions raising them",
                )
        except Unsupported as exc:
            node = exc.node if exc.node is not None else st
            rejected[st.name] = Diagnostic(
                path,
                getattr(node, "lineno", st.lineno),
                getattr(node, "col_offset", st.col_offset),
                exc.message,
                exc.hint,
            )
            continue
        parent = found.get(base.id)
        if parent is not None:
            root, ancestors = parent.root, (parent.name, *parent.ancestors)
            if init is None:
                init = parent.init
        else:
            root, ancestors = base.id, ()
        found[st.name] = ExcClass(st.name, USER_BASE + len(found), st.lineno, root, ancestors, init)
    return found, rejected


def catch_codes(names: list[str], classes: dict[str, ExcClass]) -> tuple[int, ...]:
    """Exception codes an `except` clause naming these classes catches."""
    codes: set[int] = set()
    for name in names:
        if name in classes:
            codes.update(c.code for c in classes.values() if c.name == name or name in c.ancestors)
            continue
        target = _builtin_exc(name)
        assert target is not None
        for b, code in BUILTIN_CODES.items():
            cls = _builtin_exc(b)
            if cls is not None and issubclass(cls, target):
                codes.add(code)
        for c in classes.values():
            root = _builtin_exc(c.root)
            if root is not None and issubclass(root, target):
                codes.add(c.code)
    return tuple(sorted(codes))


# -- the checker's part -------------------------------------------------------------
def _fresh_list(node: ast.expr, module_bindings: set[str]) -> bool:
    """A list object nothing else refers to."""
    if isinstance(node, (ast.List, ast.ListComp, ast.BinOp)):
        return True  # a display, comprehension, `a + b` or `a * n` of lists
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        return True  # a slice of a list is a new list
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("list", "sorted")
        and node.func.id not in module_bindings
    )


class ExceptionChecks:
    """`try`/`raise` for the statement checker (mixed into FunctionChecker)."""

    def infer_Call(self, node: ast.Call) -> PyType:
        info = self.exc_info.get(id(node))
        if isinstance(info, tuple) and info[0] == "isinstance":
            return BOOL
        if isinstance(info, tuple) and info[0] == "repr":
            return STR
        result: PyType = super().infer_Call(node)  # type: ignore[misc]
        return result

    def infer_Attribute(self, node: ast.Attribute) -> PyType:
        info = self.exc_info.get(id(node))
        if isinstance(info, tuple) and info[0] == "attr":
            t: PyType = info[1]
            return t
        result: PyType = super().infer_Attribute(node)  # type: ignore[misc]
        return result

    def infer_Subscript(self, node: ast.Subscript) -> PyType:
        if self.exc_info.get(id(node)) == "arg0":
            return STR  # `e.args[0]` shown as text (the translator shows it)
        result: PyType = super().infer_Subscript(node)  # type: ignore[misc]
        return result

    def infer_Name(self, node: ast.Name) -> PyType:
        if self.exc_info.get(id(node)) in ("str", "typed"):
            return STR  # `str(e)` / `f"{e}"`: the translator shows the exception
        result: PyType = super().infer_Name(node)  # type: ignore[misc]
        return result

    exc_classes: dict[str, ExcClass]
    exc_rejected: dict[str, str]  # module exception classes that stay Python, and why
    exc_info: dict[int, Any]
    exc_scopes: list[tuple[str, str | None]]  # ("handler", name) | ("finally", None)
    module_bindings: set[str]
    assigned_names: set[str]
    local_types: dict[str, PyType]

    def _exc_class_name(self, node: ast.expr) -> str:
        """A class named in `except` or `raise`: built-in or the module's, never rebound."""
        if not isinstance(node, ast.Name):
            raise Unsupported(node, f"`{ast.unparse(node)}` is not an exception class name")
        name = node.id
        if name in self.exc_classes and name not in self.assigned_names:
            return name
        if name in self.exc_rejected and name not in self.assigned_names:
            raise Unsupported(
                node,
                f"`{name}` is not an exception class Portalis translates "
                f"({self.exc_rejected[name]})",
            )
        if name in self.module_bindings or name in self.assigned_names:
            raise Unsupported(node, f"`{name}` is not an exception class Portalis translates")
        if _builtin_exc(name) is None:
            raise Unsupported(node, f"`{name}` is not an exception class")
        return name

    def stmt_Try(self, stmt: ast.Try, state: Any) -> Any:
        from .statements import _meet

        check: Any = self
        body_end = check.check_body(stmt.body, state)
        ends: list[Any] = []
        for handler in stmt.handlers:
            if handler.type is None:
                names = ["BaseException"]
            else:
                items = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                names = [self._exc_class_name(item) for item in items]
            self.exc_info[id(handler)] = HandlerSpec(
                catch_codes(names, self.exc_classes), handler.name
            )
            inner = state
            if handler.name is not None:
                self._check_exc_uses(handler)
                prev = self.local_types.get(handler.name)
                if prev is not None and prev != EXC:
                    raise Unsupported(
                        handler, f"`{handler.name}` holds {prev} and later an exception"
                    )
                self.local_types[handler.name] = EXC
                inner = None if state is None else state | {handler.name}
            self.exc_scopes.append(("handler", handler.name))
            try:
                # Any prefix of the body may have run: only what was assigned before counts.
                end = check.check_body(handler.body, inner)
            finally:
                self.exc_scopes.pop()
            if end is not None and handler.name is not None:
                end = end - {handler.name}  # CPython deletes the name after the handler
            ends.append(end)
        else_end = check.check_body(stmt.orelse, body_end) if stmt.orelse else body_end
        result = else_end
        for e in ends:
            result = _meet(result, e) if result is not None or e is not None else None
        if stmt.finalbody:
            self.exc_scopes.append(("finally", None))
            try:
                fin_end = check.check_body(stmt.finalbody, state)
            finally:
                self.exc_scopes.pop()
            if fin_end is None or result is None:
                return None
            return result | (fin_end - (state or frozenset()))
        return result

    def _check_exc_uses(self, handler: ast.ExceptHandler) -> None:
        """`e` may only be shown (`str(e)`, `f"{e}"`) or raised (`raise e`, `from e`)."""
        name = handler.name
        parents: dict[int, ast.AST] = {}
        for st in handler.body:
            for node in ast.walk(st):
                for child in ast.iter_child_nodes(node):
                    parents[id(child)] = node
        for st in handler.body:
            for node in ast.walk(st):
                if not (isinstance(node, ast.Name) and node.id == name):
                    continue
                if not isinstance(node.ctx, ast.Load):
                    raise Unsupported(node, f"assignment to the exception name `{name}`")
                parent = parents.get(id(node))
                if (
                    isinstance(parent, ast.Call)
                    and isinstance(parent.func, ast.Name)
                    and parent.func.id == "str"
                    and "str" not in self.module_bindings
                    and parent.args == [node]
                    and not parent.keywords
                ) or (
                    isinstance(parent, ast.FormattedValue)
                    and parent.format_spec is None
                    and parent.conversion in (-1, ord("s"))
                ):
                    self._check_showable(handler, node)
                    self.exc_info[id(node)] = "str"
                    continue
                if isinstance(parent, ast.Raise):
                    continue  # checked by stmt_Raise
                shown = self._shown_as(node, parents)
                if shown is not None and shown[0] == "repr":
                    # `repr(e)` / `f"{e!r}"`: `Name('message')` (rt/raise.rs exc_repr).
                    self.exc_info[id(node)] = "typed"
                    self.exc_info[id(shown[1])] = ("repr", self._class_names(handler))
                    continue
                if (
                    isinstance(parent, ast.Call)
                    and isinstance(parent.func, ast.Name)
                    and parent.func.id == "isinstance"
                    and "isinstance" not in self.module_bindings
                    and len(parent.args) == 2
                    and parent.args[0] is node
                    and not parent.keywords
                ):
                    # `isinstance(e, C)`: a test of the exception's class code.
                    kinds = parent.args[1]
                    items = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
                    names = [self._exc_class_name(item) for item in items]
                    self.exc_info[id(parent)] = ("isinstance", catch_codes(names, self.exc_classes))
                    continue
                if (
                    isinstance(parent, ast.Attribute)
                    and parent.attr != "args"
                    and isinstance(parent.ctx, ast.Load)
                ):
                    self.exc_info[id(parent)] = self._attribute(handler, parent)
                    continue
                grand = parents.get(id(parent))
                if (
                    isinstance(parent, ast.Attribute)
                    and parent.attr == "args"
                    and isinstance(grand, ast.Subscript)
                    and isinstance(grand.slice, ast.Constant)
                    and grand.slice.value == 0
                    and type(grand.slice.value) is int
                ):
                    how = self._shown_as(grand, parents)
                    if how is not None:
                        # `e.args[0]`, shown: its str or repr (rt/raise.rs exc_arg0).
                        self.exc_info[id(grand)] = "arg0"
                        if how[0] == "repr":
                            self.exc_info[id(how[1])] = "arg0_repr"
                        continue
                raise Unsupported(
                    node,
                    f'`{name}` is only supported in `str({name})`, `f"{{{name}}}"`, '
                    f"`{name}.args[0]` shown by str()/repr()/an f-string, "
                    f"`raise {name}` and `raise ... from {name}`",
                )

    def _shown_as(self, node: ast.expr, parents: dict[int, ast.AST]) -> tuple[str, ast.AST] | None:
        """("str" | "repr", the showing node) when `node` is only shown as text."""
        parent = parents.get(id(node))
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and parent.func.id in ("str", "repr")
            and parent.func.id not in self.module_bindings
            and parent.args == [node]
            and not parent.keywords
        ):
            return parent.func.id, parent
        if isinstance(parent, ast.FormattedValue) and parent.format_spec is None:
            if parent.conversion in (-1, ord("s")):
                return "str", parent
            if parent.conversion == ord("r"):
                return "repr", parent
        return None

    def _attribute(self, handler: ast.ExceptHandler, node: ast.Attribute) -> tuple[Any, ...]:
        """`e.attr`: set by every class the handler catches to one of its parameters.

        The value is that constructor argument, carried by the exception
        (rt/raise.rs exc_attr); its type is the parameter's annotation, and a
        value of another type there re-runs the call in CPython."""
        spec: HandlerSpec = self.exc_info[id(handler)]
        by_code = {c.code: c for c in self.exc_classes.values()}
        table: list[tuple[int, int]] = []
        types: set[PyType] = set()
        for code in spec.codes:
            c = by_code.get(code)
            index = dict(c.init.attrs).get(node.attr, -1) if c and c.init else -1
            if c is None or c.init is None or index < 0:
                what = c.name if c is not None else "a built-in exception"
                raise Unsupported(
                    node,
                    f"`{ast.unparse(node)}`: {what} caught here does not set `{node.attr}` "
                    "to an `__init__` parameter",
                )
            table.append((code, index))
            types.add(c.init.types[index])
        if len(types) != 1:
            raise Unsupported(node, f"`{ast.unparse(node)}` has different types by class")
        if next(iter(types)) not in _ARG_TYPES:
            raise Unsupported(node, f"`{ast.unparse(node)}` of type {next(iter(types))}")
        return ("attr", types.pop(), tuple(table))

    def _class_names(self, handler: ast.ExceptHandler) -> tuple[tuple[int, str], ...]:
        """(code, class name) of everything the handler catches."""
        spec: HandlerSpec = self.exc_info[id(handler)]
        names = {code: name for name, code in BUILTIN_CODES.items()}
        names.update({c.code: c.name for c in self.exc_classes.values()})
        return tuple((code, names[code]) for code in spec.codes)

    def _check_showable(self, handler: ast.ExceptHandler, node: ast.expr) -> None:
        spec: HandlerSpec = self.exc_info[id(handler)]
        for c in self.exc_classes.values():
            if c.code not in spec.codes:
                continue
            root = _builtin_exc(c.root)
            if root is not None and root.__str__ is not BaseException.__str__:
                raise Unsupported(node, f"`str()` of a caught `{c.name}` is not supported yet")

    def _shown(self, spec: RaiseSpec, user: ExcClass, state: Any) -> None:
        """What `str(e)` of this new exception shows, when it can be computed in WASM.

        The `__init__` only formats its parameters (see `_check_init`), so the
        message is that expression with each parameter replaced by the value
        of its argument (evaluated once, at the raise: `arg_slots` marks where
        the translation puts it); otherwise `str(e)` bails."""
        if not user.super_args:
            spec.shown_kind = "none"
            return
        if len(user.super_args) != 1 or any(
            isinstance(n, ast.NamedExpr) for a in spec.args for n in ast.walk(a)
        ):
            return
        assert user.init_params is not None
        mapping = dict(zip(user.init_params, range(len(spec.args))))
        slots: dict[int, int] = {}

        class Put(ast.NodeTransformer):
            def visit_Name(self, node: ast.Name) -> ast.AST:
                k = mapping.get(node.id)
                if k is None:
                    return node
                value = copy.deepcopy(spec.args[k])
                slots[id(value)] = k
                return value

        shown = Put().visit(copy.deepcopy(user.super_args[0]))
        check: Any = self
        try:
            t = check.check_expr(shown, state)
        except Unsupported:
            return
        if t == STR:
            spec.shown_kind, spec.shown, spec.arg_slots = "expr", shown, slots

    def stmt_Assert(self, stmt: ast.Assert, state: Any) -> Any:
        """`assert test, message` with a computed str message (evaluated only on failure)."""
        check: Any = self
        msg = stmt.msg
        if (
            check.optimize
            or msg is None
            or (isinstance(msg, ast.Constant) and isinstance(msg.value, str))
        ):
            return super().stmt_Assert(stmt, state)  # type: ignore[misc]
        check.mark_test(stmt.test)
        check.require_truthy(stmt.test, check.check_expr(stmt.test, state))
        t = check.check_expr(msg, state)
        if t != STR:
            raise Unsupported(msg, f"assert message of type {t}: only str messages are supported")
        self.exc_info[id(stmt)] = "assert"
        from .expressions import narrowing

        check.narrowed.update(narrowing(stmt.test, check.local_types, positive=True))
        return state

    def stmt_Raise(self, stmt: ast.Raise, state: Any) -> Any:
        check: Any = self
        handled = [n for kind, n in self.exc_scopes if kind == "handler"]
        innermost = self.exc_scopes[-1] if self.exc_scopes else None
        cause: str | None = None
        if stmt.cause is not None:
            if isinstance(stmt.cause, ast.Constant) and stmt.cause.value is None:
                cause = "none"
            elif (
                isinstance(stmt.cause, ast.Name)
                and innermost is not None
                and innermost == ("handler", stmt.cause.id)
            ):
                cause = stmt.cause.id
            else:
                raise Unsupported(
                    stmt.cause,
                    "`raise ... from` is supported with `None` or the exception being handled",
                )
        exc = stmt.exc
        if exc is None or (isinstance(exc, ast.Name) and exc.id in handled):
            if innermost is None or innermost[0] != "handler":
                raise Unsupported(
                    stmt,
                    "re-raise outside an except block (or inside a finally block)",
                    "CPython re-raises what is handled at run time there",
                )
            if exc is not None and innermost[1] != exc.id:
                raise Unsupported(stmt, f"`raise {exc.id}` of an outer handler's exception")
            if cause is not None:
                raise Unsupported(stmt, "`raise e from ...` of the handled exception")
            self.exc_info[id(stmt)] = RaiseSpec("reraise")
            return None
        func = exc.func if isinstance(exc, ast.Call) else exc
        name = self._exc_class_name(func)
        call_args: list[ast.expr] = exc.args if isinstance(exc, ast.Call) else []
        if isinstance(exc, ast.Call) and (
            exc.keywords or any(isinstance(a, ast.Starred) for a in call_args)
        ):
            raise Unsupported(exc, "keyword or * arguments to an exception are not supported")
        spec = RaiseSpec("builtin", name=name, cause=cause, has_args=bool(call_args))
        user = self.exc_classes.get(name)
        if user is not None:
            spec.code = user.code
            if user.init_params is not None:
                if len(call_args) != len(user.init_params):
                    raise Unsupported(
                        exc,
                        f"`{name}(...)` takes {len(user.init_params)} arguments, "
                        f"given {len(call_args)}",
                        "CPython raises TypeError here; the function stays Python",
                    )
                if len(call_args) > 5:
                    raise Unsupported(exc, f"`{name}(...)` with more than 5 arguments")
                assert user.init is not None
                for a, want in zip(call_args, user.init.types):
                    t = check.check_expr(a, state)
                    if t != want:
                        raise Unsupported(
                            a,
                            f"`{name}` argument of type {t} where `__init__` expects {want}",
                        )
                    if want.name == "list" and not _fresh_list(a, self.module_bindings):
                        raise Unsupported(
                            a,
                            f"a list passed to `{name}` must be a new one (a display, "
                            "comprehension, slice, `list(...)` or `sorted(...)`)",
                            "the exception leaving WASM carries a copy, which must not be "
                            "told apart from the original",
                        )
                spec.kind = "user_args"
                spec.args = list(call_args)
                self._shown(spec, user, state)
                self.exc_info[id(stmt)] = spec
                return None
            spec.kind = "user"
        elif name not in BUILTIN_CODES:
            raise Unsupported(exc, f"raising `{name}` is not supported yet")
        if len(call_args) > 1:
            raise Unsupported(exc, "exceptions with several arguments are not supported yet")
        if call_args:
            a = call_args[0]
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                spec.msg = a.value
            else:
                t = check.check_expr(a, state)
                if name == "KeyError" and t in (INT, BOOL):
                    spec.kind = "key"  # the key object travels encoded (rt/dict.rs)
                elif t != STR:
                    raise Unsupported(
                        a, f"exception argument of type {t}: only str messages are supported"
                    )
                spec.computed = a
        self.exc_info[id(stmt)] = spec
        return None
