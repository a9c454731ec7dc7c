"""`itertools.combinations`/`permutations`/`product` as loop sources.

Each takes a snapshot of its inputs (`tuple(iterable)`) when called and then
yields tuples of those items lazily, in index order; the runtime
(rt/itertools.rs) generates the same index sequences one at a time. The
tuple length must be known to type the items, so `r` and `repeat` must be
non-negative integer literals (`permutations` needs its `r`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import STR, PyType, is_list, tuple_of

SOURCES = (
    "itertools.combinations",
    "itertools.permutations",
    "itertools.product",
    "itertools.chain",
    "itertools.accumulate",
)


def _literal_count(node: ast.expr | None, what: str) -> int:
    if not (isinstance(node, ast.Constant) and type(node.value) is int and node.value >= 0):
        raise Unsupported(node, f"{what} must be a non-negative integer literal here")
    return node.value


class ItertoolsTyper:
    infer: Callable[[ast.expr], PyType]
    iter_kinds: dict[int, str]
    expr_types: dict[int, PyType]
    _stdlib_target: Callable[[ast.expr], str | None]

    def itertools_source(self, it: ast.expr) -> str | None:
        if not isinstance(it, ast.Call):
            return None
        target = self._stdlib_target(it.func)
        return target if target in SOURCES else None

    def _pool(self, node: ast.expr) -> PyType:
        t = self.infer(node)
        if t == STR:
            return STR
        if is_list(t) or t.name == "deque":
            return t.args[0]
        raise Unsupported(node, f"an itertools pool that is a {t} is not supported yet")

    def itertools_elem(self, it: ast.Call, target: str) -> PyType:
        name = target.split(".")[1]
        if any(isinstance(a, ast.Starred) for a in it.args):
            raise Unsupported(it, f"{name}(*...) is not supported")
        if name in ("chain", "accumulate"):
            return self._chain_accumulate(it, name)
        if name == "product":
            if any(k.arg != "repeat" for k in it.keywords) or not it.args:
                raise Unsupported(it, "product(*pools, repeat=n) only")
            repeat = 1
            for k in it.keywords:
                repeat = _literal_count(k.value, "repeat")
            pools = [self._pool(a) for a in it.args]
            elem = tuple_of(*(pools * repeat))
        else:
            bound = dict(zip(("iterable", "r"), it.args))
            for k in it.keywords:
                if k.arg not in ("iterable", "r") or k.arg in bound:
                    raise Unsupported(it, f"{name}() keyword `{k.arg}`")
                bound[k.arg] = k.value
            if "iterable" not in bound or len(it.args) > 2:
                raise Unsupported(it, f"{name}(iterable, r)")
            r = _literal_count(bound.get("r"), f"{name}() r")
            elem = tuple_of(*([self._pool(bound["iterable"])] * r))
        if not 1 <= len(elem.args) <= 6:
            raise Unsupported(it, f"{name}() tuples of {len(elem.args)} items are not supported")
        self.iter_kinds[id(it)] = name
        self.expr_types[id(it)] = elem
        return elem

    def _chain_accumulate(self, it: ast.Call, name: str) -> PyType:
        """`chain(a, b, ...)` of lists/strs read live (as CPython's iterators do);
        `accumulate(xs)` running sums of a list of ints or floats."""
        from .types import FLOAT, INT

        if it.keywords or not it.args or (name == "accumulate" and len(it.args) != 1):
            raise Unsupported(it, f"{name}() with these arguments is not supported yet")
        items = []
        for a in it.args:
            t = self.infer(a)
            if t != STR and not is_list(t):
                # A deque's iterator would be made late and see other changes.
                raise Unsupported(a, f"{name}() of a {t} is not supported yet")
            items.append(STR if t == STR else t.args[0])
        if any(x != items[0] for x in items):
            raise Unsupported(it, f"{name}() of mixed item types")
        if name == "accumulate" and items[0] not in (INT, FLOAT):
            raise Unsupported(it, f"accumulate() of {items[0]} items: only ints and floats")
        self.iter_kinds[id(it)] = name
        self.expr_types[id(it)] = items[0]
        return items[0]
