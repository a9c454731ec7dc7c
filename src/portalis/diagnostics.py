"""Diagnostics in the style of rustc: where, what, and a hint.

A skipped function carries one `Diagnostic`; the CLI renders it with the
source line underneath so the user sees exactly which construct blocked the
translation.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col + 1}"

    def short(self) -> str:
        """One line, used for `__portalis__.skipped` values and manifests."""
        return f"{self.message} ({self.location()})"

    def render(self, source: str | None = None, *, severity: str = "note") -> str:
        out = [f"{severity}: {self.message}", f"  --> {self.location()}"]
        if source is not None:
            lines = source.splitlines()
            if 1 <= self.line <= len(lines):
                text = lines[self.line - 1]
                gutter = str(self.line)
                pad = " " * len(gutter)
                out.append(f"{pad} |")
                out.append(f"{gutter} | {text}")
                out.append(f"{pad} | {' ' * self.col}^")
        if self.hint:
            out.append(f"  = help: {self.hint}")
        return "\n".join(out)
