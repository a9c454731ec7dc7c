"""Iteration in Rust: for-loop sources, target unpacking, comprehensions.

Comprehension variables get their own Rust names (`x_c3`), because in Python 3
they live in the comprehension's scope, not the function's.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..analysis.types import BOOL, FLOAT, PyType
from .names import rust_ident


def rust_type(t: PyType) -> str:
    from .expressions import rust_type as impl

    return impl(t)


class IterationTranslator:
    expr: Callable[[ast.expr], str]
    type_of: Callable[[ast.expr], PyType]
    temp: Callable[[], str]
    truthy_code: Callable[[str, PyType], str]
    spec: Any
    comp_scopes: list[dict[str, str]]

    def iterator(self, it: ast.expr) -> str:
        """A Rust iterator expression over the elements of `it`, as CPython yields them."""
        kind = self.spec.iter_kinds[id(it)]
        if kind == "seq":
            return f"{self.expr(it)}.iter()"
        if kind == "tuple":
            return f"{self.tuple_items(self.expr(it), self.type_of(it))}.into_iter()"
        if kind == "dict":
            return f"{self.expr(it)}.iter_keys()"
        if kind in ("set", "deque"):
            return f"{self.expr(it)}.iter()"
        if kind in ("combinations", "permutations", "product"):
            return self.itertools_iter(it, kind)
        if kind == "chain":
            assert isinstance(it, ast.Call)
            names = [self.temp() for _ in it.args]
            binds = " ".join(f"let {n} = {self.expr(a)};" for n, a in zip(names, it.args))
            chained = ".chain(".join(f"{n}.iter()" for n in names) + ")" * (len(names) - 1)
            return f"{{ {binds} {chained} }}"
        if kind == "accumulate":
            assert isinstance(it, ast.Call)
            t = self.type_of(it)
            step = "pyint::add(_a, _x)?" if t.name == "int" else "_a + _x"
            rt = "i64" if t.name == "int" else "f64"
            return (
                f"{{ let mut _acc: Option<{rt}> = None; {self.expr(it.args[0])}.iter()"
                f".map(move |_x| -> PyResult<{rt}> {{ let _v = match _acc {{ None => _x, "
                f"Some(_a) => {step} }}; _acc = Some(_v); Ok(_v) }}) }}"
            )
        if kind == "groupby":
            assert isinstance(it, ast.Call)
            src = self.items_vec(it.args[0])  # type: ignore[attr-defined]
            return f"portalis_rt::itertools::groupby({src}).into_iter()"
        if kind.startswith("view_"):
            # A live view: CPython's iterator checks the dict's size at each step.
            assert isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute)
            step = {
                "view_keys": "next_key",
                "view_values": "next_value",
                "view_items": "next_item",
            }[kind]
            d = self.expr(it.func.value)
            return (
                f"{{ let mut _di = {d}.iter_keys(); "
                f"std::iter::from_fn(move || _di.{step}().transpose()) }}"
            )
        assert isinstance(it, ast.Call)
        if kind == "range":
            args = [self.int_arg(a) for a in it.args]
            if len(args) == 1:
                args = ["0", args[0], "1"]
            elif len(args) == 2:
                args.append("1")
            return f"PyRange::new({', '.join(args)})?"
        if kind == "enumerate":
            start = [*it.args[1:], *(k.value for k in it.keywords)]
            first = self.sequence_iter(it.args[0])
            offset = self.int_arg(start[0]) if start else "0"
            return f"portalis_rt::iter::enumerate({first}, {offset})?"
        if kind == "zip":
            parts = [self.sequence_iter(a) for a in it.args]
            code = parts[0]
            for p in parts[1:]:
                code = f"{code}.zip({p})"
            if len(parts) > 2:
                names = [f"z{i}" for i in range(len(parts))]
                pattern = f"({names[0]}, {names[1]})"
                for n in names[2:]:
                    pattern = f"({pattern}, {n})"
                code = f"{code}.map(|{pattern}| ({', '.join(names)}))"
            return code
        if kind == "reversed":
            (arg,) = it.args
            if self.type_of(arg).name == "list":
                return f"{self.expr(arg)}.iter_rev()"
            if self.type_of(arg).name == "tuple":
                return f"{self.tuple_items(self.expr(arg), self.type_of(arg))}.into_iter().rev()"
            return f"{self.expr(arg)}.iter().rev()"
        raise AssertionError(kind)

    @staticmethod
    def tuple_items(code: str, t: PyType) -> str:
        """A `Vec` of a homogeneous tuple's items (the tuple is evaluated once, first)."""
        fields = ", ".join(f"_tv.{i}" for i in range(len(t.args)))
        return f"{{ let _tv = {code}; vec![{fields}] }}"

    def itertools_iter(self, it: ast.expr, kind: str) -> str:
        """Index tuples from rt/itertools.rs, mapped to item tuples of snapshot pools."""
        assert isinstance(it, ast.Call)
        items_vec: Callable[[ast.expr], str] = self.items_vec  # type: ignore[attr-defined]
        if kind == "product":
            times = 1
            for k in it.keywords:
                assert isinstance(k.value, ast.Constant) and isinstance(k.value.value, int)
                times = k.value.value
            names = [self.temp() for _ in it.args]
            binds = " ".join(f"let {n} = {items_vec(a)};" for n, a in zip(names, it.args))
            slots = names * times
            sizes = ", ".join(f"{n}.len()" for n in slots)
            source = f"portalis_rt::itertools::product(vec![{sizes}])"
        else:
            args = dict(zip(("iterable", "r"), it.args))
            args.update({str(k.arg): k.value for k in it.keywords})
            r_node = args["r"]
            assert isinstance(r_node, ast.Constant) and isinstance(r_node.value, int)
            name = self.temp()
            binds = f"let {name} = {items_vec(args['iterable'])};"
            slots = [name] * r_node.value
            source = f"portalis_rt::itertools::{kind}({name}.len(), {r_node.value})"
        parts = ", ".join(f"{n}[_ix[{i}]].clone()" for i, n in enumerate(slots))
        tup = f"({parts},)" if len(slots) == 1 else f"({parts})"
        return f"{{ {binds} {source}.map(move |_ix| {tup}) }}"

    def fallible_items(self, it: ast.expr) -> bool:
        """Dict iteration can raise (changed size) at each step: items are PyResults."""
        kind: str = self.spec.iter_kinds.get(id(it), "")
        return kind in ("dict", "set", "deque", "accumulate") or kind.startswith("view_")

    def sequence_iter(self, node: ast.expr) -> str:
        return self.iterator(node)

    def int_arg(self, node: ast.expr) -> str:
        code = self.expr(node)
        return f"({code} as i64)" if self.type_of(node) == BOOL else code

    def unpack(self, target: ast.expr, value: str, assign: Callable[[ast.expr, str], None]) -> None:
        """Bind `value` to a Name or (nested) tuple target, left to right."""
        if isinstance(target, (ast.Tuple, ast.List)):
            for i, elt in enumerate(target.elts):
                self.unpack(elt, f"{value}.{i}", assign)
            return
        assign(target, value)

    # -- comprehensions ------------------------------------------------------------
    def comp_name(self, node: ast.Name) -> str:
        for scope in reversed(self.comp_scopes):
            if node.id in scope:
                return scope[node.id]
        raise AssertionError(node.id)

    def comprehension(
        self, node: ast.ListComp | ast.GeneratorExp, on_item: Callable[[str], str], label: str
    ) -> str:
        """Nested loops over the generators; `on_item(elt_code)` is the innermost body."""
        scope: dict[str, str] = {}
        self.comp_scopes.append(scope)
        try:
            opens: list[str] = []
            for depth, gen in enumerate(node.generators):
                item = self.temp()
                source = self.iterator(gen.iter)
                binds: list[str] = []

                def bind(t: ast.expr, code: str, binds: list[str] = binds) -> None:
                    assert isinstance(t, ast.Name)
                    name = f"{rust_ident(t.id)}_c{self.temp()[3:]}"
                    scope[t.id] = name
                    binds.append(f"let {name} = {code};")

                if self.fallible_items(gen.iter):
                    binds.append(f"let {item} = {item}?;")
                self.unpack(gen.target, item, bind)
                conds = " && ".join(
                    self.truthy_code(self.expr(c), self.type_of(c)) for c in gen.ifs
                )
                lbl = f"{label}: " if depth == 0 else ""
                head = f"{lbl}for {item} in {source} {{ {' '.join(binds)}"
                if conds:
                    head += f" if {conds} {{"
                opens.append(head)
            body = on_item(self.expr(node.elt))
            closes = "".join(" } }" if gen.ifs else " }" for gen in node.generators)
            return " ".join(opens) + f" {body}" + closes
        finally:
            self.comp_scopes.pop()

    def expr_ListComp(self, node: ast.ListComp) -> str:
        out = self.temp()
        loops = self.comprehension(node, lambda v: f"{out}.push({v});", f"'l{out}")
        return f"{{ let mut {out} = Vec::new(); {loops} PyList::from_vec({out}) }}"

    def expr_DictComp(self, node: ast.DictComp) -> str:
        out = self.temp()
        fake = ast.ListComp(
            elt=ast.Tuple(elts=[node.key, node.value], ctx=ast.Load()), generators=node.generators
        )
        loops = self.comprehension(fake, lambda v: f"{out}.push({v});", f"'l{out}")
        return f"{{ let mut {out} = Vec::new(); {loops} PyDict::from_pairs({out}) }}"

    def expr_GeneratorExp(self, node: ast.GeneratorExp) -> str:
        # Reached only as the argument of sum/min/max/list/sorted/join, which
        # consume every item anyway: materialising first is indistinguishable.
        out = self.temp()
        loops = self.comprehension(node, lambda v: f"{out}.push({v});", f"'l{out}")
        return f"{{ let mut {out} = Vec::new(); {loops} PyList::from_vec({out}) }}"

    def any_all(self, node: ast.Call, is_any: bool) -> str:
        """any()/all() stop at the deciding item, exactly like CPython."""
        (arg,) = node.args
        res = self.temp()
        label = f"'l{res}"
        init, hit = ("false", "true") if is_any else ("true", "false")
        if isinstance(arg, ast.GeneratorExp):
            elem_t = self.type_of(arg).args[0]

            def on_item(v: str) -> str:
                test = self.truthy_code(v, elem_t)
                test = test if is_any else f"!{test}"
                return f"if {test} {{ {res} = {hit}; break {label}; }}"

            loops = self.comprehension(arg, on_item, label)
            return f"{{ let mut {res} = {init}; {loops} {res} }}"
        item = self.temp()
        elem_t = self.spec.expr_types.get(id(arg)) or self.type_of(arg).args[0]
        if self.spec.iter_kinds.get(id(arg)) == "seq":
            elem_t = self.type_of(arg).elem
        test = self.truthy_code(item, elem_t)
        test = test if is_any else f"!{test}"
        return (
            f"{{ let mut {res} = {init}; {label}: for {item} in {self.iterator(arg)} "
            f"{{ if {test} {{ {res} = {hit}; break {label}; }} }} {res} }}"
        )

    def key_closure(self, key: ast.expr, elem_t: PyType) -> str:
        """A Rust closure computing the sort key of one item (owned) as a PyResult."""
        param = self.temp()
        if isinstance(key, ast.Name):  # key=len
            return f"|{param}: {rust_type(elem_t)}| -> PyResult<i64> {{ Ok({param}.len()) }}"
        assert isinstance(key, ast.Lambda)
        name = key.args.args[0].arg
        self.comp_scopes.append({name: param})
        try:
            body = self.expr(key.body)
        finally:
            self.comp_scopes.pop()
        if self.type_of(key) == FLOAT:
            # Ordered by `<` as CPython does; a NaN key bails (rt/float.rs FKey).
            return (
                f"|{param}: {rust_type(elem_t)}| -> PyResult<pyfloat::FKey> "
                f"{{ pyfloat::FKey::new({body}) }}"
            )
        key_t = rust_type(self.type_of(key))
        return f"|{param}: {rust_type(elem_t)}| -> PyResult<{key_t}> {{ Ok({body}) }}"

    def builtin_any(self, node: ast.Call) -> str:
        return self.any_all(node, True)

    def builtin_all(self, node: ast.Call) -> str:
        return self.any_all(node, False)
