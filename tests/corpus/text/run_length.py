"""Run-length encoding and friends."""

from __future__ import annotations

from itertools import groupby


def rle_encode(text: str) -> str:
    if not text:
        return ""
    out = []
    current = text[0]
    count = 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            out.append(f"{count}{current}")
            current = ch
            count = 1
    out.append(f"{count}{current}")
    return "".join(out)


def rle_decode(encoded: str) -> str:
    out = []
    digits = ""
    for ch in encoded:
        if ch.isdigit():
            digits += ch
        else:
            if not digits:
                raise ValueError(f"missing count before {ch!r}")
            out.append(ch * int(digits))
            digits = ""
    if digits:
        raise ValueError("trailing count without a character")
    return "".join(out)


def rle_pairs(values: list[int]) -> list[tuple[int, int]]:
    return [(key, len(list(group))) for key, group in groupby(values)]


def expand_pairs(pairs: list[tuple[int, int]]) -> list[int]:
    out: list[int] = []
    for value, count in pairs:
        if count < 0:
            raise ValueError("negative run length")
        out += [value] * count
    return out


def compress(text: str) -> str:
    """'aabcccccaaa' -> 'a2b1c5a3', but only if that is shorter."""
    parts = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        parts.append(text[i] + str(j - i))
        i = j
    squeezed = "".join(parts)
    return squeezed if len(squeezed) < len(text) else text


def look_and_say(seed: str, rounds: int) -> str:
    term = seed
    for _ in range(rounds):
        term = "".join(f"{len(list(g))}{k}" for k, g in groupby(term))
    return term


def longest_run(text: str) -> tuple[str, int]:
    best_char, best_len = "", 0
    for ch, group in groupby(text):
        n = sum(1 for _ in group)
        if n > best_len:
            best_char, best_len = ch, n
    return best_char, best_len
