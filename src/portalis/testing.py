"""TEST-ONLY: make a WASM wrapper deliberately wrong, to prove the conformance tools catch it.

Portalis's own tests need translations that diverge from CPython in a
controlled way (a wrong result, a different exception, different printed
output) to check that compare mode, `pytest --portalis-conformance` and
`--portalis-fuzz` notice. A correct translator cannot be asked for a wrong
translation, so the wrapper factory (`portalis.calls.make_wrapper`) reads
this switch when it builds a wrapper:

    PORTALIS_TEST_PERTURB="numeric_kit.isqrt"        every result is off
    PORTALIS_TEST_PERTURB="numeric_kit.isqrt@1000"   ... when the first argument >= 1000
    PORTALIS_TEST_PERTURB="textstats.zipf.ln:raise"  raises ValueError("portalis test perturbation")
    PORTALIS_TEST_PERTURB="pkg.fast.add:print"       also prints "portalis test perturbation"

Entries are comma-separated; a name is `module.function` or a bare function
name (every module). A perturbed result: an int gets +1, a float +1.0, a
bool is negated (None stays None). Never set this outside tests: it makes
WASM results wrong on purpose. When the variable is unset the wrapper
factory does one dict lookup per wrapper it builds and nothing per call.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from typing import Any

ENV = "PORTALIS_TEST_PERTURB"
KINDS = ("result", "raise", "print")
_ENTRY = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?::(?P<kind>\w+))?(?:@(?P<min>-?\d+))?$")


def _rules(text: str) -> list[tuple[str, str, int | None]]:
    rules = []
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        m = _ENTRY.match(entry)
        if m is None or (m.group("kind") or "result") not in KINDS:
            raise ValueError(
                f"{ENV}: cannot parse {entry!r}; expected NAME[:result|raise|print][@MIN]"
            )
        low = m.group("min")
        rules.append((m.group("name"), m.group("kind") or "result", int(low) if low else None))
    return rules


def _off(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    return value


def maybe_perturb(fast: Callable[..., Any], original: Callable[..., Any]) -> Callable[..., Any]:
    """`fast`, or a deliberately wrong wrapper around it when `PORTALIS_TEST_PERTURB` names it."""
    text = os.environ.get(ENV)
    if not text:
        return fast
    qualified = f"{original.__module__}.{original.__name__}"
    rule = next((r for r in _rules(text) if r[0] in (qualified, original.__name__)), None)
    if rule is None:
        return fast
    _, kind, low = rule

    def perturbed(*args: Any, **kwargs: Any) -> Any:
        hit = low is None or (bool(args) and isinstance(args[0], (int, float)) and args[0] >= low)
        if not hit:
            return fast(*args, **kwargs)
        if kind == "raise":
            raise ValueError("portalis test perturbation")
        result = fast(*args, **kwargs)
        if kind == "print":
            sys.stdout.write("portalis test perturbation\n")
            return result
        return _off(result)

    functools.update_wrapper(perturbed, original)
    perturbed.__portalis_perturbed__ = True  # type: ignore[attr-defined]
    return perturbed
