"""Typing rules for the algorithm helpers of the standard library: `heapq`
and `bisect` on `list[T]` (and, in their own modules, `collections`).

They are accepted only for item types whose `<` the runtime reproduces:
ints, strs, bools, floats and tuples of those (a NaN inside a tuple bails at
run time, see rt/heap.rs). `nsmallest`/`nlargest` are translated as a sort,
which gives CPython's answer only for totally ordered items, so floats are
refused there.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import BOOL, FLOAT, INT, NONE, STR, PyType, is_list, is_tuple, list_of

HEAPQ = ("heappush", "heappop", "heapify", "heapreplace", "heappushpop", "nsmallest", "nlargest")
BISECT = ("bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right")
# Calls that change the list they are given (the loader copies such lists back).
MUTATING = {
    *(f"heapq.{n}" for n in ("heappush", "heappop", "heapify", "heapreplace", "heappushpop")),
    *(f"bisect.{n}" for n in ("insort", "insort_left", "insort_right")),
}


def lt_comparable(t: PyType) -> bool:
    """Item types whose `<` (as heapq and bisect use it) the runtime reproduces."""
    return t in (INT, STR, BOOL, FLOAT) or (
        is_tuple(t) and 0 < len(t.args) <= 6 and all(lt_comparable(a) for a in t.args)
    )


def totally_ordered(t: PyType) -> bool:
    return t in (INT, STR, BOOL) or (is_tuple(t) and all(totally_ordered(a) for a in t.args))


class CollectionsTyper:
    infer: Callable[[ast.expr], PyType]
    infer_key: Callable[..., PyType]
    _refine: Callable[[ast.expr, PyType], None]
    stdlib_calls: dict[int, str]
    expr_types: dict[int, PyType]
    infer_deque_call: Callable[[ast.Call], PyType]

    def infer_collections_call(self, node: ast.Call, target: str) -> PyType:
        """Result type of a supported non-`math` stdlib call, or Unsupported."""
        module, _, name = target.partition(".")
        if target == "collections.deque":
            result = self.infer_deque_call(node)  # DequeTyper, below
        elif module == "heapq" and name in HEAPQ:
            result = self._heapq(node, name)
        elif module == "bisect" and name in BISECT:
            result = self._bisect(node, name)
        else:
            raise Unsupported(node, f"{target}() is not supported yet")
        self.stdlib_calls[id(node)] = target
        return result

    # -- heapq -------------------------------------------------------------------
    def _heap_list(self, node: ast.Call, arg: ast.expr, name: str) -> PyType:
        t = self.infer(arg)
        if not is_list(t):
            raise Unsupported(arg, f"heapq.{name}() on a {t}; only lists are translated")
        return t

    def _heapq(self, node: ast.Call, name: str) -> PyType:
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"heapq.{name}() with keyword or * arguments (key= too)")
        args = node.args
        if name in ("nsmallest", "nlargest"):
            if len(args) != 2:
                raise Unsupported(node, f"heapq.{name}(n, iterable) takes two arguments")
            if self.infer(args[0]) not in (INT, BOOL):
                raise Unsupported(args[0], f"heapq.{name}() count must be an int")
            t = self.infer(args[1])
            if not is_list(t):
                raise Unsupported(args[1], f"heapq.{name}() over a {t} is not supported yet")
            if not totally_ordered(t.args[0]):
                raise Unsupported(
                    node,
                    f"heapq.{name}() over {t.args[0]} items: only ints, strs, bools and "
                    "tuples of them (a sort gives CPython's answer only for a total order)",
                )
            return t
        count = {"heapify": 1, "heappop": 1}.get(name, 2)
        if len(args) != count:
            raise Unsupported(node, f"heapq.{name}() takes {count} argument(s)")
        heap = self._heap_list(node, args[0], name)
        elem = heap.args[0]
        if count == 2:
            from .containers import unify

            item = self.infer(args[1])
            merged = unify(elem, item)
            if merged is None:
                raise Unsupported(args[1], f"pushing a {item} onto a heap of {elem}")
            if merged != elem:
                self._refine(args[0], list_of(merged))
                elem = merged
        if elem.name == "?":
            raise Unsupported(node, "cannot infer the item type of this heap")
        if not lt_comparable(elem):
            raise Unsupported(
                node,
                f"heapq on {elem} items is not supported "
                "(only ints, strs, bools, floats and tuples of them)",
            )
        return NONE if name in ("heappush", "heapify") else elem

    # -- bisect ------------------------------------------------------------------
    def bisect_args(self, node: ast.Call) -> dict[str, ast.expr]:
        """`(a, x, lo=0, hi=None, *, key=None)` bound by name, as CPython binds them."""
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
            k.arg is None for k in node.keywords
        ):
            raise Unsupported(node, "`*`/`**` arguments to bisect functions")
        names = ["a", "x", "lo", "hi"]
        if len(node.args) > 4:
            raise Unsupported(node, "too many arguments (CPython raises TypeError)")
        bound = dict(zip(names, node.args))
        for k in node.keywords:
            assert k.arg is not None
            if k.arg not in ("a", "x", "lo", "hi", "key") or k.arg in bound:
                raise Unsupported(node, f"bad keyword argument `{k.arg}` (CPython raises)")
            bound[k.arg] = k.value
        if "a" not in bound or "x" not in bound:
            raise Unsupported(node, "bisect functions need a list and a value")
        return bound

    def _bisect(self, node: ast.Call, name: str) -> PyType:
        from .containers import unify

        bound = self.bisect_args(node)
        seq = self.infer(bound["a"])
        if not is_list(seq):
            raise Unsupported(bound["a"], f"bisect.{name}() on a {seq}; only lists")
        elem = seq.args[0]
        x_t = self.infer(bound["x"])
        for part in ("lo", "hi"):
            if part in bound:
                pt = self.infer(bound[part])
                if pt not in (INT, BOOL) and not (part == "hi" and pt == NONE):
                    raise Unsupported(bound[part], f"bisect {part}= must be an int")
        insort = name.startswith("insort")
        key = bound.get("key")
        if key is not None and isinstance(key, ast.Constant) and key.value is None:
            key = None
            self.expr_types[id(bound["key"])] = NONE
        if key is not None:
            key_t = self.infer_key(key, elem)
            if insort:
                if unify(elem, x_t) != elem:
                    raise Unsupported(bound["x"], f"inserting a {x_t} into a list of {elem}")
                # CPython compares key(x) with key(item).
            elif x_t != key_t:
                raise Unsupported(bound["x"], f"bisect value is {x_t} but the key gives {key_t}")
            if not lt_comparable(key_t):
                raise Unsupported(key, f"bisect keys of type {key_t} are not supported")
        else:
            merged = unify(elem, x_t)
            if merged is None or (merged != elem and not insort):
                raise Unsupported(bound["x"], f"bisecting a {x_t} in a list of {elem}")
            if merged != elem:
                self._refine(bound["a"], list_of(merged))
                elem = merged
            if not lt_comparable(elem):
                raise Unsupported(node, f"bisect on {elem} items is not supported")
        return NONE if insort else INT


# -- collections.deque -------------------------------------------------------------

DEQUE_METHODS = {
    "append", "appendleft", "pop", "popleft", "extend", "extendleft", "clear", "rotate",
    "reverse", "copy", "count", "remove",
}  # fmt: skip


def deque_of(t: PyType) -> PyType:
    return PyType("deque", (t,))


def is_deque(t: PyType) -> bool:
    return t.name == "deque"


class DequeTyper:
    infer: Callable[[ast.expr], PyType]
    _refine: Callable[[ast.expr, PyType], None]
    genexp_ok: set[int]

    def infer_deque_call(self, node: ast.Call) -> PyType:
        """`deque()`, `deque(iterable)`, `deque(iterable, maxlen)`, `deque(maxlen=n)`."""
        from .containers import UNKNOWN

        if any(isinstance(a, ast.Starred) for a in node.args) or len(node.args) > 2:
            raise Unsupported(node, "deque() takes an iterable and maxlen")
        bound = dict(zip(("iterable", "maxlen"), node.args))
        for k in node.keywords:
            if k.arg not in ("iterable", "maxlen") or k.arg in bound:
                raise Unsupported(node, f"deque() keyword `{k.arg}` (CPython raises TypeError)")
            bound[k.arg] = k.value
        if "maxlen" in bound and self.infer(bound["maxlen"]) not in (INT, BOOL, NONE):
            raise Unsupported(bound["maxlen"], "deque maxlen must be an int or None")
        src = bound.get("iterable")
        if src is None:
            return deque_of(UNKNOWN)
        if isinstance(src, ast.GeneratorExp):
            self.genexp_ok.add(id(src))
        t = self.infer(src)
        if t == STR:
            return deque_of(STR)
        if is_list(t) or is_deque(t):
            return deque_of(t.args[0])
        raise Unsupported(src, f"deque() of a {t} is not supported yet")

    def deque_method(self, node: ast.Call, attr: ast.Attribute, recv: PyType, name: str) -> PyType:
        from .containers import unify

        elem = recv.args[0]
        if name not in DEQUE_METHODS:
            raise Unsupported(node, f"deque.{name}() is not supported yet")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"keyword or * arguments to deque.{name}()")
        types = [self.infer(a) for a in node.args]
        if name in ("append", "appendleft", "count", "remove"):
            if len(types) != 1:
                raise Unsupported(node, f"deque.{name}() takes one argument")
            merged = unify(elem, types[0])
            if merged is None:
                raise Unsupported(node.args[0], f"{types[0]} into a deque of {elem}")
            if merged != elem:
                self._refine(attr.value, deque_of(merged))
                elem = merged
            if name in ("count", "remove") and contains_float(elem):
                raise Unsupported(node, f"deque.{name}() on floats needs NaN identity; not yet")
            return INT if name == "count" else NONE
        if name in ("extend", "extendleft"):
            if len(types) != 1:
                raise Unsupported(node, f"deque.{name}() takes one iterable")
            src = types[0]
            item = STR if src == STR else src.args[0] if (is_list(src) or is_deque(src)) else None
            if item is None:
                raise Unsupported(node.args[0], f"deque.{name}() of a {src} is not supported yet")
            merged = unify(elem, item)
            if merged is None:
                raise Unsupported(node.args[0], f"{src} into a deque of {elem}")
            if merged != elem:
                self._refine(attr.value, deque_of(merged))
            return NONE
        if name == "rotate":
            if len(types) > 1 or (types and types[0] not in (INT, BOOL)):
                raise Unsupported(node, "deque.rotate([n]) with an int n")
            return NONE
        if types:
            raise Unsupported(node, f"deque.{name}() takes no arguments")
        if name in ("pop", "popleft"):
            return elem
        return recv if name == "copy" else NONE


def contains_float(t: PyType) -> bool:
    return t == FLOAT or any(contains_float(a) for a in t.args)
