"""What can be iterated, and comprehensions.

`for` statements and comprehensions share one notion of iterable: range(),
str, list, and enumerate()/zip()/reversed() over those. Comprehension
variables live in their own scope, as in Python 3.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .containers import UNKNOWN, has_unknown
from .model import Unsupported
from .types import BOOL, FLOAT, INT, STR, PyType, is_list, is_tuple, list_of, tuple_of

ITER_BUILTINS = ("range", "enumerate", "zip", "reversed")


class IterationTyper:
    infer: Callable[[ast.expr], PyType]
    require_truthy: Callable[[ast.expr, PyType], None]
    expr_types: dict[int, PyType]
    assigned_names: set[str]
    module_bindings: set[str]
    collecting: bool
    comp_scopes: list[dict[str, PyType]]
    iter_kinds: dict[int, str]
    mark_test: Callable[[ast.expr], None]
    genexp_ok: set[int]
    views_ok: set[int]
    dict_views: dict[int, str]

    def _builtin_call(self, node: ast.expr, name: str) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == name
            and name not in self.module_bindings
            and name not in self.assigned_names
            and not any(name in scope for scope in self.comp_scopes)
        )

    is_groupby: Callable[[ast.expr], bool]
    itertools_source: Callable[[ast.expr], str | None]
    itertools_elem: Callable[[ast.Call, str], PyType]
    groupby_elem: Callable[[ast.Call], PyType]
    check_comp_groupby: Callable[[ast.expr, int], None]

    def iter_elem(self, it: ast.expr) -> PyType:
        """Element type of an iterable; records how to iterate it for translation."""
        if self.is_groupby(it):
            assert isinstance(it, ast.Call)
            return self.groupby_elem(it)  # analysis/groupby.py
        source = self.itertools_source(it)
        if source is not None:
            assert isinstance(it, ast.Call)
            return self.itertools_elem(it, source)  # analysis/itertools_.py
        for name in ITER_BUILTINS:
            if self._builtin_call(it, name):
                assert isinstance(it, ast.Call)
                elem = getattr(self, "_iter_" + name)(it)
                self.iter_kinds[id(it)] = name
                self.expr_types[id(it)] = elem
                return elem  # type: ignore[no-any-return]
        if (
            isinstance(it, ast.Call)
            and isinstance(it.func, ast.Attribute)
            and it.func.attr in ("keys", "values", "items")
        ):
            self.views_ok.add(id(it))
        seq = self.infer(it)
        if seq.name in ("dict", "Counter", "defaultdict"):
            self.iter_kinds[id(it)] = "dict"
            return seq.args[0]
        if seq.name == "set":
            self.iter_kinds[id(it)] = "set"
            return seq.args[0]
        if seq.name == "deque":
            self.iter_kinds[id(it)] = "deque"  # rt/deque.rs: "deque mutated during iteration"
            return seq.args[0]
        if id(it) in self.dict_views:
            self.iter_kinds[id(it)] = "view_" + self.dict_views[id(it)]
            return seq.args[0]
        if is_tuple(seq) and homogeneous(seq) is not None:
            self.iter_kinds[id(it)] = "tuple"
            return seq.args[0]
        if seq == STR or is_list(seq):
            elem = STR if seq == STR else seq.args[0]
            if has_unknown(elem) and not self.collecting:
                raise Unsupported(it, "iterating a list whose element type is unknown")
            self.iter_kinds[id(it)] = "seq"
            return elem
        raise Unsupported(it, f"iterating over a {seq} is not supported yet")

    def _iter_range(self, it: ast.Call) -> PyType:
        if it.keywords or not 1 <= len(it.args) <= 3:
            raise Unsupported(it, "range() takes 1 to 3 positional arguments")
        for a in it.args:
            t = self.infer(a)
            if t not in (INT, BOOL):
                raise Unsupported(a, f"range() argument is {t}; CPython raises TypeError")
        return INT

    def _sequence_arg(self, it: ast.Call, arg: ast.expr) -> PyType:
        if not (isinstance(it.func, ast.Name) and it.func.id == "reversed"):
            return self.iter_elem(arg)  # enumerate/zip take any iterable
        inner = self.infer(arg)
        if inner == STR:
            return STR
        if is_list(inner):
            return inner.args[0]
        if is_tuple(inner) and homogeneous(inner) is not None:
            return inner.args[0]
        raise Unsupported(arg, f"{ast.unparse(it.func)}() over a {inner} is not supported yet")

    def _iter_enumerate(self, it: ast.Call) -> PyType:
        if it.keywords and any(k.arg != "start" for k in it.keywords):
            raise Unsupported(it, "enumerate() takes an iterable and start=")
        if not 1 <= len(it.args) + len(it.keywords) <= 2 or not it.args:
            raise Unsupported(it, "enumerate(iterable, start=0)")
        elem = self._sequence_arg(it, it.args[0])
        start = it.args[1:] + [k.value for k in it.keywords]
        for s in start:
            if self.infer(s) not in (INT, BOOL):
                raise Unsupported(s, "enumerate() start must be an int")
        return tuple_of(INT, elem)

    def _iter_zip(self, it: ast.Call) -> PyType:
        if it.keywords or len(it.args) < 2:
            raise Unsupported(it, "zip() of two or more sequences (no strict= yet)")
        return tuple_of(*(self._sequence_arg(it, a) for a in it.args))

    def _iter_reversed(self, it: ast.Call) -> PyType:
        if it.keywords or len(it.args) != 1:
            raise Unsupported(it, "reversed() takes one sequence")
        return self._sequence_arg(it, it.args[0])

    # -- comprehensions ----------------------------------------------------------
    def _comprehension(self, node: ast.ListComp | ast.GeneratorExp) -> PyType:
        scope: dict[str, PyType] = {}
        self.comp_scopes.append(scope)
        try:
            for index, gen in enumerate(node.generators):
                if gen.is_async:
                    raise Unsupported(node, "async comprehensions are not supported")
                elem = self.iter_elem(gen.iter)
                if self.iter_kinds.get(id(gen.iter)) == "groupby":
                    self.check_comp_groupby(node, index)
                self.bind_comp_target(gen.target, elem, scope)
                for cond in gen.ifs:
                    self.mark_test(cond)
                    self.require_truthy(cond, self.infer(cond))
            elt = self.infer(node.elt)
        finally:
            self.comp_scopes.pop()
        return list_of(elt)

    def bind_comp_target(self, target: ast.expr, t: PyType, scope: dict[str, PyType]) -> None:
        if isinstance(target, ast.Name):
            scope[target.id] = t
            self.expr_types[id(target)] = t
            return
        if isinstance(target, ast.Tuple) and is_tuple(t) and len(t.args) == len(target.elts):
            for elt, sub in zip(target.elts, t.args):
                self.bind_comp_target(elt, sub, scope)
            self.expr_types[id(target)] = t
            return
        raise Unsupported(target, f"cannot unpack {t} into `{ast.unparse(target)}`")

    def infer_ListComp(self, node: ast.ListComp) -> PyType:
        return self._comprehension(node)

    def infer_SetComp(self, node: ast.SetComp) -> PyType:
        from .dicts import hashable_key

        t = self._comprehension(ast.ListComp(elt=node.elt, generators=node.generators))
        if not hashable_key(t.args[0]):
            raise Unsupported(node, f"set elements of type {t.args[0]} are not supported")
        return PyType("set", t.args)

    def infer_DictComp(self, node: ast.DictComp) -> PyType:
        # Type key and value as two comprehensions over the same generators.
        key_t = self._comprehension(ast.ListComp(elt=node.key, generators=node.generators))
        scope: dict[str, PyType] = {}
        self.comp_scopes.append(scope)
        try:
            for gen in node.generators:
                elem = self.expr_types.get(id(gen.target)) or self.iter_elem(gen.iter)
                self.bind_comp_target(gen.target, elem, scope)
            value_t = self.infer(node.value)
        finally:
            self.comp_scopes.pop()
        from .dicts import dict_of, hashable_key

        if not hashable_key(key_t.args[0]):
            raise Unsupported(node, f"dict keys of type {key_t.args[0]} are not supported")
        return dict_of(key_t.args[0], value_t)

    def infer_GeneratorExp(self, node: ast.GeneratorExp) -> PyType:
        if id(node) not in self.genexp_ok:
            raise Unsupported(
                node,
                "generator objects are not supported yet",
                "feed the generator to sum/any/all/min/max/list/sorted/str.join directly",
            )
        return self._comprehension(node)

    # -- key functions ----------------------------------------------------------
    def infer_key(
        self, key: ast.expr, elem: PyType, forbid: str | None = None, floats: bool = False
    ) -> PyType:
        """Type of `key(item)` for sorted/min/max/list.sort; keys must be totally ordered.

        `floats`: float keys are accepted too (sorted/sort/min/max); a NaN key
        bails at run time (`pyfloat::FKey`), the only float that breaks the order.
        """
        if isinstance(key, ast.Name) and key.id == "len" and self._is_builtin_name("len"):
            if not (elem == STR or is_list(elem) or is_tuple(elem)):
                raise Unsupported(key, f"key=len over {elem} values")
            result = INT
        elif isinstance(key, ast.Lambda):
            args = key.args
            if (
                len(args.args) != 1
                or args.posonlyargs
                or args.kwonlyargs
                or args.vararg
                or args.kwarg
                or args.defaults
            ):
                raise Unsupported(key, "key= lambdas must take exactly one parameter")
            if forbid is not None and any(
                isinstance(n, ast.Name) and n.id == forbid for n in ast.walk(key.body)
            ):
                raise Unsupported(
                    key, f"the key reads `{forbid}`, which CPython empties while sorting it"
                )
            self.comp_scopes.append({args.args[0].arg: elem})
            try:
                result = self.infer(key.body)
            finally:
                self.comp_scopes.pop()
        else:
            raise Unsupported(key, "key= must be a lambda or len")
        if not _orderable(result) and not (floats and result == FLOAT):
            raise Unsupported(key, f"sort keys of type {result} are not supported (floats: NaN)")
        self.expr_types[id(key)] = result
        return result

    def _is_builtin_name(self, name: str) -> bool:
        return (
            name not in self.module_bindings
            and name not in self.assigned_names
            and not any(name in scope for scope in self.comp_scopes)
        )

    def comp_lookup(self, name: str) -> PyType | None:
        for scope in reversed(self.comp_scopes):
            if name in scope:
                return scope[name]
        return None


def homogeneous(t: PyType) -> PyType | None:
    """The element type of a fixed tuple whose items all have one type (else None)."""
    if is_tuple(t) and t.args and all(a == t.args[0] for a in t.args):
        return t.args[0]
    return None


def orderable(t: PyType) -> bool:
    """Types whose Rust `Ord` is CPython's `<` (no floats: NaN, -0.0)."""
    return t in (INT, STR, BOOL) or (is_tuple(t) and all(orderable(a) for a in t.args))


_orderable = orderable


__all__ = ["UNKNOWN", "IterationTyper"]
