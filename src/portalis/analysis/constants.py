"""Module-level constants: which top-level names a translated function may read.

A name qualifies when it is bound exactly once, at top level, to a value
Portalis can compute without running the module: literals and displays
(`[31, 28, ...]`, `{"A": 4.0}`, `((1, 0), (0, 1))`), arithmetic on them,
`math.inf`-style constants, `string.ascii_lowercase`-style constants,
`dict.fromkeys(...)`, `**` in a dict display and comprehensions over other
constants. The value is computed here by a small evaluator that knows only
those forms (no `eval`, nothing of the module is imported).

Immutable values (int, float, bool, str, tuples of those) are constants as
long as the name is never rebound. A list or dict is a constant only when the
module provably never changes it: every read of the name, anywhere in the
module, must be one that cannot mutate or leak the object (`TABLE[i]`,
`x in TABLE`, `for x in TABLE`, `TABLE.get(k)`, `len(TABLE)`, ...), its
elements must themselves be immutable, and the module must not reach its own
namespace (`globals()`, `vars()`, `setattr`, `exec`, `eval`).

What the analysis cannot see is code outside the module changing
`module.TABLE` (or rebinding `module.X`). The loader therefore compares each
constant's live value with the value translated here when it installs the
WASM functions, and leaves a function in Python when they differ; a change
made *after* loading is the documented residual (README: "module constants").
"""

from __future__ import annotations

import ast
import math
import string
from typing import Any

from .astwalk import walk
from .dicts import hashable_key
from .types import BOOL, FLOAT, INT, NONE, STR, PyType, list_of, tuple_of

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

# Values the evaluator reads from imported stdlib modules (never the module itself).
_MODULE_VALUES: dict[str, dict[str, Any]] = {
    "math": {"inf": math.inf, "nan": math.nan, "pi": math.pi, "e": math.e, "tau": math.tau},
    "string": {
        name: getattr(string, name)
        for name in (
            "ascii_letters",
            "ascii_lowercase",
            "ascii_uppercase",
            "digits",
            "hexdigits",
            "octdigits",
            "punctuation",
            "whitespace",
            "printable",
        )
    },
}

# Evaluation is bounded: no constant larger than this many items/characters.
_MAX_SIZE = 100_000


class _NotConstant(Exception):
    pass


def stdlib_value_imports(tree: ast.Module, counts: dict[str, int]) -> dict[str, Any]:
    """Top-level `import math` / `from string import digits`, bound once.

    Maps the bound name to the module's value table (for `import`) or to the
    value itself (for `from ... import name`).
    """
    found: dict[str, Any] = {}
    for st in tree.body:
        if isinstance(st, ast.Import):
            for alias in st.names:
                if alias.name in _MODULE_VALUES and "." not in alias.name:
                    found[alias.asname or alias.name] = _ModuleTable(alias.name)
        elif isinstance(st, ast.ImportFrom) and st.level == 0 and st.module in _MODULE_VALUES:
            table = _MODULE_VALUES[st.module]
            for alias in st.names:
                if alias.name in table:
                    found[alias.asname or alias.name] = table[alias.name]
    return {name: v for name, v in found.items() if counts.get(name) == 1}


class _ModuleTable:
    def __init__(self, module: str) -> None:
        self.module = module


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict, set, frozenset)) and len(value) > _MAX_SIZE:
        raise _NotConstant
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**256:
        raise _NotConstant
    return value


_BINOPS: dict[type[ast.operator], Any] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
    ast.BitAnd: lambda a, b: a & b,
    ast.BitOr: lambda a, b: a | b,
    ast.BitXor: lambda a, b: a ^ b,
    ast.LShift: lambda a, b: a << b if 0 <= b <= 256 else _too_big(),
    ast.RShift: lambda a, b: a >> b,
}


def _too_big() -> Any:
    raise _NotConstant


_SCALAR_TYPES = (int, float, str, bool, type(None))


class _Evaluator:
    """Computes a constant expression, or raises _NotConstant."""

    def __init__(self, env: dict[str, Any]) -> None:
        self.env = env

    def eval(self, node: ast.expr) -> Any:
        method = getattr(self, "ev_" + type(node).__name__, None)
        if method is None:
            raise _NotConstant
        return _check_size(method(node))

    def ev_Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, _SCALAR_TYPES):
            return node.value
        raise _NotConstant

    def ev_Name(self, node: ast.Name) -> Any:
        if node.id not in self.env:
            raise _NotConstant
        value = self.env[node.id]
        if isinstance(value, _ModuleTable):
            raise _NotConstant
        return value

    def ev_Attribute(self, node: ast.Attribute) -> Any:
        if isinstance(node.value, ast.Name):
            table = self.env.get(node.value.id)
            if isinstance(table, _ModuleTable):
                values = _MODULE_VALUES[table.module]
                if node.attr in values:
                    return values[node.attr]
        raise _NotConstant

    def ev_UnaryOp(self, node: ast.UnaryOp) -> Any:
        v = self.eval(node.operand)
        if not isinstance(v, (int, float)):
            raise _NotConstant
        if isinstance(node.op, ast.USub):
            return -v
        if isinstance(node.op, ast.UAdd):
            return +v
        if isinstance(node.op, ast.Not):
            return not v
        raise _NotConstant

    def ev_BinOp(self, node: ast.BinOp) -> Any:
        a, b = self.eval(node.left), self.eval(node.right)
        if isinstance(node.op, ast.Pow):
            if not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
                raise _NotConstant
            if isinstance(b, int) and abs(b) > 256:
                raise _NotConstant
            fn: Any = lambda x, y: x**y  # noqa: E731
        else:
            fn = _BINOPS.get(type(node.op))
        if fn is None:
            raise _NotConstant
        if isinstance(node.op, ast.Mult):
            seq, count = (a, b) if isinstance(b, int) else (b, a)
            if isinstance(seq, (str, list, tuple)) and (
                not isinstance(count, int) or len(seq) * max(count, 0) > _MAX_SIZE
            ):
                raise _NotConstant
        if isinstance(a, (set, frozenset, dict)) or isinstance(b, (set, frozenset, dict)):
            raise _NotConstant  # set algebra orders by hash: not reproduced here
        try:
            return fn(a, b)
        except (ArithmeticError, ValueError, TypeError):
            raise _NotConstant from None

    def ev_Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self._items(node.elts))

    def ev_List(self, node: ast.List) -> Any:
        return list(self._items(node.elts))

    def _items(self, elts: list[ast.expr]) -> list[Any]:
        if any(isinstance(e, ast.Starred) for e in elts):
            raise _NotConstant
        return [self.eval(e) for e in elts]

    def ev_Dict(self, node: ast.Dict) -> Any:
        out: dict[Any, Any] = {}
        for k, v in zip(node.keys, node.values):
            if k is None:
                inner = self.eval(v)
                if not isinstance(inner, dict):
                    raise _NotConstant
                out.update(inner)
            else:
                key = self.eval(k)
                _require_hashable(key)
                out[key] = self.eval(v)
        return out

    def ev_Set(self, node: ast.Set) -> Any:
        items = self._items(node.elts)
        for k in items:
            _require_hashable(k)
        return set(items)

    def ev_Call(self, node: ast.Call) -> Any:
        # dict.fromkeys(iterable, value): the one constructor corpus tables use.
        func = node.func
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise _NotConstant
        if (
            isinstance(func, ast.Name)
            and func.id in ("set", "frozenset")
            and func.id not in self.env
            and len(node.args) == 1
        ):
            source = self.eval(node.args[0])
            items = list(source) if isinstance(source, (set, frozenset)) else self._iterate(source)
            for k in items:
                _require_hashable(k)
            return set(items) if func.id == "set" else frozenset(items)
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "dict"
            and "dict" not in self.env
            and func.attr == "fromkeys"
            and len(node.args) in (1, 2)
        ):
            keys = self._iterate(self.eval(node.args[0]))
            value = self.eval(node.args[1]) if len(node.args) == 2 else None
            for k in keys:
                _require_hashable(k)
            return dict.fromkeys(keys, value)
        if isinstance(func, ast.Attribute) and not node.args:
            recv = self.eval(func.value)
            if isinstance(recv, dict) and func.attr in ("keys", "values", "items"):
                return _View(list(getattr(recv, func.attr)()))
            if isinstance(recv, str) and func.attr in ("upper", "lower") and recv.isascii():
                return getattr(recv, func.attr)()
        raise _NotConstant

    def _iterate(self, value: Any) -> list[Any]:
        if isinstance(value, (str, list, tuple)):
            return list(value)
        if isinstance(value, _View):
            return value.items
        if isinstance(value, dict):
            return list(value)
        raise _NotConstant  # sets: order depends on hashes

    def _comprehension(self, generators: list[ast.comprehension], emit: Any) -> None:
        def run(i: int, scope: dict[str, Any]) -> None:
            if i == len(generators):
                emit(scope)
                return
            gen = generators[i]
            if gen.is_async:
                raise _NotConstant
            saved = self.env
            self.env = scope
            try:
                items = self._iterate(self.eval(gen.iter))
            finally:
                self.env = saved
            for item in items:
                inner = dict(scope)
                _bind(gen.target, item, inner)
                self.env = inner
                try:
                    ok = all(self.eval(cond) for cond in gen.ifs)
                finally:
                    self.env = saved
                if ok:
                    run(i + 1, inner)

        run(0, dict(self.env))

    def ev_ListComp(self, node: ast.ListComp) -> Any:
        out: list[Any] = []
        self._comprehension(node.generators, lambda scope: out.append(self._in(scope, node.elt)))
        return out

    def ev_DictComp(self, node: ast.DictComp) -> Any:
        out: dict[Any, Any] = {}

        def emit(scope: dict[str, Any]) -> None:
            key = self._in(scope, node.key)
            _require_hashable(key)
            out[key] = self._in(scope, node.value)
            _check_size(out)

        self._comprehension(node.generators, emit)
        return out

    def _in(self, scope: dict[str, Any], node: ast.expr) -> Any:
        saved = self.env
        self.env = scope
        try:
            return self.eval(node)
        finally:
            self.env = saved


class _View:
    def __init__(self, items: list[Any]) -> None:
        self.items = items


def _bind(target: ast.expr, value: Any, scope: dict[str, Any]) -> None:
    if isinstance(target, ast.Name):
        scope[target.id] = value
        return
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, tuple):
        if len(target.elts) != len(value) or any(isinstance(e, ast.Starred) for e in target.elts):
            raise _NotConstant
        for t, v in zip(target.elts, value):
            _bind(t, v, scope)
        return
    raise _NotConstant


def _require_hashable(key: Any) -> None:
    # Keys whose equality could merge distinct-looking keys (1 == 1.0 == True)
    # are left to CPython.
    if not isinstance(key, (str, int)) and not (
        isinstance(key, tuple) and all(isinstance(k, (str, int)) for k in key)
    ):
        raise _NotConstant


def evaluate(node: ast.expr, env: dict[str, Any]) -> Any:
    """The value of a constant expression, or NotImplemented."""
    try:
        value = _Evaluator(env).eval(node)
    except (_NotConstant, RecursionError):
        return NotImplemented
    if isinstance(value, _View):
        return NotImplemented
    return value


# -- types of constant values ----------------------------------------------------


def _scalar_type(value: Any) -> PyType | None:
    if isinstance(value, str):
        return STR if not any(0xD800 <= ord(c) <= 0xDFFF for c in value) else None
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT if I64_MIN <= value <= I64_MAX else None
    if isinstance(value, float):
        return FLOAT
    return None


def immutable_type(value: Any) -> PyType | None:
    """Type of a scalar or a (nested) tuple of scalars."""
    if isinstance(value, tuple):
        if not value:
            return None
        parts = [immutable_type(v) for v in value]
        if any(p is None for p in parts):
            return None
        return tuple_of(*parts)  # type: ignore[arg-type]
    return _scalar_type(value)


def _same_type(values: Any) -> PyType | None:
    types = {immutable_type(v) for v in values}
    if len(types) != 1:
        return None  # empty, mixed (CPython keeps int and float apart), or unsupported
    return types.pop()


def constant_type(value: Any) -> PyType | None:
    """The PyType of a constant value, or None when it is not a supported constant.

    Lists and dicts must be non-empty (their element type comes from the
    items) and hold immutable items only.
    """
    if isinstance(value, list):
        elem = _same_type(value)
        return list_of(elem) if elem is not None else None
    if isinstance(value, dict):
        k, v = _same_type(value.keys()), _same_type(value.values())
        if k is None or v is None or not hashable_key(k):
            return None
        return PyType("dict", (k, v))
    if isinstance(value, (set, frozenset)):
        elem = _same_type(value)
        if elem is None or not hashable_key(elem):
            return None
        return PyType("set", (elem,))  # read only by `in`/len(): see mutable_constant_problems
    t = immutable_type(value)
    return None if t == NONE else t


def is_container(t: PyType) -> bool:
    return t.name in ("list", "dict", "set")


# -- proving that a list/dict constant is never mutated -----------------------------

# Builtins that only read (or copy) the argument they are given.
_READING_BUILTINS = frozenset(
    {
        "len", "sorted", "sum", "min", "max", "any", "all", "list", "tuple", "set",
        "frozenset", "dict", "enumerate", "zip", "reversed", "str", "repr", "print",
    }
)  # fmt: skip
# Methods of list/dict that only read.
_READING_METHODS = frozenset(
    {"get", "keys", "values", "items", "count", "index", "copy", "__contains__"}
)
# Reaching the module namespace by name: anything could then change a table.
_REFLECTION = frozenset({"globals", "vars", "setattr", "exec", "eval", "__import__", "locals"})


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    out: dict[int, ast.AST] = {}
    for node in walk(tree):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


def _read_only_use(node: ast.Name, parent: ast.AST | None, bound: set[str]) -> bool:
    if parent is None:
        return False
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Compare):
        if node is parent.left:
            return all(isinstance(op, (ast.Eq, ast.NotEq)) for op in parent.ops[:1])
        i = next(i for i, c in enumerate(parent.comparators) if c is node)
        return isinstance(parent.ops[i], (ast.In, ast.NotIn, ast.Eq, ast.NotEq))
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
        return True
    if isinstance(parent, ast.FormattedValue) and parent.value is node:
        return True
    if isinstance(parent, ast.Call) and node in parent.args:
        func = parent.func
        if isinstance(func, ast.Name):
            return func.id in _READING_BUILTINS and func.id not in bound
        # `", ".join(TABLE)`: a str literal's method cannot change its argument.
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
            and func.attr == "join"
        )
    if isinstance(parent, ast.Attribute) and parent.value is node:
        return parent.attr in _READING_METHODS
    return False


def _membership_use(node: ast.Name, parent: ast.AST | None, bound: set[str]) -> bool:
    """`x in S`, `x not in S`, `len(S)`: uses that cannot see a set's layout."""
    if isinstance(parent, ast.Compare) and node is not parent.left:
        i = next(i for i, c in enumerate(parent.comparators) if c is node)
        return isinstance(parent.ops[i], (ast.In, ast.NotIn))
    return (
        isinstance(parent, ast.Call)
        and isinstance(parent.func, ast.Name)
        and parent.func.id == "len"
        and "len" not in bound
        and parent.args == [node]
    )


def mutable_constant_problems(
    tree: ast.Module,
    names: set[str],
    bound: set[str],
    definitions: set[int],
    sets: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """For each list/dict/set constant in `names` that might be mutated: why (with the line).

    `bound` is every name bound at module level (a rebound `len` is not the builtin);
    `definitions` holds the ids of the constants' own top-level assignments. A set
    (`sets`) may only be tested for membership or measured: its iteration order
    depends on how CPython built its table, which the translation does not copy.
    """
    problems: dict[str, str] = {}
    if not names:
        return problems
    parents = _parents(tree)
    bound = bound | _bound_anywhere(tree)  # a local `len = ...` is not the builtin either
    reflective = next(
        (
            n
            for n in walk(tree)
            if isinstance(n, ast.Name) and n.id in _REFLECTION and n.id not in bound
        ),
        None,
    )
    for node in walk(tree):
        if not isinstance(node, ast.Name) or node.id not in names or node.id in problems:
            continue
        parent = parents.get(id(node))
        if isinstance(node.ctx, ast.Store) and id(parent) in definitions:
            continue
        reads = _membership_use if node.id in sets else _read_only_use
        if isinstance(node.ctx, ast.Load) and reads(node, parent, bound):
            continue
        snippet = (ast.unparse(parent) if parent is not None else node.id).strip()
        if len(snippet) > 40:
            snippet = snippet[:37] + "..."
        what = "may see its order or change it" if node.id in sets else "may change or share it"
        problems[node.id] = f"line {node.lineno}: `{snippet}` {what}"
    if reflective is not None:
        for name in names:
            problems.setdefault(
                name, f"line {reflective.lineno}: the module uses `{reflective.id}()`"
            )
    return problems


def _bound_anywhere(tree: ast.Module) -> set[str]:
    out: set[str] = set()
    for node in walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.add(node.id)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            out.update(node.names)
    return out
