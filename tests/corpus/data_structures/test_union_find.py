import pytest
import union_find as uf


def test_disjoint_set() -> None:
    ds = uf.DisjointSet(6)
    assert ds.union(0, 1)
    assert ds.union(1, 2)
    assert not ds.union(0, 2)
    assert ds.connected(0, 2)
    assert not ds.connected(0, 3)
    assert ds.components == 4
    assert ds.component_size(2) == 3
    assert ds.groups() == [[0, 1, 2], [3], [4], [5]]
    with pytest.raises(IndexError):
        ds.find(6)


def test_count_components() -> None:
    assert uf.count_components(5, [(0, 1), (1, 2), (3, 4)]) == 2
    assert uf.count_components(3, []) == 3


def test_redundant_edge() -> None:
    assert uf.redundant_edge([(1, 2), (1, 3), (2, 3)]) == (2, 3)
    assert uf.redundant_edge([(0, 1)]) is None
    assert uf.redundant_edge([]) is None


def test_accounts_merge() -> None:
    accounts = [
        ["John", "johnsmith@mail.com", "john_newyork@mail.com"],
        ["John", "johnsmith@mail.com", "john00@mail.com"],
        ["Mary", "mary@mail.com"],
        ["John", "johnnybravo@mail.com"],
    ]
    assert uf.accounts_merge(accounts) == [
        ["John", "john00@mail.com", "john_newyork@mail.com", "johnsmith@mail.com"],
        ["John", "johnnybravo@mail.com"],
        ["Mary", "mary@mail.com"],
    ]


def test_largest_island() -> None:
    grid = [[1, 1, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1], [0, 0, 1, 1]]
    assert uf.largest_island(grid) == 4
    assert uf.largest_island([]) == 0
    assert uf.largest_island([[0]]) == 0
