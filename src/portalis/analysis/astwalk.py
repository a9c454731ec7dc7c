"""A faster `ast.walk`: the same nodes in the same (breadth-first) order, as a list.

The analysis walks every function body several times; `ast.walk` spends most
of that in `ast.iter_child_nodes`/`iter_fields` generator overhead. Reading
`_fields` directly halves the cost without changing what any caller sees.
"""

from __future__ import annotations

import ast

_AST = ast.AST


def walk(node: ast.AST) -> list[ast.AST]:
    """`list(ast.walk(node))`, computed without generators."""
    out: list[ast.AST] = [node]
    append = out.append
    i = 0
    while i < len(out):
        current = out[i]
        i += 1
        for name in current._fields:
            value = getattr(current, name, None)
            if value is None:
                continue
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, _AST):
                        append(item)
            elif isinstance(value, _AST):
                append(value)
    return out
