"""Module constants as Rust items.

Plain values (ints, floats, bools and tuples of them) become `const` items.
Everything reference-counted (str, lists, dicts, tuples holding a str) is a
function returning the value: a `str` is rebuilt on each read (cheap), a
list or dict is built once per WASM instance in a `thread_local!` cell and
each read returns an alias of it. Sharing one object is exact because the
analysis proved the module never changes or leaks the table
(analysis/constants.py).
"""

from __future__ import annotations

from typing import Any

from ..analysis.model import ConstSpec
from ..analysis.types import STR, PyType, is_copy
from .containers import rust_string_literal


def value_code(value: Any, t: PyType) -> str:
    """A Rust expression building `value` (of type `t`)."""
    from .expressions import rust_literal

    if t == STR:
        return f"PyStr::from_str({rust_string_literal(value)})"
    if t.name == "tuple":
        parts = [value_code(v, a) for v, a in zip(value, t.args)]
        return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"
    if t.name == "list":
        items = ", ".join(value_code(v, t.args[0]) for v in value)
        return f"PyList::from_vec(vec![{items}])"
    if t.name == "set":
        items = ", ".join(value_code(v, t.args[0]) for v in sorted(value, key=repr))
        return f"PySet::from_vec(vec![{items}])"
    if t.name == "dict":
        k_t, v_t = t.args
        pairs = ", ".join(f"({value_code(k, k_t)}, {value_code(v, v_t)})" for k, v in value.items())
        return f"PyDict::from_pairs(vec![{pairs}])"
    return rust_literal(value)


def const_items(c: ConstSpec, rust_name: str) -> list[str]:
    """The Rust item(s) for one constant, after its `// py:LINE` comment."""
    from .expressions import rust_type

    ty = rust_type(c.type)
    if is_copy(c.type):
        return [f"pub const {rust_name}: {ty} = {value_code(c.value, c.type)};"]
    if c.type == STR or c.type.name == "tuple":
        return [f"pub fn {rust_name}() -> {ty} {{ {value_code(c.value, c.type)} }}"]
    cell = f"_PT_CONST_{c.name}"
    # rustfmt leaves macro bodies alone: lay the table out one item a line.
    if c.type.name == "list":
        rows = [value_code(v, c.type.args[0]) for v in c.value]
        opener, closer = "PyList::from_vec(vec![", "])"
    elif c.type.name == "set":
        # Any layout will do: the module only tests membership and len (analysis).
        rows = [value_code(v, c.type.args[0]) for v in sorted(c.value, key=repr)]
        opener, closer = "PySet::from_vec(vec![", "])"
    else:
        k_t, v_t = c.type.args
        rows = [f"({value_code(k, k_t)}, {value_code(v, v_t)})" for k, v in c.value.items()]
        opener, closer = "PyDict::from_pairs(vec![", "])"
    return [
        "thread_local! {",
        f"    static {cell}: {ty} = {opener}",
        *(f"        {row}," for row in rows),
        f"    {closer};",
        "}",
        f"pub fn {rust_name}() -> {ty} {{",
        f"    {cell}.with(|v| v.clone())",
        "}",
    ]
