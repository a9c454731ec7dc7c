"""Expressions: one method per Python construct, each returning Rust text.

Every fallible operation goes through the runtime (`pyint::floordiv(a, b)?`)
so CPython's rounding, signs and error messages live in one place, the Rust
runtime, organised by Python type. Operands are emitted left to right, which
is also Rust's evaluation order, so side effects and the first error raised
match CPython.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from ..analysis.containers import retype_none_list
from ..analysis.expressions import bind_call
from ..analysis.model import FunctionSpec
from ..analysis.types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    PyType,
    class_name,
    is_class,
    is_copy,
    is_list,
    is_tuple,
)
from .collections_ import CollectionsTranslator
from .containers import ContainerTranslator
from .generators import GeneratorTranslator
from .iteration import IterationTranslator
from .names import rust_ident
from .stdlib import StdlibTranslator

RUST_TYPES = {INT: "i64", FLOAT: "f64", BOOL: "bool", NONE: "()", STR: "PyStr"}


def rust_type(t: PyType) -> str:
    if t in RUST_TYPES:
        return RUST_TYPES[t]
    if is_class(t):
        return rust_ident(class_name(t))
    if is_list(t):
        return f"PyList<{rust_type(t.args[0])}>"
    if t.name == "optional":
        return f"Option<{rust_type(t.args[0])}>"
    if t.name == "dict":
        return f"PyDict<{rust_type(t.args[0])}, {rust_type(t.args[1])}>"
    if t.name == "set":
        return f"PySet<{rust_type(t.args[0])}>"
    if t.name == "deque":
        return f"PyDeque<{rust_type(t.args[0])}>"
    if t.name == "callable":  # analysis/callables.py
        params = ", ".join(rust_type(a) for a in t.args[1:])
        return f"&dyn Fn({params}) -> PyResult<{rust_type(t.args[0])}>"
    if t.name == "Counter":
        return f"PyDict<{rust_type(t.args[0])}, i64>"
    if t.name == "defaultdict":
        return f"PyDict<{rust_type(t.args[0])}, {rust_type(t.args[1])}>"
    if is_tuple(t):
        inner = ", ".join(rust_type(a) for a in t.args)
        return f"({inner},)" if len(t.args) == 1 else f"({inner})"
    if t.name == "exception":
        return "PyErr"
    raise AssertionError(f"no Rust type for {t}")


_INT_OPS = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.FloorDiv: "floordiv",
    ast.Mod: "modulo",
    ast.LShift: "lshift",
    ast.RShift: "rshift",
}
_FLOAT_INFIX = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}
_FLOAT_OPS = {ast.FloorDiv: "floordiv", ast.Mod: "modulo", ast.Div: "truediv", ast.Pow: "pow"}
_BIT_OPS = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}
_CMP = {
    ast.Lt: ("<", "lt"),
    ast.LtE: ("<=", "le"),
    ast.Gt: (">", "gt"),
    ast.GtE: (">=", "ge"),
    ast.Eq: ("==", "eq"),
    ast.NotEq: ("!=", "ne"),
    ast.Is: ("==", "eq"),
    ast.IsNot: ("!=", "ne"),
}


def rust_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value == -(2**63):
            return "i64::MIN"
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "f64::NAN"
        if math.isinf(value):
            return "f64::INFINITY" if value > 0 else "f64::NEG_INFINITY"
        text = repr(value)
        if "e" in text:
            mantissa, exp = text.split("e")
            if "." not in mantissa:
                mantissa += ".0"
            text = f"{mantissa}e{exp}"
        elif "." not in text:
            text += ".0"
        return f"{text}_f64" if not text.startswith("-") else f"({text}_f64)"
    if value is None:
        return "()"
    raise TypeError(f"no Rust literal for {value!r}")


def default_literal(param: Any) -> str:
    if param.type.name == "optional":
        return "None" if param.default is None else f"Some({rust_literal(param.default)})"
    if param.type == STR:
        from .containers import rust_string_literal

        return f"PyStr::from_str({rust_string_literal(param.default)})"
    return rust_literal(param.default)


def coerce(code: str, src: PyType, dst: PyType) -> str:
    if src == dst:
        return code
    if dst.name == "optional":
        if src == NONE:
            return f"{{ {code}; None }}"
        if src.name == "optional":
            return code
        return f"Some({coerce(code, src, dst.args[0])})"
    if "?" in str(src):
        return code  # `[]` typed by its destination: Rust infers the element type
    if src is INT and dst is FLOAT and code.lstrip("-").isdigit():
        # A literal converts at translation time, exactly as float(int) would.
        return rust_literal(float(int(code)))
    if src is BOOL and dst is INT:
        return f"({code} as i64)"
    if src is INT and dst is FLOAT:
        return f"({code} as f64)"
    if src is BOOL and dst is FLOAT:
        return f"({code} as i64 as f64)"
    raise AssertionError(f"no coercion {src} -> {dst}")


class ExpressionTranslator(
    ContainerTranslator,
    IterationTranslator,
    StdlibTranslator,
    CollectionsTranslator,
    GeneratorTranslator,
):
    spec: FunctionSpec
    functions: dict[str, FunctionSpec]
    local_names: dict[str, str]
    const_names: dict[str, str]

    def temp(self) -> str:
        self._temp_counter += 1
        return f"_pt{self._temp_counter}"

    _temp_counter: int = 0
    overrides: dict[int, str]

    def type_of(self, node: ast.expr) -> PyType:
        return self.spec.expr_types[id(node)]

    def expr(self, node: ast.expr) -> str:
        override = self.overrides.get(id(node))
        if override is not None:
            return override
        if id(node) in self.spec.const_values:
            value = self.spec.const_values[id(node)]
            if isinstance(value, str):  # `type(x).__name__`
                return self.str_literal(value)
            return rust_literal(value)
        method = getattr(self, "expr_" + type(node).__name__)
        code: str = method(node)
        return code

    def expr_as(self, node: ast.expr, dst: PyType) -> str:
        if self.type_of(node) != dst:
            # `self.xs = [None] * n` into a list[T | None]: built with that element type.
            retype_none_list(node, dst, self.spec.expr_types)
        return coerce(self.expr(node), self.type_of(node), dst)

    def truthy(self, node: ast.expr) -> str:
        return self.truthy_code(self.expr(node), self.type_of(node))

    @staticmethod
    def truthy_code(code: str, t: PyType) -> str:
        if t is BOOL:
            return code
        if t is INT:
            return f"({code} != 0)"
        if t is FLOAT:
            return f"({code} != 0.0)"
        if t == STR or t.name in ("list", "dict", "set", "deque", "Counter", "defaultdict"):
            return f"({code}.len() != 0)"
        if t.name == "optional":
            inner = ExpressionTranslator.truthy_code("_t", t.args[0])
            return f"match {code} {{ Some(_t) => {inner}, None => false }}"
        if t == NONE:
            return f"{{ {code}; false }}"
        if is_class(t):
            # No __bool__/__len__ (analysis checked); borrowed: `opt or default` reuses it.
            return f"{{ let _ = &{code}; true }}"
        # Never guess a truth value: analysis only lets the types above through.
        raise AssertionError(f"no truth value for {t}")

    # -- atoms -----------------------------------------------------------------
    def expr_Constant(self, node: ast.Constant) -> str:
        if isinstance(node.value, str):
            return self.str_literal(node.value)
        return rust_literal(node.value)

    def expr_Name(self, node: ast.Name) -> str:
        if id(node) in self.spec.comp_names:
            name = self.comp_name(node)
            return name if is_copy(self.type_of(node)) else f"{name}.clone()"
        if id(node) in self.spec.narrow_reads:
            name = self.local_names[node.id]
            return f"{name}.clone().ok_or(PyErr::bail(bail::UNSUPPORTED))?"
        if node.id in self.local_names:
            name = self.local_names[node.id]
            local_t = self.spec.locals.get(node.id) or self.param_types.get(node.id)
            return name if local_t is None or is_copy(local_t) else f"{name}.clone()"
        const_t = self.const_types.get(node.id)
        if const_t is not None and not is_copy(const_t):
            return f"{self.const_names[node.id]}()"  # str, list, dict: see translate/constants.py
        return self.const_names[node.id]

    const_types: dict[str, PyType]

    param_types: dict[str, PyType]

    # -- operators ---------------------------------------------------------------
    def expr_UnaryOp(self, node: ast.UnaryOp) -> str:
        t = self.type_of(node.operand)
        if isinstance(node.op, ast.Not):
            return f"!{self.truthy(node.operand)}"
        operand = self.expr(node.operand)
        if isinstance(node.op, ast.UAdd):
            return coerce(operand, t, INT) if t is BOOL else operand
        if isinstance(node.op, ast.Invert):
            return f"(!{operand})"
        # USub
        if t is FLOAT:
            return f"(-{operand})"
        return f"pyint::neg({coerce(operand, t, INT)})?"

    def expr_BinOp(self, node: ast.BinOp) -> str:
        if id(node) in self.spec.percent_nodes:
            return self.percent_format(node)
        lt, rt, res = self.type_of(node.left), self.type_of(node.right), self.type_of(node)
        left, right = self.expr(node.left), self.expr(node.right)
        op = type(node.op)
        if not (lt in (INT, FLOAT, BOOL) and rt in (INT, FLOAT, BOOL)):
            return self.sequence_binop(node, left, lt, right, rt)
        if op in _BIT_OPS:
            sym = _BIT_OPS[op]
            if res is BOOL:
                return f"({left} {sym} {right})"
            return f"({coerce(left, lt, INT)} {sym} {coerce(right, rt, INT)})"
        int_operands = lt is not FLOAT and rt is not FLOAT
        if op is ast.Pow and int_operands:
            name = "pow" if res is INT else "pow_neg"
            return f"pyint::{name}({coerce(left, lt, INT)}, {coerce(right, rt, INT)})?"
        if op is ast.Div and int_operands:
            return f"pyint::truediv({coerce(left, lt, INT)}, {coerce(right, rt, INT)})?"
        if res is INT:
            return f"pyint::{_INT_OPS[op]}({coerce(left, lt, INT)}, {coerce(right, rt, INT)})?"
        lf, rf = coerce(left, lt, FLOAT), coerce(right, rt, FLOAT)
        if op in _FLOAT_INFIX:
            return f"({lf} {_FLOAT_INFIX[op]} {rf})"
        return f"pyfloat::{_FLOAT_OPS[op]}({lf}, {rf})?"

    def expr_BoolOp(self, node: ast.BoolOp) -> str:
        t = self.type_of(node)
        is_and = isinstance(node.op, ast.And)
        if t is BOOL and any(self.type_of(v) is not BOOL for v in node.values):
            # Only tested for truth (mixed operand types): short-circuit on truthiness.
            parts = [self.truthy(v) for v in node.values]
            return "(" + (" && " if is_and else " || ").join(parts) + ")"
        code = self.expr(node.values[0])
        for value in node.values[1:]:
            nxt = self.expr(value)
            if t is BOOL:
                code = f"({code} {'&&' if is_and else '||'} {nxt})"
                continue
            tmp = self.temp()
            test = self.truthy_code(tmp, t)
            if is_and:
                code = f"{{ let {tmp} = {code}; if {test} {{ {nxt} }} else {{ {tmp} }} }}"
            else:
                code = f"{{ let {tmp} = {code}; if {test} {{ {tmp} }} else {{ {nxt} }} }}"
        return code

    def compare_pair(self, op: ast.cmpop, a: str, ta: PyType, b: str, tb: PyType) -> str:
        if NONE in (ta, tb) and (ta.name == "optional" or tb.name == "optional"):
            opt, none = (a, b) if ta.name == "optional" else (b, a)
            test = "is_none" if isinstance(op, (ast.Is, ast.Eq)) else "is_some"
            return f"{{ let _o = {opt}; {none}; _o.{test}() }}"
        if ta.name == "set" and not isinstance(op, (ast.In, ast.NotIn)):
            method = {
                ast.LtE: "issubset",
                ast.Lt: "is_proper_subset",
                ast.GtE: "issuperset",
                ast.Gt: "is_proper_superset",
            }.get(type(op))
            if method is not None:
                return f"{a}.{method}(&{b})"
            return f"({a} {'==' if isinstance(op, ast.Eq) else '!='} {b})"
        if ta.name == "Counter" and not isinstance(op, (ast.In, ast.NotIn)):
            test = f"portalis_rt::counter::eq(&{a}, &{b})"
            return test if isinstance(op, ast.Eq) else f"(!{test})"
        if isinstance(op, (ast.In, ast.NotIn)) and is_tuple(tb):
            hits = " || ".join(f"_iv == _tv.{i}" for i in range(len(tb.args)))
            test = f"{{ let _iv = {a}; let _tv = {b}; {hits} }}"
            return f"(!{test})" if isinstance(op, ast.NotIn) else f"({test})"
        if isinstance(op, (ast.In, ast.NotIn)):
            test = f"{b}.contains(&{a})"
            return f"(!{test})" if isinstance(op, ast.NotIn) else test
        sym, name = _CMP[type(op)]
        if ta is FLOAT and tb is not FLOAT:
            return f"pycmp::{name}_fi({a}, {coerce(b, tb, INT)})"
        if tb is FLOAT and ta is not FLOAT:
            return f"pycmp::{name}_if({coerce(a, ta, INT)}, {b})"
        if ta != tb:
            a, b = coerce(a, ta, INT), coerce(b, tb, INT)
        return f"({a} {sym} {b})"

    def expr_Compare(self, node: ast.Compare) -> str:
        operands = [node.left, *node.comparators]
        types = [self.type_of(o) for o in operands]
        if len(node.ops) == 1 and all(is_copy(t) for t in types):
            return self.compare_pair(
                node.ops[0], self.expr(operands[0]), types[0], self.expr(operands[1]), types[1]
            )
        # a < b < c: each operand evaluated once, later ones only if needed.
        temps = [self.temp() for _ in operands]
        code = ""
        for i in range(len(node.ops) - 1, -1, -1):
            test = self.compare_pair(node.ops[i], temps[i], types[i], temps[i + 1], types[i + 1])
            bind = f"let {temps[i + 1]} = {self.expr(operands[i + 1])};"
            if i == len(node.ops) - 1:
                code = f"{{ {bind} {test} }}"
            else:
                code = f"{{ {bind} if {test} {{ {code} }} else {{ false }} }}"
        return f"{{ let {temps[0]} = {self.expr(operands[0])}; {code} }}"

    def expr_IfExp(self, node: ast.IfExp) -> str:
        return (
            f"(if {self.truthy(node.test)} {{ {self.expr(node.body)} }} "
            f"else {{ {self.expr(node.orelse)} }})"
        )

    # -- calls -----------------------------------------------------------------------
    def expr_Call(self, node: ast.Call) -> str:
        target = self.spec.stdlib_calls.get(id(node))
        if target is not None:
            return self.stdlib_call(node, target)
        if isinstance(node.func, ast.Attribute):
            return self.method_call(node, node.func)
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        nested = getattr(self, "nested_specs", {}).get(name)
        if nested is not None and name not in self.local_names:
            return self.nested_call(node, name, nested)
        callable_t = self.param_types.get(name)
        if callable_t is not None and callable_t.name == "callable":
            params = callable_t.args[1:]
            args = [self.expr_as(a, pt) for a, pt in zip(node.args, params)]
            return f"{self.local_names[name]}({', '.join(args)})?"
        if name in self.functions:
            callee = self.functions[name]
            bound = bind_call(node, callee.params)
            args = [
                self.function_arg(arg, p.type) if arg is not None else default_literal(p)
                for p, arg in zip(callee.params, bound)
            ]
            return f"{rust_ident(name)}({', '.join(args)})?"
        return getattr(self, "builtin_" + name)(node)  # type: ignore[no-any-return]

    def function_arg(self, arg: ast.expr, t: PyType) -> str:
        """An argument's code; a function passed by name becomes `&function`."""
        if t.name != "callable":
            return self.expr_as(arg, t)
        assert isinstance(arg, ast.Name)
        if arg.id in self.local_names:
            return self.local_names[arg.id]  # a Callable parameter passed on
        return f"&{rust_ident(arg.id)}"

    def nested_call(self, node: ast.Call, name: str, callee: FunctionSpec) -> str:
        """Call a nested function: the current values of its captures, then the arguments."""
        args = []
        for c in callee.captures:
            t = self.spec.locals.get(c) or self.param_types[c]
            code = self.local_names[c]
            args.append(code if is_copy(t) else f"{code}.clone()")
        own = callee.params[len(callee.captures) :]
        bound = bind_call(node, own)
        args += [
            self.expr_as(arg, p.type) if arg is not None else default_literal(p)
            for p, arg in zip(own, bound)
        ]
        return f"{rust_ident(name)}({', '.join(args)})?"

    def builtin_min(self, node: ast.Call) -> str:
        if len(node.args) == 1:
            return self._extreme(node, "min")
        return self._min_max(node, "<")

    def builtin_max(self, node: ast.Call) -> str:
        if len(node.args) == 1:
            return self._extreme(node, "max")
        return self._min_max(node, ">")

    def _extreme(self, node: ast.Call, name: str) -> str:
        seq = self.expr(node.args[0])
        if node.keywords:
            elem_t = self.type_of(node.args[0]).args[0]
            closure = self.key_closure(node.keywords[0].value, elem_t)
            return f"{{ let _ks = {seq}; _ks.{name}_by_key({closure})? }}"
        if self.type_of(node.args[0]) == PyType("list", (FLOAT,)):
            return f"{seq}.{name}_f()?"  # bails on NaN (rt/list.rs)
        return f"{seq}.{name}()?"

    def builtin_abs(self, node: ast.Call) -> str:
        (arg,) = node.args
        t = self.type_of(arg)
        code = self.expr(arg)
        if t is FLOAT:
            return f"{code}.abs()"
        if t is BOOL:
            return coerce(code, BOOL, INT)
        return f"pyint::abs({code})?"

    def _min_max(self, node: ast.Call, sym: str) -> str:
        # CPython keeps the first extreme item and replaces it only when a later
        # item compares strictly smaller (larger): this decides NaN and -0.0.
        temps = [self.temp() for _ in node.args]
        binds = " ".join(f"let {t} = {self.expr(a)};" for t, a in zip(temps, node.args))
        best = self.temp()
        updates = " ".join(f"if {t} {sym} {best} {{ {best} = {t}; }}" for t in temps[1:])
        return f"{{ {binds} let mut {best} = {temps[0]}; {updates} {best} }}"

    def builtin_int(self, node: ast.Call) -> str:
        if len(node.args) == 2:
            s, base = node.args
            return (
                f"{{ let _s = {self.expr(s)}; let _b = {self.expr_as(base, INT)}; "
                "portalis_rt::math::int_from_str_base(&_s, _b)? }"
            )
        (arg,) = node.args
        t = self.type_of(arg)
        if t == STR:
            return f"{{ let _s = {self.expr(arg)}; portalis_rt::math::int_from_str(&_s)? }}"
        if t is FLOAT:
            return f"pyint::from_f64({self.expr(arg)})?"
        return self.expr_as(arg, INT)

    def builtin_float(self, node: ast.Call) -> str:
        (arg,) = node.args
        if self.type_of(arg) == STR:
            return f"{{ let _s = {self.expr(arg)}; portalis_rt::float::from_str(&_s)? }}"
        return self.expr_as(arg, FLOAT)

    def builtin_bool(self, node: ast.Call) -> str:
        (arg,) = node.args
        return self.truthy(arg)
