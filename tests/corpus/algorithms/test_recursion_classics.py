import sys

import pytest
import recursion_classics as rc


def test_hanoi() -> None:
    assert rc.hanoi(1) == [("A", "C")]
    assert rc.hanoi(2) == [("A", "B"), ("A", "C"), ("B", "C")]
    assert len(rc.hanoi(10)) == 1023
    assert rc.hanoi(0) == []


def test_power_set_size() -> None:
    assert rc.power_set_size(0) == 1
    assert rc.power_set_size(10) == 1024
    assert rc.power_set_size(70) == 2**70


def test_fib() -> None:
    assert [rc.fib(i) for i in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    assert rc.fib(100) == 354224848179261915075
    with pytest.raises(ValueError):
        rc.fib(-1)


def test_ackermann() -> None:
    assert rc.ackermann(0, 0) == 1
    assert rc.ackermann(2, 3) == 9
    assert rc.ackermann(3, 3) == 61


def test_flatten_and_depth() -> None:
    data = [1, [2, [3, 4], 5], [], [[6]]]
    assert rc.flatten(data) == [1, 2, 3, 4, 5, 6]
    assert rc.depth(data) == 3
    assert rc.depth([]) == 1
    assert rc.flatten(["a", ["b"]]) == ["a", "b"]


def test_reverse_string() -> None:
    assert rc.reverse_string("hello") == "olleh"
    assert rc.reverse_string("") == ""
    assert rc.reverse_string("ab€") == "€ba"


def test_reverse_string_too_deep() -> None:
    with pytest.raises(RecursionError):
        rc.reverse_string("x" * (sys.getrecursionlimit() + 100))


def test_sum_digits() -> None:
    assert rc.sum_digits(12345) == 15
    assert rc.sum_digits(-987) == 24
    assert rc.sum_digits(0) == 0


def test_binary_strings() -> None:
    assert rc.binary_strings(2) == ["00", "01", "10", "11"]
    assert len(rc.binary_strings(8)) == 256


def test_count_change() -> None:
    assert rc.count_change(100, (50, 25, 10, 5, 1)) == 292
    assert rc.count_change(0, ()) == 1
    assert rc.count_change(3, ()) == 0
