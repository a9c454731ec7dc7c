"""`math` and the numeric builtins round/divmod/pow/hex/oct/bin."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from ..analysis.types import BOOL, FLOAT, INT, PyType


class StdlibTranslator:
    expr: Callable[[ast.expr], str]
    type_of: Callable[[ast.expr], PyType]
    temp: Callable[[], str]
    spec: Any
    collections_call: Callable[[ast.Call, str], str]

    def as_float(self, node: ast.expr) -> str:
        t, code = self.type_of(node), self.expr(node)
        if t == FLOAT:
            return code
        return f"({code} as i64 as f64)" if t == BOOL else f"({code} as f64)"

    def as_int(self, node: ast.expr) -> str:
        code = self.expr(node)
        return f"({code} as i64)" if self.type_of(node) == BOOL else code

    def stdlib_call(self, node: ast.Call, target: str) -> str:
        if not target.startswith("math.") or target == "math.prod":
            return self.collections_call(node, target)  # translate/collections_.py
        name = target.split(".", 1)[1]
        args = node.args
        if name in ("floor", "ceil", "trunc"):
            (a,) = args
            if self.type_of(a) != FLOAT:
                return self.as_int(a)  # int.__floor__ is the int itself
            return f"portalis_rt::math::{name}({self.expr(a)})?"
        if name in ("sqrt", "fmod"):
            return f"portalis_rt::math::{name}({', '.join(self.as_float(a) for a in args)})?"
        if name == "fabs":
            return f"{self.as_float(args[0])}.abs()"
        if name == "copysign":
            return f"{self.as_float(args[0])}.copysign({self.as_float(args[1])})"
        if name in ("isnan", "isinf", "isfinite"):
            method = {"isnan": "is_nan", "isinf": "is_infinite", "isfinite": "is_finite"}[name]
            return f"{self.as_float(args[0])}.{method}()"
        if name in ("isqrt", "factorial"):
            return f"portalis_rt::math::{name}({self.as_int(args[0])})?"
        if name in ("comb", "perm"):
            return f"portalis_rt::math::{name}({self.as_int(args[0])}, {self.as_int(args[1])})?"
        if name in ("gcd", "lcm"):
            items = ", ".join(self.as_int(a) for a in args)
            return f"portalis_rt::math::{name}(&[{items}])?"
        raise AssertionError(target)

    def builtin_round(self, node: ast.Call) -> str:
        x = node.args[0]
        if len(node.args) == 1:
            if self.type_of(x) == FLOAT:
                return f"portalis_rt::math::round_float({self.expr(x)})?"
            return self.as_int(x)
        n = self.as_int(node.args[1])
        if self.type_of(x) == FLOAT:
            return f"portalis_rt::math::round_float_digits({self.expr(x)}, {n})?"
        return f"portalis_rt::math::round_int_digits({self.as_int(x)}, {n})?"

    def builtin_divmod(self, node: ast.Call) -> str:
        a, b = node.args
        if FLOAT in (self.type_of(a), self.type_of(b)):
            return f"pyfloat::divmod({self.as_float(a)}, {self.as_float(b)})?"
        return f"pyint::divmod({self.as_int(a)}, {self.as_int(b)})?"

    def builtin_pow(self, node: ast.Call) -> str:
        if len(node.args) == 3:
            a, b, m = (self.as_int(x) for x in node.args)
            return f"portalis_rt::math::pow_mod({a}, {b}, {m})?"
        return self.expr(self.spec.pow_nodes[id(node)])

    def _radix(self, node: ast.Call, spec: str) -> str:
        return f'PyStr::from_string(pyfmt::format_int({self.as_int(node.args[0])}, "{spec}")?)'

    def builtin_hex(self, node: ast.Call) -> str:
        return self._radix(node, "#x")

    def builtin_oct(self, node: ast.Call) -> str:
        return self._radix(node, "#o")

    def builtin_bin(self, node: ast.Call) -> str:
        return self._radix(node, "#b")


__all__ = ["INT", "StdlibTranslator"]
