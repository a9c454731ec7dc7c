import dice_scoring as ds
import pytest


@pytest.mark.parametrize(
    ("dice", "category", "points"),
    [
        ([1, 1, 1, 3, 5], "ones", 3),
        ([2, 3, 4, 5, 6], "ones", 0),
        ([3, 3, 3, 5, 5], "full_house", 19),
        ([3, 3, 3, 3, 3], "full_house", 0),
        ([6, 6, 4, 6, 6], "four_of_a_kind", 24),
        ([3, 3, 3, 3, 3], "four_of_a_kind", 12),
        ([5, 4, 3, 2, 1], "little_straight", 30),
        ([1, 2, 3, 4, 6], "big_straight", 0),
        ([6, 5, 4, 3, 2], "big_straight", 30),
        ([3, 3, 5, 6, 6], "choice", 23),
        ([4, 4, 4, 4, 4], "yacht", 50),
        ([4, 4, 4, 4, 5], "yacht", 0),
    ],
)
def test_score(dice: list[int], category: str, points: int) -> None:
    assert ds.score(dice, category) == points


def test_score_errors() -> None:
    with pytest.raises(ValueError, match=r"invalid roll: \[1, 2, 3\]"):
        ds.score([1, 2, 3], "choice")
    with pytest.raises(ValueError):
        ds.score([0, 1, 2, 3, 4], "choice")
    with pytest.raises(KeyError, match="'chance'"):
        ds.score([1, 2, 3, 4, 5], "chance")


def test_best_category() -> None:
    assert ds.best_category([4, 4, 4, 4, 4]) == ("yacht", 50)
    assert ds.best_category([1, 2, 3, 4, 6]) == ("choice", 16)


def test_distributions() -> None:
    assert ds.sum_distribution(1) == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1}
    two = ds.sum_distribution(2)
    assert two[7] == 6
    assert sum(two.values()) == 36
    assert ds.probability_of_sum(7, 2) == 1 / 6
    assert ds.probability_of_sum(1, 2) == 0.0
    assert ds.most_likely_sums(3) == [10, 11]
    assert ds.sum_distribution(0) == {0: 1}


def test_count_rolls() -> None:
    assert ds.count_rolls(2) == 6
    assert ds.count_rolls(3, predicate_pair=False) == 120


def test_expected_value() -> None:
    assert ds.expected_value(6) == 3.5
    with pytest.raises(ZeroDivisionError):
        ds.expected_value(0)
