"""The static types Portalis can prove and translate.

Types here describe what CPython will have at run time, not what the
annotations claim: `x: float = 0` makes `x` an `int`, because CPython never
converts. Annotations are trusted only for parameters, where the call
wrapper checks them exactly (`type(arg) is int`) before entering WASM.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class PyType:
    name: str

    def __str__(self) -> str:
        return self.name


INT = PyType("int")
FLOAT = PyType("float")
BOOL = PyType("bool")
NONE = PyType("None")

SCALARS = {"int": INT, "float": FLOAT, "bool": BOOL, "None": NONE}


def is_numeric(t: PyType) -> bool:
    return t in (INT, FLOAT, BOOL)


def int_like(t: PyType) -> bool:
    """bool is an int subclass: arithmetic on it produces ints."""
    return t in (INT, BOOL)


def type_from_annotation(node: ast.expr | None) -> PyType | None:
    """Map an annotation to a PyType, or None when it is not (yet) supported."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    if isinstance(node, ast.Name):
        return SCALARS.get(node.id)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # String annotations ("int") under postponed evaluation.
        try:
            inner = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
        return type_from_annotation(inner)
    return None
