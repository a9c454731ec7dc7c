"""Palindrome checks and constructions."""

from __future__ import annotations

from collections import Counter


def normalize(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def is_palindrome(text: str, ignore_case_and_punct: bool = True) -> bool:
    s = normalize(text) if ignore_case_and_punct else text
    return s == s[::-1]


def is_palindrome_two_pointer(text: str) -> bool:
    i, j = 0, len(text) - 1
    while i < j:
        if not text[i].isalnum():
            i += 1
        elif not text[j].isalnum():
            j -= 1
        elif text[i].lower() != text[j].lower():
            return False
        else:
            i += 1
            j -= 1
    return True


def is_palindrome_number(n: int) -> bool:
    if n < 0:
        return False
    original, reversed_n = n, 0
    while n:
        reversed_n = reversed_n * 10 + n % 10
        n //= 10
    return original == reversed_n


def can_form_palindrome(text: str) -> bool:
    odd = sum(1 for count in Counter(text).values() if count % 2)
    return odd <= 1


def longest_palindrome_length(text: str) -> int:
    length = 0
    has_odd = False
    for count in Counter(text).values():
        length += count // 2 * 2
        if count % 2:
            has_odd = True
    return length + 1 if has_odd else length


def valid_palindrome_one_removal(text: str) -> bool:
    def check(i: int, j: int) -> bool:
        while i < j:
            if text[i] != text[j]:
                return False
            i += 1
            j -= 1
        return True

    i, j = 0, len(text) - 1
    while i < j:
        if text[i] != text[j]:
            return check(i + 1, j) or check(i, j - 1)
        i += 1
        j -= 1
    return True


def next_palindrome(n: int) -> int:
    candidate = n + 1
    while str(candidate) != str(candidate)[::-1]:
        candidate += 1
    return candidate


def palindromic_words(sentence: str) -> list[str]:
    return [w for w in sentence.split() if len(w) > 1 and is_palindrome(w)]
