"""Generator expressions unpacked into names (see analysis/generators.py)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from .containers import rust_string_literal


def unpack_messages(n: int) -> tuple[list[str], str]:
    """This interpreter's ValueError messages for unpacking `got` items
    (0 <= got < n) into n names, and for more than n items."""
    names = ", ".join(f"_{i}" for i in range(n)) + ("," if n == 1 else "")
    out = []
    for got in [*range(n), n + 1]:
        try:
            # A fixed statement built from two ints: the only way to ask CPython.
            exec(f"{names} = iter(range({got}))", {})
        except ValueError as exc:
            out.append(str(exc))
        else:  # pragma: no cover - CPython always raises here
            raise AssertionError(got)
    return out[:n], out[n]


class GeneratorTranslator:
    comprehension: Callable[..., str]
    temp: Callable[[], str]
    emit: Callable[[str], None]
    assign_name: Callable[[ast.expr, str], None]

    def unpack_generator(self, stmt: ast.Assign) -> None:
        target = stmt.targets[0]
        value = stmt.value
        assert isinstance(target, ast.Tuple) and isinstance(value, ast.GeneratorExp)
        n = len(target.elts)
        buf = self.temp()
        label = f"'l{buf}"

        def on_item(v: str) -> str:
            # Stop after the item that shows there are too many, as CPython does.
            return f"{buf}.push({v}); if {buf}.len() > {n} {{ break {label}; }}"

        loops = self.comprehension(value, on_item, label)
        short, too_many = unpack_messages(n)
        arms = " ".join(f"{i} => {rust_string_literal(m)}," for i, m in enumerate(short))
        self.emit(f"let mut {buf} = Vec::new();")
        self.emit(loops)
        self.emit(
            f"if {buf}.len() != {n} {{ let _m = match {buf}.len() {{ {arms} "
            f"_ => {rust_string_literal(too_many)} }}; "
            f"let _r: PyResult<()> = Err(PyErr::raise(exc::VALUE_ERROR, _m)); _r?; }}"
        )
        for i, elt in enumerate(target.elts):
            self.assign_name(elt, f"{buf}[{i}].clone()")

    def extend_from_generator(self, gen: ast.GeneratorExp, recv: str) -> str:
        """`xs.extend(<genexp>)`: CPython appends each item as it is produced, so
        the generator sees the growing list and an error keeps earlier items."""
        lst = self.temp()
        loops = self.comprehension(gen, lambda v: f"{lst}.append({v});", f"'l{lst}")
        return f"{{ let {lst} = {recv}; {loops} }}"
