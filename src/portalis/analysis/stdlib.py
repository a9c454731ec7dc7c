"""The standard-library functions Portalis translates, and why others are not.

Only functions whose CPython result the runtime reproduces bit for bit are
listed. `math.exp`, `math.sin` and friends are deliberately absent: CPython
calls the platform libm, whose last-bit results differ between glibc and the
WASM libc, so translating them could change answers.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import BOOL, FLOAT, INT, PyType

SUPPORTED_MODULES = {"math", "heapq", "bisect", "collections", "functools", "itertools"}

MATH_CONSTANTS: dict[str, float] = {}
try:
    import math as _m

    MATH_CONSTANTS = {"pi": _m.pi, "e": _m.e, "tau": _m.tau, "inf": _m.inf, "nan": _m.nan}
except ImportError:  # pragma: no cover
    pass

LIBM = {
    "exp", "expm1", "log", "log2", "log10", "log1p", "pow", "sin", "cos", "tan", "asin",
    "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "erfc",
    "gamma", "lgamma", "hypot", "dist", "cbrt", "exp2",
}  # fmt: skip


def _numeric(t: PyType) -> bool:
    return t in (INT, FLOAT, BOOL)


def math_call(name: str, node: ast.Call, types: list[PyType]) -> PyType:
    """Result type of `math.<name>(...)`, or Unsupported with the reason."""
    n = len(types)

    def need(count: int, ok: Callable[[PyType], bool], what: str) -> None:
        if n != count or not all(ok(t) for t in types):
            raise Unsupported(node, f"math.{name}() takes {count} {what} argument(s) here")

    if name in ("floor", "ceil", "trunc"):
        need(1, _numeric, "number")
        return INT
    if name in ("sqrt", "fabs"):
        need(1, _numeric, "number")
        return FLOAT
    if name in ("copysign", "fmod"):
        need(2, _numeric, "number")
        return FLOAT
    if name in ("isnan", "isinf", "isfinite"):
        need(1, _numeric, "number")
        return BOOL
    if name in ("isqrt", "factorial"):
        need(1, lambda t: t in (INT, BOOL), "int")
        return INT
    if name in ("comb", "perm"):
        need(2, lambda t: t in (INT, BOOL), "int")
        return INT
    if name in ("gcd", "lcm"):
        if not all(t in (INT, BOOL) for t in types):
            raise Unsupported(node, f"math.{name}() of non-int arguments")
        return INT
    if name in LIBM:
        raise Unsupported(
            node,
            f"math.{name}() is not translated: CPython uses the platform libm, whose "
            "last-bit results the WASM libm does not reproduce",
        )
    raise Unsupported(node, f"math.{name}() is not supported yet")
