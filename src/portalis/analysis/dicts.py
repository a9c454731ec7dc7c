"""Typing rules for dict[K, V]: displays, subscripts, methods, views, iteration.

Dict views are live in CPython (`ks = d.keys()` sees later insertions), so a
view is accepted only where it is consumed at once: as the source of a loop
or comprehension, or as the argument of list()/sorted()/len()/sum()/min()/max().
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import BOOL, INT, NONE, STR, PyType, is_tuple, list_of, optional_of, tuple_of

VIEWS = ("keys", "values", "items")


def dict_of(k: PyType, v: PyType) -> PyType:
    return PyType("dict", (k, v))


def is_dict(t: PyType) -> bool:
    return t.name == "dict"


def hashable_key(t: PyType) -> bool:
    """Key types whose hashing/equality the runtime reproduces (no floats: -0.0/NaN)."""
    return t in (INT, STR, BOOL) or (is_tuple(t) and all(hashable_key(a) for a in t.args))


def view_elem(d: PyType, view: str) -> PyType:
    k, v = d.args
    return {"keys": k, "values": v, "items": tuple_of(k, v)}[view]


class DictTyper:
    infer: Callable[[ast.expr], PyType]
    expr_types: dict[int, PyType]
    views_ok: set[int]
    dict_views: dict[int, str]
    _refine: Callable[[ast.expr, PyType], None]

    def infer_Dict(self, node: ast.Dict) -> PyType:
        from .containers import UNKNOWN, unify

        k_t: PyType = UNKNOWN
        v_t: PyType = UNKNOWN
        for k, v in zip(node.keys, node.values):
            if k is None:
                raise Unsupported(node, "`**` in a dict display is not supported yet")
            kt, vt = self.infer(k), self.infer(v)
            mk, mv = unify(k_t, kt), unify(v_t, vt)
            if mk is None or mv is None:
                raise Unsupported(node, "dict display mixes key or value types")
            k_t, v_t = mk, mv
        if node.keys and not hashable_key(k_t):
            raise Unsupported(node, f"dict keys of type {k_t} are not supported")
        return dict_of(k_t, v_t)

    def dict_subscript(self, node: ast.Subscript, d: PyType) -> PyType:
        from .containers import unify

        kt = self.infer(node.slice)
        if unify(d.args[0], kt) != d.args[0] and d.args[0].name != "?":
            raise Unsupported(node.slice, f"{kt} key into a {d}")
        return d.args[1]

    def dict_method(self, node: ast.Call, attr: ast.Attribute, d: PyType, name: str) -> PyType:
        from .containers import unify

        if node.keywords:
            raise Unsupported(node, f"keyword arguments to dict.{name}() are not supported")
        k, v = d.args
        types = [self.infer(a) for a in node.args]

        def key_ok(t: PyType) -> bool:
            return unify(k, t) == k

        if name in VIEWS:
            if types:
                raise Unsupported(node, f"dict.{name}() takes no arguments")
            if id(node) not in self.views_ok:
                raise Unsupported(
                    node,
                    f"dict.{name}() is a live view; use it directly in a loop or list()",
                )
            self.dict_views[id(node)] = name
            return list_of(view_elem(d, name))
        if name == "get":
            if len(types) == 1 and key_ok(types[0]):
                return optional_of(v)
            if len(types) == 2 and key_ok(types[0]) and unify(v, types[1]) == v:
                return v
            raise Unsupported(node, "dict.get(key[, default of the value type])")
        if name in ("setdefault",):
            if len(types) == 2 and key_ok(types[0]) and unify(v, types[1]) == v:
                return v
            raise Unsupported(node, "dict.setdefault(key, default of the value type)")
        if name == "pop":
            if len(types) == 1 and key_ok(types[0]):
                return v
            if len(types) == 2 and key_ok(types[0]) and unify(v, types[1]) == v:
                return v
            raise Unsupported(node, "dict.pop(key[, default])")
        if name == "popitem" and not types:
            return tuple_of(k, v)
        if name in ("clear",) and not types:
            return NONE
        if name == "copy" and not types:
            return d
        if name == "update" and len(types) == 1 and unify(d, types[0]) == d:
            return NONE
        raise Unsupported(node, f"dict.{name}() is not supported yet")


__all__ = ["INT", "DictTyper", "dict_of", "hashable_key", "is_dict", "view_elem"]
