"""str, list and tuple expressions, f-strings, print and sequence builtins.

The runtime types are `PyStr` (immutable, cheap to clone), `PyList<T>`
(shared and mutable: cloning aliases, as Python names do) and Rust tuples.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..analysis.containers import STR_METHODS
from ..analysis.types import BOOL, FLOAT, INT, NONE, STR, PyType, is_list, is_tuple


def rust_string_literal(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{{{code:x}}}")
    return '"' + "".join(out) + '"'


class ContainerTranslator:
    expr_ListComp: Callable[[ast.ListComp], str]
    overrides: dict[int, str]
    deque_method: Callable[[ast.Call, str, str], str]
    dictlike_method: Callable[[ast.Call, str, str], str]
    extend_from_generator: Callable[[ast.GeneratorExp, str], str]
    subscript_read: Callable[[PyType, str, str], str]
    counter_binop: Callable[[ast.BinOp, str, str], str]
    key_closure: Callable[[ast.expr, PyType], str]
    expr_as: Callable[[ast.expr, PyType], str]
    expr: Callable[[ast.expr], str]
    type_of: Callable[[ast.expr], PyType]
    temp: Callable[[], str]
    truthy: Callable[[ast.expr], str]
    spec: Any

    def str_literal(self, text: str) -> str:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            raise ValueError("lone surrogate in a string literal")
        return f"PyStr::from_str({rust_string_literal(text)})"

    # -- displays ---------------------------------------------------------------
    def expr_List(self, node: ast.List) -> str:
        if not node.elts:
            return "PyList::new()"
        elem_t = self.type_of(node).args[0]
        items = ", ".join(self.expr_as(e, elem_t) for e in node.elts)
        return f"PyList::from_vec(vec![{items}])"

    def expr_Tuple(self, node: ast.Tuple) -> str:
        items = [self.expr(e) for e in node.elts]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"

    # -- text conversion ------------------------------------------------------------
    @staticmethod
    def str_of(code: str, t: PyType) -> str:
        """Rust `String` expression for CPython's `str(value)`."""
        if t == INT:
            return f"pyfmt::str_int({code})"
        if t == FLOAT:
            return f"pyfmt::repr_float({code})"
        if t == BOOL:
            return f"pyfmt::str_bool({code})"
        if t == NONE:
            return f'{{ {code}; String::from("None") }}'
        if t == STR:
            return f"{code}.as_str().to_string()"
        if t.name == "optional":
            inner = ContainerTranslator.str_of("_v", t.args[0])
            return f'match {code} {{ Some(_v) => {inner}, None => String::from("None") }}'
        if t.name in ("list", "tuple", "dict"):
            # str() of a container is the repr of its items (rt/list.rs PyRepr).
            return f"portalis_rt::list::PyRepr::py_repr(&{code})?"
        raise AssertionError(t)

    def repr_of(self, code: str, t: PyType) -> str:
        if t == STR:
            return f"pyfmt::repr_str(&{code})?"
        if t.name == "optional":
            inner = self.repr_of("_v", t.args[0])
            return f'match {code} {{ Some(_v) => {inner}, None => String::from("None") }}'
        return self.str_of(code, t)

    def formatted(self, part: ast.FormattedValue) -> str:
        t = self.type_of(part.value)
        code = self.expr(part.value)
        spec = ""
        if part.format_spec is not None:
            assert isinstance(part.format_spec, ast.JoinedStr)
            spec = "".join(str(v.value) for v in part.format_spec.values)  # type: ignore[attr-defined]
        if part.conversion in (ord("r"), ord("s")):
            text = self.repr_of(code, t) if part.conversion == ord("r") else self.str_of(code, t)
            if not spec:
                return text
            return f"pyfmt::format_str(&PyStr::from_string({text}), {rust_string_literal(spec)})?"
        if not spec:
            return self.str_of(code, t)
        lit = rust_string_literal(spec)
        if t == INT:
            return f"pyfmt::format_int({code}, {lit})?"
        if t == FLOAT:
            return f"pyfmt::format_float({code}, {lit})?"
        if t == BOOL:
            return f"pyfmt::format_bool({code}, {lit})?"
        if t == STR:
            return f"pyfmt::format_str(&{code}, {lit})?"
        return f"pyfmt::format_str(&PyStr::from_string({self.str_of(code, t)}), {lit})?"

    def expr_JoinedStr(self, node: ast.JoinedStr) -> str:
        buf = self.temp()
        pushes = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                pushes.append(f"{buf}.push_str({rust_string_literal(str(part.value))});")
            else:
                assert isinstance(part, ast.FormattedValue)
                pushes.append(f"{buf}.push_str(&{self.formatted(part)});")
        return f"{{ let mut {buf} = String::new(); {' '.join(pushes)} PyStr::from_string({buf}) }}"

    def percent_format(self, node: ast.BinOp) -> str:
        """`"%5.1f: %s" % (x, y)` as its f-string (analysis/percent.py). Unless
        CPython's compiler folds it into an f-string too, CPython evaluates every
        argument before formatting any (a `__str__` may print), so the arguments
        go to temporaries first."""
        from ..analysis.percent import cpython_interleaves

        fake = self.spec.percent_nodes[id(node)]
        if cpython_interleaves(node):
            return self.expr_JoinedStr(fake)
        binds = []
        for part in fake.values:
            if isinstance(part, ast.FormattedValue):
                tmp = self.temp()
                binds.append(f"let {tmp} = {self.expr(part.value)};")
                self.overrides[id(part.value)] = tmp
        return f"{{ {' '.join(binds)} {self.expr_JoinedStr(fake)} }}"

    # -- subscripts ------------------------------------------------------------------
    def opt(self, node: ast.expr | None) -> str:
        return "None" if node is None else f"Some({self.expr_as_int(node)})"

    def expr_as_int(self, node: ast.expr) -> str:
        code = self.expr(node)
        return f"({code} as i64)" if self.type_of(node) == BOOL else code

    def expr_Dict(self, node: ast.Dict) -> str:
        if not node.keys:
            return "PyDict::new()"
        k_t, v_t = self.type_of(node).args
        pairs = ", ".join(
            f"({self.expr_as(k, k_t)}, {self.expr_as(v, v_t)})"
            for k, v in zip(node.keys, node.values)
            if k is not None
        )
        return f"PyDict::from_pairs(vec![{pairs}])"

    def expr_Subscript(self, node: ast.Subscript) -> str:
        base_t = self.type_of(node.value)
        base = self.expr(node.value)
        if base_t.name in ("dict", "Counter", "defaultdict") and not isinstance(
            node.slice, ast.Slice
        ):
            k = self.temp()
            read = self.subscript_read(base_t, "_d", k)  # translate/collections_.py
            return f"{{ let _d = {base}; let {k} = {self.expr(node.slice)}; {read} }}"
        if isinstance(node.slice, ast.Slice):
            sl = node.slice
            return f"{base}.slice({self.opt(sl.lower)}, {self.opt(sl.upper)}, {self.opt(sl.step)})?"
        if is_tuple(base_t):
            idx = ast.literal_eval(node.slice)
            if idx < 0:
                idx += len(base_t.args)
            return f"{base}.{idx}"
        return f"{base}.get({self.expr_as_int(node.slice)})?"

    # -- operators ----------------------------------------------------------------------
    def sequence_binop(self, node: ast.BinOp, left: str, lt: PyType, right: str, rt: PyType) -> str:
        if lt.name == "Counter":
            return self.counter_binop(node, left, right)
        a, b = self.temp(), self.temp()
        bind = f"let {a} = {left}; let {b} = {right};"
        if lt.name == "set":
            from ..analysis.sets import SET_OPS

            return f"{{ {bind} {a}.{SET_OPS[type(node.op)]}(&{b}) }}"
        if isinstance(node.op, ast.Add):
            call = f"{a}.add(&{b})" if lt == STR else f"{a}.concat(&{b})"
            return f"{{ {bind} {call} }}"
        # Mult: sequence * int or int * sequence
        if lt in (INT, BOOL):
            n = f"({a} as i64)" if lt == BOOL else a
            seq, seq_t = b, rt
        else:
            n = f"({b} as i64)" if rt == BOOL else b
            seq, seq_t = a, lt
        method = "mul" if seq_t == STR else "repeat"
        return f"{{ {bind} {seq}.{method}({n})? }}"

    # -- methods ----------------------------------------------------------------------------
    def method_call(self, node: ast.Call, attr: ast.Attribute) -> str:
        recv_t = self.type_of(attr.value)
        recv = self.expr(attr.value)
        if recv_t in (INT, BOOL):
            # int.bit_length()/bit_count(): of |n| (i64::MIN has 64 bits).
            n = f"({recv} as i64)"
            if attr.attr == "bit_length":
                return f"(64 - {n}.unsigned_abs().leading_zeros() as i64)"
            return f"({n}.unsigned_abs().count_ones() as i64)"
        if recv_t == STR:
            return self.str_method(node, attr.attr, recv)
        if recv_t.name == "dict":
            return self.dict_method(node, attr.attr, recv)
        if recv_t.name == "set":
            return self.set_method(node, attr.attr, recv)
        if recv_t.name == "deque":
            return self.deque_method(node, attr.attr, recv)  # translate/collections_.py
        if recv_t.name in ("Counter", "defaultdict"):
            return self.dictlike_method(node, attr.attr, recv)
        assert is_list(recv_t)
        return self.list_method(node, attr.attr, recv, recv_t)

    def str_method(self, node: ast.Call, name: str, recv: str) -> str:
        kinds, _, result = STR_METHODS[name]
        args: list[ast.expr | None] = [*node.args, *(k.value for k in node.keywords)]
        if node.keywords:  # split(sep=..., maxsplit=...): reorder by name
            order = {"sep": 0, "maxsplit": 1, "keepends": 0}
            slots: list[ast.expr | None] = [None] * len(kinds)
            for i, positional in enumerate(node.args):
                slots[i] = positional
            for k in node.keywords:
                slots[order[str(k.arg)]] = k.value
            args = slots
        codes = []
        for i, kind in enumerate(kinds):
            codes.append(self.method_arg(kind, args[i] if i < len(args) else None, name))
        call = f"{recv}.{name}({', '.join(codes)})"
        first = args[0] if args else None
        if (
            name in ("startswith", "endswith")
            and first is not None
            and is_tuple(self.type_of(first))
        ):
            return self.prefix_tuple(node, name, recv, args)
        fallible = name in {
            "split",
            "rsplit",
            "index",
            "rindex",
            "center",
            "ljust",
            "rjust",
            "partition",
            "rpartition",
            "upper",
            "lower",
            "capitalize",
            "title",
            "swapcase",
            "casefold",
            "strip",
            "lstrip",
            "rstrip",
            "isdigit",
            "isdecimal",
            "isnumeric",
            "isalpha",
            "isalnum",
            "isspace",
            "isupper",
            "islower",
            "istitle",
            "zfill",
            "replace",
            "splitlines",
            "join",
            "isascii",
        }
        code = call + ("?" if fallible else "")
        if is_list(result):
            return f"PyList::from_vec({code})"
        return code

    def method_arg(self, kind: str, node: ast.expr | None, method: str) -> str:
        if kind == "O":
            if node is None:
                return "None"
            if self.type_of(node) == NONE:
                return f"{{ {self.expr(node)}; None }}"
            return f"Some(&{self.expr(node)})"
        if kind == "I":
            if node is None:
                default = {"split": "-1", "rsplit": "-1", "replace": "-1"}.get(method)
                if default is not None:
                    return default
                return "None"
            code = self.expr_as_int(node)
            return (
                code
                if method in ("split", "rsplit", "replace", "zfill", "center", "ljust", "rjust")
                else f"Some({code})"
            )
        if kind == "B":
            return (
                "false"
                if node is None
                else f"({self.expr(node)} != false)"
                if self.type_of(node) == BOOL
                else f"({self.expr(node)} != 0)"
            )
        if kind == "S":
            if node is None:
                return "None"
            code = f"&{self.expr(node)}"
            return f"Some({code})" if method in ("center", "ljust", "rjust") else code
        if kind == "L":
            assert node is not None
            return f"&{self.expr(node)}.to_vec()"
        if kind == "P":
            assert node is not None
            return f"&{self.expr(node)}"
        raise AssertionError(kind)

    def prefix_tuple(
        self, node: ast.Call, name: str, recv: str, args: list[ast.expr | None]
    ) -> str:
        s, tup = self.temp(), self.temp()
        first = args[0]
        assert first is not None
        n = len(self.type_of(first).args)
        rest = [self.method_arg("I", args[i] if i < len(args) else None, name) for i in (1, 2)]
        tests = " || ".join(f"{s}.{name}(&{tup}.{i}, {rest[0]}, {rest[1]})" for i in range(n))
        return f"{{ let {s} = {recv}; let {tup} = {self.expr(first)}; {tests or 'false'} }}"

    def list_method(self, node: ast.Call, name: str, recv: str, recv_t: PyType) -> str:
        if name == "extend" and isinstance(node.args[0], ast.GeneratorExp):
            return self.extend_from_generator(node.args[0], recv)  # translate/generators.py
        args = [self.expr(a) for a in node.args]
        if name == "append":
            return f"{recv}.append({args[0]})"
        if name == "insert":
            return f"{recv}.insert({self.expr_as_int(node.args[0])}, {args[1]})"
        if name == "pop":
            idx = f"Some({self.expr_as_int(node.args[0])})" if node.args else "None"
            return f"{recv}.pop({idx})?"
        if name == "extend":
            return f"{recv}.extend(&{args[0]})"
        if name in ("count", "index", "remove"):
            fallible = "?" if name != "count" else ""
            return f"{recv}.{name}(&{args[0]}){fallible}"
        if name == "sort":
            kw = {k.arg: k.value for k in node.keywords}
            rev = self.expr(kw["reverse"]) if "reverse" in kw else "false"
            if "key" in kw:
                closure = self.key_closure(kw["key"], recv_t.args[0])
                return f"{recv}.sort_by_key({closure}, {rev})?"
            if recv_t.args[0] == FLOAT:
                return f"{recv}.sort_f({rev})?"  # bails on NaN (rt/list.rs)
            return f"{recv}.sort({rev})"
        return f"{recv}.{name}()"

    def dict_method(self, node: ast.Call, name: str, recv: str) -> str:
        d = self.temp()
        args = [self.expr(a) for a in node.args]
        binds = f"let {d} = {recv};" + "".join(f" let _a{i} = {a};" for i, a in enumerate(args))
        if name in ("keys", "values", "items"):
            call = f"PyList::from_vec({d}.{name}())"
        elif name == "get":
            call = f"{d}.get(&_a0)" if len(args) == 1 else f"{d}.get_or(&_a0, _a1)"
        elif name == "setdefault":
            call = f"{d}.setdefault(_a0, _a1)"
        elif name == "pop":
            call = f"{d}.pop(&_a0)?" if len(args) == 1 else f"{d}.pop_or(&_a0, _a1)"
        elif name == "popitem":
            call = f"{d}.popitem()?"
        elif name == "update":
            call = f"{d}.update(&_a0)"
        else:  # clear, copy
            call = f"{d}.{name}()"
        return f"{{ {binds} {call} }}"

    def expr_Set(self, node: ast.Set) -> str:
        elem_t = self.type_of(node).args[0]
        items = ", ".join(self.expr_as(e, elem_t) for e in node.elts)
        if id(node) in self.spec.const_sets:
            return f"PySet::from_const_display(vec![{items}])?"
        return f"PySet::from_vec(vec![{items}])"

    def expr_SetComp(self, node: ast.SetComp) -> str:
        inner = self.expr_ListComp(ast.ListComp(elt=node.elt, generators=node.generators))
        return f"PySet::from_vec({inner}.to_vec())"

    def set_method(self, node: ast.Call, name: str, recv: str) -> str:
        s = self.temp()
        args = [self.expr(a) for a in node.args]
        binds = f"let {s} = {recv};" + "".join(f" let _a{i} = {a};" for i, a in enumerate(args))
        if name == "add":
            call = f"{s}.add(_a0)"
        elif name in ("discard",):
            call = f"{s}.discard(&_a0)"
        elif name == "remove":
            call = f"{s}.remove(&_a0)?"
        elif name == "pop":
            call = f"{s}.pop()?"
        elif name in ("clear", "copy"):
            call = f"{s}.{name}()"
        else:
            call = f"{s}.{name}(&_a0)"
        return f"{{ {binds} {call} }}"

    def builtin_dict(self, node: ast.Call) -> str:
        """`dict()`; `dict(x)` is the comprehension the analysis built (DictCallTyper)."""
        comp = self.spec.dict_calls.get(id(node))
        return "PyDict::new()" if comp is None else self.expr(comp)

    def builtin_set(self, node: ast.Call) -> str:
        if not node.args:
            return "PySet::new()"
        (arg,) = node.args
        t = self.type_of(arg)
        code = self.expr(arg)
        if t == STR:
            return f"PySet::from_vec({code}.iter().collect())"
        if t.name == "dict":
            return f"PySet::from_dict(&{code})"
        if t.name == "set":
            return f"{code}.copy()"
        return f"PySet::from_vec({code}.to_vec())"

    # -- builtins --------------------------------------------------------------------------
    def builtin_len(self, node: ast.Call) -> str:
        (arg,) = node.args
        t = self.type_of(arg)
        if is_tuple(t):
            return f"{{ let _ = {self.expr(arg)}; {len(t.args)} }}"
        return f"{self.expr(arg)}.len()"  # str, list and dict all count in O(1)

    def builtin_str(self, node: ast.Call) -> str:
        if not node.args:
            return 'PyStr::from_str("")'
        (arg,) = node.args
        t = self.type_of(arg)
        if t == STR:
            return self.expr(arg)
        return f"PyStr::from_string({self.str_of(self.expr(arg), t)})"

    def builtin_repr(self, node: ast.Call) -> str:
        (arg,) = node.args
        return f"PyStr::from_string({self.repr_of(self.expr(arg), self.type_of(arg))})"

    def builtin_ord(self, node: ast.Call) -> str:
        return f"{self.expr(node.args[0])}.ord()?"

    def builtin_chr(self, node: ast.Call) -> str:
        return f"portalis_rt::str::chr({self.expr_as_int(node.args[0])})?"

    def builtin_sum(self, node: ast.Call) -> str:
        if self.type_of(node.args[0]).name == "deque":
            return f"{self.expr(node.args[0])}.to_list().sum()?"
        return f"{self.expr(node.args[0])}.sum()?"  # list and set both sum exactly

    def builtin_sorted(self, node: ast.Call) -> str:
        kw = {k.arg: k.value for k in node.keywords}
        (arg,) = node.args
        seq = self.expr(arg)
        if self.type_of(arg) == STR:
            seq = f"PyList::from_vec({seq}.iter().collect())"
        elif self.type_of(arg).name in ("dict", "Counter", "defaultdict"):
            seq = f"PyList::from_vec({seq}.keys())"
        elif self.type_of(arg).name == "set":
            seq = f"PyList::from_vec({seq}.to_sorted_vec())"
        elif self.type_of(arg).name == "deque":
            seq = f"{seq}.to_list()"
        if "key" in kw:
            closure = self.key_closure(kw["key"], self.type_of(arg).elem)
            rev = self.expr(kw["reverse"]) if "reverse" in kw else "false"
            return f"{{ let _ks = {seq}; _ks.sorted_by_key({closure}, {rev})? }}"
        rev = self.expr(kw["reverse"]) if "reverse" in kw else "false"
        if self.type_of(arg) == PyType("list", (FLOAT,)):
            return f"{seq}.sorted_f({rev})?"  # bails on NaN (rt/list.rs)
        return f"{seq}.sorted({rev})"

    def builtin_list(self, node: ast.Call) -> str:
        (arg,) = node.args
        if self.type_of(arg).name == "set":
            return f"PyList::from_vec({self.expr(arg)}.to_vec()?)"
        if self.type_of(arg).name == "deque":
            return f"{self.expr(arg)}.to_list()"
        if self.type_of(arg).name in ("dict", "Counter", "defaultdict"):
            return f"PyList::from_vec({self.expr(arg)}.keys())"
        if self.type_of(arg) == STR:
            return f"PyList::from_vec({self.expr(arg)}.iter().collect())"
        return f"{self.expr(arg)}.copy()"

    def builtin_print(self, node: ast.Call) -> str:
        buf = self.temp()
        kw = {k.arg: k.value for k in node.keywords}
        lines = [f"let mut {buf} = String::new();"]
        sep_code = end_code = None
        # CPython evaluates positional arguments, then sep/end, before printing.
        values = []
        for a in node.args:
            v = self.temp()
            lines.append(f"let {v} = {self.expr(a)};")
            values.append((v, self.type_of(a)))
        for key in ("sep", "end"):
            if key in kw and self.type_of(kw[key]) == STR:
                v = self.temp()
                lines.append(f"let {v} = {self.expr(kw[key])};")
                if key == "sep":
                    sep_code = f"{v}.as_str()"
                else:
                    end_code = f"{v}.as_str()"
            elif key in kw:
                lines.append(f"{self.expr(kw[key])};")
        for i, (v, t) in enumerate(values):
            if i:
                lines.append(f"{buf}.push_str({sep_code or chr(34) + ' ' + chr(34)});")
            lines.append(f"{buf}.push_str(&{self.str_of(v, t)});")
        lines.append(f"{buf}.push_str({end_code or chr(34) + chr(92) + 'n' + chr(34)});")
        lines.append(f"portalis_rt::output::write_stdout(&{buf});")
        return "{ " + " ".join(lines) + " }"
