import pytest
import run_length as rl


def test_rle_encode() -> None:
    assert rl.rle_encode("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW") == "12W1B12W3B24W1B14W"
    assert rl.rle_encode("") == ""
    assert rl.rle_encode("a") == "1a"
    assert rl.rle_encode("  hh") == "2 2h"


def test_rle_decode() -> None:
    assert rl.rle_decode("12W1B12W3B24W1B14W") == "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"
    assert rl.rle_decode("") == ""
    for text in ["aaabccddd", "xyz", "zzzzzzzzzzzz"]:
        assert rl.rle_decode(rl.rle_encode(text)) == text


def test_rle_decode_errors() -> None:
    with pytest.raises(ValueError, match="missing count before 'a'"):
        rl.rle_decode("a")
    with pytest.raises(ValueError, match="trailing count"):
        rl.rle_decode("3a4")


def test_pairs() -> None:
    assert rl.rle_pairs([1, 1, 2, 3, 3, 3]) == [(1, 2), (2, 1), (3, 3)]
    assert rl.rle_pairs([]) == []
    assert rl.expand_pairs([(1, 2), (2, 1), (3, 3)]) == [1, 1, 2, 3, 3, 3]
    with pytest.raises(ValueError):
        rl.expand_pairs([(1, -1)])


def test_compress() -> None:
    assert rl.compress("aabcccccaaa") == "a2b1c5a3"
    assert rl.compress("abc") == "abc"
    assert rl.compress("") == ""


def test_look_and_say() -> None:
    assert rl.look_and_say("1", 5) == "312211"
    assert rl.look_and_say("1", 0) == "1"


def test_longest_run() -> None:
    assert rl.longest_run("aabbbbcc") == ("b", 4)
    assert rl.longest_run("") == ("", 0)
