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
