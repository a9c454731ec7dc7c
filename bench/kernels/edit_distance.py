"""Edit distance: Levenshtein's dynamic programme over two generated strings, two rows."""

from __future__ import annotations

WORDS = (
    "the quick brown fox jumps over lazy dog portalis translates typed python "
    "into rust and webassembly 42 3.14 hello world alpha beta gamma delta epsilon"
)


def make_text(n_words: int, seed: int) -> str:
    """Deterministic pseudo-random prose (a linear congruential generator picks the words)."""
    words = WORDS.split()
    state = seed
    parts: list[str] = []
    for _ in range(n_words):
        state = (state * 1103515245 + 12345) % 2147483648
        w = words[state % len(words)]
        if state % 7 == 0:
            w = w.upper()
        parts.append(w)
        if state % 11 == 0:
            parts.append(",")
        elif state % 13 == 0:
            parts.append(".\n")
    return " ".join(parts)


def levenshtein(a: str, b: str) -> int:
    prev = [j for j in range(len(b) + 1)]
    cur = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur[0] = i
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev, cur = cur, prev
    return prev[len(b)]


def run(n_words: int) -> int:
    return levenshtein(make_text(n_words, 3), make_text(n_words, 5))
