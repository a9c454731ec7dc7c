"""From raw text to counts: the string handling, which stays plain Python.

This module is not marked in `[tool.portalis]`; it turns text into the counts
that the translated modules (`readability`, `zipf`) compute with.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import readability, zipf

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?…]+")
_VOWEL_GROUP = re.compile(r"[aeiouyàâäéèêëîïôöùûü]+")


@dataclass(frozen=True)
class TextCounts:
    characters: int
    letters: int
    words: int
    sentences: int
    syllables: int
    polysyllables: int
    distinct_words: int


def count_syllables(word: str) -> int:
    """Syllables by vowel groups, minus a silent final e; at least one."""
    w = word.lower()
    n = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(n, 1)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def counts(text: str) -> TextCounts:
    ws = words(text)
    syllables = [count_syllables(w) for w in ws]
    sentences = max(len(_SENTENCE_END.findall(text)), 1 if ws else 0)
    return TextCounts(
        characters=sum(len(w) for w in ws),
        letters=sum(ch.isalpha() for ch in text),
        words=len(ws),
        sentences=sentences,
        syllables=sum(syllables),
        polysyllables=sum(1 for s in syllables if s >= 3),
        distinct_words=len(set(ws)),
    )


def frequencies(text: str) -> list[tuple[str, int]]:
    """Words with their counts, most frequent first."""
    return Counter(words(text)).most_common()


def entropy(text: str) -> float:
    """Shannon entropy of the word distribution, in bits per word."""
    freq = frequencies(text)
    total = sum(c for _, c in freq)
    return sum(zipf.entropy_term(c, total) for _, c in freq)


def report(text: str) -> dict[str, float]:
    """All readability scores plus vocabulary statistics for `text`."""
    c = counts(text)
    if c.words == 0:
        raise ValueError("text has no words")
    grade = readability.flesch_kincaid_grade(c.words, c.sentences, c.syllables)
    return {
        "words": float(c.words),
        "sentences": float(c.sentences),
        "flesch_reading_ease": readability.flesch_reading_ease(c.words, c.sentences, c.syllables),
        "flesch_kincaid_grade": grade,
        "coleman_liau": readability.coleman_liau(c.letters, c.words, c.sentences),
        "automated_readability": readability.automated_readability(
            c.characters, c.words, c.sentences
        ),
        "smog_grade": readability.smog_grade(c.polysyllables, c.sentences),
        "entropy_bits": entropy(text),
        "distinct_words": float(c.distinct_words),
        "zipf_expected_distinct": zipf.expected_vocabulary(c.words, max(c.distinct_words, 1)),
    }
