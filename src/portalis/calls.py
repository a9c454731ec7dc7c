"""Typed Python wrappers around exported WASM functions.

For each translated function Portalis generates (once, at load time) a small
Python function with the original signature whose fast path is: exact type
checks, buffer writes, one C call, one read. Anything unusual leaves the fast
path: an argument of another type or out of i64 range, an exception or
"bail" reported by WASM, or a trap. A bail re-runs the call in CPython, so the
caller always gets CPython's answer.
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

from . import wasm as w
from .translate.model import Export

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
DEFAULT_DEPTH_BUDGET = 48


class CallStats:
    """Counters for the slow paths (the fast path counts nothing, to stay fast)."""

    __slots__ = ("bails", "exceptions", "traps", "type_fallbacks")

    def __init__(self) -> None:
        self.bails = 0
        self.exceptions = 0
        self.traps = 0
        self.type_fallbacks = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}


def stack_depth(frame: Any) -> int:
    depth = 0
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def _probe(k: int) -> None:
    _calibration["reached"] = k
    _probe(k + 1)


_calibration: dict[str, Any] = {}


def recursion_ceiling() -> tuple[int, str]:
    """(deepest stack depth a Python frame can have, CPython's RecursionError message).

    Measured, not computed: CPython's exact off-by-ones differ between
    versions. Re-measured when the recursion limit changes.
    """
    limit = sys.getrecursionlimit()
    if _calibration.get("limit") != limit:
        here = stack_depth(sys._getframe(0))
        message = "maximum recursion depth exceeded"
        try:
            _probe(1)
        except RecursionError as exc:
            message = str(exc)
        _calibration.update(limit=limit, ceiling=here + _calibration["reached"], message=message)
    return _calibration["ceiling"], _calibration["message"]


def _param_source(fn: Any) -> tuple[list[str], str, str, dict[str, Any]]:
    """(names, parameter list, call of the original, default objects) of `fn`.

    Read from the code object rather than `inspect.signature`: importing
    inspect alone would cost more than a whole cache-hit load.
    """
    code = fn.__code__
    n_pos = code.co_argcount
    n_posonly = code.co_posonlyargcount
    n_kwonly = code.co_kwonlyargcount
    names = list(code.co_varnames[: n_pos + n_kwonly])
    pos_defaults = fn.__defaults__ or ()
    kw_defaults = fn.__kwdefaults__ or {}
    first_default = n_pos - len(pos_defaults)
    defaults: dict[str, Any] = {}
    params: list[str] = []
    call: list[str] = []
    for i, name in enumerate(names):
        text = name
        if i < n_pos and i >= first_default:
            defaults[f"_d_{name}"] = pos_defaults[i - first_default]
            text += f"=_d_{name}"
        elif i >= n_pos and name in kw_defaults:
            defaults[f"_d_{name}"] = kw_defaults[name]
            text += f"=_d_{name}"
        if i == n_pos and n_kwonly:
            params.append("*")
        params.append(text)
        if i + 1 == n_posonly:
            params.append("/")
        call.append(f"{name}={name}" if i >= n_pos else name)
    return names, ", ".join(params), ", ".join(call), defaults


_CHECKS = {
    "int": "type({a}) is int and {lo} <= {a} <= {hi}",
    "float": "type({a}) is float",
    "bool": "type({a}) is bool",
}
_STORE = {"int": "_i64[{k2}] = {a}", "float": "_f64[{k2}] = {a}", "bool": "_i32[{k4}] = {a}"}
_LOAD = {"int": "_i64[0]", "float": "_f64[0]", "bool": "_i32[0]", "None": "_i32[0]"}
_FAST_RETURN = {
    "int": "if _r != _SENT: return _r",
    "float": "if _r == _r: return _r",
    "bool": "if _r == 0: return False\n    if _r == 1: return True",
    "None": "if _r == 0: return None",
}


def make_wrapper(
    inst: w.WasmInstance, export: Export, original: Callable[..., Any], stats: CallStats
) -> Callable[..., Any]:
    names, params_src, call_src, defaults = _param_source(original)
    if names != [p.name for p in export.params] or original.__code__.co_flags & 0x0C:
        raise ValueError(f"signature of {export.name} changed since translation")
    n = max(len(names), 1)
    buf = (ctypes.c_int64 * (2 * n))()
    checks = (
        " and ".join(
            _CHECKS[p.type].format(a=p.name, lo=I64_MIN, hi=I64_MAX) for p in export.params
        )
        or "True"
    )
    stores = (
        "\n            ".join(
            _STORE[p.type].format(a=p.name, k2=2 * k, k4=4 * k) for k, p in enumerate(export.params)
        )
        or "pass"
    )
    src = f"""
def {export.name}({params_src}):
    if {checks}:
        _acquire()
        try:
            {stores}
            _err = _call(_ctx, _fp, _bufp, {n}, _trapp)
            if _err or _trap:
                _r = _trapped(_err)
            else:
                _r = {_LOAD[export.returns]}
        finally:
            _release()
        {_FAST_RETURN[export.returns].replace(chr(10), chr(10) + "    " * 1)}
        return _slow(_r, lambda: {export.name}({call_src}), lambda: _py({call_src}))
    _stats.type_fallbacks += 1
    return _py({call_src})
"""
    trapped_marker = object()

    def trapped(err: int | None) -> object:
        inst.recover(err)
        stats.traps += 1
        return trapped_marker

    retrying = threading.local()

    def slow(raw: Any, again: Callable[[], Any], python: Callable[[], Any]) -> Any:
        if raw is trapped_marker:
            # Stack exhaustion or a runtime bug: CPython gives the exact answer
            # (including RecursionError where CPython itself raises it).
            return python()
        with inst.lock:
            status, kind, msg = inst.take_error()
        if status == w.STATUS_OK:
            return convert(raw)
        if status == w.STATUS_RAISE:
            stats.exceptions += 1
            cls = w.EXCEPTIONS.get(kind, Exception)
            exc = cls() if msg is None else cls(msg)
            raise exc
        stats.bails += 1
        if kind == w.BAIL_DEPTH:
            return too_deep(sys._getframe(1), again)
        return python()

    def too_deep(wrapper_frame: Any, again: Callable[[], Any]) -> Any:
        """WASM ran out of its recursion budget: decide as CPython would.

        A translated call nested k deep corresponds to Python frames at the
        wrapper's depth and the k-1 below it; CPython raises RecursionError
        exactly when the deepest of them would pass the measured ceiling.
        """
        ceiling, message = recursion_ceiling()
        if getattr(retrying, "active", False):
            raise RecursionError(message)
        budget = ceiling - stack_depth(wrapper_frame) + 1
        if budget <= DEFAULT_DEPTH_BUDGET:
            raise RecursionError(message)
        return retry_deeper(budget, again)

    def retry_deeper(budget: int, again: Callable[[], Any]) -> Any:
        """Deep recursion: now that the real Python depth is known, allow WASM that deep."""
        retrying.active = True
        with inst.lock:
            inst.set_depth_budget(budget)
        try:
            return again()
        finally:
            retrying.active = False
            with inst.lock:
                inst.set_depth_budget(DEFAULT_DEPTH_BUDGET)

    def convert(raw: Any) -> Any:
        if export.returns == "bool":
            return raw == 1
        if export.returns == "None":
            return None
        return raw

    namespace: dict[str, Any] = {
        "_acquire": inst.lock.acquire,
        "_release": inst.lock.release,
        "_call": w.call_unchecked,
        "_ctx": inst.ctx,
        "_fp": inst.func_address(export.symbol),
        "_bufp": ctypes.addressof(buf),
        "_trapp": inst.trap_addr,
        "_trap": inst.trap,
        "_i64": buf,
        "_f64": (ctypes.c_double * (2 * n)).from_buffer(buf),
        "_i32": (ctypes.c_int32 * (4 * n)).from_buffer(buf),
        "_SENT": w.I64_SENTINEL,
        "_trapped": trapped,
        "_slow": slow,
        "_py": original,
        "_stats": stats,
        "_buf_keepalive": buf,
        **defaults,
    }
    exec(compile(src, f"<portalis wrapper {export.name}>", "exec"), namespace)
    fast: Callable[..., Any] = namespace[export.name]
    functools.update_wrapper(fast, original)
    fast.__kwdefaults__ = original.__kwdefaults__
    fast.__defaults__ = original.__defaults__
    return fast
