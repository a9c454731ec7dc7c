"""Tokenising: a hand-written scanner splitting prose into words, numbers and punctuation."""

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


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isalpha():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(text[i:j])
            i = j
        elif ch.isdigit():
            j = i + 1
            while j < n and (text[j].isdigit() or text[j] == "."):
                j += 1
            tokens.append(text[i:j])
            i = j
        else:
            tokens.append(ch)
            i += 1
    return tokens


def run(n_words: int) -> tuple[int, int, int]:
    tokens = tokenize(make_text(n_words, 7))
    words = 0
    numbers = 0
    for t in tokens:
        if t[0].isalpha():
            words += 1
        elif t[0].isdigit():
            numbers += 1
    return len(tokens), words, numbers
