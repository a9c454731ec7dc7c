"""Compare mode: run every call in CPython and in WASM and insist they agree.

An outcome is what a caller can observe: the returned value (type and exact
value; floats compared bit for bit, NaN equal to NaN) or the exception (type
and args), the text printed to stdout and stderr (in order), and what the
call did to its arguments.

CPython runs first, on the caller's own arguments; WASM runs on a deep copy
taken before. So the caller always gets CPython's behaviour, identity
included (a function returning its argument returns *that* object), and
the two runs cannot influence each other. On a difference the wrapper
raises `ConformanceError`, or with `compare-action = "warn"` warns
(`ConformanceWarning`) and carries on with CPython's outcome: the source of
truth, so a warn-mode program behaves exactly like the plain one.

Printed output is captured by swapping `sys.stdout`/`sys.stderr` for the
duration of each run and replayed to the real streams once, afterwards.
That swap is process-global: compare mode is a testing tool and is not
meant to run the same module from several threads at once.
"""

from __future__ import annotations

import copy
import functools
import math
import sys
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ConformanceError, ConformanceWarning

COMPARE_ACTIONS = ("raise", "warn")


@dataclass(frozen=True)
class Outcome:
    kind: str  # "return" | "raise"
    value: Any
    # Printed text as (fd, text) runs, adjacent writes to one stream merged.
    output: tuple[tuple[int, str], ...] = ()

    def describe(self) -> str:
        if self.kind == "return":
            text = f"returned {self.value!r} ({type(self.value).__name__})"
        else:
            exc = self.value
            text = f"raised {type(exc).__name__}{exc.args!r}"
        if self.output:
            printed = ", ".join(
                f"{'stderr' if fd == 2 else 'stdout'} {chunk!r}" for fd, chunk in self.output
            )
            text += f", printed {printed}"
        return text


class _Capture:
    """Stands in for sys.stdout or sys.stderr and records writes, in order, in a shared list."""

    def __init__(self, fd: int, log: list[tuple[int, str]], like: Any) -> None:
        self.fd = fd
        self.log = log
        self.encoding = getattr(like, "encoding", "utf-8") or "utf-8"
        self.errors = getattr(like, "errors", "strict")

    def write(self, text: str) -> int:
        if text:
            if self.log and self.log[-1][0] == self.fd:
                self.log[-1] = (self.fd, self.log[-1][1] + text)
            else:
                self.log.append((self.fd, text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


def _captured(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Outcome:
    log: list[tuple[int, str]] = []
    saved = sys.stdout, sys.stderr
    sys.stdout = _Capture(1, log, saved[0])
    sys.stderr = _Capture(2, log, saved[1])
    try:
        outcome = run(fn, args, kwargs)
    finally:
        sys.stdout, sys.stderr = saved
    return Outcome(outcome.kind, outcome.value, tuple(log))


def _replay(output: tuple[tuple[int, str], ...]) -> None:
    for fd, text in output:
        stream = sys.stderr if fd == 2 else sys.stdout
        if stream is not None:
            stream.write(text)


def run(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Outcome:
    try:
        return Outcome("return", fn(*args, **kwargs))
    except Exception as exc:  # every Python-level exception is an outcome to compare
        return Outcome("raise", exc)


def same_value(a: Any, b: Any, _pairs: set[tuple[int, int]] | None = None) -> bool:
    if type(a) is not type(b):
        return False
    if _is_instance(a):
        # Instances of user classes: the same attributes with the same values
        # (compare mode runs the two versions on separate copies).
        pairs = set() if _pairs is None else _pairs
        if (id(a), id(b)) in pairs:
            return True  # already being compared higher up (a cycle)
        pairs.add((id(a), id(b)))
        sa, sb = _state(a), _state(b)
        return list(sa) == list(sb) and all(same_value(sa[k], sb[k], pairs) for k in sa)
    if _pairs is not None and isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y, _pairs) for x, y in zip(a, b))
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)


def _is_instance(obj: Any) -> bool:
    """An instance of a class defined in Python code (not a builtin or C type)."""
    t = type(obj)
    return (
        t.__module__ != "builtins"
        and not isinstance(obj, BaseException)
        and (hasattr(obj, "__dict__") or bool(getattr(t, "__slots__", ())))
        and not isinstance(obj, type)
    )


def _state(obj: Any) -> dict[str, Any]:
    state = dict(getattr(obj, "__dict__", {}))
    for klass in type(obj).__mro__:
        for name in getattr(klass, "__slots__", ()):
            if isinstance(name, str) and hasattr(obj, name):
                state.setdefault(name, getattr(obj, name))
    return state


def same_outcome(a: Outcome, b: Outcome) -> bool:
    if a.kind != b.kind or a.output != b.output:
        return False
    if a.kind == "return":
        return same_value(a.value, b.value)
    if type(a.value) is RecursionError and type(b.value) is RecursionError:
        # Where exactly the stack runs out (and so CPython's wording, "... in
        # comparison" or not) shifts with every extra frame a wrapper adds.
        return True
    return type(a.value) is type(b.value) and same_value(a.value.args, b.value.args)


@dataclass
class CompareStats:
    """Per-function compare-mode counters, shown by `PortalisInfo.report()`."""

    calls: int = 0
    mismatches: int = 0
    # The first few mismatch descriptions, for the report (bounded).
    examples: list[str] = field(default_factory=list)

    MAX_EXAMPLES = 3


_active = threading.local()


def _call_text(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [_safe_repr(a) for a in args] + [f"{k}={_safe_repr(v)}" for k, v in kwargs.items()]
    return "(" + ", ".join(parts) + ")"


def _safe_repr(value: Any) -> str:
    """repr() for a message; `self` of an `__init__` call may not be reprable yet."""
    try:
        return repr(value)
    except Exception as exc:
        return f"<{type(value).__name__} object: repr raised {type(exc).__name__}>"


def make_compare(
    name: str,
    python: Callable[..., Any],
    wasm: Callable[..., Any],
    stats: CompareStats,
    *,
    action: str = "raise",
) -> Callable[..., Any]:
    """A wrapper that runs both versions; nested calls made by the Python run stay Python.

    `action`: "raise" raises `ConformanceError` on a difference; "warn" issues
    a `ConformanceWarning` and returns (or raises) what CPython did.
    """
    if action not in COMPARE_ACTIONS:
        raise ValueError(f"compare action must be one of {COMPARE_ACTIONS}, not {action!r}")

    def compare(*args: Any, **kwargs: Any) -> Any:
        if getattr(_active, "on", False):
            return python(*args, **kwargs)
        stats.calls += 1
        call = _call_text(args, kwargs)  # before either run can mutate the arguments
        wasm_args, wasm_kwargs = copy.deepcopy((args, kwargs))
        _active.on = True
        try:
            expected = _captured(python, args, kwargs)
        finally:
            _active.on = False
        got = _captured(wasm, wasm_args, wasm_kwargs)
        mutated = not same_value(args, wasm_args) or not same_value(kwargs, wasm_kwargs)
        if not same_outcome(expected, got) or mutated:
            stats.mismatches += 1
            py_text, wasm_text = expected.describe(), got.describe()
            if mutated:
                py_text += f"; arguments after the call {_call_text(args, kwargs)}"
                wasm_text += f"; arguments after the call {_call_text(wasm_args, wasm_kwargs)}"
            error = ConformanceError(name, call, py_text, wasm_text)
            if len(stats.examples) < CompareStats.MAX_EXAMPLES:
                stats.examples.append(str(error))
            if action == "raise":
                raise error
            warnings.warn(str(error), ConformanceWarning, stacklevel=2)
        _replay(expected.output)
        if expected.kind == "raise":
            raise expected.value
        return expected.value

    functools.update_wrapper(compare, python)
    return compare
