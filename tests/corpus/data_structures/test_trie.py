import trie

WORDS = ["apple", "app", "application", "apt", "banana", "band", "bandana"]


def test_contains_and_prefix() -> None:
    t = trie.Trie(WORDS)
    assert t.contains("app")
    assert not t.contains("appl")
    assert t.starts_with("appl")
    assert not t.starts_with("c")
    assert t.words == 7
    t.insert("app")
    assert t.words == 7


def test_count_prefix() -> None:
    t = trie.Trie(WORDS)
    assert t.count_prefix("app") == 3
    assert t.count_prefix("ban") == 3
    assert t.count_prefix("x") == 0
    assert t.count_prefix("") == 7


def test_complete() -> None:
    t = trie.Trie(WORDS)
    assert t.complete("ap") == ["app", "apple", "application", "apt"]
    assert t.complete("ap", limit=2) == ["app", "apple"]
    assert t.complete("zzz") == []
    assert t.complete("") == sorted(WORDS)


def test_longest_common_prefix() -> None:
    assert trie.Trie(["flower", "flow", "flight"]).longest_common_prefix() == "fl"
    assert trie.Trie(["abc", "abd", "ab"]).longest_common_prefix() == "ab"
    assert trie.Trie().longest_common_prefix() == ""


def test_replace_with_roots() -> None:
    assert trie.replace_with_roots(["cat", "bat", "rat"], "the cattle was rattled by the battery") == "the cat was rat by the bat"
