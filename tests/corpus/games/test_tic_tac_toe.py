import pytest
import tic_tac_toe as ttt


def test_winner() -> None:
    assert ttt.winner("XXXOO    ") == "X"
    assert ttt.winner("XO XO  O ") == "O"
    assert ttt.winner("XOXOXOOXO") is None
    assert ttt.winner(" " * 9) is None


def test_next_player() -> None:
    assert ttt.next_player(" " * 9) == "X"
    assert ttt.next_player("X        ") == "O"
    with pytest.raises(ValueError, match="wrong number of marks"):
        ttt.next_player("XX       ")


def test_play() -> None:
    b = ttt.play(" " * 9, 4)
    assert b == "    X    "
    b = ttt.play(b, 0)
    assert b == "O   X    "
    with pytest.raises(ttt.IllegalMove, match="square 4 is taken"):
        ttt.play(b, 4)
    with pytest.raises(ttt.IllegalMove, match="square 9 is off the board"):
        ttt.play(b, 9)
    with pytest.raises(ttt.IllegalMove, match="already over"):
        ttt.play("XXXOO    ", 8)
    with pytest.raises(ValueError):
        ttt.play("X", 0)


def test_minimax() -> None:
    assert ttt.minimax(" " * 9) == 0
    assert ttt.minimax("XX OO    ") == 1
    assert ttt.minimax("XXOO X   ") in (1, 0, -1)


def test_best_move() -> None:
    assert ttt.best_move("XX OO    ") == 2
    assert ttt.best_move("XX O     ") == 2
    assert ttt.best_move("OO XX X  ") == 2
    with pytest.raises(ttt.IllegalMove):
        ttt.best_move("XXXOO    ")


def test_pretty() -> None:
    assert ttt.pretty("XO  X   O") == "X | O |  \n---------\n  | X |  \n---------\n  |   | O"


def test_self_play_is_a_draw() -> None:
    board, result = ttt.self_play()
    assert result is None
    assert ttt.is_full(board)
