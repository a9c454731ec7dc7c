import coin_change as cc
import pytest


@pytest.mark.parametrize(
    ("coins", "amount", "expected"),
    [([1, 2, 5], 11, 3), ([2], 3, -1), ([1], 0, 0), ([186, 419, 83, 408], 6249, 20), ([3, 7], 5, -1)],
)
def test_min_coins(coins: list[int], amount: int, expected: int) -> None:
    assert cc.min_coins(coins, amount) == expected
    assert cc.memo_min_coins(tuple(coins), amount) == expected


def test_min_coins_negative() -> None:
    with pytest.raises(ValueError, match="amount must be >= 0"):
        cc.min_coins([1], -3)


def test_coin_combinations() -> None:
    assert cc.coin_combinations([1, 2, 5], 5) == 4
    assert cc.coin_combinations([2], 3) == 0
    assert cc.coin_combinations([10], 10) == 1
    assert cc.coin_combinations([1, 2, 5, 10, 20, 50, 100, 200], 200) == 73682


def test_coin_permutations() -> None:
    assert cc.coin_permutations([1, 2, 3], 4) == 7
    assert cc.coin_permutations([9], 3) == 0
    assert cc.coin_permutations([1, 2], 90) == 4660046610375530309
    assert cc.coin_permutations([1, 2], 92) == 12200160415121876738


def test_change_for() -> None:
    assert cc.change_for([1, 2, 5], 11) == [5, 5, 1]
    assert cc.change_for([2], 3) is None
    assert cc.change_for([1, 3, 4], 6) == [3, 3]
    assert cc.change_for([7], 0) == []
