import pytest
import random_walk as rw


def test_lcg_sequence() -> None:
    rng = rw.LCG(42)
    assert [rng.next_int() for _ in range(3)] == [1083814273, 378494188, 2479403867]
    rng = rw.LCG(-1)
    assert rng.state == 2**32 - 1
    assert 0.0 <= rw.LCG(7).random() < 1.0


def test_randint_choice_shuffle() -> None:
    rng = rw.LCG(1)
    rolls = [rng.randint(1, 6) for _ in range(1000)]
    assert set(rolls) == {1, 2, 3, 4, 5, 6}
    with pytest.raises(ValueError, match=r"empty range \(3, 1\)"):
        rng.randint(3, 1)
    with pytest.raises(IndexError):
        rng.choice([])
    items = list(range(10))
    rw.LCG(5).shuffle(items)
    assert sorted(items) == list(range(10))
    assert items != list(range(10))
    again = list(range(10))
    rw.LCG(5).shuffle(again)
    assert items == again


def test_walk_1d() -> None:
    path = rw.walk_1d(2024, 1000)
    assert len(path) == 1001
    assert all(abs(a - b) == 1 for a, b in zip(path, path[1:]))
    assert path == rw.walk_1d(2024, 1000)
    assert rw.max_excursion(path) >= abs(path[-1])
    assert rw.returns_to_origin([0, 1, 0, -1, 0]) == 2


def test_walk_2d() -> None:
    x, y = rw.walk_2d(99, 500)
    assert (x + y) % 2 == 0
    assert rw.walk_2d(99, 0) == (0, 0)


def test_monte_carlo_pi() -> None:
    assert rw.monte_carlo_pi(123, 20000) == pytest.approx(3.14159, abs=0.05)
    with pytest.raises(ZeroDivisionError):
        rw.monte_carlo_pi(1, 0)


def test_gamblers_ruin() -> None:
    bets = rw.gamblers_ruin(7, 5, 10)
    assert bets >= 5
    assert rw.gamblers_ruin(7, 0, 10) == 0
    assert rw.gamblers_ruin(3, 5, 10, p_win=1.0) == 5
