"""Library mode, part 1: a package's modules, its import graph and its call graph.

Everything here is syntactic (no analysis, no Rust), so it is cheap enough to
run over thousands of files. The per-module facts (`ModuleFacts`) are plain,
picklable data computed next to the parse, in whichever worker process parsed
the file; resolving names *across* modules (`PackageGraph`) needs all of them
and happens once, in the parent.

Name resolution follows what CPython's import system would bind:

- `from .util import helper` binds `helper` to the attribute `helper` of
  `pkg.util` (or to the module `pkg.util.helper` if that is a submodule);
- `import pkg.sub as s` binds `s` to the module, `import pkg.sub` binds `pkg`;
- relative imports count levels from the module's package (an `__init__` is
  its own package);
- re-exports are followed: `pkg/__init__.py` doing `from .core import mean`
  makes `pkg.mean` resolve to `pkg.core.mean`, and so on through chains (a
  cycle of re-exports resolves to nothing rather than looping);
- `from .x import *` re-exports `x`'s public names (its `__all__` when it has
  a literal one).

Calls are recorded per top-level function as the dotted expression they call
(`helper`, `s.helper`, `pkg.sub.helper`) and resolved to `(module, function)`
by `PackageGraph.resolve_call`. Names the function binds locally (parameters,
assignments) shadow module names, as in Python.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Binding",
    "CallSite",
    "DefInfo",
    "ModuleFacts",
    "PackageGraph",
    "SourceModule",
    "attribute_alias",
    "code_lines",
    "discover_tree",
    "module_facts",
    "strongly_connected",
]

# Directories that never hold a package's own code.
_NOT_SOURCE = {"build", "dist", "node_modules", "site-packages", "__pycache__", "venv"}


@dataclass(frozen=True)
class SourceModule:
    """One module of the tree being partitioned: its dotted name and file."""

    name: str
    path: Path
    is_package: bool  # an `__init__.py`: relative imports count from the module itself


@dataclass(frozen=True)
class Binding:
    """What a module-level import binds a name to: a module, or an attribute of one."""

    module: str
    attr: str | None = None  # None: the module object itself


@dataclass(frozen=True)
class CallSite:
    """A call inside a function: the dotted callee expression and its line."""

    target: tuple[str, ...]  # ("helper",) or ("s", "helper") or ("pkg", "sub", "helper")
    line: int


@dataclass(frozen=True)
class DefInfo:
    """A top-level `def` or `class`: where it is and how many lines of code it has."""

    name: str
    kind: str  # "function" | "class" | "method" (named `Cls.meth`)
    lineno: int  # of the `def`/`class` line (decorators excluded)
    end_lineno: int
    code_lines: int  # non-blank, non-comment lines, decorators included


@dataclass
class ModuleFacts:
    """Everything syntactic about one module that cross-module resolution needs."""

    module: SourceModule
    lines: int  # physical lines of the file
    imports: dict[str, int] = field(default_factory=dict)  # package-internal module -> line
    bindings: dict[str, Binding] = field(default_factory=dict)
    star_from: list[str] = field(default_factory=list)  # `from m import *` sources
    all_names: tuple[str, ...] | None = None  # a literal `__all__`
    defs: dict[str, DefInfo] = field(default_factory=dict)
    calls: dict[str, list[CallSite]] = field(default_factory=dict)  # function -> call sites
    rebound: set[str] = field(default_factory=set)  # top-level names bound more than once


# -- discovery --------------------------------------------------------------------------


def _walk_py(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d.isidentifier()
            and d not in _NOT_SOURCE
            and not d.startswith(".")
            and not (here / d / "pyvenv.cfg").exists()
        )
        for name in sorted(filenames):
            if name.endswith(".py") and name[:-3].isidentifier():
                yield here / name


def _dotted(rel: Path) -> str:
    parts = list(rel.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def discover_tree(target: Path) -> list[SourceModule]:
    """The modules under `target`, named as Python would import them.

    A directory with `__init__.py` is a package named after itself
    (`geometry/vector.py` is `geometry.vector`); any other directory is a
    source root (its top-level files and packages are top-level names).
    A project directory whose pyproject.toml has `[tool.portalis]` yields
    exactly its marked modules.
    """
    target = target.resolve()
    if target.is_file():
        if target.suffix != ".py":
            raise ValueError(f"{target}: not a .py file or a directory")
        name = target.stem if target.stem != "__init__" else target.parent.name
        return [SourceModule(name, target, target.name == "__init__.py")]
    marked = _marked_modules(target)
    if marked is not None:
        return marked
    root = target.parent if (target / "__init__.py").is_file() else target
    out: list[SourceModule] = []
    for path in _walk_py(target):
        rel = path.relative_to(root)
        if not all(p.isidentifier() for p in rel.with_suffix("").parts):
            continue
        name = _dotted(rel)
        if not name:
            continue
        out.append(SourceModule(name, path, path.name == "__init__.py"))
    return sorted(out, key=lambda m: m.name)


def _marked_modules(project: Path) -> list[SourceModule] | None:
    """`[tool.portalis]` modules of a project directory, or None when it has none."""
    pyproject = project / "pyproject.toml"
    if not pyproject.is_file() or b"portalis" not in pyproject.read_bytes():
        return None
    from ..config import load_config
    from ..package import discover

    config = load_config(pyproject)
    if config is None or not (config.modules or config.packages):
        return None
    return [SourceModule(m.name, m.path, m.path.name == "__init__.py") for m in discover(config)]


# -- per-module facts ---------------------------------------------------------------------


def code_lines(source_lines: Sequence[str], first: int, last: int) -> int:
    """Lines in `first..last` (1-based, inclusive) that hold code: not blank, not only a comment."""
    count = 0
    for text in source_lines[first - 1 : last]:
        stripped = text.strip()
        if stripped and not stripped.startswith("#"):
            count += 1
    return count


def _package_of(module: SourceModule) -> str:
    return module.name if module.is_package else module.name.rpartition(".")[0]


def resolve_relative(module: SourceModule, level: int, target: str | None) -> str | None:
    """The absolute module a `from <level dots><target> import ...` names, or None if invalid."""
    if level == 0:
        return target
    base = _package_of(module).split(".") if _package_of(module) else []
    if level - 1 > len(base) or (level - 1 == len(base) and not target):
        return None
    base = base[: len(base) - (level - 1)]
    if target:
        base.append(target)
    return ".".join(base) or None


def _scan_function(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    imports: list[ast.Import | ast.ImportFrom] | None = None,
) -> tuple[set[str], list[tuple[tuple[str, ...], int]]]:
    """Names a function binds itself, and its calls: one pass over the body (hot at scale).

    The imports met on the way are appended to `imports` (dependencies too)."""
    args = fn.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    if args.vararg:
        names.add(args.vararg.arg)
    if args.kwarg:
        names.add(args.kwarg.arg)
    declared_global: set[str] = set()
    calls: list[tuple[tuple[str, ...], int, int]] = []
    stack: list[ast.AST] = list(fn.body)
    Name, Call, Attribute = ast.Name, ast.Call, ast.Attribute
    while stack:
        node = stack.pop()
        cls = type(node)
        if cls is Name:
            if type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                names.add(node.id)  # type: ignore[attr-defined]
            continue
        if cls is Call:
            target = _dotted_expr(node.func)  # type: ignore[attr-defined]
            if target is not None:
                calls.append((target, node.lineno, node.col_offset))  # type: ignore[attr-defined]
        elif cls is Attribute:
            stack.append(node.value)  # type: ignore[attr-defined]
            continue
        elif cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)  # type: ignore[attr-defined]
        elif cls in (ast.Import, ast.ImportFrom):
            for alias in node.names:  # type: ignore[attr-defined]
                names.add((alias.asname or alias.name).split(".")[0])
            if imports is not None:
                imports.append(node)  # type: ignore[arg-type]
        elif cls is ast.ExceptHandler and node.name:  # type: ignore[attr-defined]
            names.add(node.name)  # type: ignore[attr-defined]
        elif cls is ast.Global:
            declared_global.update(node.names)  # type: ignore[attr-defined]
        for value in node.__dict__.values():
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)
    calls.sort(key=lambda c: (c[1], c[2]))  # source order
    return names - declared_global, [(t, line) for t, line, _ in calls]


def _dotted_expr(node: ast.expr) -> tuple[str, ...] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return tuple(reversed(parts))


def _literal_all(tree: ast.Module) -> tuple[str, ...] | None:
    for st in tree.body:
        if (
            isinstance(st, ast.Assign)
            and len(st.targets) == 1
            and isinstance(st.targets[0], ast.Name)
            and st.targets[0].id == "__all__"
            and isinstance(st.value, (ast.List, ast.Tuple))
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in st.value.elts)
        ):
            return tuple(e.value for e in st.value.elts)  # type: ignore[attr-defined]
    return None


def module_facts(
    module: SourceModule, tree: ast.Module, text: str, known: frozenset[str] | set[str]
) -> ModuleFacts:
    """Imports, bindings, definitions and call sites of one parsed module.

    `known` is the set of module names in the tree: only imports of those
    are package-internal (everything else is the outside world).
    """
    source_lines = text.splitlines()
    facts = ModuleFacts(module, len(source_lines))
    bound: dict[str, int] = {}

    def bind(name: str, binding: Binding | None) -> None:
        bound[name] = bound.get(name, 0) + 1
        if binding is not None:
            facts.bindings[name] = binding
        else:
            facts.bindings.pop(name, None)

    def note_import(name: str, line: int) -> None:
        # Only the module whose contents are used: importing `a.b.c` also runs
        # `a/__init__`, but counting that would put every submodule in a cycle
        # with its package's `__init__` and hide the cycles that matter.
        if name in known and name != module.name:
            facts.imports.setdefault(name, line)

    def visit_import(st: ast.Import | ast.ImportFrom, top_level: bool) -> None:
        if isinstance(st, ast.Import):
            for alias in st.names:
                note_import(alias.name, st.lineno)
                if not top_level:
                    continue
                if alias.asname:
                    bind(alias.asname, Binding(alias.name) if alias.name in known else None)
                else:
                    head = alias.name.split(".")[0]
                    bind(head, Binding(head) if head in known else None)
            return
        base = resolve_relative(module, st.level, st.module)
        if base is None:
            return
        for alias in st.names:
            if alias.name == "*":
                note_import(base, st.lineno)
                if top_level and base in known:
                    facts.star_from.append(base)
                continue
            sub = f"{base}.{alias.name}"
            note_import(sub if sub in known else base, st.lineno)
            if not top_level:
                continue
            local = alias.asname or alias.name
            if sub in known:
                bind(local, Binding(sub))
            elif base in known:
                bind(local, Binding(base, alias.name))
            else:
                bind(local, None)

    for st in tree.body:
        if isinstance(st, (ast.Import, ast.ImportFrom)):
            visit_import(st, True)
        elif isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bind(st.name, None)
            first = min([st.lineno, *(d.lineno for d in st.decorator_list)])
            end = st.end_lineno or st.lineno
            lines = code_lines(source_lines, first, end)
            if isinstance(st, ast.ClassDef):
                # Methods are units of their own (`Cls.meth`, as the analysis names
                # them); the class keeps the rest (header, fields, decorators).
                for item in st.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        m_first = min([item.lineno, *(d.lineno for d in item.decorator_list)])
                        m_end = item.end_lineno or item.lineno
                        m_lines = code_lines(source_lines, m_first, m_end)
                        lines -= m_lines
                        qual = f"{st.name}.{item.name}"
                        facts.defs[qual] = DefInfo(qual, "method", item.lineno, m_end, m_lines)
            facts.defs[st.name] = DefInfo(
                st.name,
                "class" if isinstance(st, ast.ClassDef) else "function",
                st.lineno,
                end,
                lines,
            )
        elif isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = st.targets if isinstance(st, ast.Assign) else [st.target]
            for t in targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        bind(n.id, None)
    facts.rebound = {name for name, n in bound.items() if n > 1}
    facts.all_names = _literal_all(tree)

    # Imports below top level (in functions, under `if TYPE_CHECKING:`) are
    # still dependencies, though they bind no module-level name. Functions
    # report theirs from the one pass over their body; the rest is walked.
    nested: list[ast.Import | ast.ImportFrom] = []
    for st in tree.body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            local, found = _scan_function(st, nested)
            facts.calls[st.name] = [CallSite(t, line) for t, line in found if t[0] not in local]
        elif not isinstance(st, (ast.Import, ast.ImportFrom)):
            nested.extend(n for n in ast.walk(st) if isinstance(n, (ast.Import, ast.ImportFrom)))
    for node in nested:
        visit_import(node, False)
    return facts


def attribute_alias(target: tuple[str, ...]) -> str:
    """The name library mode links a call through module attributes under:
    `_util.clamp(x)` -> `_util__clamp`."""
    return "__".join(target)


# -- the package graph ----------------------------------------------------------------------


class PackageGraph:
    """All modules' facts together: resolves names across modules, finds import cycles."""

    def __init__(self, facts: Iterable[ModuleFacts]) -> None:
        self.modules: dict[str, ModuleFacts] = {f.module.name: f for f in facts}

    # -- names ----------------------------------------------------------------------
    def resolve(
        self, module: str, name: str, seen: frozenset[tuple[str, str]] = frozenset()
    ) -> tuple[str, str] | None:
        """Where `module.name` is defined: `(defining module, def name)`, following re-exports."""
        if (module, name) in seen or module not in self.modules:
            return None
        seen = seen | {(module, name)}
        facts = self.modules[module]
        if name in facts.defs and name not in facts.rebound:
            return (module, name)
        binding = facts.bindings.get(name)
        if binding is not None:
            if binding.attr is None:
                return None  # a module, not a definition
            return self.resolve(binding.module, binding.attr, seen)
        if name in facts.defs or name in facts.rebound:
            return None
        for source in facts.star_from:
            exported = self.modules[source].all_names if source in self.modules else None
            if (exported is not None and name in exported) or (
                exported is None and not name.startswith("_")
            ):
                hit = self.resolve(source, name, seen)
                if hit is not None:
                    return hit
        return None

    def _module_value(self, module: str, name: str) -> str | None:
        """The module that `module.name` evaluates to, if it is one of ours."""
        facts = self.modules.get(module)
        if facts is None:
            return None
        binding = facts.bindings.get(name)
        if binding is not None:
            if binding.attr is None:
                return binding.module
            sub = f"{binding.module}.{binding.attr}"
            return sub if sub in self.modules else None
        sub = f"{module}.{name}"
        # A package's submodule is an attribute of it once imported anywhere.
        if sub in self.modules and name not in facts.defs:
            return sub
        return None

    def resolve_call(self, module: str, target: tuple[str, ...]) -> tuple[str, str] | None:
        """`(module, function)` a call expression in `module` reaches, or None (outside/unknown)."""
        facts = self.modules.get(module)
        if facts is None:
            return None
        if len(target) == 1:
            hit = self.resolve(module, target[0])
        else:
            current = self._module_value(module, target[0])
            for part in target[1:-1]:
                if current is None:
                    return None
                current = self._module_value(current, part)
            if current is None:
                return None
            hit = self.resolve(current, target[-1])
        if hit is None:
            return None
        info = self.modules[hit[0]].defs.get(hit[1])
        return hit if info is not None and info.kind == "function" else None

    # -- graphs -------------------------------------------------------------------------
    def import_edges(self) -> dict[str, list[str]]:
        return {name: sorted(f.imports) for name, f in self.modules.items()}

    def cycles(self) -> list[list[str]]:
        """Import cycles: the strongly connected components with more than one module."""
        return [c for c in strongly_connected(self.import_edges()) if len(c) > 1]

    def call_edges(self) -> dict[tuple[str, str], list[tuple[tuple[str, str], int]]]:
        """`(module, function)` -> the package functions it calls, with the first line of each."""
        out: dict[tuple[str, str], list[tuple[tuple[str, str], int]]] = {}
        for name, facts in self.modules.items():
            for fn, sites in facts.calls.items():
                seen: dict[tuple[str, str], int] = {}
                for site in sites:
                    hit = self.resolve_call(name, site.target)
                    if hit is not None:
                        seen.setdefault(hit, site.line)
                out[(name, fn)] = sorted(seen.items(), key=lambda kv: kv[1])
        return out

    def dependents(self, changed: Iterable[str]) -> set[str]:
        """Modules whose translation can depend on `changed`: they import it, transitively."""
        reverse: dict[str, set[str]] = {}
        for name, facts in self.modules.items():
            for dep in facts.imports:
                reverse.setdefault(dep, set()).add(name)
        out = set(changed)
        stack = list(out)
        while stack:
            for parent in reverse.get(stack.pop(), ()):
                if parent not in out:
                    out.add(parent)
                    stack.append(parent)
        return out


def strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (a 10,000-module chain must not hit the recursion limit).

    Components come out callee-first (a component's dependencies before it),
    each sorted by name.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(sorted(component))
    return out
