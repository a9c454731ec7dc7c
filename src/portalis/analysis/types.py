"""The static types Portalis can prove and translate.

Types here describe what CPython will have at run time, not what the
annotations claim: `x: float = 0` makes `x` an `int`, because CPython never
converts. Annotations are trusted only for parameters, where the call
wrapper checks them exactly (`type(arg) is int`) before entering WASM.
"""

from __future__ import annotations

import ast
import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class PyType:
    name: str
    args: tuple[PyType, ...] = ()

    def __str__(self) -> str:
        if self.name.startswith(CLASS_PREFIX):
            return self.name[len(CLASS_PREFIX) :]
        if self.name == "tuple" and not self.args:
            return "tuple[()]"
        if self.args:
            return f"{self.name}[{', '.join(str(a) for a in self.args)}]"
        return self.name

    @property
    def elem(self) -> PyType:
        """Element type of a homogeneous container (list[T], str -> str)."""
        return STR if self is STR or self == STR else self.args[0]


CLASS_PREFIX = "class:"


def class_type(name: str) -> PyType:
    """The type of instances of the module's class `name` (see analysis/classes.py)."""
    return PyType(CLASS_PREFIX + name)


def is_class(t: PyType) -> bool:
    return t.name.startswith(CLASS_PREFIX)


def class_name(t: PyType) -> str:
    return t.name[len(CLASS_PREFIX) :]


@contextlib.contextmanager
def approve_text(types: set[PyType]) -> Iterator[None]:
    """While checking one str()/repr()/print()/f-string, instances whose text the
    class checker has verified (analysis/classes.py) count as printable."""
    previous: frozenset[PyType] = getattr(_text, "ok", frozenset())
    _text.ok = previous | types
    try:
        yield
    finally:
        _text.ok = previous


def text_approved(t: PyType) -> bool:
    return t in getattr(_text, "ok", frozenset())


INT = PyType("int")
FLOAT = PyType("float")
BOOL = PyType("bool")
NONE = PyType("None")
STR = PyType("str")

SCALARS = {"int": INT, "float": FLOAT, "bool": BOOL, "None": NONE, "str": STR}


def list_of(t: PyType) -> PyType:
    return PyType("list", (t,))


def tuple_of(*ts: PyType) -> PyType:
    return PyType("tuple", tuple(ts))


def is_list(t: PyType) -> bool:
    return t.name == "list"


def is_tuple(t: PyType) -> bool:
    return t.name == "tuple"


def optional_of(t: PyType) -> PyType:
    return t if t.name == "optional" or t == NONE else PyType("optional", (t,))


def is_optional(t: PyType) -> bool:
    return t.name == "optional"


def is_numeric(t: PyType) -> bool:
    return t in (INT, FLOAT, BOOL)


def int_like(t: PyType) -> bool:
    """bool is an int subclass: arithmetic on it produces ints."""
    return t in (INT, BOOL)


def is_copy(t: PyType) -> bool:
    """Plain Rust values; everything else is reference-counted and cloned on read."""
    return t in (INT, FLOAT, BOOL, NONE) or (
        (is_tuple(t) or is_optional(t)) and all(is_copy(a) for a in t.args)
    )


def contains_float(t: PyType) -> bool:
    return t == FLOAT or any(contains_float(a) for a in t.args)


_scope = threading.local()
_text = threading.local()


@contextlib.contextmanager
def type_aliases(aliases: dict[str, PyType]) -> Iterator[None]:
    """Module-level aliases (`Matrix = list[list[float]]`) visible while analysing."""
    previous = getattr(_scope, "aliases", {})
    _scope.aliases = aliases
    try:
        yield
    finally:
        _scope.aliases = previous


def type_from_annotation(node: ast.expr | None) -> PyType | None:
    """Map an annotation to a PyType, or None when it is not (yet) supported."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    if isinstance(node, ast.Name):
        found = SCALARS.get(node.id)
        return found if found is not None else getattr(_scope, "aliases", {}).get(node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # String annotations ("int") under postponed evaluation.
        try:
            inner = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
        return type_from_annotation(inner)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = type_from_annotation(node.left), type_from_annotation(node.right)
        if left is not None and right == NONE and left != NONE:
            return optional_of(left)
        if right is not None and left == NONE and right != NONE:
            return optional_of(right)
        return None
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, (ast.Name, ast.Attribute))
        and (getattr(node.value, "id", None) or getattr(node.value, "attr", None)) == "Callable"
    ):
        # Callable[[A, B], R] (typing or collections.abc): analysis/callables.py
        sig = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        if len(sig) != 2 or not isinstance(sig[0], ast.List):
            return None
        arg_types = [type_from_annotation(a) for a in sig[0].elts]
        ret = type_from_annotation(sig[1])
        if ret is None or any(a is None or a == NONE for a in arg_types):
            return None
        return PyType("callable", (ret, *arg_types))  # type: ignore[arg-type]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        base = node.value.id
        if base == "Optional":
            wrapped = type_from_annotation(node.slice)
            return optional_of(wrapped) if wrapped is not None and wrapped != NONE else None
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base in ("list", "List") and len(items) == 1:
            inner_t = type_from_annotation(items[0])
            return list_of(inner_t) if inner_t is not None and inner_t != NONE else None
        if base == "Counter" and len(items) == 1:
            kt = type_from_annotation(items[0])
            return PyType("Counter", (kt,)) if kt is not None and kt != NONE else None
        if base in ("defaultdict", "DefaultDict") and len(items) == 2:
            kt, vt = type_from_annotation(items[0]), type_from_annotation(items[1])
            if kt is None or vt is None or vt == NONE:
                return None
            return PyType("defaultdict", (kt, vt))
        if base in ("deque", "Deque") and len(items) == 1:
            et = type_from_annotation(items[0])
            return PyType("deque", (et,)) if et is not None and et != NONE else None
        if base in ("set", "Set") and len(items) == 1:
            et = type_from_annotation(items[0])
            return PyType("set", (et,)) if et is not None and et != NONE else None
        if base in ("dict", "Dict") and len(items) == 2:
            kt, vt = type_from_annotation(items[0]), type_from_annotation(items[1])
            if kt is None or vt is None or vt == NONE:
                return None
            return PyType("dict", (kt, vt))
        if base in ("tuple", "Tuple"):
            if len(items) == 2 and isinstance(items[1], ast.Constant) and items[1].value is ...:
                return None  # tuple[T, ...]: variable length, not yet
            parts = [type_from_annotation(i) for i in items]
            if any(p is None or p == NONE for p in parts):
                return None
            return tuple_of(*parts)  # type: ignore[arg-type]
    return None
