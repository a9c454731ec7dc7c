import linked_list as ll
import pytest


def test_build_and_iterate() -> None:
    lst = ll.LinkedList([1, 2, 3])
    assert lst.to_list() == [1, 2, 3]
    assert len(lst) == 3
    lst.append(4)
    lst.push_front(0)
    assert list(lst) == [0, 1, 2, 3, 4]
    assert repr(lst) == "LinkedList([0, 1, 2, 3, 4])"
    assert repr(ll.LinkedList()) == "LinkedList([])"


def test_find_remove() -> None:
    lst = ll.LinkedList([5, 6, 7, 6])
    assert lst.find(6) == 1
    assert lst.find(9) == -1
    lst.remove(6)
    assert lst.to_list() == [5, 7, 6]
    lst.remove(5)
    assert lst.to_list() == [7, 6]
    assert len(lst) == 2
    with pytest.raises(ValueError, match="42 not in list"):
        lst.remove(42)


def test_reverse() -> None:
    lst = ll.LinkedList([1, 2, 3, 4])
    lst.reverse()
    assert lst.to_list() == [4, 3, 2, 1]
    empty = ll.LinkedList()
    empty.reverse()
    assert empty.to_list() == []


def test_middle_and_nth() -> None:
    assert ll.LinkedList([1, 2, 3, 4, 5]).middle() == 3
    assert ll.LinkedList([1, 2, 3, 4]).middle() == 3
    assert ll.LinkedList().middle() is None
    assert ll.LinkedList([1, 2, 3]).nth_from_end(1) == 3
    with pytest.raises(IndexError):
        ll.LinkedList([1]).nth_from_end(2)


def test_merge_sorted() -> None:
    merged = ll.merge_sorted(ll.LinkedList([1, 3, 5]), ll.LinkedList([2, 3, 6, 8]))
    assert merged.to_list() == [1, 2, 3, 3, 5, 6, 8]
    assert ll.merge_sorted(ll.LinkedList(), ll.LinkedList()).to_list() == []


def test_has_cycle() -> None:
    a = ll.Node(1)
    b = ll.Node(2)
    c = ll.Node(3)
    a.next, b.next = b, c
    assert not ll.has_cycle(a)
    c.next = a
    assert ll.has_cycle(a)
    assert not ll.has_cycle(None)
