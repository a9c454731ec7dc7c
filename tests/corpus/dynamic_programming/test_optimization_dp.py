import optimization_dp as od
import pytest


def test_rod_cutting() -> None:
    assert od.rod_cutting([1, 5, 8, 9, 10, 17, 17, 20], 8) == 22
    assert od.rod_cutting([3, 5, 8, 9, 10, 17, 17, 20], 8) == 24
    assert od.rod_cutting([2], 0) == 0


def test_matrix_chain_order() -> None:
    assert od.matrix_chain_order([40, 20, 30, 10, 30]) == 26000
    assert od.matrix_chain_order([10, 20, 30]) == 6000
    assert od.matrix_chain_order([5, 5]) == 0
    with pytest.raises(ValueError):
        od.matrix_chain_order([5])


@pytest.mark.parametrize(("eggs", "floors", "drops"), [(1, 10, 10), (2, 100, 14), (3, 14, 4), (2, 0, 0)])
def test_egg_drop(eggs: int, floors: int, drops: int) -> None:
    assert od.egg_drop(eggs, floors) == drops


def test_house_robber() -> None:
    assert od.house_robber([1, 2, 3, 1]) == 4
    assert od.house_robber([2, 7, 9, 3, 1]) == 12
    assert od.house_robber([]) == 0
    assert od.house_robber_circle([2, 3, 2]) == 3
    assert od.house_robber_circle([5]) == 5


def test_climb_stairs() -> None:
    assert od.climb_stairs(5) == 8
    assert od.climb_stairs(0) == 1
    assert od.climb_stairs(4, (1, 2, 3)) == 7
    assert od.climb_stairs(100) == 573147844013817084101


def test_max_profit_with_cooldown() -> None:
    assert od.max_profit_with_cooldown([1, 2, 3, 0, 2]) == 3
    assert od.max_profit_with_cooldown([1]) == 0
    assert od.max_profit_with_cooldown([]) == 0


def test_longest_arithmetic_run() -> None:
    assert od.longest_arithmetic_run([3, 6, 9, 12]) == 4
    assert od.longest_arithmetic_run([9, 4, 7, 2, 10]) == 3
    assert od.longest_arithmetic_run([1]) == 1
