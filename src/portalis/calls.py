"""Typed Python wrappers around exported WASM functions.

For each translated function Portalis generates (once, at load time) a small
Python function with the original signature whose fast path is: exact type
checks, buffer writes, one C call, one read. Anything unusual leaves the fast
path: an argument of another type or out of i64 range, an exception or
"bail" reported by WASM, or a trap. A bail re-runs the call in CPython, so the
caller always gets CPython's answer.

Only what a function needs is generated: a function that may print also
drains the module's output buffer after the call (written to the current
sys.stdout/sys.stderr on success or exception, dropped on a bail or trap,
where CPython re-runs and prints for itself); a time-limited instance also
sets its epoch deadline before the call. Everything else pays nothing.
A trap re-creates the instance; a time-limit or memory-limit trap raises
WasmTimeoutError / WasmMemoryError, other traps re-run in CPython or raise
WasmTrapError, per `on-failure`.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from . import wasm as w
from .errors import WasmMemoryError, WasmTimeoutError, WasmTrapError
from .translate.model import Export

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
DEFAULT_DEPTH_BUDGET = 48


class CallStats:
    """Counters for the slow paths (the fast path counts nothing, to stay fast)."""

    __slots__ = ("bails", "exceptions", "memory_errors", "timeouts", "traps", "type_fallbacks")

    def __init__(self) -> None:
        self.bails = 0
        self.exceptions = 0
        self.memory_errors = 0
        self.timeouts = 0
        self.traps = 0
        self.type_fallbacks = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}


def emit_output(data: bytes) -> None:
    """Write the module's printed segments, in order, to the *current* sys streams.

    ABI: a sequence of `[fd: u8][len: u32 LE][utf-8 bytes]`, fd 1 = stdout,
    2 = stderr. Looking up `sys.stdout` at write time (not at load time) is
    what makes `contextlib.redirect_stdout` and pytest's capsys see it.
    """
    i = 0
    n = len(data)
    while i < n:
        if i + 5 > n:
            raise WasmTrapError("malformed WASM output: truncated output segment header")
        fd = data[i]
        size = int.from_bytes(data[i + 1 : i + 5], "little")
        start = i + 5
        i = start + size
        if i > n:
            raise WasmTrapError("malformed WASM output: segment longer than the buffer")
        stream = sys.stderr if fd == 2 else sys.stdout
        if stream is not None:  # pythonw and friends have no console
            stream.write(data[start:i].decode("utf-8", "replace"))


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
# (condition on the raw result under which no error is pending, the Python value)
_FAST = {
    "int": ("_r != _SENT", "_r"),
    "float": ("_r == _r", "_r"),
    "bool": ("_r < 2", "_r == 1"),
    "None": ("_r == 0", "None"),
}
_OK_FAST = (w.STATUS_OK, 0, None)


def make_wrapper(
    inst: w.WasmInstance,
    export: Export,
    original: Callable[..., Any],
    stats: CallStats,
    *,
    on_failure: str = "fallback",
) -> Callable[..., Any]:
    """Generate the fast-call wrapper of one export (see the module docstring).

    Everything the call's outcome depends on (the raw result, the pending
    error record, the printed output) is read while the instance lock is
    held: another thread's call in between would overwrite them.

    `on_failure` decides what a trap that is neither a limit nor stack
    exhaustion does: "fallback" re-runs the call in CPython, "error" raises
    `WasmTrapError`. Time and memory limits always raise their own errors
    (CPython would hit the same wall); stack exhaustion always re-runs in
    CPython (that is how deep recursion gets CPython's exact answer).
    """
    if export.classes or export.tracked or "." in export.name:  # the object path
        from .objects import make_object_wrapper

        return make_object_wrapper(inst, export, original, stats, on_failure=on_failure)
    names, params_src, call_src, defaults = _param_source(original)
    if names != [p.name for p in export.params] or original.__code__.co_flags & 0x0C:
        raise ValueError(f"signature of {export.name} changed since translation")
    from .marshal import make_marshalled_wrapper, needs_marshalling

    if needs_marshalling(export):
        return make_marshalled_wrapper(inst, export, original, stats, on_failure=on_failure)
    prints = export.prints
    if prints and not inst.has_output:
        raise ValueError(f"{export.name} prints, but the module has no output buffer exports")
    n = max(len(names), 1)
    buf = (ctypes.c_int64 * (2 * n))()
    checks = (
        " and ".join(
            _CHECKS[p.type].format(a=p.name, lo=I64_MIN, hi=I64_MAX) for p in export.params
        )
        or "True"
    )
    stores = "".join(
        "\n            " + _STORE[p.type].format(a=p.name, k2=2 * k, k4=4 * k)
        for k, p in enumerate(export.params)
    )
    # The per-call time limit: trap `inst.deadline` epoch ticks from now. Only
    # time-limited instances get this line (one C call), the rest are unchanged.
    arm = "\n            _deadline(_ctx, _ticks)" if inst.time_limit is not None else ""
    cond, value = _FAST[export.returns]
    if prints:
        # Output is taken (and the buffer cleared) under the lock, written
        # after it is released: writing may run arbitrary Python (a capture
        # object) that could call back into this instance.
        on_ok = "_st = _OK_FAST"
        take = "\n                _o = _take_output()"
        after = f"""
        if _st is _OK_FAST:
            if _o is not None:
                _emit(_o)
            return {value}"""
        slow_extra = ", _o"
    else:
        on_ok = f"return {value}"
        take = after = slow_extra = ""
    src = f"""
def {export.name}({params_src}):
    if {checks}:
        _o = None
        _acquire()
        try:{stores}{arm}
            _err = _call(_ctx, _fp, _bufp, _n, _trapp)
            if _err or _trap:
                _st = _trapped(_err)
                _r = None
            else:
                _r = {_LOAD[export.returns]}
                if {cond}:
                    {on_ok}
                else:
                    _st = _take_error(){take}
        finally:
            _release(){after}
        return _slow(
            _st, _r, lambda: {export.name}({call_src}), lambda: _py({call_src}){slow_extra}
        )
    _stats.type_fallbacks += 1
    return _py({call_src})
"""
    trapped_marker = (-1, 0, None)
    scope: w.ExcScope = (original.__globals__, export.exc_classes)

    def trapped(err: int | None) -> tuple[int, int, str | None]:
        """Called with the lock held; the instance is fresh again when this returns."""
        info = inst.recover(err)
        stats.traps += 1
        if info.kind == w.TRAP_TIMEOUT:
            stats.timeouts += 1
            raise WasmTimeoutError(
                f"{export.name}() ran longer than the time limit of {inst.time_limit:g} s "
                "and was stopped; the WASM instance was reset"
            )
        if info.kind == w.TRAP_MEMORY:
            stats.memory_errors += 1
            limit = (
                f"the memory limit of {inst.memory_limit} bytes"
                if inst.memory_limit is not None
                else "the 4 GiB of a wasm32 instance"
            )
            raise WasmMemoryError(
                f"{export.name}() needed more memory than {limit} ({info.message}); "
                "the WASM instance was reset"
            )
        if info.kind != w.TRAP_STACK and on_failure == "error":
            raise WasmTrapError(
                f"{export.name}() trapped in WASM: {info.message}; the WASM instance was reset "
                '(on-failure = "error"; "fallback" re-runs such calls in CPython)'
            )
        return trapped_marker

    retrying = threading.local()

    def slow(
        status: tuple[int, int, str | bytes | None],
        raw: Any,
        again: Callable[[], Any],
        python: Callable[[], Any],
        out: bytes | None = None,
    ) -> Any:
        if status is trapped_marker:
            # Stack exhaustion or a runtime bug: CPython gives the exact answer
            # (including RecursionError where CPython itself raises it). The
            # fresh instance printed nothing; CPython prints for itself.
            return python()
        code, kind, msg = status
        if code == w.STATUS_OK:
            if out is not None:
                emit_output(out)
            return convert(raw)
        if code == w.STATUS_RAISE:
            stats.exceptions += 1
            if out is not None:
                emit_output(out)
            w.throw(kind, msg, scope)
        # A bail: whatever WASM printed is dropped, CPython re-runs and prints.
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
        """Deep recursion: now that the real Python depth is known, allow WASM that deep.

        The budget is instance-wide state, so the (re-entrant) instance lock is
        held for the whole retry: another thread neither runs with this
        thread's budget nor resets it halfway. Such retries are rare (a
        recursion deeper than 48 calls), so serializing them costs little.
        """
        with inst.lock:
            retrying.active = True
            inst.set_depth_budget(budget)
            try:
                return again()
            finally:
                retrying.active = False
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
        # Ready-made ctypes arguments: ctypes converts plain ints on every call
        # (about 0.3 µs of a 2 µs call); objects of the declared types pass as is.
        "_fp": ctypes.c_void_p(inst.func_address(export.symbol)),
        "_bufp": ctypes.c_void_p(ctypes.addressof(buf)),
        "_n": ctypes.c_size_t(n),
        "_trapp": ctypes.c_void_p(inst.trap_addr),
        "_trap": inst.trap,
        "_i64": buf,
        "_f64": (ctypes.c_double * (2 * n)).from_buffer(buf),
        "_i32": (ctypes.c_int32 * (4 * n)).from_buffer(buf),
        "_SENT": w.I64_SENTINEL,
        "_OK_FAST": _OK_FAST,
        "_deadline": w.set_epoch_deadline,
        "_ticks": inst.deadline_arg,
        "_take_error": inst.take_error,
        "_take_output": inst.take_output,
        "_emit": emit_output,
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
    if "PORTALIS_TEST_PERTURB" in os.environ:  # test-only switch: see portalis.testing
        from .testing import maybe_perturb

        fast = maybe_perturb(fast, original)
    return fast
