"""`portalis.lock`: which functions of the marked modules translated, committed with the project.

A skipped function is only a missed speed-up, so a change that quietly makes
a function stay Python (a new `str` parameter, an import in its body) slips
through review. The lock records, per marked module, the functions that
translated; `portalis check --hook` (the `portalis-check` pre-commit hook)
fails when one of them no longer does. Accepting such a change is explicit:
`portalis check --update-lock`.

The file is JSON with sorted keys and lists, two-space indent and a final
newline, so it diffs cleanly and two machines write identical bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .cache import write_file_atomic
from .errors import UserError

LOCK_NAME = "portalis.lock"
LOCK_FORMAT = 1


@dataclass
class Lock:
    """Module name -> sorted names of the functions that translated."""

    modules: dict[str, list[str]] = field(default_factory=dict)

    def to_text(self) -> str:
        doc = {
            "format": LOCK_FORMAT,
            "modules": {m: sorted(set(fns)) for m, fns in sorted(self.modules.items())},
        }
        return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def read_lock(path: Path) -> Lock | None:
    """The lock at `path`, None if there is none; a damaged lock is a `UserError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not valid JSON ({exc}); delete it and rerun") from None
    if not isinstance(doc, dict) or doc.get("format") != LOCK_FORMAT:
        raise UserError(f"{path}: not a format-{LOCK_FORMAT} Portalis lock; delete it and rerun")
    modules = doc.get("modules")
    if not isinstance(modules, dict) or not all(
        isinstance(v, list) and all(isinstance(f, str) for f in v) for v in modules.values()
    ):
        raise UserError(f"{path}: `modules` must map module names to lists of function names")
    return Lock({str(k): list(v) for k, v in modules.items()})


def write_lock(path: Path, lock: Lock) -> bool:
    """Write the lock if its bytes change; returns whether it did."""
    text = lock.to_text()
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except FileNotFoundError:
        pass
    write_file_atomic(path, text.encode("utf-8"))
    return True


@dataclass(frozen=True)
class Regression:
    module: str
    function: str
    reason: str  # the diagnostic, with file:line


def merge(
    old: Lock | None,
    current: dict[str, dict[str, str | None]],
    *,
    accept: bool = False,
) -> tuple[Lock, list[Regression]]:
    """Fold this run's results into the lock.

    `current` maps each checked module to `{function: None if it translated,
    else the reason it did not}`. Without `accept`, a function the lock lists
    that now stays Python is a `Regression` and stays in the lock (so the
    failure repeats until fixed or accepted); newly translating functions are
    added and deleted functions dropped. Modules not checked are kept as
    they are.
    """
    modules = dict(old.modules) if old is not None else {}
    regressions: list[Regression] = []
    for module, functions in sorted(current.items()):
        before = set(modules.get(module, []))
        now = {name for name, why in functions.items() if why is None}
        if not accept:
            for name in sorted(before - now):
                why = functions.get(name)
                if why is not None:
                    regressions.append(Regression(module, name, why))
                    now.add(name)
        modules[module] = sorted(now)
    return Lock(modules), regressions
