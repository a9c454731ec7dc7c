"""Converting identifiers between naming conventions."""

from __future__ import annotations


def split_words(name: str) -> list[str]:
    """Split snake_case, kebab-case, camelCase, PascalCase and 'spaced words'."""
    words: list[str] = []
    current = ""
    for i, ch in enumerate(name):
        if ch in "_- ":
            if current:
                words.append(current)
            current = ""
        elif ch.isupper() and current and (
            current[-1].islower() or (i + 1 < len(name) and name[i + 1].islower())
        ):
            words.append(current)
            current = ch
        else:
            current += ch
    if current:
        words.append(current)
    return [w.lower() for w in words]


def to_snake(name: str) -> str:
    return "_".join(split_words(name))


def to_kebab(name: str) -> str:
    return "-".join(split_words(name))


def to_camel(name: str) -> str:
    parts = split_words(name)
    if not parts:
        return ""
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def to_pascal(name: str) -> str:
    return "".join(p.capitalize() for p in split_words(name))


def to_constant(name: str) -> str:
    return to_snake(name).upper()


def title_case(sentence: str, minor: frozenset[str] = frozenset({"a", "an", "the", "of", "and", "in"})) -> str:
    words = sentence.split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in minor:
            out.append(lw)
        else:
            out.append(lw[:1].upper() + lw[1:])
    return " ".join(out)


def swap_case(text: str) -> str:
    return "".join(c.lower() if c.isupper() else c.upper() for c in text)


def is_valid_identifier(name: str) -> bool:
    return name.isidentifier() and not name[0].isdigit()
