"""Word wrapping and justification without textwrap."""

from __future__ import annotations


def wrap(text: str, width: int) -> list[str]:
    if width <= 0:
        raise ValueError(f"invalid width {width!r} (must be > 0)")
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(" ".join(current))
                current, length = [], 0
            lines.append(word[:width])
            word = word[width:]
        extra = len(word) + (1 if current else 0)
        if length + extra > width:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            current.append(word)
            length += extra
    if current:
        lines.append(" ".join(current))
    return lines


def justify_line(words: list[str], width: int) -> str:
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def justify(text: str, width: int) -> list[str]:
    lines = wrap(text, width)
    result = [justify_line(line.split(), width) for line in lines[:-1]]
    if lines:
        result.append(lines[-1].ljust(width))
    return result


def center_block(lines: list[str], fill: str = " ") -> list[str]:
    width = max((len(line) for line in lines), default=0)
    return [line.center(width, fill) for line in lines]


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.split("\n"))


def dedent(text: str) -> str:
    lines = text.split("\n")
    margins = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(margins) if margins else 0
    return "\n".join(line[cut:] for line in lines)


def truncate(text: str, limit: int, ellipsis: str = "...") -> str:
    if len(text) <= limit:
        return text
    if limit < len(ellipsis):
        raise ValueError("limit shorter than the ellipsis")
    return text[: limit - len(ellipsis)].rstrip() + ellipsis


def boxed(text: str) -> str:
    lines = text.splitlines() or [""]
    width = max(len(line) for line in lines)
    top = "+" + "-" * (width + 2) + "+"
    body = [f"| {line:<{width}} |" for line in lines]
    return "\n".join([top, *body, top])
