import edit_distance as ed
import pytest


@pytest.mark.parametrize(
    ("a", "b", "dist"),
    [("kitten", "sitting", 3), ("", "", 0), ("", "abc", 3), ("flaw", "lawn", 2), ("same", "same", 0), ("naïve", "naive", 1)],
)
def test_levenshtein(a: str, b: str, dist: int) -> None:
    assert ed.levenshtein(a, b) == dist
    assert ed.levenshtein(b, a) == dist


def test_edit_script() -> None:
    assert ed.edit_script("cat", "cut") == ["keep c", "sub a->u", "keep t"]
    assert ed.edit_script("ab", "") == ["del a", "del b"]
    assert ed.edit_script("", "xy") == ["ins x", "ins y"]
    ops = ed.edit_script("kitten", "sitting")
    assert sum(1 for op in ops if not op.startswith("keep")) == 3


def test_hamming() -> None:
    assert ed.hamming("GAGCCTACTAACGGGAT", "CATCGTAATGACGGCCT") == 7
    assert ed.hamming("", "") == 0
    with pytest.raises(ValueError, match="equal length"):
        ed.hamming("AB", "A")


def test_similarity() -> None:
    assert ed.similarity("", "") == 1.0
    assert ed.similarity("abcd", "abcf") == 0.75
    assert ed.similarity("abc", "xyz") == 0.0


def test_closest_word() -> None:
    vocab = ["apple", "apply", "ample", "maple"]
    assert ed.closest_word("appel", vocab) == "apple"
    assert ed.closest_word("zzz", ["abc", "abd"]) == "abc"
    with pytest.raises(ValueError):
        ed.closest_word("x", [])


def test_damerau_levenshtein() -> None:
    assert ed.damerau_levenshtein("ca", "ac") == 1
    assert ed.damerau_levenshtein("abcdef", "abcfed") == 2
    assert ed.damerau_levenshtein("kitten", "sitting") == 3
