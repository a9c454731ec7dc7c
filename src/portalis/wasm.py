"""The WASM side of a loaded module: one wasmtime Store and instance, and fast calls.

wasmtime-py's `Func.__call__` re-checks types and allocates on every call
(tens of microseconds). Portalis instead calls `wasmtime_func_call_unchecked`
through its own ctypes prototype with one argument buffer per function,
built once, so a call costs about what the C API costs. Types are checked by
the generated Python wrapper (see `calls.py`) before anything reaches WASM.

A Store is not thread-safe and ctypes releases the GIL during the call, so
every use of the instance holds `self.lock`.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi

from .cache import Cache, hash_key

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

ENGINE_CONFIG = "default"


@lru_cache(maxsize=1)
def engine() -> wasmtime.Engine:
    """One engine per process: compiled code is shared by every Store."""
    return wasmtime.Engine()


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
    wasm_path: Path, wasm_sha256: str, cache: Cache
) -> tuple[wasmtime.Module, bool]:
    """Compile with Cranelift once; later processes deserialize (about 10x faster).

    The cache entry's integrity file is checked before deserializing, because
    `Module.deserialize` trusts its input.
    """
    key = hash_key("cwasm", wasm_sha256, wasmtime_version(), ENGINE_CONFIG)
    hit_entry = cache.lookup("cwasm", key)
    if hit_entry is not None:
        try:
            return wasmtime.Module.deserialize(
                engine(), (hit_entry / "module.cwasm").read_bytes()
            ), True
        except wasmtime.WasmtimeError:
            pass  # a different wasmtime build: recompile below
    data = wasm_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != wasm_sha256:
        raise ValueError(f"{wasm_path}: content does not match its manifest (corrupted artifact)")
    module = wasmtime.Module(engine(), data)

    def create(tmp: Path) -> None:
        (tmp / "module.cwasm").write_bytes(module.serialize())

    with contextlib.suppress(OSError):  # a read-only cache still runs, just slower next time
        cache.get_or_create("cwasm", key, create)
    return module, False


class WasmInstance:
    """A Store + instance whose exported functions are called through fixed buffers."""

    def __init__(self, module: wasmtime.Module, symbols: list[str]) -> None:
        self.module = module
        self.lock = threading.Lock()
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
        store = wasmtime.Store(engine())
        if any(imp.module.startswith("wasi") for imp in self.module.imports):
            # Sandboxed WASI: no preopened directories, no environment, no args,
            # no inherited stdio.
            store.set_wasi(wasmtime.WasiConfig())
            linker = wasmtime.Linker(engine())
            linker.define_wasi()
            instance = linker.instantiate(store, self.module)
        else:
            instance = wasmtime.Instance(store, self.module, [])
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
        ctypes.pointer(self._util)[0] = exports["__portalis_error_info"]._func

    def func_address(self, symbol: str) -> int:
        return ctypes.addressof(self.funcs[symbol])

    # -- slow paths (hold the lock when calling) ---------------------------------
    def _util_call(self, symbol: str, *args: int) -> int:
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

    def take_error(self) -> tuple[int, int, str | None]:
        """(status, kind, message) of the pending error, which is then cleared."""
        ptr = self._util_call("__portalis_error_info") & 0xFFFFFFFF
        raw = self.memory.read(self.store, ptr, ptr + ERR_INFO_SIZE)
        status, kind, has_msg, msg_ptr, msg_len = (
            int.from_bytes(raw[i : i + 4], "little") for i in range(0, ERR_INFO_SIZE, 4)
        )
        msg = None
        if status == STATUS_RAISE and has_msg:
            msg = self.memory.read(self.store, msg_ptr, msg_ptr + msg_len).decode("utf-8")
        self._util_call("__portalis_clear_error")
        return status, kind, msg

    def set_depth_budget(self, n: int) -> None:
        self._util_call("__portalis_set_depth_budget", n)

    def recover(self, err: int | None) -> str:
        """After a trap the instance's memory may be inconsistent: start a fresh one."""
        message = "trap"
        if self.trap:
            # Hand ownership of the trap object to wasmtime-py (it frees it),
            # then null the slot the wrappers test.
            owned = ctypes.POINTER(ffi.wasm_trap_t)(self.trap.contents)
            message = wasmtime.Trap._from_ptr(owned).message
            ctypes.memset(self.trap_addr, 0, ctypes.sizeof(ctypes.c_void_p))
        if err:
            error = wasmtime.WasmtimeError._from_ptr(
                ctypes.cast(err, ctypes.POINTER(ffi.wasmtime_error_t))
            )
            message = str(error)
        self.traps += 1
        self._instantiate()
        return message
