"""Dynamic programming on strings."""

from __future__ import annotations


def longest_palindromic_substring(s: str) -> str:
    if not s:
        return ""
    start, length = 0, 1
    for center in range(len(s)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > length:
                start, length = lo + 1, hi - lo - 1
    return s[start:start + length]


def word_break(text: str, words: list[str]) -> bool:
    vocab = set(words)
    ok = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for begin in range(end):
            if ok[begin] and text[begin:end] in vocab:
                ok[end] = True
                break
    return ok[-1]


def word_break_all(text: str, words: list[str]) -> list[str]:
    vocab = set(words)
    memo: dict[int, list[str]] = {}

    def sentences(start: int) -> list[str]:
        if start == len(text):
            return [""]
        if start in memo:
            return memo[start]
        found = []
        for end in range(start + 1, len(text) + 1):
            word = text[start:end]
            if word in vocab:
                for rest in sentences(end):
                    found.append(word + (" " + rest if rest else ""))
        memo[start] = found
        return found

    return sorted(sentences(0))


def decode_ways(digits: str) -> int:
    if not digits or digits[0] == "0":
        return 0
    prev, cur = 1, 1
    for i in range(1, len(digits)):
        nxt = 0
        if digits[i] != "0":
            nxt += cur
        if 10 <= int(digits[i - 1:i + 1]) <= 26:
            nxt += prev
        prev, cur = cur, nxt
    return cur


def min_palindrome_cuts(s: str) -> int:
    n = len(s)
    if n == 0:
        return 0
    is_pal = [[False] * n for _ in range(n)]
    cuts = [0] * n
    for end in range(n):
        fewest = end
        for start in range(end + 1):
            if s[start] == s[end] and (end - start < 2 or is_pal[start + 1][end - 1]):
                is_pal[start][end] = True
                fewest = 0 if start == 0 else min(fewest, cuts[start - 1] + 1)
        cuts[end] = fewest
    return cuts[-1]


def count_palindromic_substrings(s: str) -> int:
    count = 0
    for center in range(2 * len(s) - 1):
        lo = center // 2
        hi = lo + center % 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            count += 1
            lo -= 1
            hi += 1
    return count


def regex_match(text: str, pattern: str) -> bool:
    """Match supporting '.' and '*' over the whole text."""
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        key = (i, j)
        if key in memo:
            return memo[key]
        if j == len(pattern):
            result = i == len(text)
        else:
            first = i < len(text) and pattern[j] in (text[i], ".")
            if j + 1 < len(pattern) and pattern[j + 1] == "*":
                result = match(i, j + 2) or (first and match(i + 1, j))
            else:
                result = first and match(i + 1, j + 1)
        memo[key] = result
        return result

    return match(0, 0)
