"""Classes -> a Rust struct behind `Rc<RefCell<...>>`, methods -> free functions.

For `class Point` the generated code has

- `Point__fields`: the instance attributes, in the order CPython's dataclass
  (or `__init__`) creates them;
- `Point`: a handle (`Rc`), so copies alias the same object as in CPython;
  `get_x()` / `set_x(v)` borrow the cell only for the duration of the call,
  so reading and writing attributes can never overlap a borrow;
- `Point__new(...)`: the constructor (`Point(...)` in Python): a dataclass's
  generated `__init__`, or the class's own `Point____init__`;
- `Point__method(self_, ...)`: each method, translated like a function.
"""

from __future__ import annotations

import ast
from typing import Any

from ..analysis.classes import FACTORY, ClassSpec, constructor_params
from ..analysis.expressions import bind_call
from ..analysis.types import FLOAT, PyType, class_name, is_class
from .names import rust_ident


def field_ident(name: str) -> str:
    """Rust name of a field (and the suffix of its accessors)."""
    ident = rust_ident(name)
    return ident[2:] if ident.startswith("r#") else ident


def struct_name(t: PyType) -> str:
    return rust_ident(class_name(t))


def fn_name(qualified: str) -> str:
    """`Point.distance_to` -> `Point__distance_to`."""
    return "__".join(rust_ident(part) for part in qualified.split("."))


def float_fields(cls: ClassSpec) -> bool:
    return any(t == FLOAT or "float" in str(t) for t in cls.fields.values())


def class_items(cls: ClassSpec, rust_type: Any, initial_value: Any) -> list[str]:
    """The struct, its accessors and its constructor."""
    name = rust_ident(cls.name)
    decorator = "@dataclass " if cls.is_dataclass else ""
    out = [f"// py:{cls.lineno}: {decorator}class {cls.name}"]
    out.append(f"pub struct {name}__fields {{")
    for f, t in cls.fields.items():
        out.append(f"    pub {rust_ident(f)}: {rust_type(t)},")
    out.append("}")
    out.append("")
    out.append(f"pub struct {name} {{")
    out.append(f"    pub o: Rc<RefCell<{name}__fields>>,")
    out.append("}")
    out.append("")
    out.append(f"impl Clone for {name} {{")
    out.append("    /// Aliasing, not copying: both names see the same instance.")
    out.append(f"    fn clone(&self) -> {name} {{")
    out.append(f"        {name} {{ o: Rc::clone(&self.o) }}")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append(f"impl PartialEq for {name} {{")
    if cls.is_dataclass and cls.eq and not float_fields(cls):
        out.append("    /// The dataclass's generated __eq__: the fields, in order.")
        out.append("    fn eq(&self, other: &Self) -> bool {")
        out.append("        if Rc::ptr_eq(&self.o, &other.o) {")
        out.append("            return true;")
        out.append("        }")
        out.append("        let (a, b) = (self.o.borrow(), other.o.borrow());")
        tests = [f"a.{rust_ident(f)} == b.{rust_ident(f)}" for f in cls.fields] or ["true"]
        out.append(f"        {' && '.join(tests)}")
    else:
        out.append("    /// No __eq__ of its own: CPython compares identity.")
        out.append("    fn eq(&self, other: &Self) -> bool {")
        out.append("        Rc::ptr_eq(&self.o, &other.o)")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append(f"impl portalis_rt::list::PyRepr for {name} {{")
    out.append("    /// Only error messages use it: CPython re-runs the call to word them.")
    out.append("    fn py_repr(&self) -> PyResult<String> {")
    out.append("        Err(PyErr::bail(bail::UNSUPPORTED))")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append(f"impl {name} {{")
    inits = ", ".join(f"{rust_ident(f)}: {initial_value(t)}" for f, t in cls.fields.items())
    out.append("    /// A fresh instance whose attributes the constructor then assigns.")
    out.append(f"    pub fn blank() -> {name} {{")
    out.append(f"        {name} {{ o: Rc::new(RefCell::new({name}__fields {{ {inits} }})) }}")
    out.append("    }")
    out.append("")
    out.append("    pub fn address(&self) -> usize {")
    out.append("        Rc::as_ptr(&self.o) as *const u8 as usize")
    out.append("    }")
    for f, t in cls.fields.items():
        fi, ri = field_ident(f), rust_ident(f)
        out.append("")
        out.append(f"    pub fn get_{fi}(&self) -> {rust_type(t)} {{")
        out.append(f"        self.o.borrow().{ri}.clone()")
        out.append("    }")
        out.append("")
        out.append(f"    pub fn set_{fi}(&self, v: {rust_type(t)}) {{")
        out.append(f"        self.o.borrow_mut().{ri} = v;")
        out.append("    }")
    out.append("}")
    out.append("")
    if cls.is_dataclass:
        params = constructor_params(cls)
        sig = ", ".join(f"{rust_ident(p.name)}: {rust_type(p.type)}" for p in params)
        out.append(f"// py:{cls.lineno}: the dataclass's generated __init__")
        out.append(f"pub fn {name}__new({sig}) -> PyResult<{name}> {{")
        fields = ", ".join(rust_ident(p.name) for p in params)
        out.append(f"    Ok({name} {{ o: Rc::new(RefCell::new({name}__fields {{ {fields} }})) }})")
        out.append("}")
        out.append("")
    if cls.is_dataclass and cls.eq and float_fields(cls):
        out.extend(_float_eq(cls))
    if (
        cls.is_dataclass
        and cls.order
        and all(t.name in ("int", "float", "bool", "str") for t in cls.fields.values())
    ):
        out.extend(_order_fn(cls))
    return out


def _order_fn(cls: ClassSpec) -> list[str]:
    """order=True: CPython compares the field tuples: the first field that differs
    decides. -1, 0 or 1; a NaN (identity-dependent in CPython) re-runs in CPython."""
    name = rust_ident(cls.name)
    out = [f"pub fn {name}__order(a: &{name}, b: &{name}) -> PyResult<i64> {{"]
    out.append("    let (a, b) = (a.o.borrow(), b.o.borrow());")
    for f, t in cls.fields.items():
        fi = rust_ident(f)
        if t == FLOAT:
            out.append(f"    if a.{fi}.is_nan() || b.{fi}.is_nan() {{")
            out.append("        return Err(PyErr::bail(bail::UNSUPPORTED));")
            out.append("    }")
        out.append(f"    if a.{fi} != b.{fi} {{")
        out.append(f"        return Ok(if a.{fi} < b.{fi} {{ -1 }} else {{ 1 }});")
        out.append("    }")
    out.append("    Ok(0)")
    out.append("}")
    out.append("")
    return out


def _float_eq(cls: ClassSpec) -> list[str]:
    """__eq__ of a dataclass with float fields: NaN makes CPython's answer depend on
    object identity, which WASM cannot see, so a NaN re-runs the call in CPython."""
    name = rust_ident(cls.name)
    out = [f"pub fn {name}__eq(a: &{name}, b: &{name}) -> PyResult<bool> {{"]
    out.append("    if Rc::ptr_eq(&a.o, &b.o) {")
    out.append("        return Ok(true);")
    out.append("    }")
    out.append("    let (a, b) = (a.o.borrow(), b.o.borrow());")
    for f, t in cls.fields.items():
        fi = rust_ident(f)
        if t == FLOAT:
            out.append(f"    if a.{fi}.is_nan() || b.{fi}.is_nan() {{")
            out.append("        return Err(PyErr::bail(bail::UNSUPPORTED));")
            out.append("    }")
        out.append(f"    if a.{fi} != b.{fi} {{")
        out.append("        return Ok(false);")
        out.append("    }")
    out.append("    Ok(true)")
    out.append("}")
    out.append("")
    return out


class ClassTranslator:
    """Expression and statement forms on instances, mixed into the function translator."""

    spec: Any
    functions: dict[str, Any]
    classes: dict[str, ClassSpec]
    overrides: dict[int, str]

    # Provided by the other translators.
    expr: Any
    expr_as: Any
    type_of: Any
    temp: Any
    emit: Any
    comment: Any

    def class_of(self, t: PyType) -> ClassSpec | None:
        return self.classes.get(class_name(t)) if is_class(t) else None

    def receiver_class(self, t: PyType) -> ClassSpec | None:
        return self.class_of(t.args[0] if t.name == "optional" else t)

    def receiver(self, node: ast.expr) -> str:
        """The instance an attribute is read from; None there bails (CPython raises)."""
        code: str = self.expr(node)
        if self.type_of(node).name == "optional":
            return f"{code}.ok_or(PyErr::bail(bail::UNSUPPORTED))?"
        return code

    def class_named(self, node: ast.expr) -> ClassSpec | None:
        from ..analysis.classes import classmethod_cls

        owner = self.classes.get(self.spec.owner) if self.spec.owner else None
        if isinstance(node, ast.Name) and node.id == classmethod_cls(owner, self.spec.node):
            return owner
        if (
            isinstance(node, ast.Name)
            and node.id in self.classes
            and node.id not in self.local_names
            and id(node) not in self.spec.comp_names
        ):
            return self.classes[node.id]
        return None

    local_names: dict[str, str]
    str_literal: Any

    def _args(self, node: ast.Call, params: list[Any]) -> list[str]:
        from .expressions import default_literal

        out = []
        for p, arg in zip(params, bind_call(node, params)):
            if arg is not None:
                out.append(self.expr_as(arg, p.type))
            elif p.default is FACTORY:
                out.append(f"{_factory_type(p.type)}::new()")
            else:
                out.append(default_literal(p))
        return out

    def expr_Call(self, node: ast.Call) -> str:
        cls = self.class_named(node.func)
        if cls is not None:
            return self.construct(node, cls)
        if isinstance(node.func, ast.Attribute) and id(node) not in self.spec.stdlib_calls:
            owner = self.class_named(node.func.value)
            if owner is not None:
                key = f"{owner.name}.{owner.aliases.get(node.func.attr, node.func.attr)}"
                args = self._args(node, self.functions[key].params)
                return f"{fn_name(key)}({', '.join(args)})?"
            recv_t = self.type_of(node.func.value)
            recv_cls = self.receiver_class(recv_t)
            if recv_cls is not None:
                key = f"{recv_cls.name}.{recv_cls.aliases.get(node.func.attr, node.func.attr)}"
                params = self.functions[key].params
                recv = self.receiver(node.func.value)
                if recv_cls.methods[node.func.attr] in ("static", "class"):
                    args = self._args(node, params)
                    return f"{{ {recv}; {fn_name(key)}({', '.join(args)})? }}"
                args = [recv, *self._args(node, params[1:])]
                return f"{fn_name(key)}({', '.join(args)})?"
        return super().expr_Call(node)  # type: ignore[misc, no-any-return]

    def construct(self, node: ast.Call, cls: ClassSpec) -> str:
        name = rust_ident(cls.name)
        if cls.is_dataclass:
            args = self._args(node, constructor_params(cls))
            return f"{name}__new({', '.join(args)})?"
        if not cls.has_init:
            return f"{name}::blank()"
        key = f"{cls.name}.__init__"
        args = self._args(node, self.functions[key].params[1:])
        tmp = self.temp()
        return (
            f"{{ let {tmp} = {name}::blank(); "
            f"{fn_name(key)}({', '.join([f'{tmp}.clone()', *args])})?; {tmp} }}"
        )

    def expr_Attribute(self, node: ast.Attribute) -> str:
        owner = self.class_named(node.value)
        if owner is not None:  # `Config.SEP` / `cls.SEP`: a str class constant
            return str(self.str_literal(owner.consts[node.attr]))
        t = self.type_of(node.value)
        cls = self.receiver_class(t)
        if cls is None:
            return super().expr_Attribute(node)  # type: ignore[misc, no-any-return]
        if node.attr in cls.consts:  # `self.SEP`: CPython evaluates `self` first
            return f"{{ {self.expr(node.value)}; {self.str_literal(cls.consts[node.attr])} }}"
        if cls.methods.get(node.attr) == "property":
            key = f"{cls.name}.{cls.aliases.get(node.attr, node.attr)}"
            return f"{fn_name(key)}({self.receiver(node.value)})?"
        return f"{self.receiver(node.value)}.get_{field_ident(node.attr)}()"

    def assign_name(self, target: ast.expr, code: str) -> None:
        if isinstance(target, ast.Attribute):
            # CPython evaluates the value first, then the object.
            v, o = self.temp(), self.temp()
            self.emit(
                f"{{ let {v} = {code}; let {o} = {self.receiver(target.value)}; "
                f"{o}.set_{field_ident(target.attr)}({v}); }}"
            )
            return
        super().assign_name(target, code)  # type: ignore[misc]

    def assign_value(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Attribute):
            self.assign_name(target, self.expr_as(value, self.type_of(target)))
            return
        if isinstance(target, ast.Subscript) and not isinstance(target.slice, ast.Slice):
            # `xs[i] = 5` into a list[int | None]: the item is Some(5).
            container = self.type_of(target.value)
            item = {"list": 0, "dict": 1}.get(container.name)
            if item is not None and container.args[item].name == "optional":
                self.assign_name(target, self.expr_as(value, container.args[item]))
                return
        super().assign_value(target, value)  # type: ignore[misc]

    def stmt_AugAssign(self, stmt: ast.AugAssign) -> None:
        target = stmt.target
        if not isinstance(target, ast.Attribute):
            super().stmt_AugAssign(stmt)  # type: ignore[misc]
            return
        self.comment(stmt)
        fake = self.spec.aug_nodes[id(stmt)]
        o, old = self.temp(), self.temp()
        fi = field_ident(target.attr)
        self.overrides[id(fake.left)] = old
        self.emit(
            f"{{ let {o} = {self.receiver(target.value)}; let {old} = {o}.get_{fi}(); "
            f"let _ptv = {self.expr_as(fake, self.type_of(target))}; {o}.set_{fi}(_ptv); }}"
        )

    def expr_BoolOp(self, node: ast.BoolOp) -> str:
        first = self.type_of(node.values[0])
        if (
            isinstance(node.op, ast.Or)
            and len(node.values) == 2
            and first.name == "optional"
            and self.type_of(node).name != "optional"
        ):
            inner = first.args[0]
            other = self.expr_as(node.values[1], inner)
            test = self.truthy_code("_v", inner)
            return (
                f"(match {self.expr(node.values[0])} {{ "
                f"Some(_v) => if {test} {{ _v }} else {{ {other} }}, None => {{ {other} }} }})"
            )
        return super().expr_BoolOp(node)  # type: ignore[misc, no-any-return]

    truthy_code: Any

    # -- str() / repr() of instances (the class's __str__/__repr__ or the dataclass's)
    def str_of(self, code: str, t: PyType) -> str:
        inner = t.args[0] if t.name == "optional" else t
        if is_class(inner):
            return _text_call(code, t, "str")
        return super().str_of(code, t)  # type: ignore[misc, no-any-return]

    def repr_of(self, code: str, t: PyType) -> str:
        inner = t.args[0] if t.name == "optional" else t
        if is_class(inner):
            return _text_call(code, t, "repr")
        return super().repr_of(code, t)  # type: ignore[misc, no-any-return]

    def _dunder(self, cls: ClassSpec, method: str) -> str:
        return fn_name(f"{cls.name}.{cls.aliases.get(method, method)}")

    def expr_BinOp(self, node: ast.BinOp) -> str:
        from ..analysis.classes import BINARY_DUNDERS

        cls = self.class_of(self.type_of(node.left))
        if cls is None:
            return super().expr_BinOp(node)  # type: ignore[misc, no-any-return]
        method = self._dunder(cls, BINARY_DUNDERS[type(node.op)])
        return f"{method}({self.expr(node.left)}, {self.expr(node.right)})?"

    def builtin_len(self, node: ast.Call) -> str:
        cls = self.class_of(self.type_of(node.args[0]))
        if cls is None:
            return super().builtin_len(node)  # type: ignore[misc, no-any-return]
        # CPython's len() raises ValueError for a negative __len__: re-run there.
        return (
            f"{self._dunder(cls, '__len__')}({self.expr(node.args[0])}).and_then(|n| "
            "if n < 0 { Err(PyErr::bail(bail::UNSUPPORTED)) } else { Ok(n) })?"
        )

    def compare_pair(self, op: ast.cmpop, a: str, ta: PyType, b: str, tb: PyType) -> str:
        from ..analysis.classes import ORDER_DUNDERS, order_method

        container = self.class_of(tb)
        if (
            isinstance(op, (ast.In, ast.NotIn))
            and container is not None
            and container.dunder("__contains__")
        ):
            test = f"{self._dunder(container, '__contains__')}({b}, {a})?"
            return f"(!{test})" if isinstance(op, ast.NotIn) else test
        cls = self.class_of(ta)
        if cls is not None and container is cls and type(op) in ORDER_DUNDERS:
            if cls.is_dataclass and cls.order:
                sym = {ast.Lt: "== -1", ast.LtE: "!= 1", ast.Gt: "== 1", ast.GtE: "!= -1"}
                return f"({rust_ident(cls.name)}__order(&{a}, &{b})? {sym[type(op)]})"
            found = order_method(cls, op)
            assert found is not None
            x, y = (b, a) if found[1] else (a, b)
            return f"{self._dunder(cls, found[0])}({x}, {y})?"
        if cls is not None and self.class_of(tb) is cls:
            negate = isinstance(op, (ast.IsNot, ast.NotEq))
            if isinstance(op, (ast.Is, ast.IsNot)) or not (cls.is_dataclass and cls.eq):
                test = f"Rc::ptr_eq(&{a}.o, &{b}.o)"
            elif isinstance(op, (ast.Eq, ast.NotEq)) and float_fields(cls):
                test = f"{rust_ident(cls.name)}__eq(&{a}, &{b})?"
            elif isinstance(op, (ast.Eq, ast.NotEq)):
                test = f"({a} == {b})"
            else:
                raise AssertionError("dataclass ordering is not translated")
            return f"(!{test})" if negate else test
        if (
            isinstance(op, (ast.Is, ast.IsNot))
            and ta.name == "optional"
            and ta == tb
            and is_class(ta.args[0])
        ):
            test = (
                f"match (&{a}, &{b}) {{ (Some(x), Some(y)) => Rc::ptr_eq(&x.o, &y.o), "
                "(None, None) => true, _ => false }"
            )
            return f"(!{test})" if isinstance(op, ast.IsNot) else f"({test})"
        if (
            isinstance(op, (ast.Is, ast.IsNot))
            and (ta.name == "optional") != (tb.name == "optional")
            and (is_class(ta) or is_class(tb))
        ):
            opt, plain = (a, b) if ta.name == "optional" else (b, a)
            test = f"match &{opt} {{ Some(x) => Rc::ptr_eq(&x.o, &{plain}.o), None => false }}"
            return f"(!{test})" if isinstance(op, ast.IsNot) else f"({test})"
        return super().compare_pair(op, a, ta, b, tb)  # type: ignore[misc, no-any-return]


def _text_call(code: str, t: PyType, kind: str) -> str:
    if t.name == "optional":
        inner = _text_call("_v", t.args[0], kind)
        return f'match {code} {{ Some(_v) => {inner}, None => String::from("None") }}'
    return f"{struct_name(t)}__py_{kind}(&{code})?"


def text_plan(classes: list[ClassSpec], functions: dict[str, Any]) -> dict[str, dict[str, str]]:
    """For each class, how `str()`/`repr()` of an instance is computed, where exact:
    "method:<key>" (the class's own, translated), "dataclass", or "repr" (str falls
    back to repr). Mirrors ClassChecker.instance_text."""
    from ..analysis.classes import text_method
    from ..analysis.types import BOOL, INT, NONE, STR

    by_name = {c.name: c for c in classes}

    def translated(cls: ClassSpec, method: str) -> str | None:
        key = f"{cls.name}.{cls.aliases.get(method, method)}"
        fn = functions.get(key)
        ok = fn is not None and fn.skip is None and fn.return_type == STR
        return key if ok else None

    plans: dict[str, dict[str, str]] = {}
    simple = (INT, FLOAT, BOOL, NONE, STR)
    changed = True
    while changed:
        changed = False
        for cls in classes:
            plan = plans.setdefault(cls.name, {})
            if "repr" not in plan:
                method = text_method(cls, "repr")
                key = translated(cls, method) if method else None
                if key is not None:
                    plan["repr"] = f"method:{key}"
                elif method is None and cls.is_dataclass and cls.repr:
                    fields_ok = True
                    for ft in cls.fields.values():
                        inner = ft.args[0] if ft.name == "optional" else ft
                        if inner in simple:
                            continue
                        other = by_name.get(class_name(inner)) if is_class(inner) else None
                        if other is None or (
                            other is not cls and "repr" not in plans.get(other.name, {})
                        ):
                            fields_ok = False
                    if fields_ok:
                        plan["repr"] = "dataclass"
                if "repr" in plan:
                    changed = True
            if "str" not in plan:
                method = text_method(cls, "str")
                if method == "__str__":
                    key = translated(cls, method)
                    if key is not None:
                        plan["str"] = f"method:{key}"
                elif "repr" in plan:
                    plan["str"] = "repr"
                if "str" in plan:
                    changed = True
    return plans


def text_items(cls: ClassSpec, plan: dict[str, str]) -> list[str]:
    """`Class__py_repr` / `Class__py_str`: the text CPython's repr()/str() gives."""
    name = rust_ident(cls.name)
    out: list[str] = []
    for kind in ("repr", "str"):
        how = plan.get(kind)
        if how is None:
            continue
        out.append(f"pub fn {name}__py_{kind}(v: &{name}) -> PyResult<String> {{")
        if how.startswith("method:"):
            out.append(f"    Ok({fn_name(how[7:])}(v.clone())?.as_str().to_string())")
        elif how == "repr":
            out.append(f"    {name}__py_repr(v)")
        else:
            # The dataclass's generated __repr__: Name(field=repr(value), ...).
            out.append(f'    let mut s = String::from("{cls.name}(");')
            for i, (f, t) in enumerate(cls.fields.items()):
                sep = ", " if i else ""
                out.append(f'    s.push_str("{sep}{f}=");')
                out.append(f"    s.push_str(&{_field_repr(f'v.get_{field_ident(f)}()', t)});")
            out.append("    s.push(')');")
            out.append("    Ok(s)")
        out.append("}")
        out.append("")
    return out


def _field_repr(code: str, t: PyType) -> str:
    from ..analysis.types import STR
    from .containers import ContainerTranslator

    if t.name == "optional":
        inner = _field_repr("_v", t.args[0])
        return f'match {code} {{ Some(_v) => {inner}, None => String::from("None") }}'
    if is_class(t):
        return f"{struct_name(t)}__py_repr(&{code})?"
    if t == STR:
        return f"pyfmt::repr_str(&{code})?"
    return str(ContainerTranslator.str_of(code, t))


def _factory_type(t: PyType) -> str:
    return {"list": "PyList", "dict": "PyDict", "set": "PySet"}[t.name]


__all__ = ["ClassTranslator", "class_items", "field_ident", "fn_name", "struct_name"]


def boundary_type_ok(t: PyType, classes: dict[str, ClassSpec]) -> bool:
    """Whether values of type `t` can cross the boundary on the object path."""
    if t.name in ("int", "float", "bool", "None", "str"):
        return True
    if is_class(t):
        cls = classes.get(class_name(t))
        return cls is not None and cls.skip is None and cls.fields_done
    if t.name in ("list", "tuple", "optional"):
        return all(boundary_type_ok(a, classes) for a in t.args)
    if t.name == "dict" and len(t.args) == 2:
        # Keys whose hash and equality CPython and the runtime agree on, exactly typed.
        return t.args[0].name in ("int", "str", "bool") and boundary_type_ok(t.args[1], classes)
    return False


def mentions_class(t: PyType) -> bool:
    return is_class(t) or any(mentions_class(a) for a in t.args)


def crossing_classes(classes: dict[str, ClassSpec]) -> list[ClassSpec]:
    """Emitted classes whose instances can cross the boundary (every field can)."""
    emitted = [c for c in classes.values() if c.skip is None and c.fields_done]
    ok = {c.name for c in emitted}
    changed = True
    while changed:
        changed = False
        for c in emitted:
            if c.name in ok and not all(_field_ok(t, classes, ok) for t in c.fields.values()):
                ok.discard(c.name)
                changed = True
    return [c for c in emitted if c.name in ok]


def _field_ok(t: PyType, classes: dict[str, ClassSpec], ok: set[str]) -> bool:
    if is_class(t):
        return class_name(t) in ok
    if t.name in ("list", "tuple", "optional"):
        return all(_field_ok(a, classes, ok) for a in t.args)
    if t.name == "dict" and len(t.args) == 2:  # as boundary_type_ok
        return t.args[0].name in ("int", "str", "bool") and _field_ok(t.args[1], classes, ok)
    return t.name in ("int", "float", "bool", "None", "str")


def abi_items(cls: ClassSpec, index: int) -> list[str]:
    """FromAbi / ToAbi / Tracked for a class whose instances cross the boundary."""
    name = rust_ident(cls.name)
    n = len(cls.fields)
    out = [f"impl portalis_rt::abi::FromAbi for {name} {{"]
    out.append(f"    fn read(r: &mut portalis_rt::abi::Reader) -> PyResult<{name}> {{")
    out.append(f"        r.object({index}, {n})?;")
    out.append(f"        let v = {name}::blank();")
    out.append("        r.track(v.address(), v.clone());")
    for f in cls.fields:
        out.append(f"        {{ let x = r.read()?; v.set_{field_ident(f)}(x); }}")
    out.append("        Ok(v)")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append(f"impl portalis_rt::abi::ToAbi for {name} {{")
    out.append("    fn write(&self, w: &mut portalis_rt::abi::Writer) {")
    out.append("        if !w.reference(self.address()) {")
    out.append("            portalis_rt::abi::Tracked::write_back(self, w);")
    out.append("        }")
    out.append("    }")
    out.append("}")
    out.append("")
    out.append(f"impl portalis_rt::abi::Tracked for {name} {{")
    out.append("    fn write_back(&self, w: &mut portalis_rt::abi::Writer) {")
    out.append(f"        w.object({index}, {n});")
    for f in cls.fields:
        out.append(f"        portalis_rt::abi::ToAbi::write(&self.get_{field_ident(f)}(), w);")
    out.append("    }")
    out.append("}")
    out.append("")
    return out


def object_export(spec: Any, rust_type: Any) -> list[str]:
    """The export of a function or method whose signature has instances.

    Every argument travels in the argument buffer; lists and instances are
    tracked, and after the call each one's final contents are written back
    (also when the call raised), then the host updates its own objects. For
    `__init__` the instance is created here and returned: the host copies its
    attributes onto the object CPython is initialising.
    """
    from .names import export_symbol

    symbol = export_symbol(spec.name)
    is_init = spec.owner and spec.node.name == "__init__"
    params = spec.params[1:] if is_init else spec.params
    lines = [
        "#[no_mangle]",
        f'pub extern "C" fn {symbol}() -> i32 {{',
        "    let mut rd = portalis_rt::abi::Reader::args_tracked();",
    ]
    for p in params:
        ident = rust_ident(p.name)
        lines.append(f"    let {ident}: {rust_type(p.type)} = match rd.read() {{")
        lines.append("        Ok(v) => v,")
        lines.append("        Err(e) => return portalis_rt::err::ret_none(Err(e)),")
        lines.append("    };")
    args = [f"{rust_ident(p.name)}.clone()" for p in params]
    if is_init:
        owner = rust_ident(spec.owner)
        lines.append(f"    let made = {owner}::blank();")
        lines.append(
            f"    let result = {fn_name(spec.name)}({', '.join(['made.clone()', *args])})"
            ".map(|_| made);"
        )
    else:
        lines.append(f"    let result = {fn_name(spec.name)}({', '.join(args)});")
    lines.append("    let mut w = rd.writer();")
    lines.append("    let failed = match result {")
    lines.append("        Ok(v) => { w.put(&v); None }")
    lines.append(
        "        Err(PyErr::Bail(b)) => return portalis_rt::err::ret_none(Err(PyErr::Bail(b))),"
    )
    lines.append("        Err(e) => Some(e),")
    lines.append("    };")
    lines.append("    rd.write_back_all(&mut w);")
    lines.append("    w.finish();")
    lines.append("    match failed {")
    lines.append("        None => 0,")
    lines.append("        Some(e) => portalis_rt::err::ret_none(Err(e)),")
    lines.append("    }")
    lines.append("}")
    return lines
