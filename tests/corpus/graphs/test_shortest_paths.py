import math

import pytest
import shortest_paths as sp

G = {
    "A": [("B", 4.0), ("C", 2.0)],
    "B": [("C", 5.0), ("D", 10.0)],
    "C": [("E", 3.0)],
    "D": [("F", 11.0)],
    "E": [("D", 4.0)],
    "F": [],
}


def test_dijkstra() -> None:
    assert sp.dijkstra(G, "A") == {"A": 0.0, "B": 4.0, "C": 2.0, "D": 9.0, "E": 5.0, "F": 20.0}
    assert sp.dijkstra(G, "F") == {"F": 0.0}
    with pytest.raises(ValueError, match="negative edge X->Y"):
        sp.dijkstra({"X": [("Y", -1.0)]}, "X")


def test_dijkstra_path() -> None:
    assert sp.dijkstra_path(G, "A", "F") == (20.0, ["A", "C", "E", "D", "F"])
    assert sp.dijkstra_path(G, "F", "A") is None
    assert sp.dijkstra_path(G, "A", "A") == (0.0, ["A"])


def test_bellman_ford() -> None:
    edges = [(0, 1, 4), (0, 2, 5), (1, 2, -3), (2, 3, 4), (3, 1, 2)]
    assert sp.bellman_ford(4, edges, 0) == [0, 4, 1, 5]
    assert sp.bellman_ford(3, [(0, 1, 1)], 0) == [0, 1, math.inf]
    with pytest.raises(sp.NegativeCycleError):
        sp.bellman_ford(3, [(0, 1, 1), (1, 2, -1), (2, 1, -1)], 0)


def test_floyd_warshall() -> None:
    inf = math.inf
    m = [[0.0, 3.0, inf, 7.0], [8.0, 0.0, 2.0, inf], [5.0, inf, 0.0, 1.0], [2.0, inf, inf, 0.0]]
    assert sp.floyd_warshall(m) == [[0.0, 3.0, 5.0, 6.0], [5.0, 0.0, 2.0, 3.0], [3.0, 6.0, 0.0, 1.0], [2.0, 5.0, 7.0, 0.0]]
    assert m[0][2] == inf


def test_grid_to_graph() -> None:
    g = sp.grid_to_graph([[1, 3, 1], [1, 5, 1], [4, 2, 1]])
    assert g["0,0"] == [("1,0", 1.0), ("0,1", 3.0)]
    assert sp.dijkstra(g, "0,0")["2,2"] == 6.0


def test_network_delay() -> None:
    assert sp.network_delay([(2, 1, 1), (2, 3, 1), (3, 4, 1)], 4, 2) == 2
    assert sp.network_delay([(1, 2, 1)], 2, 2) == -1
