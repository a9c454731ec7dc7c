import binary_search_tree as bst
import pytest


def make(keys: list[int]) -> bst.BST:
    t = bst.BST()
    for k in keys:
        t.insert(k)
    return t


def test_insert_contains() -> None:
    t = make([50, 30, 70, 20, 40, 60, 80])
    assert t.size == 7
    assert 40 in t
    assert 45 not in t
    assert not t.insert(40)
    assert t.inorder() == [20, 30, 40, 50, 60, 70, 80]


def test_height_min() -> None:
    assert make([50, 30, 70, 20, 40, 60, 80]).height() == 3
    assert make([1, 2, 3, 4]).height() == 4
    assert bst.BST().height() == 0
    assert make([5, 3, 8, 1]).min() == 1
    with pytest.raises(ValueError, match="empty tree"):
        bst.BST().min()


def test_delete() -> None:
    t = make([50, 30, 70, 20, 40, 60, 80])
    t.delete(20)
    t.delete(30)
    t.delete(50)
    assert t.inorder() == [40, 60, 70, 80]
    assert t.size == 4
    assert bst.is_valid_bst(t.root)
    with pytest.raises(KeyError):
        t.delete(99)


def test_level_order_floor() -> None:
    t = make([50, 30, 70, 20, 40])
    assert t.level_order() == [[50], [30, 70], [20, 40]]
    assert t.floor(45) == 40
    assert t.floor(50) == 50
    assert t.floor(10) is None
    assert bst.BST().level_order() == []


def test_from_sorted() -> None:
    t = bst.from_sorted(list(range(15)))
    assert t.height() == 4
    assert t.inorder() == list(range(15))


def test_is_valid_bst() -> None:
    N = bst.TreeNode
    assert bst.is_valid_bst(N(2, N(1), N(3)))
    assert not bst.is_valid_bst(N(5, N(1), N(4, N(3), N(6))))
    assert bst.is_valid_bst(None)
    assert N(1) == N(1)
    assert repr(N(1)) == "TreeNode(key=1, left=None, right=None)"
