"""Property-based differential testing: random inputs, CPython against WASM, shrunk mismatches.

For each translated function, hypothesis strategies are derived from its
type hints, biased towards the inputs where a translation goes wrong:

- `int`: small values, and values at and beyond the 64-bit edges (WASM uses
  i64 with checked arithmetic and must re-run in CPython past them);
- `float`: nan, ±inf, -0.0, subnormals, the largest finite values, integers
  that floats cannot hold exactly, plus hypothesis' own floats;
- `bool`, `str` (any unicode), `bytes`, `None`, and lists, tuples, dicts,
  sets, Optionals/Unions and dataclasses of those, as far as hints go: only
  int/float/bool cross the WASM boundary today, but the strategies follow the
  hints so richer signatures are fuzzed as soon as they are exported.

Each example runs the Python original on the arguments and the WASM wrapper
on a deep copy, compares return value or exception (type and args), printed
output and the arguments afterwards, exactly as compare mode does
(`portalis.conformance`). A mismatch is shrunk by hypothesis and rendered as
a ready-to-paste pytest test that asserts CPython's behaviour, so it passes on
CPython today and fails on the WASM version until the translation is fixed.

Inputs that make CPython itself run long (a loop bound of 2**62) are not
interesting and would stall the run: the Python side gets `timeout` seconds
per example (SIGALRM, main thread only), and examples that exceed it are
rejected. The WASM side is not interrupted; it runs only after CPython
finished in time.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import math
import signal
import threading
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from .conformance import Outcome, _call_text, _captured, same_outcome, same_value

__all__ = [
    "FLOAT_EDGES",
    "INT_EDGES",
    "FuzzResult",
    "fuzz_function",
    "regression_test",
    "strategy_for",
]

INT_EDGES = (
    0,
    1,
    -1,
    2,
    -2,
    7,
    10,
    2**31 - 1,
    -(2**31),
    2**32,
    2**53,
    2**53 + 1,
    2**62,
    2**63 - 1,
    -(2**63),
    2**63,
    -(2**63) - 1,
    2**64,
    -(2**64),
    2**64 + 1,
    10**19,
    10**30,
)
FLOAT_EDGES = (
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    0.1,
    math.nan,
    math.inf,
    -math.inf,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    1e16,
    -1e16,
    9007199254740992.0,
    9007199254740994.0,
    1e-300,
    1e300,
    3.141592653589793,
)


def strategy_for(hint: Any, *, nested: bool = False) -> Any:
    """A hypothesis strategy for values of the annotated type `hint`.

    Inside a container (`nested`), ints beyond 64 bits come only from the
    edge values: one such element sends the whole call to CPython, and a list
    of eight would almost never reach WASM otherwise.
    """
    from hypothesis import strategies as st

    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.one_of(
            st.integers(-1000, 1000),
            st.integers(-(2**16), 2**16),
            st.sampled_from(INT_EDGES),
            st.integers(-(2**63), 2**63 - 1) if nested else st.integers(-(2**70), 2**70),
        )
    if hint is float:
        return st.one_of(st.sampled_from(FLOAT_EDGES), st.floats())
    if hint is str:
        return st.text(max_size=24)
    if hint is bytes:
        return st.binary(max_size=24)
    if hint is None or hint is type(None):
        return st.none()
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType):
        return st.one_of(*(strategy_for(a, nested=nested) for a in args))
    if origin in (list, typing.List) or origin is _abc("Sequence"):  # noqa: UP006
        return st.lists(strategy_for(args[0] if args else int, nested=True), max_size=8)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0], nested=True), max_size=8).map(tuple)
        return st.tuples(*(strategy_for(a, nested=True) for a in args))
    if origin is dict or origin is _abc("Mapping"):
        key, value = args if args else (str, int)
        return st.dictionaries(
            strategy_for(key, nested=True), strategy_for(value, nested=True), max_size=6
        )
    if origin in (set, frozenset):
        inner = st.sets(strategy_for(args[0] if args else int, nested=True), max_size=8)
        return inner if origin is set else inner.map(frozenset)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return st.builds(
            hint,
            **{
                f.name: strategy_for(hints[f.name], nested=True)
                for f in dataclasses.fields(hint)
                if f.init
            },
        )
    return st.from_type(hint)


def _abc(name: str) -> Any:
    import collections.abc

    return getattr(collections.abc, name)


# -- running one example --------------------------------------------------------------------


class _Timeout(BaseException):
    """Raised by the alarm inside the Python run; BaseException so `run` does not catch it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Mismatch:
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    python: Outcome
    wasm: Outcome
    python_after: tuple[tuple[Any, ...], dict[str, Any]] | None  # arguments after, if mutated
    wasm_after: tuple[tuple[Any, ...], dict[str, Any]] | None


@dataclass
class FuzzResult:
    module: str
    function: str
    examples: int = 0  # examples run both ways
    timeouts: int = 0  # examples rejected because CPython ran past the limit
    # Examples the WASM wrapper handed to CPython (argument types or values it does
    # not take, i64 overflow): set by the caller, who can see the wrapper's counters.
    python_fallbacks: int | None = None
    mismatch: Mismatch | None = None
    regression: str | None = None
    error: str | None = None  # the fuzzer itself could not run (no strategy for a hint, ...)

    def describe(self) -> str:
        m = self.mismatch
        if m is None:
            return f"{self.module}.{self.function}: no mismatch in {self.examples} examples"
        py, wasm = m.python.describe(), m.wasm.describe()
        if m.python_after is not None and m.wasm_after is not None:
            py += f"; arguments after the call {_call_text(*m.python_after)}"
            wasm += f"; arguments after the call {_call_text(*m.wasm_after)}"
        return (
            f"{self.module}.{self.function}{_call_text(m.args, m.kwargs)} differs between "
            f"CPython and WASM (shrunk by hypothesis, {self.examples} examples run):\n"
            f"  python: {py}\n  wasm:   {wasm}"
        )

    def as_dict(self) -> dict[str, Any]:
        m = self.mismatch
        return {
            "module": self.module,
            "function": self.function,
            "examples": self.examples,
            "timeouts": self.timeouts,
            "python_fallbacks": self.python_fallbacks,
            "error": self.error,
            "mismatch": None
            if m is None
            else {
                "call": f"{self.function}{_call_text(m.args, m.kwargs)}",
                "python": m.python.describe(),
                "wasm": m.wasm.describe(),
                "description": self.describe(),
                "regression_test": self.regression,
            },
        }


class _Found(AssertionError):
    pass


Runner = Callable[[str, Callable[..., Any], tuple[Any, ...], dict[str, Any]], Outcome]


def _default_runner(
    variant: str, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Outcome:
    return _captured(fn, args, kwargs)


def fuzz_function(
    module: str,
    name: str,
    python: Callable[..., Any],
    wasm: Callable[..., Any],
    *,
    examples: int,
    timeout: float = 0.05,
    seed: int | None = None,
    runner: Runner | None = None,
) -> FuzzResult:
    """Fuzz one function: up to `examples` inputs, the first mismatch shrunk.

    `runner(variant, fn, args, kwargs)` runs one side and returns its
    `Outcome` (captured output included); the conformance plugin passes one
    that selects the matching variant of the other marked functions, so a
    Python original's nested calls stay Python.
    """
    from hypothesis import HealthCheck, Phase, given, reject, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    run = runner or _default_runner
    result = FuzzResult(module, name)
    try:
        sig = inspect.signature(python)
        hints = typing.get_type_hints(python)
        positional, keyword = [], {}
        for p in sig.parameters.values():
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                raise TypeError(f"*args/**kwargs parameter {p.name!r}")
            if p.name not in hints:
                raise TypeError(f"parameter {p.name!r} has no annotation")
            strategy = strategy_for(hints[p.name])
            if p.kind is p.KEYWORD_ONLY:
                keyword[p.name] = strategy
            else:
                positional.append(strategy)
    except Exception as exc:  # a hint we cannot generate: say so, do not fail the run
        result.error = f"cannot derive inputs: {type(exc).__name__}: {exc}"
        return result

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
    )
    @given(st.tuples(*positional), st.fixed_dictionaries(keyword))
    def probe(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        before = copy.deepcopy((args, kwargs))
        wasm_args, wasm_kwargs = copy.deepcopy((args, kwargs))
        try:
            with _time_limit(timeout):
                expected = run("python", python, args, kwargs)
        except _Timeout:
            result.timeouts += 1
            reject()
        got = run("wasm", wasm, wasm_args, wasm_kwargs)
        result.examples += 1
        mutated = not same_value(args, wasm_args) or not same_value(kwargs, wasm_kwargs)
        if same_outcome(expected, got) and not mutated:
            return
        result.mismatch = Mismatch(
            before[0],
            before[1],
            expected,
            got,
            (args, kwargs) if mutated else None,
            (wasm_args, wasm_kwargs) if mutated else None,
        )
        raise _Found(name)

    if seed is not None:
        probe = hseed(seed)(probe)
    with suppress(_Found):
        probe()
    m = result.mismatch
    if m is not None:
        result.regression = regression_test(
            module,
            name,
            m.args,
            m.kwargs,
            m.python,
            m.python_after,
            result.describe(),
        )
    return result


# -- the regression test ----------------------------------------------------------------------


def literal(value: Any) -> str:
    """Python source that evaluates to `value` (nan and infinities included)."""
    if isinstance(value, float):
        if math.isnan(value):
            return 'float("nan")'
        if math.isinf(value):
            return 'float("inf")' if value > 0 else '-float("inf")'
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (set, frozenset)) and value:
        body = "{" + ", ".join(literal(v) for v in value) + "}"
        return body if isinstance(value, set) else f"frozenset({body})"
    return repr(value)


def _value_checks(expr: str, value: Any) -> tuple[list[str], bool]:
    """Assertion lines that `expr` is exactly `value`; and whether `math` is needed."""
    if value is None or isinstance(value, bool):
        return [f"assert {expr} is {value!r}"], False
    if isinstance(value, float):
        if math.isnan(value):
            return [f"assert type({expr}) is float and math.isnan({expr})"], True
        lines = [f"assert type({expr}) is float and {expr} == {literal(value)}"]
        if value == 0.0:
            sign = math.copysign(1.0, value)
            return [*lines, f"assert math.copysign(1.0, {expr}) == {sign!r}"], True
        return lines, False
    if type(value) in (int, str, bytes):
        kind = type(value).__name__
        return [f"assert type({expr}) is {kind} and {expr} == {literal(value)}"], False
    return [f"assert repr({expr}) == {repr(value)!r}"], False


def regression_test(
    module: str,
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    python: Outcome,
    python_after: tuple[tuple[Any, ...], dict[str, Any]] | None,
    description: str,
) -> str:
    """A pytest test asserting CPython's outcome of one call (ready to paste into a test file)."""
    needs_math = False
    body: list[str] = []
    mutable = python_after is not None
    call_parts: list[str] = []
    for i, a in enumerate(args):
        if mutable:
            body.append(f"arg{i} = {literal(a)}")
            call_parts.append(f"arg{i}")
        else:
            call_parts.append(literal(a))
    for k, v in kwargs.items():
        if mutable:
            body.append(f"kw_{k} = {literal(v)}")
            call_parts.append(f"{k}=kw_{k}")
        else:
            call_parts.append(f"{k}={literal(v)}")
    call = f"{name}({', '.join(call_parts)})"
    raises = python.kind == "raise"
    if raises:
        exc = python.value
        cls = type(exc)
        qual = cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__name__}"
        body.append(f"with pytest.raises({qual}) as excinfo:")
        body.append(f"    {call}")
        body.append(f"assert type(excinfo.value) is {qual}")
        body.append(f"assert excinfo.value.args == {literal(exc.args)}")
        if cls.__module__ != "builtins":
            body.insert(0, f"import {cls.__module__}")
    else:
        body.append(f"result = {call}")
        lines, m = _value_checks("result", python.value)
        body.extend(lines)
        needs_math |= m
    if python_after is not None:
        after_args, after_kwargs = python_after
        for i, a in enumerate(after_args):
            lines, m = _value_checks(f"arg{i}", a)
            body.extend(lines)
            needs_math |= m
        for k, v in after_kwargs.items():
            lines, m = _value_checks(f"kw_{k}", v)
            body.extend(lines)
            needs_math |= m
    out = "".join(text for fd, text in python.output if fd == 1)
    err = "".join(text for fd, text in python.output if fd == 2)
    fixture = 'capsys: "pytest.CaptureFixture[str]"' if python.output else ""
    if fixture:
        body.append(f"assert capsys.readouterr() == ({out!r}, {err!r})")
    imports = []
    if needs_math:
        imports.append("import math")
    if raises or fixture:
        imports.append("import pytest")
    imports.append(f"from {module} import {name}")
    safe = "".join(c if c.isalnum() else "_" for c in name)
    notes = [line.strip() for line in description.splitlines()[1:]]
    text = [
        f"def test_{safe}_matches_cpython({fixture}) -> None:",
        "    # Found by `pytest --portalis-fuzz`: CPython and WASM disagreed on this call.",
        *[f"    # {line}" for line in notes],
        *[f"    {line}" for line in imports],
        "",
        *[f"    {line}" for line in body],
    ]
    return "\n".join(text) + "\n"
