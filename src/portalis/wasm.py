"""The WASM side of a loaded module: one wasmtime Store and instance, and fast calls.

wasmtime-py's `Func.__call__` re-checks types and allocates on every call
(tens of microseconds). Portalis instead calls `wasmtime_func_call_unchecked`
through its own ctypes prototype with one argument buffer per function,
built once, so a call costs about what the C API costs. Types are checked by
the generated Python wrapper (see `calls.py`) before anything reaches WASM.

A Store is not thread-safe and ctypes releases the GIL during the call, so
every use of the instance holds `self.lock`.

Sandbox and limits. Instances get WASI with nothing granted: no preopened
directories, no environment, no arguments, no inherited stdio (the guest's
stderr goes to a small in-memory tail that only serves diagnostics, e.g. to
recognise Rust's "memory allocation of N bytes failed"). A per-call time limit
uses epoch interruption: a separate engine whose code checks the epoch
counter, a daemon thread that advances it every `TICK_S`, and a deadline set
before each call. Modules without a time limit keep using the plain engine,
so their compiled code and call path are exactly what they were. A memory
limit is the store's limiter (`memory.grow` fails beyond it).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import math
import os
import sys
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi

from .cache import Cache, hash_key
from .errors import WasmMemoryError

ERR_INFO_SIZE = 20  # struct ErrInfo { status, kind, has_msg, msg_ptr, msg_len: u32 }
STATUS_OK, STATUS_RAISE, STATUS_BAIL = 0, 1, 2
BAIL_OVERFLOW, BAIL_DEPTH, BAIL_UNSUPPORTED = 1, 2, 3
I64_SENTINEL = -0x7FFF_FFFF_FFFF_FE37

# Exception codes shared with the Rust runtime (err.rs, module `exc`).
EXCEPTIONS: dict[int, type[BaseException]] = {
    1: Exception,
    2: ArithmeticError,
    3: ZeroDivisionError,
    4: OverflowError,
    5: ValueError,
    6: TypeError,
    7: IndexError,
    8: KeyError,
    9: LookupError,
    10: AssertionError,
    11: RuntimeError,
    12: NotImplementedError,
    13: RecursionError,
    14: AttributeError,
    15: NameError,
    16: UnboundLocalError,
    17: StopIteration,
}


#: Codes from here on name the module's own exception classes (rt/err.rs `exc::USER_BASE`).
USER_BASE = 1000
#: Error kind whose message bytes are an encoded exception record (rt/err.rs `exc::RECORD`).
RECORD = 0xFFFF

#: Where a module's own exception classes are found: the module's globals and
#: the export's class table (code USER_BASE + k is the k-th name).
ExcScope = tuple[dict[str, Any], tuple[str, ...]]


def exception_class(kind: int, scope: ExcScope | None = None) -> type[BaseException]:
    if kind >= USER_BASE and scope is not None and kind - USER_BASE < len(scope[1]):
        # Looked up when raised, as CPython does: the module's own class object.
        cls = scope[0][scope[1][kind - USER_BASE]]
        assert isinstance(cls, type) and issubclass(cls, BaseException)
        return cls
    return EXCEPTIONS.get(kind, Exception)


def build_exception(kind: int, msg: str | None, scope: ExcScope | None = None) -> BaseException:
    """The Python exception for a runtime error record.

    A KeyError carries its key object in CPython (`e.args == (5,)`), so the
    runtime encodes it in the message as `i:<int>`, `b:True|False` or
    `s:<text>` (rt/dict.rs); everything else carries its message as is.
    """
    cls = exception_class(kind, scope)
    if msg is None:
        return cls()
    if cls is KeyError and len(msg) >= 2 and msg[1] == ":":
        tag, text = msg[0], msg[2:]
        if tag == "i":
            return KeyError(int(text))
        if tag == "b":
            return KeyError(text == "True")
        if tag == "s":
            return KeyError(text)
    return cls(msg)


def _record(
    data: bytes, pos: int, scope: ExcScope | None, host: BaseException | None
) -> tuple[BaseException, bool, int]:
    """Decode one exception record (rt/err.rs `encode_record`): (exception, context set, end)."""

    def u32(at: int) -> int:
        return int.from_bytes(data[at : at + 4], "little")

    def opt_bytes(at: int) -> tuple[bytes | None, int]:
        if data[at] == 0:
            return None, at + 1
        n = u32(at + 1)
        return data[at + 5 : at + 5 + n], at + 5 + n

    kind = u32(pos)
    msg, pos = opt_bytes(pos + 4)
    args, pos = opt_bytes(pos)
    if args is not None:
        from .marshal import _Decoder

        values = _Decoder(args, []).value() if args else ()
        exc = exception_class(kind, scope)(*values)
    else:
        exc = build_exception(kind, None if msg is None else msg.decode("utf-8"), scope)
    ctx_start = pos + 1
    has_context = data[pos] == 1
    if has_context:
        ctx, _, pos = _record(data, ctx_start, scope, host)
        exc.__context__ = ctx
    else:
        pos = ctx_start
        # Raised while WASM handled nothing: CPython chains what the caller handles.
        exc.__context__ = host
    flag = data[pos]
    if flag == 1:
        exc.__cause__ = None  # `from None`: also sets __suppress_context__
        pos += 1
    elif flag == 2:
        size = pos - ctx_start
        if has_context and data[pos + 1 : pos + 1 + size] == data[ctx_start:pos]:
            # `raise X from e` inside `except ... as e`: one object, as in CPython.
            exc.__cause__ = exc.__context__
            pos += 1 + size
        else:
            cause, _, pos = _record(data, pos + 1, scope, host)
            exc.__cause__ = cause
    else:
        pos += 1
    return exc, has_context, pos


def throw(kind: int, msg: str | bytes | None, scope: ExcScope | None = None) -> None:
    """Raise the exception WASM raised, chained as CPython would have chained it.

    An exception whose context WASM knows keeps it: `raise` would replace it
    by whatever the caller is handling, so it is put back while the raise
    propagates. Otherwise the raise here chains the caller's exception,
    exactly as CPython's raise inside the function would have.
    """
    if kind != RECORD or not isinstance(msg, bytes):
        assert not isinstance(msg, bytes)
        raise build_exception(kind, msg, scope)
    exc, has_context, _ = _record(msg, 0, scope, sys.exc_info()[1])
    if not has_context:
        exc.__context__ = None
        raise exc
    context = exc.__context__
    try:
        raise exc
    finally:
        exc.__context__ = context


_CALL_PROTO = ctypes.CFUNCTYPE(
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_size_t,
    ctypes.c_void_p,
)
# Our own prototype over the same C symbol: changing argtypes on wasmtime-py's
# function object would change theirs too.
call_unchecked = _CALL_PROTO(
    ctypes.cast(ffi.dll.wasmtime_func_call_unchecked, ctypes.c_void_p).value or 0
)

# Own prototype again: takes the same in-place-updated c_void_p context the
# call path uses, so re-instantiation needs no rebinding in the wrappers.
# PYFUNCTYPE keeps the GIL (the function only stores a number): cheaper than
# releasing and re-taking it around a few nanoseconds of work.
_SET_DEADLINE_PROTO = ctypes.PYFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint64)
set_epoch_deadline = _SET_DEADLINE_PROTO(
    ctypes.cast(ffi.dll.wasmtime_context_set_epoch_deadline, ctypes.c_void_p).value or 0
)

# Part of the compiled-module cache key: serialized code is only valid for an
# engine with the same configuration (epoch checks are compiled in).
ENGINE_CONFIG = "default"
EPOCH_ENGINE_CONFIG = "epoch-interruption"

#: How often the epoch advances; time limits are enforced to about this precision.
TICK_S = 0.005
#: "No deadline" for an epoch engine: far more ticks than a process lives.
NO_DEADLINE = 1 << 60
#: Guest stderr kept for diagnostics (the end of it, in bytes).
STDERR_TAIL = 4096
_OOM_MARKER = b"memory allocation of "

TRAP_TIMEOUT, TRAP_MEMORY, TRAP_STACK, TRAP_OTHER = "timeout", "memory", "stack", "trap"


def engine_config(epoch: bool) -> str:
    return EPOCH_ENGINE_CONFIG if epoch else ENGINE_CONFIG


@lru_cache(maxsize=2)
def engine(epoch: bool = False) -> wasmtime.Engine:
    """One engine per process and configuration: compiled code is shared by every Store.

    `epoch=True` compiles epoch checks into loops and function entries; only
    modules with a time limit use it.
    """
    if not epoch:
        return wasmtime.Engine()
    config = wasmtime.Config()
    config.epoch_interruption = True
    return wasmtime.Engine(config)


class _Ticker:
    """Advances the epoch engine's counter every TICK_S from a daemon thread.

    Started with the first time-limited instance. A forked child inherits no
    threads, so it starts its own right after the fork (if the parent had
    one): the call path then needs no check of its own.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = False

    def ensure(self) -> None:
        if self.running:
            return
        with self.lock:
            if self.running:
                return
            ptr = engine(True).ptr()
            thread = threading.Thread(
                target=self._run, args=(ptr,), name="portalis-epoch", daemon=True
            )
            thread.start()
            self.running = True

    @staticmethod
    def _run(ptr: Any) -> None:
        increment = ffi.wasmtime_engine_increment_epoch
        sleep = time.sleep
        while True:
            sleep(TICK_S)
            increment(ptr)

    def after_fork(self) -> None:
        was_running = self.running
        self.lock = threading.Lock()
        self.running = False
        if was_running:
            self.ensure()


ticker = _Ticker()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=ticker.after_fork)


def deadline_ticks(seconds: float) -> int:
    """Epoch ticks for a limit of `seconds`: rounded up, plus the tick already under way."""
    return max(1, math.ceil(seconds / TICK_S)) + 1


class _Tail:
    """The guest's stderr, last STDERR_TAIL bytes only, for diagnostics.

    Filled by `_fd_write`, a host function that replaces WASI's `fd_write`:
    wasmtime's own custom-output streams call back into Python from a tokio
    worker thread, which at interpreter exit cannot take the GIL and aborts
    the process. A linker function runs on the calling thread, inside the
    call, like any other import. Holds no reference to the instance or
    store, so nothing keeps a Store alive.
    """

    __slots__ = ("data",)

    def __init__(self) -> None:
        self.data = bytearray()

    def add(self, chunk: bytes) -> None:
        self.data += chunk
        if len(self.data) > STDERR_TAIL:
            del self.data[:-STDERR_TAIL]


_WASI_ERRNO_BADF = 8


def _fd_write_for(tail: _Tail) -> Any:
    """WASI `fd_write(fd, iovs, iovs_len, nwritten) -> errno` into `tail`.

    stdout writes are accepted and dropped (printed output goes through the
    module's own buffer, see calls.emit_output); stderr is kept in the tail;
    any other descriptor does not exist in the sandbox (EBADF). Bounds are
    checked by `Memory.read`/`write`, so a bad pointer traps, never reads the
    host's memory.
    """

    def fd_write(caller: Any, fd: int, iovs: int, iovs_len: int, nwritten: int) -> int:
        if fd not in (1, 2):
            return _WASI_ERRNO_BADF
        memory = caller.get("memory")
        total = 0
        for i in range(min(iovs_len, 1024)):
            raw = memory.read(caller, iovs + 8 * i, iovs + 8 * i + 8)
            ptr = int.from_bytes(raw[:4], "little")
            length = int.from_bytes(raw[4:], "little")
            if fd == 2:
                tail.add(bytes(memory.read(caller, ptr, ptr + length)))
            total += length
        memory.write(caller, total.to_bytes(4, "little"), nwritten)
        return 0

    return fd_write


def _fd_write_type() -> wasmtime.FuncType:
    """A fresh type each time: wasmtime ties a FuncType to the first engine it is used with
    (reusing one across the plain and the epoch engine aborts the process)."""
    i32 = wasmtime.ValType.i32()
    return wasmtime.FuncType([i32, i32, i32, i32], [i32])


@dataclass(frozen=True)
class TrapInfo:
    """What stopped a call: `kind` is one of TRAP_TIMEOUT/MEMORY/STACK/OTHER."""

    kind: str
    message: str


@lru_cache(maxsize=1)
def wasmtime_version() -> str:
    """Identity of the wasmtime engine build, for the compiled-module cache key.

    The shared library's path, size and mtime identify the build more exactly
    than the package version, and reading them costs a stat() where
    importlib.metadata costs about 15 ms.
    """
    lib = Path(getattr(ffi.dll, "_name", "") or "")
    try:
        st = lib.stat()
    except OSError:
        return "unknown"
    return f"{lib.name}:{st.st_size}:{st.st_mtime_ns}"


def compiled_module(
    wasm_path: Path, wasm_sha256: str, cache: Cache, *, epoch: bool = False
) -> tuple[wasmtime.Module, bool]:
    """Compile with Cranelift once; later processes deserialize (about 10x faster).

    The cache entry's integrity file is checked before deserializing, because
    `Module.deserialize` trusts its input. `epoch` selects the engine (and so
    the cache entry) with epoch interruption compiled in.
    """
    eng = engine(epoch)
    key = hash_key("cwasm", wasm_sha256, wasmtime_version(), engine_config(epoch))
    hit_entry = cache.lookup("cwasm", key)
    if hit_entry is not None:
        try:
            return wasmtime.Module.deserialize(eng, (hit_entry / "module.cwasm").read_bytes()), True
        except wasmtime.WasmtimeError:
            pass  # a different wasmtime build: recompile below
    data = wasm_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != wasm_sha256:
        raise ValueError(f"{wasm_path}: content does not match its manifest (corrupted artifact)")
    module = wasmtime.Module(eng, data)

    def create(tmp: Path) -> None:
        (tmp / "module.cwasm").write_bytes(module.serialize())

    with contextlib.suppress(OSError):  # a read-only cache still runs, just slower next time
        cache.get_or_create("cwasm", key, create)
    return module, False


class WasmInstance:
    """A Store + instance whose exported functions are called through fixed buffers.

    `time_limit` (seconds per call) requires `module` to be compiled for
    `engine(epoch=True)`; `memory_limit` (bytes of linear memory) is applied
    to every Store this instance creates, including after a trap.
    """

    def __init__(
        self,
        module: wasmtime.Module,
        symbols: list[str],
        *,
        time_limit: float | None = None,
        memory_limit: int | None = None,
    ) -> None:
        self.module = module
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self.epoch = time_limit is not None
        self.deadline = deadline_ticks(time_limit) if time_limit is not None else 0
        # A ready-made C integer: passing it skips ctypes' int conversion per call.
        self.deadline_arg = ctypes.c_uint64(self.deadline)
        self.stderr_tail = _Tail()
        self.has_wasi = any(imp.module.startswith("wasi") for imp in module.imports)
        self.writes_fds = any(
            imp.module == "wasi_snapshot_preview1" and imp.name == "fd_write"
            for imp in module.imports
        )
        # Re-entrant: a deep-recursion retry holds it across its nested call
        # (calls.py), so no other thread runs with, or resets, the raised budget.
        self.lock = threading.RLock()
        self.ctx = ctypes.c_void_p()
        # Stable wasmtime_func_t copies: re-instantiation overwrites them in place,
        # so wrappers keep their addresses.
        self.funcs: dict[str, Any] = {s: ffi.wasmtime_func_t() for s in symbols}
        self.trap = ctypes.POINTER(ffi.wasm_trap_t)()
        self.trap_addr = ctypes.addressof(self.trap)
        self.traps = 0
        self._util = ffi.wasmtime_func_t()
        self._util_buf = (ctypes.c_int64 * 2)()
        self._instantiate()

    def _instantiate(self) -> None:
        eng = engine(self.epoch)
        store = wasmtime.Store(eng)
        if self.memory_limit is not None:
            store.set_limits(memory_size=self.memory_limit)
        if self.epoch:
            # Between calls (and for _initialize) there is no deadline; each
            # call sets its own just before entering WASM.
            store.set_epoch_deadline(NO_DEADLINE)
            ticker.ensure()
        self.stderr_tail = _Tail()
        try:
            if self.has_wasi:
                # Sandboxed WASI: no preopened directories, no environment, no
                # args, no stdio; fd_write only into the diagnostic tail.
                store.set_wasi(wasmtime.WasiConfig())
                linker = wasmtime.Linker(eng)
                linker.define_wasi()
                if self.writes_fds:
                    linker.allow_shadowing = True
                    linker.define_func(
                        "wasi_snapshot_preview1",
                        "fd_write",
                        _fd_write_type(),
                        _fd_write_for(self.stderr_tail),
                        access_caller=True,
                    )
                instance = linker.instantiate(store, self.module)
            else:
                instance = wasmtime.Instance(store, self.module, [])
        except wasmtime.WasmtimeError as exc:
            if self.memory_limit is not None and "memory" in str(exc).lower():
                raise WasmMemoryError(
                    f"the module's initial linear memory does not fit memory-limit "
                    f"({self.memory_limit} bytes): {str(exc).splitlines()[0]}"
                ) from None
            raise
        exports: Any = instance.exports(store)
        init = exports.get("_initialize")
        if init is not None:
            init(store)
        self.store = store
        self.instance = instance
        self.memory: Any = exports["memory"]
        self.ctx.value = ctypes.cast(store._context(), ctypes.c_void_p).value
        for symbol, slot in self.funcs.items():
            func = exports[symbol]
            ctypes.pointer(slot)[0] = func._func
        self._exports = exports
        self.has_output = "__portalis_output_info" in exports and "__portalis_output_clear" in (
            exports
        )
        ctypes.pointer(self._util)[0] = exports["__portalis_error_info"]._func

    def func_address(self, symbol: str) -> int:
        return ctypes.addressof(self.funcs[symbol])

    # -- slow paths (hold the lock when calling) ---------------------------------
    def _util_call(self, symbol: str, *args: int) -> int:
        if self.epoch:
            set_epoch_deadline(self.ctx, NO_DEADLINE)
        ctypes.pointer(self._util)[0] = self._exports[symbol]._func
        for i, a in enumerate(args):
            self._util_buf[i * 2] = a
        err = call_unchecked(
            self.ctx,
            ctypes.addressof(self._util),
            ctypes.addressof(self._util_buf),
            2,
            self.trap_addr,
        )
        if err or self.trap:
            self.recover(err)
            raise RuntimeError(f"WASM runtime call {symbol} trapped")
        return int(self._util_buf[0])

    def take_error(self) -> tuple[int, int, str | bytes | None]:
        """(status, kind, message) of the pending error, which is then cleared.

        The message of an exception record (kind RECORD) stays bytes."""
        ptr = self._util_call("__portalis_error_info") & 0xFFFFFFFF
        raw = self.memory.read(self.store, ptr, ptr + ERR_INFO_SIZE)
        status, kind, has_msg, msg_ptr, msg_len = (
            int.from_bytes(raw[i : i + 4], "little") for i in range(0, ERR_INFO_SIZE, 4)
        )
        msg: str | bytes | None = None
        if status == STATUS_RAISE and has_msg:
            raw_msg = bytes(self.memory.read(self.store, msg_ptr, msg_ptr + msg_len))
            msg = raw_msg if kind == RECORD else raw_msg.decode("utf-8")
        self._util_call("__portalis_clear_error")
        return status, kind, msg

    def set_depth_budget(self, n: int) -> None:
        self._util_call("__portalis_set_depth_budget", n)

    def take_output(self) -> bytes | None:
        """The module's buffered printed output (segments), which is then cleared.

        The record and the bytes are bounds-checked against linear memory:
        a bad pointer from a buggy module must not make the host read
        outside it. None when nothing was printed (the common case: one
        small utility call).
        """
        ptr = self._util_call("__portalis_output_info") & 0xFFFFFFFF
        size = self.memory.data_len(self.store)
        if ptr + 8 > size:
            raise RuntimeError("WASM output record lies outside linear memory")
        base = ctypes.addressof(self.memory.data_ptr(self.store).contents)
        raw = ctypes.string_at(base + ptr, 8)
        out_ptr = int.from_bytes(raw[:4], "little")
        out_len = int.from_bytes(raw[4:], "little")
        if out_len == 0:
            return None
        if out_ptr + out_len > size:
            raise RuntimeError("WASM output buffer lies outside linear memory")
        data = ctypes.string_at(base + out_ptr, out_len)
        self._util_call("__portalis_output_clear")
        return data

    def recover(self, err: int | None) -> TrapInfo:
        """After a trap the instance's memory may be inconsistent: start a fresh one.

        Returns what the trap was: a time-limit interrupt, running out of
        memory (Rust aborts with "memory allocation of N bytes failed" on its
        stderr when `memory.grow` is refused), stack exhaustion, or anything
        else (a runtime bug). The stderr tail is read before re-instantiating.
        """
        message = "trap"
        kind = TRAP_OTHER
        if self.trap:
            # Hand ownership of the trap object to wasmtime-py (it frees it),
            # then null the slot the wrappers test.
            owned = ctypes.POINTER(ffi.wasm_trap_t)(self.trap.contents)
            trap = wasmtime.Trap._from_ptr(owned)
            message = trap.message
            code = trap.trap_code
            if code == wasmtime.TrapCode.INTERRUPT:
                kind = TRAP_TIMEOUT
            elif code == wasmtime.TrapCode.STACK_OVERFLOW:
                kind = TRAP_STACK
            elif code == wasmtime.TrapCode.UNREACHABLE and (
                _OOM_MARKER in self.stderr_tail.data
                or (self.memory_limit is not None and not self.writes_fds)
            ):
                kind = TRAP_MEMORY
            ctypes.memset(self.trap_addr, 0, ctypes.sizeof(ctypes.c_void_p))
        if err:
            error = wasmtime.WasmtimeError._from_ptr(
                ctypes.cast(err, ctypes.POINTER(ffi.wasmtime_error_t))
            )
            message = str(error)
        lines = [line.strip() for line in message.splitlines() if line.strip()]
        summary = lines[-1] if lines else "trap"
        said = [
            line.strip()
            for line in bytes(self.stderr_tail.data).decode("utf-8", "replace").splitlines()
            if line.strip() and not line.startswith("note:")
        ]
        if said:
            summary += f" (guest stderr: {' '.join(said[-2:])})"
        self.traps += 1
        self._instantiate()
        return TrapInfo(kind, summary)
