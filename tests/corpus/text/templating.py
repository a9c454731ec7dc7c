"""A tiny {placeholder} template engine with filters."""

from __future__ import annotations


class TemplateError(Exception):
    pass


def _apply_filter(value: str, name: str) -> str:
    if name == "upper":
        return value.upper()
    if name == "lower":
        return value.lower()
    if name == "title":
        return value.title()
    if name == "strip":
        return value.strip()
    if name == "len":
        return str(len(value))
    raise TemplateError(f"unknown filter: {name}")


def render(template: str, context: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "{":
            if template.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            end = template.find("}", i)
            if end == -1:
                raise TemplateError(f"unclosed placeholder at {i}")
            expr = template[i + 1:end].strip()
            name, *filters = [part.strip() for part in expr.split("|")]
            if name not in context:
                raise KeyError(name)
            value = context[name]
            for f in filters:
                value = _apply_filter(value, f)
            out.append(value)
            i = end + 1
        elif ch == "}":
            if template.startswith("}}", i):
                out.append("}")
                i += 2
                continue
            raise TemplateError(f"single '}}' at {i}")
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def placeholders(template: str) -> list[str]:
    names: list[str] = []
    i = 0
    while True:
        start = template.find("{", i)
        if start == -1:
            return names
        if template.startswith("{{", start):
            i = start + 2
            continue
        end = template.find("}", start)
        if end == -1:
            return names
        name = template[start + 1:end].split("|")[0].strip()
        if name not in names:
            names.append(name)
        i = end + 1


def render_many(template: str, rows: list[dict[str, str]]) -> list[str]:
    return [render(template, row) for row in rows]


def safe_render(template: str, context: dict[str, str], missing: str = "?") -> str:
    filled = dict(context)
    for name in placeholders(template):
        filled.setdefault(name, missing)
    return render(template, filled)
