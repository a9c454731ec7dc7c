"""Classic comparison and counting sorts on lists of ints.

Every function returns a new sorted list and leaves its argument alone,
except the *_inplace variants, which sort the list they are given.
"""

from __future__ import annotations


def bubble_sort(items: list[int]) -> list[int]:
    result = list(items)
    n = len(result)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if result[j] > result[j + 1]:
                result[j], result[j + 1] = result[j + 1], result[j]
                swapped = True
        if not swapped:
            break
    return result


def insertion_sort_inplace(items: list[int]) -> None:
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j >= 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key


def selection_sort(items: list[int]) -> list[int]:
    result = items.copy()
    for i in range(len(result)):
        smallest = i
        for j in range(i + 1, len(result)):
            if result[j] < result[smallest]:
                smallest = j
        if smallest != i:
            result[i], result[smallest] = result[smallest], result[i]
    return result


def merge(left: list[int], right: list[int]) -> list[int]:
    merged: list[int] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged


def merge_sort(items: list[int]) -> list[int]:
    if len(items) <= 1:
        return items[:]
    mid = len(items) // 2
    return merge(merge_sort(items[:mid]), merge_sort(items[mid:]))


def quick_sort(items: list[int]) -> list[int]:
    if len(items) < 2:
        return list(items)
    pivot = items[len(items) // 2]
    less = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    greater = [x for x in items if x > pivot]
    return quick_sort(less) + equal + quick_sort(greater)


def counting_sort(items: list[int]) -> list[int]:
    if not items:
        return []
    lo, hi = min(items), max(items)
    counts = [0] * (hi - lo + 1)
    for x in items:
        counts[x - lo] += 1
    result: list[int] = []
    for offset, count in enumerate(counts):
        result.extend([offset + lo] * count)
    return result


def heapify(items: list[int], size: int, root: int) -> None:
    largest = root
    left = 2 * root + 1
    right = 2 * root + 2
    if left < size and items[left] > items[largest]:
        largest = left
    if right < size and items[right] > items[largest]:
        largest = right
    if largest != root:
        items[root], items[largest] = items[largest], items[root]
        heapify(items, size, largest)


def heap_sort(items: list[int]) -> list[int]:
    data = list(items)
    n = len(data)
    for i in range(n // 2 - 1, -1, -1):
        heapify(data, n, i)
    for end in range(n - 1, 0, -1):
        data[0], data[end] = data[end], data[0]
        heapify(data, end, 0)
    return data


def is_sorted(items: list[int], reverse: bool = False) -> bool:
    if reverse:
        return all(items[i] >= items[i + 1] for i in range(len(items) - 1))
    return all(items[i] <= items[i + 1] for i in range(len(items) - 1))


def sort_by_frequency(items: list[int]) -> list[int]:
    """Most frequent first; ties broken by the smaller value."""
    freq: dict[int, int] = {}
    for x in items:
        freq[x] = freq.get(x, 0) + 1
    return sorted(items, key=lambda x: (-freq[x], x))
