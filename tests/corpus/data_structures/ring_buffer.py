"""Fixed-capacity circular buffer, with an overwrite policy."""

from __future__ import annotations


class BufferFullException(BufferError):
    pass


class BufferEmptyException(BufferError):
    pass


class CircularBuffer:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._data: list[int | None] = [None] * capacity
        self._start = 0
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def is_full(self) -> bool:
        return self._count == self.capacity

    def write(self, value: int) -> None:
        if self.is_full():
            raise BufferFullException("Circular buffer is full")
        self._data[(self._start + self._count) % self.capacity] = value
        self._count += 1

    def overwrite(self, value: int) -> None:
        if self.is_full():
            self._data[self._start] = value
            self._start = (self._start + 1) % self.capacity
        else:
            self.write(value)

    def read(self) -> int:
        if self._count == 0:
            raise BufferEmptyException("Circular buffer is empty")
        value = self._data[self._start]
        self._data[self._start] = None
        self._start = (self._start + 1) % self.capacity
        self._count -= 1
        assert value is not None
        return value

    def clear(self) -> None:
        self._data = [None] * self.capacity
        self._start = 0
        self._count = 0

    def snapshot(self) -> list[int]:
        out = []
        for i in range(self._count):
            value = self._data[(self._start + i) % self.capacity]
            assert value is not None
            out.append(value)
        return out


def last_n_average(values: list[int], n: int) -> list[float]:
    buf = CircularBuffer(n)
    averages = []
    for v in values:
        buf.overwrite(v)
        snap = buf.snapshot()
        averages.append(sum(snap) / len(snap))
    return averages


def josephus(n: int, k: int) -> list[int]:
    """Elimination order of people 1..n counting k at a time."""
    people = list(range(1, n + 1))
    order = []
    idx = 0
    while people:
        idx = (idx + k - 1) % len(people)
        order.append(people.pop(idx))
    return order
