import pytest
import ring_buffer as rb


def test_write_read() -> None:
    buf = rb.CircularBuffer(3)
    buf.write(1)
    buf.write(2)
    assert len(buf) == 2
    assert buf.read() == 1
    buf.write(3)
    buf.write(4)
    assert buf.is_full()
    assert buf.snapshot() == [2, 3, 4]
    with pytest.raises(rb.BufferFullException, match="Circular buffer is full"):
        buf.write(5)
    assert [buf.read(), buf.read(), buf.read()] == [2, 3, 4]
    with pytest.raises(rb.BufferEmptyException) as info:
        buf.read()
    assert isinstance(info.value, BufferError)


def test_overwrite_and_clear() -> None:
    buf = rb.CircularBuffer(2)
    for v in [1, 2, 3, 4]:
        buf.overwrite(v)
    assert buf.snapshot() == [3, 4]
    buf.clear()
    assert len(buf) == 0
    assert buf.snapshot() == []


def test_invalid_capacity() -> None:
    with pytest.raises(ValueError):
        rb.CircularBuffer(0)


def test_last_n_average() -> None:
    assert rb.last_n_average([2, 4, 6, 8], 2) == [2.0, 3.0, 5.0, 7.0]


def test_josephus() -> None:
    assert rb.josephus(7, 3) == [3, 6, 2, 7, 5, 1, 4]
    assert rb.josephus(1, 5) == [1]
    assert rb.josephus(0, 2) == []
