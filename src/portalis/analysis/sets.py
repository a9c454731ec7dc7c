"""Typing rules for set[T]: displays, comprehensions, operators, methods.

Iteration order is CPython's own (the runtime reproduces setobject.c); for
sets of str, whose order depends on the per-process hash seed, anything that
exposes the order bails at run time and CPython answers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import BOOL, INT, NONE, PyType

SET_OPS = {ast.BitOr: "union", ast.BitAnd: "intersection", ast.Sub: "difference",
           ast.BitXor: "symmetric_difference"}  # fmt: skip
SET_METHODS_SET_ARG = {
    "union": "set", "intersection": "set", "difference": "set",
    "symmetric_difference": "set", "update": NONE, "intersection_update": NONE,
    "difference_update": NONE, "symmetric_difference_update": NONE,
    "issubset": BOOL, "issuperset": BOOL, "isdisjoint": BOOL,
}  # fmt: skip


def set_of(t: PyType) -> PyType:
    return PyType("set", (t,))


def is_set(t: PyType) -> bool:
    return t.name == "set"


class SetTyper:
    infer: Callable[[ast.expr], PyType]
    _refine: Callable[[ast.expr, PyType], None]
    const_sets: set[int]

    def infer_Set(self, node: ast.Set) -> PyType:
        from .containers import UNKNOWN, unify
        from .dicts import hashable_key

        elem: PyType = UNKNOWN
        for e in node.elts:
            if isinstance(e, ast.Starred):
                raise Unsupported(node, "starred items in a set display are not supported")
            merged = unify(elem, self.infer(e))
            if merged is None:
                raise Unsupported(node, "set display mixes element types")
            elem = merged
        if not hashable_key(elem):
            raise Unsupported(node, f"set elements of type {elem} are not supported")
        if len(node.elts) >= 3 and all(isinstance(e, ast.Constant) for e in node.elts):
            self.const_sets.add(id(node))  # CPython builds these as frozenset constants
        return set_of(elem)

    def set_binop(self, node: ast.BinOp, lt: PyType, rt: PyType) -> PyType | None:
        if is_set(lt) and lt == rt and type(node.op) in SET_OPS:
            return lt
        return None

    def set_method(self, node: ast.Call, attr: ast.Attribute, s: PyType, name: str) -> PyType:
        from .containers import unify

        if node.keywords:
            raise Unsupported(node, f"keyword arguments to set.{name}() are not supported")
        elem = s.args[0]
        types = [self.infer(a) for a in node.args]
        if name in ("add", "discard", "remove"):
            if len(types) != 1 or unify(elem, types[0]) is None:
                raise Unsupported(node, f"set.{name}() of a {types[:1]}")
            merged = unify(elem, types[0])
            if merged is not None and merged != elem:
                self._refine(attr.value, set_of(merged))
            return NONE
        if name in ("pop",) and not types:
            return elem
        if name in ("clear",) and not types:
            return NONE
        if name == "copy" and not types:
            return s
        if name in SET_METHODS_SET_ARG:
            if len(types) != 1 or types[0] != s:
                raise Unsupported(node, f"set.{name}() with one set of the same type only")
            result = SET_METHODS_SET_ARG[name]
            return s if result == "set" else result  # type: ignore[return-value]
        raise Unsupported(node, f"set.{name}() is not supported yet")


__all__ = ["INT", "SetTyper", "is_set", "set_of"]
