"""Word counts: lower-case, strip punctuation, count in a dict[str, int], report the top words."""

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


def count_words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.splitlines():
        for raw in line.split():
            word = raw.strip(".,;:!?").lower()
            if word:
                counts[word] = counts.get(word, 0) + 1
    return counts


def run(n_words: int) -> str:
    counts = count_words(make_text(n_words, 11))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return ", ".join(f"{w}={c}" for w, c in top) + f" ({len(counts)} distinct)"
