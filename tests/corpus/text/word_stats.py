"""Word and sentence statistics for plain English text."""

from __future__ import annotations

import re
from collections import Counter

STOP_WORDS = frozenset({"the", "a", "an", "and", "or", "of", "to", "in", "is", "it"})


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def word_frequencies(text: str) -> dict[str, int]:
    freq: dict[str, int] = {}
    for w in text.lower().split():
        w = w.strip(".,;:!?\"'()")
        if w:
            freq[w] = freq.get(w, 0) + 1
    return freq


def top_words(text: str, n: int = 3, skip_stop_words: bool = True) -> list[tuple[str, int]]:
    counts = Counter(w for w in words(text) if not (skip_stop_words and w in STOP_WORDS))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def average_word_length(text: str) -> float:
    ws = text.split()
    if not ws:
        return 0.0
    return sum(len(w) for w in ws) / len(ws)


def sentence_count(text: str) -> int:
    count = 0
    in_sentence = False
    for ch in text:
        if ch in ".!?":
            if in_sentence:
                count += 1
            in_sentence = False
        elif not ch.isspace():
            in_sentence = True
    return count + (1 if in_sentence else 0)


def longest_word(text: str) -> str:
    best = ""
    for w in words(text):
        if len(w) > len(best):
            best = w
    return best


def lexical_density(text: str) -> float:
    ws = words(text)
    if not ws:
        raise ValueError("text has no words")
    return round(len(set(ws)) / len(ws), 3)


def char_histogram(text: str) -> dict[str, int]:
    hist: dict[str, int] = {}
    for ch in sorted(text.lower()):
        if ch.isalpha():
            hist[ch] = hist.get(ch, 0) + 1
    return hist


def summary(text: str) -> str:
    ws = text.split()
    return f"{len(ws)} words, {sentence_count(text)} sentences, avg {average_word_length(text):.2f} chars"
