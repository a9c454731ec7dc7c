"""An unbalanced binary search tree of ints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class TreeNode:
    key: int
    left: Optional[TreeNode] = None
    right: Optional[TreeNode] = None


class BST:
    def __init__(self) -> None:
        self.root: Optional[TreeNode] = None
        self.size = 0

    def insert(self, key: int) -> bool:
        if self.root is None:
            self.root = TreeNode(key)
            self.size += 1
            return True
        node = self.root
        while True:
            if key == node.key:
                return False
            if key < node.key:
                if node.left is None:
                    node.left = TreeNode(key)
                    break
                node = node.left
            else:
                if node.right is None:
                    node.right = TreeNode(key)
                    break
                node = node.right
        self.size += 1
        return True

    def __contains__(self, key: int) -> bool:
        node = self.root
        while node is not None:
            if key == node.key:
                return True
            node = node.left if key < node.key else node.right
        return False

    def inorder(self) -> list[int]:
        out: list[int] = []

        def walk(node: Optional[TreeNode]) -> None:
            if node is None:
                return
            walk(node.left)
            out.append(node.key)
            walk(node.right)

        walk(self.root)
        return out

    def height(self) -> int:
        def h(node: Optional[TreeNode]) -> int:
            if node is None:
                return 0
            return 1 + max(h(node.left), h(node.right))

        return h(self.root)

    def min(self) -> int:
        if self.root is None:
            raise ValueError("empty tree")
        node = self.root
        while node.left is not None:
            node = node.left
        return node.key

    def delete(self, key: int) -> None:
        def remove(node: Optional[TreeNode], key: int) -> Optional[TreeNode]:
            if node is None:
                raise KeyError(key)
            if key < node.key:
                node.left = remove(node.left, key)
            elif key > node.key:
                node.right = remove(node.right, key)
            else:
                if node.left is None:
                    return node.right
                if node.right is None:
                    return node.left
                successor = node.right
                while successor.left is not None:
                    successor = successor.left
                node.key = successor.key
                node.right = remove(node.right, successor.key)
            return node

        self.root = remove(self.root, key)
        self.size -= 1

    def level_order(self) -> list[list[int]]:
        levels: list[list[int]] = []
        current = [self.root] if self.root else []
        while current:
            levels.append([n.key for n in current])
            nxt: list[TreeNode] = []
            for n in current:
                if n.left:
                    nxt.append(n.left)
                if n.right:
                    nxt.append(n.right)
            current = nxt
        return levels

    def floor(self, key: int) -> Optional[int]:
        best = None
        node = self.root
        while node:
            if node.key == key:
                return key
            if node.key < key:
                best = node.key
                node = node.right
            else:
                node = node.left
        return best


def from_sorted(keys: list[int]) -> BST:
    tree = BST()

    def add(lo: int, hi: int) -> None:
        if lo > hi:
            return
        mid = (lo + hi) // 2
        tree.insert(keys[mid])
        add(lo, mid - 1)
        add(mid + 1, hi)

    add(0, len(keys) - 1)
    return tree


def is_valid_bst(node: Optional[TreeNode], lo: float = float("-inf"), hi: float = float("inf")) -> bool:
    if node is None:
        return True
    if not lo < node.key < hi:
        return False
    return is_valid_bst(node.left, lo, node.key) and is_valid_bst(node.right, node.key, hi)
