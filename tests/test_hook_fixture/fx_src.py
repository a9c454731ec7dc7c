"""Python twin of fixture.rs: the source of truth for each exported function."""

import sys

LOADED = []
LOADED.append("once")  # module-level code must run exactly once


def add(a: int, b: int) -> int:
    """Add two ints."""
    return a + b


def spin(n: int) -> int:
    while True:
        n = (n + 1) % 1000


def hog(mb: int) -> int:
    return mb * 1048576


def boom(n: int) -> int:
    return n + 1


def say(n: int) -> int:
    print("say", n)
    print("err", n, file=sys.stderr)
    print("done")
    return n * 2


def say_raise(n: int) -> int:
    print("before", n)
    raise ValueError("bad n")


def say_bail(n: int) -> int:
    print("from python")
    return n


def say_wrong(n: int) -> int:
    print("right")
    return n


def probe_fs() -> int:
    return 0


def probe_env() -> int:
    return 0
