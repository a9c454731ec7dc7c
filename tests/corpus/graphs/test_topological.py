import pytest
import topological as topo


def test_kahn() -> None:
    deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core"], "core": []}
    assert topo.kahn(deps) == ["core", "lib", "utils", "app"]
    assert topo.kahn({}) == []
    assert topo.kahn({"b": ["a"]}) == ["a", "b"]


def test_kahn_cycle() -> None:
    with pytest.raises(topo.CycleError, match="cycle detected among: a, b") as info:
        topo.kahn({"a": ["b"], "b": ["a"], "c": []})
    assert info.value.nodes == ["a", "b"]


def test_dfs_topo() -> None:
    graph = {5: [2, 0], 4: [0, 1], 2: [3], 3: [1], 0: [], 1: []}
    order = topo.dfs_topo(graph)
    pos = {n: i for i, n in enumerate(order)}
    for u, vs in graph.items():
        for v in vs:
            assert pos[u] < pos[v]
    assert order == [4, 5, 0, 2, 3, 1]


def test_has_cycle() -> None:
    assert topo.has_cycle({1: [2], 2: [3], 3: [1]})
    assert not topo.has_cycle({1: [2], 2: [3], 3: []})
    assert topo.has_cycle({1: [1]})


def test_build_levels() -> None:
    deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core"], "core": [], "docs": []}
    assert topo.build_levels(deps) == [["core", "docs"], ["lib", "utils"], ["app"]]
    with pytest.raises(topo.CycleError):
        topo.build_levels({"a": ["b"], "b": ["a"]})


def test_course_schedule() -> None:
    assert topo.course_schedule(2, [(1, 0)])
    assert not topo.course_schedule(2, [(1, 0), (0, 1)])
    assert topo.course_schedule(3, [])


def test_alien_order() -> None:
    assert topo.alien_order(["wrt", "wrf", "er", "ett", "rftt"]) == "wertf"
    assert topo.alien_order(["z", "x", "z"]) == ""
    assert topo.alien_order(["abc", "ab"]) == ""
