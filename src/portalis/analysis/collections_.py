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
from typing import Any

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
    infer_reduce: Callable[[ast.Call], PyType]
    infer_counter_call: Callable[[ast.Call], PyType]
    infer_defaultdict_call: Callable[[ast.Call], PyType]

    def infer_collections_call(self, node: ast.Call, target: str) -> PyType:
        """Result type of a supported non-`math` stdlib call, or Unsupported."""
        module, _, name = target.partition(".")
        if target == "collections.deque":
            result = self.infer_deque_call(node)  # DequeTyper, below
        elif target == "collections.Counter":
            result = self.infer_counter_call(node)  # CounterTyper, below
        elif target == "collections.defaultdict":
            result = self.infer_defaultdict_call(node)
        elif target == "functools.reduce":
            result = self.infer_reduce(node)  # ReduceTyper, below
        elif target == "math.prod":
            result = self._math_prod(node)
        elif module == "heapq" and name in HEAPQ:
            result = self._heapq(node, name)
        elif module == "bisect" and name in BISECT:
            result = self._bisect(node, name)
        elif target in (
            "itertools.groupby",
            "itertools.combinations",
            "itertools.permutations",
            "itertools.product",
            "itertools.chain",
            "itertools.accumulate",
        ):
            raise Unsupported(node, f"{name}() is translated only as the source of a loop")
        else:
            raise Unsupported(node, f"{target}() is not supported yet")
        self.stdlib_calls[id(node)] = target
        return result

    genexp_ok: set[int]

    def _math_prod(self, node: ast.Call) -> PyType:
        """`math.prod(ints)`: an exact product (i64, overflow re-runs in CPython)."""
        if node.keywords or len(node.args) != 1:
            raise Unsupported(node, "math.prod() with start= is not supported yet")
        arg = node.args[0]
        if isinstance(arg, ast.GeneratorExp):
            self.genexp_ok.add(id(arg))
        t = self.infer(arg)
        if not (is_list(t) and t.args[0] in (INT, BOOL)):
            raise Unsupported(arg, f"math.prod() of a {t}: only ints are translated")
        return INT

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


# -- collections.Counter and collections.defaultdict -----------------------------------
#
# Both are dicts at run time (rt/dict.rs) with a different `d[k]`: a Counter
# reads a missing key as 0 without storing it, a defaultdict stores
# `factory()` under it first. The factory is part of the type: it is the
# value type's empty value (int -> 0, list -> [], ...).

DD_FACTORIES = {"int": INT, "float": FLOAT, "str": STR, "bool": BOOL, "list": None, "set": None}
COUNTER_METHODS = {"most_common", "total", "update", "subtract"}
DICT_METHODS_SHARED = {"keys", "values", "items", "get", "pop", "setdefault", "clear", "copy"}


def counter_of(k: PyType) -> PyType:
    return PyType("Counter", (k,))


def is_counter(t: PyType) -> bool:
    return t.name == "Counter"


def is_defaultdict(t: PyType) -> bool:
    return t.name == "defaultdict"


def dict_view(t: PyType) -> PyType | None:
    """The `dict[K, V]` a Counter or defaultdict behaves as, else None."""
    if is_counter(t):
        return PyType("dict", (t.args[0], INT))
    if is_defaultdict(t):
        return PyType("dict", t.args)
    return None


def iterable_items(t: PyType) -> PyType | None:
    """Item type of a str, list or deque (what Counter() and update() count)."""
    if t == STR:
        return STR
    if is_list(t) or is_deque(t):
        return t.args[0]
    return None


class CounterTyper:
    infer: Callable[[ast.expr], PyType]
    _refine: Callable[[ast.expr, PyType], None]
    dict_method: Callable[[ast.Call, ast.Attribute, PyType, str], PyType]
    genexp_ok: set[int]
    local_types: dict[str, PyType]
    assigned_names: set[str]
    collecting: bool

    def infer_counter_call(self, node: ast.Call) -> PyType:
        from .containers import UNKNOWN
        from .dicts import hashable_key

        if node.keywords or len(node.args) > 1:
            raise Unsupported(node, "Counter() of one iterable only (no mappings or keywords)")
        if not node.args:
            return counter_of(UNKNOWN)
        src = node.args[0]
        if isinstance(src, ast.GeneratorExp):
            self.genexp_ok.add(id(src))
        t = self.infer(src)
        item = iterable_items(t)
        if item is None:
            raise Unsupported(src, f"Counter() of a {t} is not supported yet")
        if item.name != "?" and not hashable_key(item):
            raise Unsupported(src, f"Counter keys of type {item} are not supported")
        return counter_of(item)

    def infer_defaultdict_call(self, node: ast.Call) -> PyType:
        from .containers import UNKNOWN

        if node.keywords or len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise Unsupported(
                node,
                "defaultdict() with a factory other than int/float/str/bool/list/set",
            )
        factory = node.args[0].id
        if factory not in DD_FACTORIES or factory in self.assigned_names:
            raise Unsupported(node, f"defaultdict({factory}) is not supported yet")
        value = DD_FACTORIES[factory] or PyType(factory, (UNKNOWN,))
        return PyType("defaultdict", (UNKNOWN, value))

    def dictlike_key(self, base: ast.expr, container: PyType, key_t: PyType) -> PyType:
        """Check (and for `Counter()`/`defaultdict(f)` learn) the key type of `container[key]`."""
        from .containers import unify
        from .dicts import hashable_key

        k = container.args[0]
        if k.name == "?":
            if not hashable_key(key_t):
                raise Unsupported(base, f"keys of type {key_t} are not supported")
            refined = PyType(container.name, (key_t, *container.args[1:]))
            self._refine(base, refined)
            return refined
        if unify(k, key_t) != k:
            raise Unsupported(base, f"{key_t} key into a {container}")
        return container

    def dictlike_subscript(self, node: ast.Subscript, base: PyType) -> PyType:
        container = self.dictlike_key(node.value, base, self.infer(node.slice))
        if is_counter(container):
            return INT
        return container.args[1]

    def dictlike_method(
        self, node: ast.Call, attr: ast.Attribute, recv: PyType, name: str
    ) -> PyType:
        view = dict_view(recv)
        assert view is not None
        if is_counter(recv) and name in COUNTER_METHODS:
            if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
                raise Unsupported(node, f"keyword or * arguments to Counter.{name}()")
            types = [self.infer(a) for a in node.args]
            if name == "total" and not types:
                return INT
            if name == "most_common" and (
                not types or (len(types) == 1 and types[0] in (INT, BOOL, NONE))
            ):
                return list_of(PyType("tuple", (recv.args[0], INT)))
            if name in ("update", "subtract") and len(types) == 1:
                item = iterable_items(types[0])
                if isinstance(node.args[0], ast.GeneratorExp):
                    raise Unsupported(node, f"Counter.{name}() of a generator expression")
                if item is not None:
                    self.dictlike_key(attr.value, recv, item)
                    return NONE
            raise Unsupported(node, f"Counter.{name}() with these arguments is not supported")
        if name not in DICT_METHODS_SHARED:
            raise Unsupported(node, f"{recv.name}.{name}() is not supported yet")
        if name == "copy":
            if node.args or node.keywords:
                raise Unsupported(node, f"{recv.name}.copy() takes no arguments")
            return recv
        if name in ("get", "pop", "setdefault") and view.args[0].name == "?":
            raise Unsupported(node, f"{recv.name}.{name}() before the key type is known")
        return self.dict_method(node, attr, view, name)

    def counter_binop(self, node: ast.BinOp, lt: PyType, rt: PyType) -> PyType | None:
        if not (is_counter(lt) and lt == rt):
            return None
        if not isinstance(node.op, (ast.Add, ast.Sub, ast.BitOr, ast.BitAnd)):
            raise Unsupported(node, "this operator on Counters is not supported")
        return lt

    def dictlike_store(self, target: ast.Subscript, container: PyType, t: PyType) -> None:
        """`c[k] = v` / `d[k] = v` for a Counter or defaultdict."""
        from .containers import unify

        kt = self.infer(target.slice)
        container = self.dictlike_key(target.value, container, kt)
        value = INT if is_counter(container) else container.args[1]
        if unify(value, t) != value:
            raise Unsupported(target, f"storing a {t} into a {container}")


# -- functools.reduce ----------------------------------------------------------------


class ReduceTyper:
    """`reduce(f, iterable[, initial])` with `f` a module function or a
    two-parameter lambda, over a list, str or deque; the accumulator keeps
    one type (CPython would carry whatever `f` returns)."""

    infer: Callable[[ast.expr], PyType]
    calls: dict[str, int]
    function_returns: dict[str, PyType | None]
    function_params: dict[str, list[Any]]
    skipped_functions: dict[str, str]
    assigned_names: set[str]
    comp_scopes: list[dict[str, PyType]]
    expr_types: dict[int, PyType]

    def infer_reduce(self, node: ast.Call) -> PyType:
        from .model import Pending

        if node.keywords or not 2 <= len(node.args) <= 3:
            raise Unsupported(node, "reduce(function, iterable[, initial]) only")
        func, seq = node.args[0], node.args[1]
        item = iterable_items(self.infer(seq))
        if item is None:
            raise Unsupported(seq, "reduce() over this iterable is not supported yet")
        acc = self.infer(node.args[2]) if len(node.args) == 3 else item
        if isinstance(func, ast.Lambda):
            a = func.args
            if len(a.args) != 2 or a.posonlyargs or a.kwonlyargs or a.vararg or a.kwarg:
                raise Unsupported(func, "reduce() lambdas must take exactly two parameters")
            if a.defaults:
                raise Unsupported(func, "lambda defaults are not supported")
            self.comp_scopes.append({a.args[0].arg: acc, a.args[1].arg: item})
            try:
                result = self.infer(func.body)
            finally:
                self.comp_scopes.pop()
            self.expr_types[id(func)] = result
        elif (
            isinstance(func, ast.Name)
            and func.id not in self.assigned_names
            and func.id in self.function_params
        ):
            name = func.id
            self.calls.setdefault(name, node.lineno)
            if name in self.skipped_functions:
                raise Unsupported(
                    func,
                    f"reduces with `{name}`, which is not translated "
                    f"({self.skipped_functions[name]})",
                )
            params = self.function_params[name]
            if (
                len(params) < 2
                or any(p.kind == "keyword_only" for p in params[:2])
                or any(not p.has_default for p in params[2:])
            ):
                raise Unsupported(func, f"`{name}` cannot be called with two arguments")
            if (params[0].type, params[1].type) != (acc, item):
                raise Unsupported(
                    func,
                    f"`{name}` takes ({params[0].type}, {params[1].type}); "
                    f"reduce() passes ({acc}, {item})",
                )
            ret = self.function_returns.get(name)
            if ret is None:
                raise Pending(name)
            result = ret
            self.expr_types[id(func)] = ret
        else:
            raise Unsupported(
                func, "reduce() with a function other than a lambda or module function"
            )
        if result != acc:
            raise Unsupported(
                node, f"reduce() accumulator starts as {acc} but the function returns {result}"
            )
        return acc
