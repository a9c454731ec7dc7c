"""Recreational number properties based on decimal digits."""

from __future__ import annotations


def digits(n: int) -> list[int]:
    return [int(c) for c in str(abs(n))]


def digit_sum(n: int) -> int:
    total = 0
    n = abs(n)
    while n:
        total += n % 10
        n //= 10
    return total


def digital_root(n: int) -> int:
    while n >= 10:
        n = digit_sum(n)
    return n


def is_armstrong(n: int) -> bool:
    ds = digits(n)
    return n >= 0 and sum(d ** len(ds) for d in ds) == n


def is_happy(n: int) -> bool:
    seen: set[int] = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1


def reverse_number(n: int) -> int:
    sign = -1 if n < 0 else 1
    return sign * int(str(abs(n))[::-1])


def is_harshad(n: int) -> bool:
    return n > 0 and n % digit_sum(n) == 0


def kaprekar_steps(n: int) -> int:
    if len(set(f"{n:04d}")) < 2:
        raise ValueError("need at least two distinct digits")
    steps = 0
    while n != 6174:
        s = f"{n:04d}"
        big = int("".join(sorted(s, reverse=True)))
        small = int("".join(sorted(s)))
        n = big - small
        steps += 1
    return steps


def persistence(n: int) -> int:
    count = 0
    while n >= 10:
        product = 1
        for d in str(n):
            product *= int(d)
        n = product
        count += 1
    return count


def number_to_words(n: int) -> str:
    ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if n < 0:
        return "minus " + number_to_words(-n)
    if n < 20:
        return ones[n]
    if n < 100:
        return tens[n // 10] + ("" if n % 10 == 0 else "-" + ones[n % 10])
    if n < 1000:
        rest = n % 100
        return ones[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_to_words(rest))
    for value, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= value:
            head, rest = divmod(n, value)
            text = number_to_words(head) + " " + name
            if rest:
                text += (" and " if rest < 100 else " ") + number_to_words(rest)
            return text
    raise AssertionError("unreachable")


def luhn_digits_valid(n: int) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits(n))):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
