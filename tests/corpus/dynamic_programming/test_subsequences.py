import subsequences as ss


def test_lcs_length() -> None:
    assert ss.lcs_length("ABCBDAB", "BDCABA") == 4
    assert ss.lcs_length("", "abc") == 0
    assert ss.lcs_length("abc", "abc") == 3


def test_lcs() -> None:
    assert ss.lcs("AGGTAB", "GXTXAYB") == "GTAB"
    assert ss.lcs("abc", "def") == ""
    assert len(ss.lcs("ABCBDAB", "BDCABA")) == 4


def test_longest_common_substring() -> None:
    assert ss.longest_common_substring("xabxac", "abcabxabcd") == "abxa"
    assert ss.longest_common_substring("abc", "xyz") == ""
    assert ss.longest_common_substring("", "") == ""


def test_lis_length() -> None:
    assert ss.lis_length([10, 9, 2, 5, 3, 7, 101, 18]) == 4
    assert ss.lis_length([]) == 0
    assert ss.lis_length([7, 7, 7]) == 1


def test_lis() -> None:
    assert ss.lis([10, 9, 2, 5, 3, 7, 101, 18]) == [2, 5, 7, 101]
    assert ss.lis([]) == []
    assert ss.lis([3, 2, 1]) == [3]


def test_is_subsequence() -> None:
    assert ss.is_subsequence("ace", "abcde")
    assert not ss.is_subsequence("aec", "abcde")
    assert ss.is_subsequence("", "")


def test_scs_length() -> None:
    assert ss.shortest_common_supersequence_length("geek", "eke") == 5
    assert ss.shortest_common_supersequence_length("AGGTAB", "GXTXAYB") == 9
