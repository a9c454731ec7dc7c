"""Anagram utilities."""

from __future__ import annotations

from collections import Counter, defaultdict


def is_anagram(a: str, b: str) -> bool:
    clean_a = a.replace(" ", "").lower()
    clean_b = b.replace(" ", "").lower()
    return sorted(clean_a) == sorted(clean_b)


def is_anagram_counter(a: str, b: str) -> bool:
    return Counter(a.lower()) == Counter(b.lower())


def signature(word: str) -> str:
    return "".join(sorted(word.lower()))


def group_anagrams(words: list[str]) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in words:
        groups[signature(word)].append(word)
    return list(groups.values())


def find_anagrams(text: str, pattern: str) -> list[int]:
    """Start indexes of substrings of text that are anagrams of pattern."""
    k = len(pattern)
    if k == 0 or k > len(text):
        return []
    need = Counter(pattern)
    window = Counter(text[:k])
    starts = []
    if window == need:
        starts.append(0)
    for i in range(k, len(text)):
        window[text[i]] += 1
        window[text[i - k]] -= 1
        if window[text[i - k]] == 0:
            del window[text[i - k]]
        if window == need:
            starts.append(i - k + 1)
    return starts


def anagrams_in(word: str, dictionary: list[str]) -> list[str]:
    key = signature(word)
    return [w for w in dictionary if w.lower() != word.lower() and signature(w) == key]


def min_deletions_to_anagram(a: str, b: str) -> int:
    ca, cb = Counter(a), Counter(b)
    return sum(((ca - cb) + (cb - ca)).values())


def largest_anagram_class(words: list[str]) -> tuple[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        key = signature(w)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        raise ValueError("no words")
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return best
