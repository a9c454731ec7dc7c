import pytest
import spanning_trees as st

EDGES = [(7, 0, 1), (5, 0, 3), (8, 1, 2), (9, 1, 3), (7, 1, 4), (5, 2, 4), (15, 3, 4), (6, 3, 5), (8, 4, 5), (9, 4, 6), (11, 5, 6)]


def test_kruskal() -> None:
    total, chosen = st.kruskal(7, EDGES)
    assert total == 39
    assert chosen == [(5, 0, 3), (5, 2, 4), (6, 3, 5), (7, 0, 1), (7, 1, 4), (9, 4, 6)]
    assert st.kruskal(1, []) == (0, [])
    with pytest.raises(ValueError, match="not connected"):
        st.kruskal(3, [(1, 0, 1)])


def test_prim() -> None:
    assert st.prim(7, EDGES) == 39
    assert st.prim(0, []) == 0
    with pytest.raises(ValueError):
        st.prim(3, [(1, 0, 1)])


def test_points_mst() -> None:
    assert st.points_mst([(0, 0), (2, 2), (3, 10), (5, 2), (7, 0)]) == 20
    assert st.points_mst([(1, 1)]) == 0


def test_second_best() -> None:
    assert st.second_best_mst(7, EDGES) == 40
    with pytest.raises(ValueError, match="no second-best"):
        st.second_best_mst(2, [(1, 0, 1)])
