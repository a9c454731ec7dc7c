"""Soundex, slugs and simple normalisation."""

from __future__ import annotations

import unicodedata

SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(name: str) -> str:
    letters = [c for c in name.lower() if c.isalpha()]
    if not letters:
        raise ValueError("name must contain letters")
    first = letters[0]
    code = first.upper()
    previous = SOUNDEX_CODES.get(first, "")
    for ch in letters[1:]:
        digit = SOUNDEX_CODES.get(ch, "")
        if digit and digit != previous:
            code += digit
        if ch not in "hw":
            previous = digit
        if len(code) == 4:
            break
    return code.ljust(4, "0")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(title: str, max_length: int = 50) -> str:
    text = strip_accents(title).lower()
    out = []
    dash = False
    for ch in text:
        if ch.isalnum() and ch.isascii():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    slug = "".join(out).strip("-")
    return slug[:max_length].rstrip("-")


def same_sound(a: str, b: str) -> bool:
    return soundex(a) == soundex(b)


def initials(full_name: str) -> str:
    parts = [p for p in full_name.replace(".", " ").split() if p]
    return ".".join(p[0].upper() for p in parts) + ("." if parts else "")
