"""Output of the translation stage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExportParam:
    name: str
    type: str  # "int" | "float" | "bool" | "str" | "list[int]" | "tuple[int, str]" ...


@dataclass(frozen=True)
class Export:
    """One translated function as the loader sees it: name, ABI symbol, types."""

    name: str
    symbol: str
    params: tuple[ExportParam, ...]
    returns: str  # "int" | "float" | "bool" | "None"
    lineno: int
    # The function (or one it calls) may print: the host then drains the
    # module's output buffer (`__portalis_output_info`) after each call.
    prints: bool = False
    # List arguments the function may mutate: their final contents come back
    # in the result buffer and are written into the caller's objects.
    copyback: tuple[str, ...] = ()
    # Exports whose signature has class instances (the object path, objects.py):
    # every crossing class of the module, in class-index order, as
    # (name, ((field, type), ...)).
    classes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    # The module's own exception classes, by name: exception code
    # USER_BASE + k (rt/err.rs) is raised as the k-th, looked up at raise time.
    exc_classes: tuple[str, ...] = ()
    # Takes the object path (objects.py) without instances: dicts, or lists of
    # lists a function may mutate, whose inner objects are tracked one by one.
    tracked: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(d: dict[str, Any]) -> Export:
        return Export(
            name=d["name"],
            symbol=d["symbol"],
            params=tuple(ExportParam(**p) for p in d["params"]),
            returns=d["returns"],
            lineno=d["lineno"],
            prints=bool(d.get("prints", False)),
            copyback=tuple(d.get("copyback", ())),
            classes=tuple((c[0], tuple((f, t) for f, t in c[1])) for c in d.get("classes", ())),
            exc_classes=tuple(d.get("exc_classes", ())),
            tracked=bool(d.get("tracked", False)),
        )


@dataclass
class RustCrate:
    module_name: str
    source_path: str
    source_sha256: str
    lib_rs: str
    exports: list[Export]
    skipped: dict[str, str]
    constants: dict[str, Any] = field(default_factory=dict)
    # function name -> module constants it reads (re-checked at load time)
    constants_used: dict[str, list[str]] = field(default_factory=dict)

    @property
    def translated(self) -> list[str]:
        return [e.name for e in self.exports]
