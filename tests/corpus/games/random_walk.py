"""Reproducible simulations driven by a linear congruential generator."""

from __future__ import annotations


class LCG:
    """Numerical Recipes constants; state stays in [0, 2**32)."""

    MOD = 2**32
    A = 1664525
    C = 1013904223

    def __init__(self, seed: int) -> None:
        self.state = seed % self.MOD

    def next_int(self) -> int:
        self.state = (self.A * self.state + self.C) % self.MOD
        return self.state

    def random(self) -> float:
        return self.next_int() / self.MOD

    def randint(self, lo: int, hi: int) -> int:
        if lo > hi:
            raise ValueError(f"empty range ({lo}, {hi})")
        return lo + self.next_int() % (hi - lo + 1)

    def choice(self, items: list[str]) -> str:
        if not items:
            raise IndexError("Cannot choose from an empty sequence")
        return items[self.randint(0, len(items) - 1)]

    def shuffle(self, items: list[int]) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.randint(0, i)
            items[i], items[j] = items[j], items[i]


def walk_1d(seed: int, steps: int) -> list[int]:
    rng = LCG(seed)
    pos = 0
    path = [pos]
    for _ in range(steps):
        pos += 1 if rng.random() < 0.5 else -1
        path.append(pos)
    return path


def walk_2d(seed: int, steps: int) -> tuple[int, int]:
    rng = LCG(seed)
    x = y = 0
    moves = {"N": (0, 1), "S": (0, -1), "E": (1, 0), "W": (-1, 0)}
    for _ in range(steps):
        dx, dy = moves[rng.choice(["N", "S", "E", "W"])]
        x += dx
        y += dy
    return x, y


def monte_carlo_pi(seed: int, samples: int) -> float:
    rng = LCG(seed)
    inside = 0
    for _ in range(samples):
        x, y = rng.random(), rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4 * inside / samples


def gamblers_ruin(seed: int, bankroll: int, target: int, p_win: float = 0.5) -> int:
    """Number of bets until the gambler is broke or reaches target."""
    rng = LCG(seed)
    bets = 0
    while 0 < bankroll < target:
        bankroll += 1 if rng.random() < p_win else -1
        bets += 1
    return bets


def max_excursion(path: list[int]) -> int:
    return max(abs(p) for p in path)


def returns_to_origin(path: list[int]) -> int:
    return sum(1 for p in path[1:] if p == 0)
