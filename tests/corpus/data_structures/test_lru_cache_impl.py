import lru_cache_impl as lc
import pytest


def test_lru_basic() -> None:
    c = lc.LRUCache(2)
    assert c.put("a", 1) is None
    assert c.put("b", 2) is None
    assert c.get("a") == 1
    assert c.put("c", 3) == "b"
    assert c.get("b") is None
    assert c.keys() == ["a", "c"]
    assert c.put("a", 10) is None
    assert c.keys() == ["c", "a"]
    assert len(c) == 2
    assert c.hit_rate() == 0.5


def test_lru_invalid() -> None:
    with pytest.raises(ValueError, match="capacity must be positive"):
        lc.LRUCache(0)
    assert lc.LRUCache(1).hit_rate() == 0.0


def test_ordered_lru() -> None:
    c = lc.OrderedLRU(2)
    c.put(1, 1)
    c.put(2, 2)
    assert c.get(1) == 1
    c.put(3, 3)
    assert c.get(2) == -1
    c.put(4, 4)
    assert c.get(1) == -1
    assert c.get(3) == 3
    assert c.get(4) == 4


def test_simulate() -> None:
    assert lc.simulate(2, ["a", "b", "a", "c", "b", "a"]) == (1, 5, ["b", "a"])
    assert lc.simulate(3, []) == (0, 0, [])


def test_memoize_calls() -> None:
    assert lc.memoize_calls([3, 1, 3, 2]) == {3: 9, 1: 1, 2: 4}
