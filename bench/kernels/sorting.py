"""Sorting: a hand-written merge sort and quicksort on list[int], checked against sorted()."""

from __future__ import annotations


def random_ints(n: int, seed: int) -> list[int]:
    state = seed
    out: list[int] = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2147483648
        out.append(state >> 8)
    return out


def merge_sort(xs: list[int]) -> list[int]:
    if len(xs) <= 1:
        return xs[:]
    mid = len(xs) // 2
    left = merge_sort(xs[:mid])
    right = merge_sort(xs[mid:])
    out: list[int] = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def quicksort(xs: list[int], lo: int, hi: int) -> None:
    while lo < hi:
        pivot = xs[(lo + hi) // 2]
        i = lo
        j = hi
        while i <= j:
            while xs[i] < pivot:
                i += 1
            while xs[j] > pivot:
                j -= 1
            if i <= j:
                xs[i], xs[j] = xs[j], xs[i]
                i += 1
                j -= 1
        if j - lo < hi - i:
            quicksort(xs, lo, j)
            lo = i
        else:
            quicksort(xs, i, hi)
            hi = j


def run(n: int) -> int:
    data = random_ints(n, 42)
    merged = merge_sort(data)
    quick = data[:]
    quicksort(quick, 0, len(quick) - 1)
    builtin = sorted(data)
    if merged != builtin or quick != builtin:
        raise AssertionError("sorts disagree")
    checksum = 0
    for i in range(len(merged)):
        checksum = (checksum * 31 + merged[i]) % 1000000007
    return checksum
