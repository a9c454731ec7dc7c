import bit_tricks as bt
import pytest


def test_popcount() -> None:
    assert bt.popcount(0) == 0
    assert bt.popcount(0b1011) == 3
    assert bt.popcount(2**64 - 1) == 64
    with pytest.raises(ValueError):
        bt.popcount(-1)


def test_powers_of_two() -> None:
    assert [n for n in range(20) if bt.is_power_of_two(n)] == [1, 2, 4, 8, 16]
    assert bt.next_power_of_two(0) == 1
    assert bt.next_power_of_two(17) == 32
    assert bt.next_power_of_two(64) == 64
    assert bt.next_power_of_two(2**63 - 5) == 2**63


def test_reverse_bits() -> None:
    assert bt.reverse_bits(0b1011, 4) == 0b1101
    assert bt.reverse_bits(43261596) == 964176192
    assert bt.reverse_bits(1, 64) == 2**63


def test_gray() -> None:
    assert [bt.gray_code(i) for i in range(8)] == [0, 1, 3, 2, 6, 7, 5, 4]
    assert all(bt.gray_decode(bt.gray_code(i)) == i for i in range(1000))


def test_single_number() -> None:
    assert bt.single_number([4, 1, 2, 1, 2]) == 4
    assert bt.single_number([]) == 0


def test_bit_ops() -> None:
    assert bt.set_bit(0b1000, 1) == 0b1010
    assert bt.clear_bit(0b1010, 3) == 0b0010
    assert bt.toggle_bit(0b1010, 0) == 0b1011
    assert bt.test_bit(0b1010, 1)
    assert not bt.test_bit(0b1010, 2)
    assert bt.clear_bit(-1, 0) == -2
    assert bt.set_bit(0, 70) == 2**70


def test_lowest_and_list() -> None:
    assert bt.lowest_set_bit(0b101000) == 0b1000
    assert bt.lowest_set_bit(0) == 0
    assert bt.bits_to_list(0b100101) == [0, 2, 5]


def test_hamming_distance() -> None:
    assert bt.hamming_distance(1, 4) == 2
    assert bt.hamming_distance(-1, 0) == 1


def test_subsets_of_mask() -> None:
    assert bt.subsets_of_mask(0b101) == [0b101, 0b100, 0b001, 0]
    assert bt.subsets_of_mask(0) == [0]


def test_rotate_and_nibbles() -> None:
    assert bt.rotate_left(0b10000001, 1) == 0b00000011
    assert bt.rotate_left(0b0001, 5, 4) == 0b0010
    assert bt.swap_nibbles(0xAB) == 0xBA
    with pytest.raises(ValueError, match="not a byte: 256"):
        bt.swap_nibbles(256)
