"""Crossing the boundary with str, list and tuple values (the host side of rt/abi.rs).

Arguments are type-checked exactly while they are encoded: anything that is
not precisely the annotated type (a bool where an int is expected, a tuple
for a list, a str with lone surrogates, an int beyond 64 bits) makes the
call run in CPython instead. So does one list reachable twice from the
arguments: WASM would see two lists where CPython has one.

After the call, lists the function may have mutated are written back into
the caller's objects (also when it raised), and the result is decoded with
CPython's object identities: `return xs` gives back the caller's own list.

Speed (bench/bench_boundary.py): the wrapper is generated with the original
signature (no `inspect` binding per call); `list[int]` and `list[float]`
cross as one flat block of 8-byte words (struct packing and an `array`
read, no per-element Python work besides one exact-type count); memory is
written and read with `memmove`/`string_at` at the address wasmtime reports
after each call, and the two runtime helper calls go through pre-resolved
function slots.
"""

from __future__ import annotations

import ctypes
import functools
import operator
import struct
import sys
import threading
from array import array
from collections.abc import Callable
from typing import Any, Final

from wasmtime import _ffi as ffi

from . import wasm as w
from .errors import WasmMemoryError, WasmTimeoutError, WasmTrapError
from .translate.model import Export

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
SCALARS = ("int", "float", "bool", "None")

T_INT, T_FLOAT, T_BOOL, T_NONE, T_STR, T_LIST, T_TUPLE, T_ALIAS, T_BACKREF = range(1, 10)
# list[int] / list[float] as one block: u32 count + count little-endian 8-byte words.
T_INTS, T_FLOATS = 10, 11
_LITTLE = sys.byteorder == "little"
_count_of = operator.countOf
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
    if base == "dict":
        return ("dict", args)
    return ("list", args[0]) if base == "list" else ("tuple", args)


class _Mismatch(Exception):
    pass


def encode_scalar(value: Any, kind: str, out: bytearray) -> bool:
    """Append `value` as the scalar `kind`; False when `kind` is not a scalar.

    One place for the exact-type rules (no bool for int, no subclass, i64 range,
    encodable str) shared by this encoder and objects.py's, so a value that
    re-runs in CPython on one path does on the other.
    """
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
    else:
        return False
    return True


def _encode(value: Any, t: Type, out: bytearray, seen: set[int]) -> None:
    kind = t[0]
    if encode_scalar(value, kind, out):
        return
    tv = type(value)
    if kind == "list":
        if tv is not list or id(value) in seen:
            raise _Mismatch
        seen.add(id(value))
        item_t = t[1]
        n = len(value)
        if item_t == ("int",):
            # One C-level pass checks every item is exactly an int (no bool,
            # no subclass); struct rejects anything beyond 64 bits.
            if _count_of(map(type, value), int) != n:
                raise _Mismatch
            out.append(T_INTS)
            out += _I.pack(n)
            try:
                out += struct.pack(f"<{n}q", *value)
            except struct.error:
                raise _Mismatch from None
            return
        if item_t == ("float",):
            if _count_of(map(type, value), float) != n:
                raise _Mismatch
            out.append(T_FLOATS)
            out += _I.pack(n)
            out += struct.pack(f"<{n}d", *value)
            return
        out.append(T_LIST)
        out += _I.pack(n)
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


NOT_SCALAR: Final = object()


class Reader:
    """A cursor over a result buffer in rt/abi.rs's format.

    Holds what both decoders (this module's and objects.py's) read the same
    way: bounds-checked takes, scalars and flat int/float blocks; each decoder
    adds its own containers and numbering.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        if len(chunk) != n:
            raise WasmTrapError("malformed WASM result: truncated")
        self.pos += n
        return chunk

    def u32(self) -> int:
        return int(_I.unpack(self.take(4))[0])

    def scalar(self, tag: int) -> Any:
        """The int/float/bool/None/str `tag` introduces, or NOT_SCALAR."""
        if tag == T_INT:
            return _Q.unpack(self.take(8))[0]
        if tag == T_FLOAT:
            return _D.unpack(self.take(8))[0]
        if tag == T_BOOL:
            return self.take(1)[0] != 0
        if tag == T_NONE:
            return None
        if tag == T_STR:
            return self.take(self.u32()).decode("utf-8")
        return NOT_SCALAR

    def flat(self, tag: int) -> list[Any]:
        """A T_INTS/T_FLOATS block as a new list (one copy into an array)."""
        n = self.u32()
        block = array("q" if tag == T_INTS else "d")
        end = self.pos + 8 * n
        if end > len(self.data):
            raise WasmTrapError("malformed WASM result: truncated")
        block.frombytes(memoryview(self.data)[self.pos : end])
        self.pos = end
        if not _LITTLE:
            block.byteswap()
        return block.tolist()


class _Decoder(Reader):
    def __init__(self, data: bytes, args: list[list[Any]]) -> None:
        super().__init__(data)
        self.args = args
        self.lists: list[list[Any]] = []

    def value(self) -> Any:
        tag = self.take(1)[0]
        v = self.scalar(tag)
        if v is not NOT_SCALAR:
            return v
        if tag == T_LIST:
            n = self.u32()
            items: list[Any] = []
            self.lists.append(items)
            for _ in range(n):
                items.append(self.value())
            return items
        if tag in (T_INTS, T_FLOATS):
            items = self.flat(tag)
            self.lists.append(items)
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


# ctypes prototypes of our own over wasmtime's C API (as wasm.py does for calls):
# PYFUNCTYPE keeps the GIL for these two tiny getters.
_MEMORY_DATA = ctypes.PYFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(
    ctypes.cast(ffi.dll.wasmtime_memory_data, ctypes.c_void_p).value or 0
)
_MEMORY_SIZE = ctypes.PYFUNCTYPE(ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p)(
    ctypes.cast(ffi.dll.wasmtime_memory_data_size, ctypes.c_void_p).value or 0
)

_U64 = ctypes.c_uint64.__ctype_le__  # type: ignore[attr-defined]  # WASM is little-endian

#: Returned by the call implementation when the call must run in CPython.
_FALLBACK = object()


class _Helpers:
    """The runtime's args_reserve/result_info exports, called without wasmtime-py's wrappers.

    One per instance (every marshalled wrapper of a module shares it), used
    with the instance lock held. The argument buffer is reserved for every
    call (other paths, objects.py, reserve it too, which may move it);
    function slots are re-resolved when the instance is re-created after a
    trap, which `inst.instance` identity tells.
    """

    def __init__(self, inst: w.WasmInstance) -> None:
        self.inst = inst
        self.instance: Any = None
        self.reserve = ffi.wasmtime_func_t()
        self.info = ffi.wasmtime_func_t()
        self.buf = (ctypes.c_int64 * 2)()
        self.bufp = ctypes.c_void_p(ctypes.addressof(self.buf))
        self.two = ctypes.c_size_t(2)
        self.trapp = ctypes.c_void_p(inst.trap_addr)
        self.reserve_p = ctypes.c_void_p(ctypes.addressof(self.reserve))
        self.info_p = ctypes.c_void_p(ctypes.addressof(self.info))
        self.mem_base = 0
        self.mem_size = -1

    @staticmethod
    def of(inst: w.WasmInstance) -> _Helpers:
        helpers: _Helpers | None = getattr(inst, "_portalis_marshal", None)
        if helpers is None:
            helpers = _Helpers(inst)
            inst._portalis_marshal = helpers  # type: ignore[attr-defined]
        return helpers

    def refresh(self) -> None:
        inst = self.inst
        if self.instance is not inst.instance:
            ctypes.pointer(self.reserve)[0] = inst._exports["__portalis_args_reserve"]._func
            ctypes.pointer(self.info)[0] = inst._exports["__portalis_result_info"]._func
            self.instance = inst.instance
            self.mem_size = -1

    def call(self, slot: Any, arg: int = 0) -> int:
        inst = self.inst
        if inst.epoch:
            w.set_epoch_deadline(inst.ctx, w.NO_DEADLINE)
        self.buf[0] = arg
        err = w.call_unchecked(inst.ctx, slot, self.bufp, self.two, self.trapp)
        if err or inst.trap:
            inst.recover(err)
            raise RuntimeError("WASM runtime helper call trapped")
        return int(self.buf[0]) & 0xFFFFFFFF

    def memory(self) -> tuple[int, int]:
        """(address, size) of linear memory now.

        Memory only ever grows, and its address can change only when it
        does: an unchanged size means the remembered address is still right.
        """
        inst = self.inst
        mem = ctypes.addressof(inst.memory._memory)
        size: int = _MEMORY_SIZE(inst.ctx, mem)
        if size != self.mem_size:
            self.mem_base = _MEMORY_DATA(inst.ctx, mem) or 0
            self.mem_size = size
        return self.mem_base, size

    def write_args(self, data: bytearray) -> None:
        n = len(data)
        ptr = self.call(self.reserve_p, n)
        if n:
            # The runtime allocated these n bytes, so they lie inside linear memory.
            base, _ = self.memory()
            # `raw` takes any buffer: no intermediate bytes copy.
            (ctypes.c_char * n).from_address(base + ptr).raw = data  # type: ignore[assignment]

    def read_result(self) -> bytes:
        ptr = self.call(self.info_p)
        base, size = self.memory()
        if ptr + 8 > size:
            raise WasmTrapError("WASM result record lies outside linear memory")
        head = _U64.from_address(base + ptr).value  # BufInfo { ptr: u32, len: u32 }
        data_ptr = head & 0xFFFFFFFF
        n = head >> 32
        if not n:
            return b""
        if data_ptr + n > size:
            raise WasmTrapError("WASM result buffer lies outside linear memory")
        return (ctypes.c_char * n).from_address(base + data_ptr).raw


def make_marshalled_wrapper(
    inst: w.WasmInstance,
    export: Export,
    original: Callable[..., Any],
    stats: Any,
    *,
    on_failure: str = "fallback",
) -> Callable[..., Any]:
    """A wrapper for exports whose signature has str/list/tuple values.

    Generated with the original signature (see calls._param_source), so
    Python itself binds the arguments, applies defaults and raises CPython's
    own TypeError for a wrong call. The body hands the values to `call`;
    any type mismatch, bail, trap or recursion-budget exhaustion re-runs the
    call in CPython, which is always exact.
    """
    from .calls import DEFAULT_DEPTH_BUDGET, _param_source, recursion_ceiling, stack_depth

    names, params_src, call_src, defaults = _param_source(original)
    params = [(p.name, parse_type(p.type)) for p in export.params]
    encoded = [(i, t) for i, (_, t) in enumerate(params) if t[0] not in SCALARS]
    scalars = [(i, t[0]) for i, (_, t) in enumerate(params) if t[0] in SCALARS]
    result_none = parse_type(export.returns)[0] == "None"
    list_arg_positions = [i for i, t in encoded if t[0] == "list"]
    copyback = [i for i, (name, _) in enumerate(params) if name in set(export.copyback)]
    n = max(len(scalars), 1)
    buf = (ctypes.c_int64 * (2 * n))()
    f64 = (ctypes.c_double * (2 * n)).from_buffer(buf)
    i32 = (ctypes.c_int32 * (4 * n)).from_buffer(buf)
    # Ready-made ctypes arguments (no int conversion per call; see calls.py).
    fp = ctypes.c_void_p(inst.func_address(export.symbol))
    bufp = ctypes.c_void_p(ctypes.addressof(buf))
    n_arg = ctypes.c_size_t(n)
    trapp = ctypes.c_void_p(inst.trap_addr)
    helpers = _Helpers.of(inst)
    prints = export.prints

    def put_scalars(values: list[Any]) -> bool:
        for k, (i, kind) in enumerate(scalars):
            v = values[i]
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

    def call(values: list[Any]) -> Any:
        data = bytearray()
        seen: set[int] = set()
        try:
            for i, t in encoded:
                _encode(values[i], t, data, seen)
        except _Mismatch:
            stats.type_fallbacks += 1
            return _FALLBACK
        with inst.lock:
            if not put_scalars(values):
                stats.type_fallbacks += 1
                return _FALLBACK
            helpers.refresh()
            helpers.write_args(data)
            if inst.time_limit is not None:
                w.set_epoch_deadline(inst.ctx, inst.deadline_arg)
            err = w.call_unchecked(inst.ctx, fp, bufp, n_arg, trapp)
            if err or inst.trap:
                trap = inst.recover(err)
                stats.traps += 1
            else:
                trap = None
                status = int(i32[0])
                result = helpers.read_result()
                error = inst.take_error() if status != 0 else None
                out = inst.take_output() if prints else None
        if trap is not None:
            if trap.kind == w.TRAP_TIMEOUT:
                raise WasmTimeoutError(f"{export.name}() ran longer than the time limit")
            if trap.kind == w.TRAP_MEMORY:
                raise WasmMemoryError(f"{export.name}() needed more memory than the limit")
            if trap.kind != w.TRAP_STACK and on_failure == "error":
                raise WasmTrapError(f"{export.name}() trapped in WASM: {trap.message}")
            return _FALLBACK
        if error is not None and error[0] == w.STATUS_BAIL:
            stats.bails += 1
            if error[1] == w.BAIL_DEPTH:
                # Frame 1 is the generated wrapper: the depth the old bound wrapper had.
                return too_deep(sys._getframe(1), values)
            return _FALLBACK
        if out is not None:
            from .calls import emit_output

            emit_output(out)
        dec = _Decoder(result, [values[i] for i in list_arg_positions])
        value = dec.value() if error is None else None
        for i in copyback:
            values[i][:] = dec.value()
        if error is not None:
            stats.exceptions += 1
            _, kind, msg = error
            w.throw(kind, msg, (original.__globals__, export.exc_classes))
        return None if result_none else value

    retrying = threading.local()

    def too_deep(frame: Any, values: list[Any]) -> Any:
        """The recursion budget ran out: decide exactly as CPython would (see calls.py)."""
        ceiling, message = recursion_ceiling()
        budget = ceiling - stack_depth(frame) + 1
        if getattr(retrying, "active", False) or budget <= DEFAULT_DEPTH_BUDGET:
            raise RecursionError(message)
        with inst.lock:
            retrying.active = True
            inst.set_depth_budget(budget)
            try:
                return call(values)
            finally:
                retrying.active = False
                inst.set_depth_budget(DEFAULT_DEPTH_BUDGET)

    src = f"""
def {export.name}({params_src}):
    _r = _call([{", ".join(names)}])
    if _r is _FALLBACK:
        return _py({call_src})
    return _r
"""
    namespace: dict[str, Any] = {"_call": call, "_FALLBACK": _FALLBACK, "_py": original}
    namespace.update(defaults)
    exec(compile(src, f"<portalis wrapper {export.name}>", "exec"), namespace)
    wrapper: Callable[..., Any] = namespace[export.name]
    functools.update_wrapper(wrapper, original)
    wrapper.__kwdefaults__ = original.__kwdefaults__
    wrapper.__defaults__ = original.__defaults__
    return wrapper
