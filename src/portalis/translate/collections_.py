"""`heapq` and `bisect` calls in Rust (runtime: rt/heap.rs).

Arguments are bound to temporaries left to right first, as CPython
evaluates them before the call, then the runtime function runs.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..analysis.types import BOOL, NONE, PyType


class CollectionsTranslator:
    expr: Callable[[ast.expr], str]
    expr_as: Callable[[ast.expr, PyType], str]
    type_of: Callable[[ast.expr], PyType]
    temp: Callable[[], str]
    key_closure: Callable[[ast.expr, PyType], str]
    spec: Any

    def collections_call(self, node: ast.Call, target: str) -> str:
        module, _, name = target.partition(".")
        if module == "heapq":
            return self._heapq_call(node, name)
        if module == "bisect":
            return self._bisect_call(node, name)
        raise AssertionError(target)

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
