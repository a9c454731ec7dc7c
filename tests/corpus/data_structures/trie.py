"""A prefix tree for autocompletion and word games."""

from __future__ import annotations


class TrieNode:
    def __init__(self) -> None:
        self.children: dict[str, TrieNode] = {}
        self.terminal = False
        self.count = 0


class Trie:
    def __init__(self, words: list[str] = []) -> None:  # noqa: B006 - never mutated
        self.root = TrieNode()
        self.words = 0
        for w in words:
            self.insert(w)

    def insert(self, word: str) -> None:
        node = self.root
        for ch in word:
            node = node.children.setdefault(ch, TrieNode())
            node.count += 1
        if not node.terminal:
            node.terminal = True
            self.words += 1

    def _walk(self, prefix: str) -> TrieNode | None:
        node = self.root
        for ch in prefix:
            if ch not in node.children:
                return None
            node = node.children[ch]
        return node

    def contains(self, word: str) -> bool:
        node = self._walk(word)
        return node is not None and node.terminal

    def starts_with(self, prefix: str) -> bool:
        return self._walk(prefix) is not None

    def count_prefix(self, prefix: str) -> int:
        if not prefix:
            return self.words
        node = self._walk(prefix)
        return node.count if node else 0

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        node = self._walk(prefix)
        results: list[str] = []
        if node is None:
            return results

        def dfs(n: TrieNode, path: str) -> None:
            if len(results) >= limit:
                return
            if n.terminal:
                results.append(path)
            for ch in sorted(n.children):
                dfs(n.children[ch], path + ch)

        dfs(node, prefix)
        return results

    def longest_common_prefix(self) -> str:
        node = self.root
        prefix = ""
        while len(node.children) == 1 and not node.terminal:
            (ch, child), = node.children.items()
            prefix += ch
            node = child
        return prefix


def replace_with_roots(roots: list[str], sentence: str) -> str:
    t = Trie(roots)
    out = []
    for word in sentence.split():
        node = t.root
        replacement = word
        for i, ch in enumerate(word):
            if ch not in node.children:
                break
            node = node.children[ch]
            if node.terminal:
                replacement = word[: i + 1]
                break
        out.append(replacement)
    return " ".join(out)
