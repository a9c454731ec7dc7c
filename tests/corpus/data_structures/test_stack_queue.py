import pytest
import stack_queue as sq


def test_stack() -> None:
    s: sq.Stack[int] = sq.Stack()
    assert s.is_empty()
    s.push(1)
    s.push(2)
    assert len(s) == 2
    assert s.peek() == 2
    assert s.pop() == 2
    assert s.pop() == 1
    with pytest.raises(sq.EmptyError, match="pop from empty stack"):
        s.pop()
    with pytest.raises(sq.EmptyError, match="peek"):
        s.peek()


def test_queue() -> None:
    q: sq.Queue[str] = sq.Queue()
    q.enqueue("a")
    q.enqueue("b")
    assert q.dequeue() == "a"
    assert len(q) == 1
    assert q.dequeue() == "b"
    with pytest.raises(sq.EmptyError):
        q.dequeue()


def test_min_stack() -> None:
    m = sq.MinStack()
    for x in [5, 3, 7, 3, 1]:
        m.push(x)
    assert m.min() == 1
    assert m.pop() == 1
    assert m.min() == 3
    m.pop()
    m.pop()
    assert m.min() == 3
    m.pop()
    assert m.min() == 5


def test_balanced() -> None:
    assert sq.balanced("{[()()]}")
    assert sq.balanced("")
    assert not sq.balanced("(]")
    assert not sq.balanced("((")
    assert sq.balanced("f(x[1]) + {y}")


def test_eval_postfix() -> None:
    assert sq.eval_postfix("3 4 + 2 *") == 14.0
    assert sq.eval_postfix("5 1 2 + 4 * + 3 -") == 14.0
    assert sq.eval_postfix("1 3 /") == 1 / 3
    with pytest.raises(ValueError, match="not enough operands for \\+"):
        sq.eval_postfix("1 +")
    with pytest.raises(ValueError, match="malformed"):
        sq.eval_postfix("1 2")
    with pytest.raises(ZeroDivisionError):
        sq.eval_postfix("1 0 /")
    with pytest.raises(ValueError, match="could not convert string to float: 'x'"):
        sq.eval_postfix("x")


def test_next_greater() -> None:
    assert sq.next_greater([4, 5, 2, 25]) == [5, 25, 25, -1]
    assert sq.next_greater([]) == []


def test_sliding_window_max() -> None:
    assert sq.sliding_window_max([1, 3, -1, -3, 5, 3, 6, 7], 3) == [3, 3, 5, 5, 6, 7]
    assert sq.sliding_window_max([1], 1) == [1]


def test_hot_potato() -> None:
    assert sq.hot_potato(["Bill", "David", "Susan", "Jane", "Kent", "Brad"], 7) == "Susan"
    with pytest.raises(IndexError):
        sq.hot_potato([], 3)
