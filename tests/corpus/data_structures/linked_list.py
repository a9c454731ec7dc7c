"""A singly linked list."""

from __future__ import annotations

from typing import Iterator, Optional


class Node:
    def __init__(self, value: int, next: Optional[Node] = None) -> None:
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, values: Optional[list[int]] = None) -> None:
        self.head: Optional[Node] = None
        self._size = 0
        for v in reversed(values or []):
            self.push_front(v)

    def push_front(self, value: int) -> None:
        self.head = Node(value, self.head)
        self._size += 1

    def append(self, value: int) -> None:
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next is not None:
                cur = cur.next
            cur.next = node
        self._size += 1

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[int]:
        cur = self.head
        while cur is not None:
            yield cur.value
            cur = cur.next

    def __repr__(self) -> str:
        return "LinkedList([" + ", ".join(str(v) for v in self) + "])"

    def to_list(self) -> list[int]:
        return list(self)

    def find(self, value: int) -> int:
        for i, v in enumerate(self):
            if v == value:
                return i
        return -1

    def remove(self, value: int) -> None:
        prev: Optional[Node] = None
        cur = self.head
        while cur is not None:
            if cur.value == value:
                if prev is None:
                    self.head = cur.next
                else:
                    prev.next = cur.next
                self._size -= 1
                return
            prev, cur = cur, cur.next
        raise ValueError(f"{value} not in list")

    def reverse(self) -> None:
        prev: Optional[Node] = None
        cur = self.head
        while cur is not None:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def middle(self) -> Optional[int]:
        slow = fast = self.head
        while fast is not None and fast.next is not None:
            assert slow is not None
            slow = slow.next
            fast = fast.next.next
        return slow.value if slow is not None else None

    def nth_from_end(self, n: int) -> int:
        if n < 1 or n > self._size:
            raise IndexError("index out of range")
        return self.to_list()[-n]


def merge_sorted(a: LinkedList, b: LinkedList) -> LinkedList:
    result = LinkedList()
    values = []
    ia, ib = iter(a), iter(b)
    va, vb = next(ia, None), next(ib, None)
    while va is not None or vb is not None:
        if vb is None or (va is not None and va <= vb):
            values.append(va)
            va = next(ia, None)
        else:
            values.append(vb)
            vb = next(ib, None)
    for v in values:
        result.append(v)
    return result


def has_cycle(head: Optional[Node]) -> bool:
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next if slow is not None else None
        fast = fast.next.next
        if slow is fast:
            return True
    return False
