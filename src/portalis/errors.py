"""Exception types shared by every stage.

`UserError` is the only exception the CLI turns into "exit 2 and one line":
anything else escaping is a Portalis bug and should keep its traceback.
"""

from __future__ import annotations

from typing import Any


class PortalisError(Exception):
    """Base class of every exception Portalis raises on purpose."""


class UserError(PortalisError):
    """Bad input from the user: a missing file, a syntax error, no toolchain.

    The message is a single line meant to be printed as-is.
    """


class ToolchainError(UserError):
    """No usable Rust compiler with a WebAssembly standard library."""


class BuildError(PortalisError):
    """rustc rejected generated code: always a Portalis bug, never user error."""


class ConformanceError(PortalisError, AssertionError):
    """A translated function disagreed with CPython on the same arguments.

    Subclasses AssertionError so test runners treat it as a failed check.
    """

    def __init__(self, function: str, args: Any, python: str, wasm: str) -> None:
        self.function = function
        self.call_args = args
        self.python_outcome = python
        self.wasm_outcome = wasm
        super().__init__(
            f"{function}{args} differs between CPython and WASM:\n"
            f"  python: {python}\n"
            f"  wasm:   {wasm}"
        )


class WasmTrapError(PortalisError):
    """The WASM instance trapped in a way Portalis could not map to Python."""


class WasmTimeoutError(PortalisError, TimeoutError):
    """A call ran past the configured per-call time limit (`time-limit`).

    The call was interrupted (epoch interruption) and the instance re-created,
    so the next call starts from a clean state. Re-running in CPython would
    not help: the Python version would run just as long, so this is raised
    instead of falling back.
    """


class WasmMemoryError(PortalisError, MemoryError):
    """The WASM instance needed more linear memory than `memory-limit` allows.

    Subclasses MemoryError so existing `except MemoryError` handlers apply.
    The instance is re-created; the next call works.
    """


class PortalisWarning(UserWarning):
    """Portalis could not do what was configured and did something safe instead.

    Used for "no toolchain, running Python" and "artifact rejected" notices,
    so users can filter or escalate them with the `warnings` machinery.
    """


class ConformanceWarning(PortalisWarning):
    """compare mode with `compare-action = "warn"`: a mismatch reported, not raised."""
