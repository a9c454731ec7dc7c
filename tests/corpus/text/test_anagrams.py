import anagrams
import pytest


def test_is_anagram() -> None:
    assert anagrams.is_anagram("listen", "silent")
    assert anagrams.is_anagram("Dormitory", "dirty room")
    assert not anagrams.is_anagram("abc", "abd")
    assert anagrams.is_anagram_counter("Tea", "EAT")
    assert not anagrams.is_anagram_counter("aab", "abb")


def test_signature() -> None:
    assert anagrams.signature("Banana") == "aaabnn"


def test_group_anagrams() -> None:
    words = ["eat", "tea", "tan", "ate", "nat", "bat"]
    assert anagrams.group_anagrams(words) == [["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]
    assert anagrams.group_anagrams([]) == []


def test_find_anagrams() -> None:
    assert anagrams.find_anagrams("cbaebabacd", "abc") == [0, 6]
    assert anagrams.find_anagrams("abab", "ab") == [0, 1, 2]
    assert anagrams.find_anagrams("a", "ab") == []
    assert anagrams.find_anagrams("abc", "") == []


def test_anagrams_in() -> None:
    assert anagrams.anagrams_in("listen", ["enlists", "google", "inlets", "banana", "Silent", "listen"]) == ["inlets", "Silent"]


def test_min_deletions() -> None:
    assert anagrams.min_deletions_to_anagram("cde", "abc") == 4
    assert anagrams.min_deletions_to_anagram("", "") == 0


def test_largest_anagram_class() -> None:
    assert anagrams.largest_anagram_class(["eat", "tea", "tan", "ate", "nat"]) == ("aet", 3)
    with pytest.raises(ValueError, match="no words"):
        anagrams.largest_anagram_class([])
