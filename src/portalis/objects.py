"""Calls whose arguments or result hold instances, dicts or lists of lists.

The host side of the tracked encoding in rt/abi.rs. Every argument goes
through the byte buffer. Lists and instances are numbered as they are
encoded, parents first, exactly as WASM's tracked reader remembers them; a
list or dict reachable twice is sent the second time as a reference to its
number, so WASM sees one object too (an instance reachable twice still makes
the call run in CPython).
After the call WASM writes each numbered object's final contents and the
host updates its own objects in place, so every mutation CPython would have
made (`self.count += 1`, `self.items.append(x)`, `pts[0].x = 5`) is visible
through every alias, and results refer to the caller's objects by number.
Dicts are numbered like lists; a dict's write-back is its final contents in
insertion order, applied with clear() + update() on the caller's own dict
(the same object, the same order CPython's in-place mutations leave). Lists
of lists take this path too whenever the function may mutate a list: the
inner lists are then numbered and copied back one by one.

An argument is accepted only if it is exactly the annotated type: instances
must be of the class itself (`type(p) is Point`, not a subclass) and have
each attribute the translation knows, with exactly its type; anything else
runs in CPython.
"""

from __future__ import annotations

import ctypes
import functools
import struct
from collections.abc import Callable
from typing import Any

from . import wasm as w
from .errors import WasmMemoryError, WasmTimeoutError, WasmTrapError
from .marshal import (
    NOT_SCALAR,
    T_ALIAS,
    T_BACKREF,
    T_LIST,
    T_NONE,
    T_TUPLE,
    Reader,
    _Mismatch,
    encode_scalar,
    parse_type,
)
from .translate.model import Export

T_INTS, T_FLOATS = 10, 11  # list[int] / list[float] as one block (rt/abi.rs)
T_OBJ = 12
T_DICT = 13
_I = struct.Struct("<I")
_III = struct.Struct("<BII")
_MISSING = object()


class _ClassInfo:
    def __init__(self, index: int, cls: type, fields: list[tuple[str, Any]]) -> None:
        self.index = index
        self.cls = cls
        self.fields = fields
        self.names = [f for f, _ in fields]
        # Class attributes an instance attribute of the same name would hide
        # from CPython (translated code reads the class's).
        self.shadowable = {k for k in vars(cls) if not k.startswith("__")} - set(self.names)


class _Encoder:
    def __init__(self, classes: dict[str, _ClassInfo]) -> None:
        self.classes = classes
        self.out = bytearray()
        self.objs: list[Any] = []
        self.seen: dict[int, int] = {}

    def _object(self, value: Any) -> None:
        if id(value) in self.seen:
            raise _Mismatch  # one instance twice: WASM would make two
        self.seen[id(value)] = len(self.objs)
        self.objs.append(value)

    def _shared(self, value: Any) -> bool:
        """A list/dict already numbered goes as a reference to its number (rt/abi.rs)."""
        k = self.seen.get(id(value))
        if k is None:
            self._object(value)
            return False
        self.out.append(T_ALIAS)
        self.out += _I.pack(k)
        return True

    def encode(self, value: Any, t: tuple[Any, ...]) -> None:
        kind = t[0]
        out = self.out
        if encode_scalar(value, kind, out):
            return
        tv = type(value)
        if kind == "list":
            if tv is not list:
                raise _Mismatch
            if self._shared(value):
                return
            out.append(T_LIST)
            out += _I.pack(len(value))
            for item in value:
                self.encode(item, t[1])
        elif kind == "dict":
            if tv is not dict:
                raise _Mismatch
            if self._shared(value):
                return
            key_t, value_t = t[1]
            out.append(T_DICT)
            out += _I.pack(len(value))
            for k, v in value.items():
                self.encode(k, key_t)
                self.encode(v, value_t)
        elif kind == "optional":
            if value is None:
                out.append(T_NONE)
            else:
                self.encode(value, t[1])
        elif kind == "tuple":
            if tv is not tuple or len(value) != len(t[1]):
                raise _Mismatch
            out.append(T_TUPLE)
            out += _I.pack(len(value))
            for item, item_t in zip(value, t[1]):
                self.encode(item, item_t)
        else:
            info = self.classes.get(kind)
            if info is None or tv is not info.cls:
                raise _Mismatch
            self._object(value)
            d = getattr(value, "__dict__", None)
            if d is not None and len(d) > len(info.fields) and not info.shadowable.isdisjoint(d):
                raise _Mismatch
            out += _III.pack(T_OBJ, info.index, len(info.fields))
            for name, ft in info.fields:
                self.encode(_attribute(value, name), ft)


def _attribute(obj: Any, name: str) -> Any:
    """The instance's own attribute (never a class attribute or a property)."""
    d = getattr(obj, "__dict__", None)
    if d is not None and name in d:
        return d[name]
    for klass in type(obj).__mro__:
        slot = klass.__dict__.get(name)
        if slot is not None and type(slot).__name__ == "member_descriptor":
            value = getattr(obj, name, _MISSING)
            if value is not _MISSING:
                return value
    raise _Mismatch


class _Decoder(Reader):
    def __init__(self, data: bytes, objs: list[Any], by_index: list[_ClassInfo]) -> None:
        super().__init__(data)
        self.objs = objs
        self.by_index = by_index
        self.made: list[Any] = []
        self.into: Any = None  # __init__: the first new instance is this object

    def value(self) -> Any:
        tag = self.take(1)[0]
        v = self.scalar(tag)
        if v is not NOT_SCALAR:
            return v
        if tag == T_LIST:
            n = self.u32()
            items: list[Any] = []
            self.made.append(items)
            for _ in range(n):
                items.append(self.value())
            return items
        if tag in (T_INTS, T_FLOATS):
            flat = self.flat(tag)
            self.made.append(flat)
            return flat
        if tag == T_TUPLE:
            n = self.u32()
            return tuple(self.value() for _ in range(n))
        if tag == T_DICT:
            d: dict[Any, Any] = {}
            self.made.append(d)  # numbered before its items, as WASM wrote it
            d.update(self._pairs())
            return d
        if tag == T_ALIAS:
            return self.objs[self.u32()]
        if tag == T_BACKREF:
            return self.made[self.u32()]
        if tag == T_OBJ:
            info = self._header()
            if self.into is not None:
                obj, self.into = self.into, None
            else:
                obj = object.__new__(info.cls)
            self.made.append(obj)
            for name in info.names:
                object.__setattr__(obj, name, self.value())
            return obj
        raise WasmTrapError(f"malformed WASM result: tag {tag}")

    def _pairs(self) -> list[tuple[Any, Any]]:
        pairs = []
        for _ in range(self.u32()):
            k = self.value()
            pairs.append((k, self.value()))
        return pairs

    def _header(self) -> _ClassInfo:
        index, n = self.u32(), self.u32()
        if index >= len(self.by_index) or len(self.by_index[index].names) != n:
            raise WasmTrapError("malformed WASM result: instance header")
        return self.by_index[index]

    def write_back(self, obj: Any) -> None:
        """Apply one tracked object's final contents to the host's object."""
        tag = self.take(1)[0]
        if tag == T_LIST:
            n = self.u32()
            obj[:] = [self.value() for _ in range(n)]
        elif tag in (T_INTS, T_FLOATS):
            obj[:] = self.flat(tag)
        elif tag == T_DICT:
            pairs = self._pairs()
            if len(obj) == len(pairs) and all(a == b for a, (b, _) in zip(obj, pairs)):
                for k, v in pairs:  # the same keys in the same order: values only
                    if obj[k] is not v:
                        obj[k] = v
            else:
                obj.clear()
                obj.update(pairs)
        elif tag == T_OBJ:
            info = self._header()
            for name in info.names:
                value = self.value()
                if _attribute_or_missing(obj, name) is not value:
                    object.__setattr__(obj, name, value)
        else:
            raise WasmTrapError(f"malformed WASM write-back: tag {tag}")


def _attribute_or_missing(obj: Any, name: str) -> Any:
    try:
        return _attribute(obj, name)
    except _Mismatch:
        return _MISSING


def resolve_classes(export: Export, namespace: dict[str, Any]) -> list[_ClassInfo]:
    """The module's class objects for the export's class table (ValueError if changed)."""
    out = []
    for index, (name, fields) in enumerate(export.classes):
        cls = namespace.get(name)
        if not isinstance(cls, type) or cls.__qualname__ != name:
            raise ValueError(f"class {name} was rebound at run time")
        out.append(_ClassInfo(index, cls, [(f, parse_type(t)) for f, t in fields]))
    return out


def make_object_wrapper(
    inst: w.WasmInstance,
    export: Export,
    original: Callable[..., Any],
    stats: Any,
    *,
    on_failure: str = "fallback",
) -> Callable[..., Any]:
    by_index = resolve_classes(export, original.__globals__)
    classes = {info.cls.__qualname__: info for info in by_index}
    params = [parse_type(p.type) for p in export.params]
    result_t = parse_type(export.returns)
    is_init = export.name.endswith(".__init__")
    fp = inst.func_address(export.symbol)
    buf = (ctypes.c_int64 * 2)()
    i32 = (ctypes.c_int32 * 4).from_buffer(buf)
    sig = _signature(original)
    n_args = len(export.params)
    # A classmethod's `cls` is not an export parameter: it must be the class itself
    # (a subclass defined in Python would construct its own instances).
    owner = original.__globals__.get(export.name.split(".")[0]) if "." in export.name else None
    takes_cls = len(sig.parameters) == n_args + 1
    names = list(sig.parameters)[1 if takes_cls else 0 :]
    if names != [p.name for p in export.params] or original.__code__.co_flags & 0x0C:
        raise ValueError(f"signature of {export.name} changed since translation")

    def run_python(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return original(*args, **kwargs)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError:
            return run_python(args, kwargs)  # CPython raises the exact TypeError itself
        bound.apply_defaults()
        values = list(bound.arguments.values())
        if takes_cls:
            if values[0] is not owner:
                return run_python(args, kwargs)
            values = values[1:]
        if len(values) != n_args:
            return run_python(args, kwargs)
        enc = _Encoder(classes)
        try:
            start = 0
            if is_init:
                target = values[0]
                # Only a fresh instance of the class itself, with no attributes yet.
                if type(target) is not by_index[classes_index(export)].cls or _has_state(target):
                    raise _Mismatch
                start = 1
            for value, t in zip(values[start:], params[start:]):
                enc.encode(value, t)
        except _Mismatch:
            stats.type_fallbacks += 1
            return run_python(args, kwargs)
        data = bytes(enc.out)
        with inst.lock:
            ptr = inst._util_call("__portalis_args_reserve", len(data)) & 0xFFFFFFFF
            if data:
                inst.memory.write(inst.store, data, ptr)
            if inst.time_limit is not None:
                w.set_epoch_deadline(inst.ctx, inst.deadline_arg)
            err = w.call_unchecked(inst.ctx, fp, ctypes.addressof(buf), 1, inst.trap_addr)
            if err or inst.trap:
                trap = inst.recover(err)
                stats.traps += 1
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
            return run_python(args, kwargs)
        if error is not None and (error[0] == w.STATUS_BAIL or is_init):
            # A bail, or __init__ raising part-way (CPython would have left the
            # attributes assigned so far on the object): CPython runs it all.
            stats.bails += error[0] == w.STATUS_BAIL
            return run_python(args, kwargs)
        if out is not None:
            from .calls import emit_output

            emit_output(out)
        dec = _Decoder(result, enc.objs, by_index)
        if is_init:
            dec.into = values[0]
        value = dec.value() if error is None else None
        for obj in enc.objs:
            dec.write_back(obj)
        if error is not None:
            stats.exceptions += 1
            _, kind, msg = error
            w.throw(kind, msg, (original.__globals__, export.exc_classes))
        if is_init or result_t[0] == "None":
            return None
        return value

    wrapper.__wrapped__ = original  # type: ignore[attr-defined]
    return wrapper


def _read_result(inst: w.WasmInstance) -> bytes:
    """The result buffer WASM published (rt/abi.rs `result_info`)."""
    ptr = inst._util_call("__portalis_result_info") & 0xFFFFFFFF
    head = inst.memory.read(inst.store, ptr, ptr + 8)
    data_ptr = int.from_bytes(head[:4], "little")
    size = int.from_bytes(head[4:], "little")
    return bytes(inst.memory.read(inst.store, data_ptr, data_ptr + size)) if size else b""


@functools.cache
def _signature(fn: Callable[..., Any]) -> Any:
    import inspect

    return inspect.signature(fn)


def classes_index(export: Export) -> int:
    owner = export.name.split(".")[0]
    return [name for name, _ in export.classes].index(owner)


def _has_state(obj: Any) -> bool:
    if getattr(obj, "__dict__", None):
        return True
    for klass in type(obj).__mro__:
        for name in getattr(klass, "__slots__", ()):
            if hasattr(obj, name):
                return True
    return False


__all__ = ["make_object_wrapper", "resolve_classes"]
