"""Compare mode: run every call in CPython and in WASM and insist they agree.

An outcome is what a caller can observe: the returned value (type and exact
value; floats compared bit for bit, NaN equal to NaN) or the exception (type
and args). Arguments are deep-copied for each side, so an argument mutated
by one run cannot influence the other.
"""

from __future__ import annotations

import copy
import functools
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import ConformanceError


@dataclass(frozen=True)
class Outcome:
    kind: str  # "return" | "raise"
    value: Any

    def describe(self) -> str:
        if self.kind == "return":
            return f"returned {self.value!r} ({type(self.value).__name__})"
        exc = self.value
        return f"raised {type(exc).__name__}{exc.args!r}"


def run(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Outcome:
    try:
        return Outcome("return", fn(*args, **kwargs))
    except Exception as exc:  # every Python-level exception is an outcome to compare
        return Outcome("raise", exc)


def same_value(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)


def same_outcome(a: Outcome, b: Outcome) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "return":
        return same_value(a.value, b.value)
    return type(a.value) is type(b.value) and same_value(a.value.args, b.value.args)


@dataclass
class CompareStats:
    calls: int = 0
    mismatches: int = 0


_active = threading.local()


def make_compare(
    name: str, python: Callable[..., Any], wasm: Callable[..., Any], stats: CompareStats
) -> Callable[..., Any]:
    """A wrapper that runs both versions; nested calls made by the Python run stay Python."""

    def compare(*args: Any, **kwargs: Any) -> Any:
        if getattr(_active, "on", False):
            return python(*args, **kwargs)
        stats.calls += 1
        py_args, py_kwargs = copy.deepcopy((args, kwargs))
        _active.on = True
        try:
            expected = run(python, py_args, py_kwargs)
        finally:
            _active.on = False
        got = run(wasm, args, kwargs)
        if (
            not same_outcome(expected, got)
            or not same_value(py_args, args)
            or not same_value(py_kwargs, kwargs)
        ):
            stats.mismatches += 1
            call = (
                "("
                + ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
                + ")"
            )
            raise ConformanceError(name, call, expected.describe(), got.describe())
        if got.kind == "raise":
            raise got.value
        return got.value

    functools.update_wrapper(compare, python)
    return compare
