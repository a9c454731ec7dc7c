"""Bit manipulation on non-negative ints."""

from __future__ import annotations


def popcount(n: int) -> int:
    if n < 0:
        raise ValueError("popcount of a negative number")
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def is_power_of_two(n: int) -> bool:
    return n > 0 and n & (n - 1) == 0


def next_power_of_two(n: int) -> int:
    if n <= 1:
        return 1
    return 1 << (n - 1).bit_length()


def reverse_bits(n: int, width: int = 32) -> int:
    result = 0
    for _ in range(width):
        result = (result << 1) | (n & 1)
        n >>= 1
    return result


def gray_code(n: int) -> int:
    return n ^ (n >> 1)


def gray_decode(g: int) -> int:
    n = 0
    while g:
        n ^= g
        g >>= 1
    return n


def single_number(nums: list[int]) -> int:
    result = 0
    for x in nums:
        result ^= x
    return result


def set_bit(n: int, i: int) -> int:
    return n | (1 << i)


def clear_bit(n: int, i: int) -> int:
    return n & ~(1 << i)


def toggle_bit(n: int, i: int) -> int:
    return n ^ (1 << i)


def test_bit(n: int, i: int) -> bool:
    return (n >> i) & 1 == 1


def lowest_set_bit(n: int) -> int:
    return n & -n


def bits_to_list(n: int) -> list[int]:
    return [i for i in range(n.bit_length()) if n >> i & 1]


def hamming_distance(a: int, b: int) -> int:
    return bin(a ^ b).count("1")


def subsets_of_mask(mask: int) -> list[int]:
    out = []
    sub = mask
    while True:
        out.append(sub)
        if sub == 0:
            break
        sub = (sub - 1) & mask
    return out


def rotate_left(n: int, k: int, width: int = 8) -> int:
    k %= width
    mask = (1 << width) - 1
    return ((n << k) | (n >> (width - k))) & mask


def swap_nibbles(byte: int) -> int:
    if not 0 <= byte <= 0xFF:
        raise ValueError(f"not a byte: {byte}")
    return ((byte & 0x0F) << 4) | ((byte & 0xF0) >> 4)
