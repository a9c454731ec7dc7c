"""A faster `ast.walk`: the same nodes in the same (breadth-first) order, as a list.

The analysis walks every function body several times; `ast.walk` spends most
of that in `ast.iter_child_nodes`/`iter_fields` generator overhead. Reading
`_fields` directly halves the cost without changing what any caller sees.
"""

from __future__ import annotations

import ast

_AST = ast.AST

# Fields that never hold a node (names, flags, literal values): skipping them
# saves a getattr and an isinstance per field without changing what is walked.
_SCALAR_FIELDS = frozenset(
    {"id", "attr", "arg", "name", "asname", "module", "level", "is_async", "conversion"}
    | {"kind", "type_comment", "simple", "tag"}
)
_SCALAR_BY_CLASS: dict[type, frozenset[str]] = {
    ast.Constant: frozenset({"value"}),
    ast.Global: frozenset({"names"}),
    ast.Nonlocal: frozenset({"names"}),
}
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
# List fields that may hold something other than nodes: `None` for a `**d`
# entry in a dict display or a keyword-only parameter without a default, the
# attribute names of a class pattern. Every other list field holds only nodes.
MIXED_LISTS = frozenset(
    {(ast.Dict, "keys"), (ast.arguments, "kw_defaults"), (ast.MatchClass, "kwd_attrs")}
)


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of node class `cls` that may hold nodes or lists of nodes (cached)."""
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        skip = _SCALAR_BY_CLASS.get(cls, frozenset())
        fields = tuple(
            f for f in getattr(cls, "_fields", ()) if f not in _SCALAR_FIELDS and f not in skip
        )
        _CHILD_FIELDS[cls] = fields
    return fields


def walk(node: ast.AST) -> list[ast.AST]:
    """`list(ast.walk(node))`, computed without generators."""
    out: list[ast.AST] = [node]
    append = out.append
    extend = out.extend
    cache = _CHILD_FIELDS
    mixed = MIXED_LISTS
    for current in out:  # `out` grows while it is read: breadth-first, as ast.walk
        cls = current.__class__
        fields = cache.get(cls)
        if fields is None:
            fields = child_fields(cls)
        for name in fields:
            value = getattr(current, name, None)
            if value is None:
                continue
            if value.__class__ is list:
                if (cls, name) in mixed:
                    out.extend(item for item in value if isinstance(item, _AST))
                else:
                    extend(value)
            elif isinstance(value, _AST):
                append(value)
    return out
