import traversal as tv

G = {1: [2, 3], 2: [4], 3: [4, 5], 4: [6], 5: [6], 6: []}


def test_bfs_dfs() -> None:
    assert tv.bfs_order(G, 1) == [1, 2, 3, 4, 5, 6]
    assert tv.dfs_order(G, 1) == [1, 2, 4, 6, 3, 5]
    assert tv.dfs_iterative(G, 1) == [1, 2, 4, 6, 3, 5]
    assert tv.bfs_order({}, 7) == [7]


def test_shortest_path() -> None:
    assert tv.shortest_path(G, 1, 6) == [1, 2, 4, 6]
    assert tv.shortest_path(G, 1, 1) == [1]
    assert tv.shortest_path(G, 6, 1) is None


def test_components() -> None:
    graph = {0: [1], 1: [], 2: [3], 3: [], 4: []}
    assert tv.connected_components(graph) == [[0, 1], [2, 3], [4]]
    assert tv.connected_components({}) == []


def test_distances() -> None:
    assert tv.distances(G, 1) == {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}


def test_bipartite() -> None:
    square = {0: [1, 3], 1: [0, 2], 2: [1, 3], 3: [2, 0]}
    triangle = {0: [1, 2], 1: [0, 2], 2: [0, 1]}
    assert tv.is_bipartite(square)
    assert not tv.is_bipartite(triangle)
    assert tv.is_bipartite({})


def test_all_paths() -> None:
    assert tv.all_paths(G, 1, 6) == [[1, 2, 4, 6], [1, 3, 4, 6], [1, 3, 5, 6]]
    assert tv.all_paths(G, 6, 1) == []


def test_degree_stats() -> None:
    assert tv.degree_stats(G) == {"min": 0, "max": 2, "mean": 7 / 6}
    assert tv.degree_stats({}) == {"min": 0, "max": 0, "mean": 0.0}
