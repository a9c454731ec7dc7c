"""Stage 1: read a Python file into a `SourceUnit`.

Everything later keys off the exact bytes read here (the sha256 feeds the
cache key), so the file is read once and never again by later stages.
"""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import UserError


@dataclass(frozen=True)
class SourceUnit:
    path: Path
    text: str
    sha256: str
    module_name: str
    kind: Literal["script", "library"]
    tree: ast.Module = field(compare=False, repr=False)


def module_name_for(path: Path) -> str:
    """Dotted name Python would give `path`: walk up while `__init__.py` exists."""
    parts = [path.stem] if path.stem != "__init__" else []
    parent = path.parent
    while (parent / "__init__.py").is_file():
        parts.insert(0, parent.name)
        if parent.parent == parent:
            break
        parent = parent.parent
    return ".".join(parts) or path.parent.name


def _is_script(tree: ast.Module) -> bool:
    """A module with an `if __name__ == "__main__":` block is meant to be run."""
    for node in tree.body:
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name)
            and node.test.left.id == "__name__"
        ):
            return True
    return False


def parse_source(text: str, path: str) -> ast.Module:
    try:
        return ast.parse(text, filename=path, type_comments=False)
    except SyntaxError as exc:
        line = exc.lineno or 0
        col = exc.offset or 0
        raise UserError(f"{path}:{line}:{col}: syntax error: {exc.msg}") from None


def ingest(path: str | Path, *, module_name: str | None = None) -> SourceUnit:
    """Read, decode (honouring PEP 263 coding cookies) and parse one module."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{p}: is a directory, expected a .py file") from None
    except OSError as exc:
        raise UserError(f"{p}: cannot read: {exc.strerror}") from None
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        text = raw.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise UserError(f"{p}:1:1: cannot decode source: {exc}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    p = p.resolve()
    tree = parse_source(text, str(p))
    return SourceUnit(
        path=p,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        module_name=module_name or module_name_for(p),
        kind="script" if _is_script(tree) else "library",
        tree=tree,
    )
