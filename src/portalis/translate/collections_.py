"""`heapq` and `bisect` calls in Rust (runtime: rt/heap.rs).

Arguments are bound to temporaries left to right first, as CPython
evaluates them before the call, then the runtime function runs.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..analysis.types import BOOL, FLOAT, INT, NONE, STR, PyType
from .containers import rust_string_literal


class CollectionsTranslator:
    expr: Callable[[ast.expr], str]
    expr_as: Callable[[ast.expr, PyType], str]
    type_of: Callable[[ast.expr], PyType]
    temp: Callable[[], str]
    key_closure: Callable[[ast.expr, PyType], str]
    spec: Any

    def collections_call(self, node: ast.Call, target: str) -> str:
        module, _, name = target.partition(".")
        if target == "math.prod":
            return self._math_prod(node)
        if target == "functools.reduce":
            return self._reduce(node)
        if target == "collections.deque":
            return self.deque_call(node)
        if target == "collections.Counter":
            if not node.args:
                return "PyDict::new()"
            return f"portalis_rt::counter::from_vec({self.items_vec(node.args[0])})?"
        if target == "collections.defaultdict":
            return "PyDict::new()"  # the factory lives in the type: see subscript_read
        if module == "heapq":
            return self._heapq_call(node, name)
        if module == "bisect":
            return self._bisect_call(node, name)
        raise AssertionError(target)

    comprehension: Callable[..., str]

    def _math_prod(self, node: ast.Call) -> str:
        arg = node.args[0]
        p = self.temp()
        elem_t = self.type_of(arg).args[0]
        factor = "(_v as i64)" if elem_t == BOOL else "_v"
        step = f"let _v = {{}}; {p} = pyint::mul({p}, {factor})?;"
        if isinstance(arg, ast.GeneratorExp):
            # Lazy, like CPython: an item is computed only after the previous product.
            loops = self.comprehension(arg, lambda v: step.format(v), f"'l{p}")
        else:
            loops = f"for _it in {self.expr(arg)}.iter() {{ {step.format('_it')} }}"
        return f"{{ let mut {p}: i64 = 1; {loops} {p} }}"

    def _int(self, node: ast.expr) -> str:
        code = self.expr(node)
        return f"({code} as i64)" if self.type_of(node) == BOOL else code

    def _heapq_call(self, node: ast.Call, name: str) -> str:
        if name in ("nsmallest", "nlargest"):
            n, seq = self.temp(), self.temp()
            reverse = "true" if name == "nlargest" else "false"
            return (
                f"{{ let {n} = {self._int(node.args[0])}; let {seq} = {self.expr(node.args[1])}; "
                f"let _out = {seq}.sorted({reverse}); "
                f"_out.slice(None, Some(if {n} < 0 {{ 0 }} else {{ {n} }}), None)? }}"
            )
        heap = self.temp()
        binds = f"let {heap} = {self.expr(node.args[0])};"
        args = [f"&{heap}"]
        if len(node.args) == 2:
            elem_t = self.type_of(node.args[0]).args[0]
            item = self.temp()
            binds += f" let {item} = {self.expr_as(node.args[1], elem_t)};"
            args.append(item)
        return f"{{ {binds} portalis_rt::heap::{name}({', '.join(args)})? }}"

    def _bisect_call(self, node: ast.Call, name: str) -> str:
        from ..analysis.collections_ import CollectionsTyper

        bound = CollectionsTyper.bisect_args(self, node)  # type: ignore[arg-type]
        side = "left" if name.endswith("_left") else "right"
        a, x, lo, hi = self.temp(), self.temp(), self.temp(), self.temp()
        elem_t = self.type_of(bound["a"]).args[0]
        insort = name.startswith("insort")
        # CPython evaluates the arguments in source order.
        order = sorted(bound.items(), key=lambda kv: (kv[1].lineno, kv[1].col_offset))
        names = {"a": a, "x": x, "lo": lo, "hi": hi}
        binds = []
        key = bound.get("key")
        if key is not None and self.type_of(key) == NONE:
            key = None
        for part, arg in order:
            if part == "key":
                if key is None:
                    binds.append(f"{self.expr(arg)};")
                continue
            if part == "hi":
                code = (
                    f"{{ {self.expr(arg)}; None }}"
                    if self.type_of(arg) == NONE
                    else f"Some({self._int(arg)})"
                )
            elif part == "lo":
                code = self._int(arg)
            elif part == "x" and insort:
                code = self.expr_as(arg, elem_t)
            else:
                code = self.expr(arg)
            binds.append(f"let {names[part]} = {code};")
        if "lo" not in bound:
            binds.append(f"let {lo} = 0i64;")
        if "hi" not in bound:
            binds.append(f"let {hi}: Option<i64> = None;")
        if key is None:
            call = f"portalis_rt::heap::bisect_{side}(&{a}, &{x}, {lo}, {hi})?"
        else:
            closure = self.temp()
            binds.append(f"let mut {closure} = {self.key_closure(key, elem_t)};")
            probe = x
            if insort:
                # insort computes key(x) first, then bisects with it.
                probe = self.temp()
                binds.append(f"let {probe} = {closure}({x}.clone())?;")
            call = (
                f"portalis_rt::heap::bisect_{side}_key(&{a}, &{probe}, {lo}, {hi}, "
                f"|_it| {closure}(_it))?"
            )
        if insort:
            return f"{{ {' '.join(binds)} let _i = {call}; {a}.insert(_i, {x}) }}"
        return f"{{ {' '.join(binds)} {call} }}"

    # -- collections.deque (runtime: rt/deque.rs) ------------------------------------
    def items_vec(self, node: ast.expr) -> str:
        """A Rust `Vec` of the items of a str, list, deque or generator expression."""
        t, code = self.type_of(node), self.expr(node)
        if t.name == "str":
            return f"{code}.iter().collect::<Vec<_>>()"
        return f"{code}.to_vec()"

    def deque_call(self, node: ast.Call) -> str:
        bound = dict(zip(("iterable", "maxlen"), node.args))
        bound.update({str(k.arg): k.value for k in node.keywords})
        order = sorted(bound.items(), key=lambda kv: (kv[1].lineno, kv[1].col_offset))
        binds, items, maxlen = [], "Vec::new()", "None"
        for part, arg in order:
            tmp = self.temp()
            if part == "iterable":
                binds.append(f"let {tmp} = {self.items_vec(arg)};")
                items = tmp
            elif self.type_of(arg) == NONE:
                binds.append(f"{self.expr(arg)};")
            else:
                binds.append(f"let {tmp} = {self._int(arg)};")
                maxlen = f"Some({tmp})"
        return f"{{ {' '.join(binds)} PyDeque::from_vec({items}, {maxlen})? }}"

    def deque_method(self, node: ast.Call, name: str, recv: str) -> str:
        d = self.temp()
        binds = f"let {d} = {recv};"
        if name in ("extend", "extendleft"):
            # The items are read before the deque changes (`d.extend(d)` doubles it).
            return f"{{ {binds} let _v = {self.items_vec(node.args[0])}; {d}.{name}(_v) }}"
        if name == "rotate":
            n = self._int(node.args[0]) if node.args else "1"
            return f"{{ {binds} let _n = {n}; {d}.rotate(_n) }}"
        if name in ("append", "appendleft"):
            elem_t = self.type_of(node.func.value).args[0]  # type: ignore[attr-defined]
            return f"{{ {binds} let _v = {self.expr_as(node.args[0], elem_t)}; {d}.{name}(_v) }}"
        if name in ("count", "remove"):
            fallible = "?" if name == "remove" else ""
            return f"{{ {binds} let _v = {self.expr(node.args[0])}; {d}.{name}(&_v){fallible} }}"
        if name in ("pop", "popleft"):
            return f"{{ {binds} {d}.{name}()? }}"
        return f"{{ {binds} {d}.{name}() }}"  # clear, reverse, copy

    # -- Counter and defaultdict (runtime: rt/dict.rs, rt/counter.rs) ------------------
    @staticmethod
    def factory_value(t: PyType) -> str:
        """`factory()` of a defaultdict whose values have type `t`."""
        simple = {INT: "0i64", FLOAT: "0.0_f64", BOOL: "false", STR: "PyStr::empty()"}
        if t in simple:
            return simple[t]
        return {"list": "PyList::new()", "set": "PySet::new()"}[t.name]

    def subscript_read(self, container_t: PyType, d: str, k: str) -> str:
        """`d[k]` for a dict (KeyError), Counter (0, nothing stored) or defaultdict
        (`factory()` stored under k first, as `__missing__` does)."""
        if container_t.name == "Counter":
            return f"{d}.get_or(&{k}, 0)"
        if container_t.name == "defaultdict":
            return f"{d}.setdefault({k}.clone(), {self.factory_value(container_t.args[1])})"
        return f"{d}.get_item(&{k})?"

    def dictlike_method(self, node: ast.Call, name: str, recv: str) -> str:
        recv_t = self.type_of(node.func.value)  # type: ignore[attr-defined]
        if recv_t.name != "Counter" or name not in ("most_common", "total", "update", "subtract"):
            return self.dict_method(node, name, recv)  # type: ignore[attr-defined,no-any-return]
        c = self.temp()
        binds = f"let {c} = {recv};"
        if name == "total":
            return f"{{ {binds} portalis_rt::counter::total(&{c})? }}"
        if name == "most_common":
            arg = node.args[0] if node.args else None
            if arg is None:
                n = "None"
            elif self.type_of(arg) == NONE:
                n = f"{{ {self.expr(arg)}; None }}"
            else:
                n = f"Some({self._int(arg)})"
            return f"{{ {binds} let _n = {n}; portalis_rt::counter::most_common(&{c}, _n) }}"
        items = self.items_vec(node.args[0])
        return f"{{ {binds} let _v = {items}; portalis_rt::counter::{name}(&{c}, _v)? }}"

    def counter_binop(self, node: ast.BinOp, left: str, right: str) -> str:
        op = {ast.Add: "+", ast.Sub: "-", ast.BitOr: "|", ast.BitAnd: "&"}[type(node.op)]
        return (
            f"{{ let _a = {left}; let _b = {right}; "
            f"portalis_rt::counter::binop(&_a, &_b, '{op}')? }}"
        )

    # -- functools.reduce ----------------------------------------------------------------
    functions: Any
    comp_scopes: list[dict[str, str]]

    def _reduce(self, node: ast.Call) -> str:
        import functools

        from .names import rust_ident

        func, seq = node.args[0], node.args[1]
        acc, items = self.temp(), self.temp()
        binds = [f"let {items} = {self.items_vec(seq)};"]
        if len(node.args) == 3:
            binds.append(f"let mut {acc} = {self.expr(node.args[2])};")
            rest = f"{items}.into_iter()"
        else:
            try:
                functools.reduce(lambda a, b: a, [])
            except TypeError as exc:
                message = rust_string_literal(str(exc))
            binds.append(
                f"let mut _it = {items}.into_iter(); let mut {acc} = match _it.next() {{ "
                f"Some(_v) => _v, None => {{ let _r: PyResult<()> = "
                f"Err(PyErr::raise(exc::TYPE_ERROR, {message})); _r?; unreachable!() }} }};"
            )
            rest = "_it"
        if isinstance(func, ast.Lambda):
            a, b = self.temp(), self.temp()
            self.comp_scopes.append({func.args.args[0].arg: a, func.args.args[1].arg: b})
            try:
                body = self.expr(func.body)
            finally:
                self.comp_scopes.pop()
            step = f"let {a} = {acc}; let {b} = _x; {acc} = {body};"
        else:
            assert isinstance(func, ast.Name)
            from .expressions import default_literal

            callee = self.functions[func.id]
            extra = "".join(f", {default_literal(p)}" for p in callee.params[2:])
            step = f"{acc} = {rust_ident(func.id)}({acc}, _x{extra})?;"
        return f"{{ {' '.join(binds)} for _x in {rest} {{ {step} }} {acc} }}"
