"""Crossing the boundary with str, list and tuple values (the host side of rt/abi.rs).

Arguments are type-checked exactly while they are encoded: anything that is
not precisely the annotated type (a bool where an int is expected, a tuple
for a list, a str with lone surrogates, an int beyond 64 bits) makes the
call run in CPython instead. So does one list reachable twice from the
arguments: WASM would see two lists where CPython has one.

After the call, lists the function may have mutated are written back into
the caller's objects (also when it raised), and the result is decoded with
CPython's object identities: `return xs` gives back the caller's own list.
"""

from __future__ import annotations

import ctypes
import functools
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any

from . import wasm as w
from .errors import WasmMemoryError, WasmTimeoutError, WasmTrapError
from .translate.model import Export

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
SCALARS = ("int", "float", "bool", "None")

T_INT, T_FLOAT, T_BOOL, T_NONE, T_STR, T_LIST, T_TUPLE, T_ALIAS, T_BACKREF = range(1, 10)
_Q = struct.Struct("<q")
_D = struct.Struct("<d")
_I = struct.Struct("<I")

Type = tuple[Any, ...]


def parse_type(text: str) -> Type:
    """ "list[tuple[int, str]]" -> ("list", ("tuple", (("int",), ("str",))))."""
    text = text.strip()
    if "[" not in text:
        return (text,)
    base, inner = text.split("[", 1)
    inner = inner[:-1]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    args = tuple(parse_type(p) for p in parts)
    if base == "optional":
        return ("optional", args[0])
    return ("list", args[0]) if base == "list" else ("tuple", args)


class _Mismatch(Exception):
    pass


def _encode(value: Any, t: Type, out: bytearray, seen: set[int]) -> None:
    kind = t[0]
    tv = type(value)
    if kind == "int":
        if tv is not int or not I64_MIN <= value <= I64_MAX:
            raise _Mismatch
        out.append(T_INT)
        out += _Q.pack(value)
    elif kind == "float":
        if tv is not float:
            raise _Mismatch
        out.append(T_FLOAT)
        out += _D.pack(value)
    elif kind == "bool":
        if tv is not bool:
            raise _Mismatch
        out.append(T_BOOL)
        out.append(1 if value else 0)
    elif kind == "None":
        if value is not None:
            raise _Mismatch
        out.append(T_NONE)
    elif kind == "str":
        if tv is not str:
            raise _Mismatch
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError:
            raise _Mismatch from None
        out.append(T_STR)
        out += _I.pack(len(data))
        out += data
    elif kind == "list":
        if tv is not list or id(value) in seen:
            raise _Mismatch
        seen.add(id(value))
        out.append(T_LIST)
        out += _I.pack(len(value))
        item_t = t[1]
        for item in value:
            _encode(item, item_t, out, seen)
    elif kind == "optional":
        if value is None:
            out.append(T_NONE)
        else:
            _encode(value, t[1], out, seen)
    elif kind == "tuple":
        if tv is not tuple or len(value) != len(t[1]):
            raise _Mismatch
        out.append(T_TUPLE)
        out += _I.pack(len(value))
        for item, item_t in zip(value, t[1]):
            _encode(item, item_t, out, seen)
    else:  # pragma: no cover - the translator only exports these types
        raise _Mismatch


class _Decoder:
    def __init__(self, data: bytes, args: list[list[Any]]) -> None:
        self.data = data
        self.pos = 0
        self.args = args
        self.lists: list[list[Any]] = []

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        if len(chunk) != n:
            raise WasmTrapError("malformed WASM result: truncated")
        self.pos += n
        return chunk

    def value(self) -> Any:
        tag = self.take(1)[0]
        if tag == T_INT:
            return _Q.unpack(self.take(8))[0]
        if tag == T_FLOAT:
            return _D.unpack(self.take(8))[0]
        if tag == T_BOOL:
            return self.take(1)[0] != 0
        if tag == T_NONE:
            return None
        if tag == T_STR:
            (n,) = _I.unpack(self.take(4))
            return self.take(n).decode("utf-8")
        if tag == T_LIST:
            (n,) = _I.unpack(self.take(4))
            items: list[Any] = []
            self.lists.append(items)
            for _ in range(n):
                items.append(self.value())
            return items
        if tag == T_TUPLE:
            (n,) = _I.unpack(self.take(4))
            return tuple(self.value() for _ in range(n))
        if tag == T_ALIAS:
            return self.args[_I.unpack(self.take(4))[0]]
        if tag == T_BACKREF:
            return self.lists[_I.unpack(self.take(4))[0]]
        raise WasmTrapError(f"malformed WASM result: tag {tag}")


def needs_marshalling(export: Export) -> bool:
    return export.returns not in SCALARS or any(p.type not in SCALARS for p in export.params)


def make_marshalled_wrapper(
    inst: w.WasmInstance,
    export: Export,
    original: Callable[..., Any],
    stats: Any,
    *,
    on_failure: str = "fallback",
) -> Callable[..., Any]:
    """A wrapper for exports whose signature has str/list/tuple values.

    Slower than the scalar fast path (arguments are encoded in Python), and
    deliberately simple: any bail, trap or recursion-budget exhaustion re-runs
    the call in CPython, which is always exact.
    """
    params = [(p.name, parse_type(p.type)) for p in export.params]
    encoded = [(i, name, t) for i, (name, t) in enumerate(params) if t[0] not in SCALARS]
    scalars = [(i, name, t) for i, (name, t) in enumerate(params) if t[0] in SCALARS]
    result_t = parse_type(export.returns)
    list_arg_positions = [i for i, _, t in encoded if t[0] == "list"]
    copyback = {name for name in export.copyback}
    n = max(len(scalars), 1)
    buf = (ctypes.c_int64 * (2 * n))()
    f64 = (ctypes.c_double * (2 * n)).from_buffer(buf)
    i32 = (ctypes.c_int32 * (4 * n)).from_buffer(buf)
    fp = inst.func_address(export.symbol)
    code = original.__code__
    n_args = code.co_argcount + code.co_kwonlyargcount

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any] | None:
        try:
            bound = _signature(original).bind(*args, **kwargs)
        except TypeError:
            return None  # CPython raises the exact TypeError itself
        bound.apply_defaults()
        values = list(bound.arguments.values())
        return values if len(values) == n_args else None

    def put_scalar(k: int, t: Type, v: Any) -> bool:
        kind = t[0]
        tv = type(v)
        if kind == "int" and tv is int and I64_MIN <= v <= I64_MAX:
            buf[2 * k] = v
        elif kind == "float" and tv is float:
            f64[2 * k] = v
        elif kind == "bool" and tv is bool:
            i32[4 * k] = v
        else:
            return False
        return True

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = bind(args, kwargs)
        if values is None:
            return original(*args, **kwargs)
        data = bytearray()
        seen: set[int] = set()
        try:
            for i, _, t in encoded:
                _encode(values[i], t, data, seen)
        except _Mismatch:
            stats.type_fallbacks += 1
            return original(*args, **kwargs)
        with inst.lock:
            for k, (i, _, t) in enumerate(scalars):
                if not put_scalar(k, t, values[i]):
                    stats.type_fallbacks += 1
                    return original(*args, **kwargs)
            ptr = inst._util_call("__portalis_args_reserve", len(data)) & 0xFFFFFFFF
            if data:
                inst.memory.write(inst.store, bytes(data), ptr)
            if inst.time_limit is not None:
                w.set_epoch_deadline(inst.ctx, inst.deadline_arg)
            err = w.call_unchecked(inst.ctx, fp, ctypes.addressof(buf), n, inst.trap_addr)
            if err or inst.trap:
                info = inst.recover(err)
                stats.traps += 1
                trap = info
                status = None
            else:
                trap = None
                status = int(i32[0])
                result = _read_result(inst)
                error = inst.take_error() if status != 0 else None
                out = inst.take_output() if export.prints else None
        if trap is not None:
            if trap.kind == w.TRAP_TIMEOUT:
                raise WasmTimeoutError(f"{export.name}() ran longer than the time limit")
            if trap.kind == w.TRAP_MEMORY:
                raise WasmMemoryError(f"{export.name}() needed more memory than the limit")
            if trap.kind != w.TRAP_STACK and on_failure == "error":
                raise WasmTrapError(f"{export.name}() trapped in WASM: {trap.message}")
            return original(*args, **kwargs)
        if error is not None and error[0] == w.STATUS_BAIL:
            stats.bails += 1
            if error[1] == w.BAIL_DEPTH:
                return too_deep(sys._getframe(0), args, kwargs)
            return original(*args, **kwargs)
        if out is not None:
            from .calls import emit_output

            emit_output(out)
        list_args = [values[i] for i in list_arg_positions]
        dec = _Decoder(result, list_args)
        value = dec.value() if error is None else None
        for i, name, _ in encoded:
            if name in copyback:
                values[i][:] = dec.value()
        if error is not None:
            stats.exceptions += 1
            _, kind, msg = error
            w.throw(kind, msg, (original.__globals__, export.exc_classes))
        if result_t[0] == "None":
            return None
        return value

    retrying = threading.local()

    def too_deep(frame: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """The recursion budget ran out: decide exactly as CPython would (see calls.py)."""
        from .calls import DEFAULT_DEPTH_BUDGET, recursion_ceiling, stack_depth

        ceiling, message = recursion_ceiling()
        budget = ceiling - stack_depth(frame) + 1
        if getattr(retrying, "active", False) or budget <= DEFAULT_DEPTH_BUDGET:
            raise RecursionError(message)
        with inst.lock:
            retrying.active = True
            inst.set_depth_budget(budget)
            try:
                return wrapper(*args, **kwargs)
            finally:
                retrying.active = False
                inst.set_depth_budget(DEFAULT_DEPTH_BUDGET)

    wrapper.__wrapped__ = original  # type: ignore[attr-defined]
    return wrapper


def _read_result(inst: w.WasmInstance) -> bytes:
    ptr = inst._util_call("__portalis_result_info") & 0xFFFFFFFF
    head = inst.memory.read(inst.store, ptr, ptr + 8)
    data_ptr = int.from_bytes(head[:4], "little")
    size = int.from_bytes(head[4:], "little")
    return bytes(inst.memory.read(inst.store, data_ptr, data_ptr + size)) if size else b""


@functools.cache
def _signature(fn: Callable[..., Any]) -> Any:
    import inspect

    return inspect.signature(fn)
