"""Tic-tac-toe: board evaluation and a perfect minimax player."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


class IllegalMove(Exception):
    pass


def winner(board: str) -> Optional[str]:
    for a, b, c in LINES:
        if board[a] != " " and board[a] == board[b] == board[c]:
            return board[a]
    return None


def is_full(board: str) -> bool:
    return " " not in board


def next_player(board: str) -> str:
    xs, os = board.count("X"), board.count("O")
    if xs - os not in (0, 1):
        raise ValueError("invalid board: wrong number of marks")
    return "X" if xs == os else "O"


def play(board: str, square: int) -> str:
    if len(board) != 9:
        raise ValueError("board must have 9 squares")
    if not 0 <= square < 9:
        raise IllegalMove(f"square {square} is off the board")
    if board[square] != " ":
        raise IllegalMove(f"square {square} is taken")
    if winner(board):
        raise IllegalMove("game is already over")
    return board[:square] + next_player(board) + board[square + 1:]


@lru_cache(maxsize=None)
def minimax(board: str) -> int:
    """Score from X's point of view: +1 X wins, -1 O wins, 0 draw."""
    w = winner(board)
    if w == "X":
        return 1
    if w == "O":
        return -1
    if is_full(board):
        return 0
    player = next_player(board)
    scores = [minimax(board[:i] + player + board[i + 1:]) for i in range(9) if board[i] == " "]
    return max(scores) if player == "X" else min(scores)


def best_move(board: str) -> int:
    player = next_player(board)
    moves = [i for i in range(9) if board[i] == " "]
    if not moves or winner(board):
        raise IllegalMove("no moves available")
    def score(i: int) -> int:
        return minimax(board[:i] + player + board[i + 1:])
    return max(moves, key=score) if player == "X" else min(moves, key=score)


def pretty(board: str) -> str:
    rows = [" | ".join(board[r * 3:r * 3 + 3]) for r in range(3)]
    return "\n---------\n".join(rows)


def self_play(board: str = " " * 9) -> tuple[str, Optional[str]]:
    while not winner(board) and not is_full(board):
        board = play(board, best_move(board))
    return board, winner(board)
