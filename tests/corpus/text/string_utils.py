"""Everyday string helpers."""

from __future__ import annotations

VOWELS = "aeiouAEIOU"


def reverse_words(sentence: str) -> str:
    return " ".join(reversed(sentence.split()))


def count_vowels(text: str) -> int:
    return sum(1 for ch in text if ch in VOWELS)


def capitalize_words(text: str) -> str:
    return " ".join(w[0].upper() + w[1:] if w else w for w in text.split(" "))


def remove_duplicates(text: str) -> str:
    seen = set()
    out = []
    for ch in text:
        if ch not in seen:
            seen.add(ch)
            out.append(ch)
    return "".join(out)


def longest_common_prefix(strings: list[str]) -> str:
    if not strings:
        return ""
    prefix = strings[0]
    for s in strings[1:]:
        while not s.startswith(prefix):
            prefix = prefix[:-1]
            if not prefix:
                return ""
    return prefix


def is_rotation(a: str, b: str) -> bool:
    return len(a) == len(b) and b in a + a


def first_repeated_char(text: str) -> str | None:
    seen: set[str] = set()
    for ch in text:
        if ch in seen:
            return ch
        seen.add(ch)
    return None


def char_positions(text: str) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for i, ch in enumerate(text):
        positions.setdefault(ch, []).append(i)
    return positions


def is_pangram(text: str) -> bool:
    letters = {ch for ch in text.lower() if "a" <= ch <= "z"}
    return len(letters) == 26


def isogram(word: str) -> bool:
    letters = [c.lower() for c in word if c.isalpha()]
    return len(letters) == len(set(letters))


def acronym(phrase: str) -> str:
    cleaned = phrase.replace("-", " ").replace("_", " ")
    return "".join(w[0].upper() for w in cleaned.split() if w[0].isalpha())


def mask(text: str, visible: int = 4, char: str = "#") -> str:
    if visible < 0:
        raise ValueError("visible must be >= 0")
    if len(text) <= visible:
        return text
    return char * (len(text) - visible) + text[len(text) - visible:]


def interleave(a: str, b: str) -> str:
    out = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
    return "".join(out)


def count_substring(text: str, sub: str, overlapping: bool = False) -> int:
    if not overlapping:
        return text.count(sub)
    if not sub:
        return len(text) + 1
    count = 0
    start = text.find(sub)
    while start != -1:
        count += 1
        start = text.find(sub, start + 1)
    return count
