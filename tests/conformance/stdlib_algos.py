"""Conformance corpus: heapq, bisect, collections (deque, Counter, defaultdict).

Lists cross the boundary, so heapq/bisect functions take and mutate lists
directly: the test compares the caller's list after each call too.
"""

import bisect
import heapq
import math
from bisect import bisect_left, insort
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from functools import reduce
from itertools import accumulate, chain, combinations, groupby, permutations, product


def heap_push_all(heap: list[int], items: list[int]) -> list[int]:
    for x in items:
        heapq.heappush(heap, x)
    return heap


def heap_drain(items: list[int]) -> list[int]:
    heapq.heapify(items)
    out: list[int] = []
    while items:
        out.append(heapq.heappop(items))
    return out


def heap_pop_one(heap: list[int]) -> int:
    return heapq.heappop(heap)


def heapify_only(items: list[int]) -> None:
    heapq.heapify(items)


def heapify_floats(items: list[float]) -> None:
    heapq.heapify(items)


def heap_replace(heap: list[int], x: int) -> int:
    return heapq.heapreplace(heap, x)


def heap_pushpop(heap: list[int], x: int) -> int:
    return heapq.heappushpop(heap, x)


def heap_pairs(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    heap: list[tuple[int, str]] = []
    for it in items:
        heapq.heappush(heap, it)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def dijkstra(n: int, edges: list[tuple[int, int, float]], src: int) -> list[float]:
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
    dist = [math.inf] * n
    dist[src] = 0.0
    heap = [(0.0, src)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist


def float_heap(items: list[float]) -> list[float]:
    heap: list[float] = []
    for x in items:
        heapq.heappush(heap, x)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def smallest(k: int, items: list[int]) -> list[int]:
    return heapq.nsmallest(k, items)


def largest(k: int, items: list[str]) -> list[str]:
    return heapq.nlargest(k, items)


def positions(xs: list[int], x: int) -> tuple[int, int, int]:
    return bisect.bisect_left(xs, x), bisect.bisect_right(xs, x), bisect.bisect(xs, x)


def bisect_bounds(xs: list[int], x: int, lo: int, hi: int) -> tuple[int, int]:
    return bisect.bisect_left(xs, x, lo, hi), bisect.bisect_right(xs, x, lo=lo, hi=hi)


def bisect_lo_only(xs: list[int], x: int, lo: int) -> int:
    return bisect_left(xs, x, lo)


def bisect_key(pairs: list[tuple[str, int]], x: int) -> int:
    return bisect.bisect_left(pairs, x, key=lambda p: p[1])


def insort_all(xs: list[int], items: list[int]) -> list[int]:
    for v in items:
        insort(xs, v)
    return xs


def insort_left_bounded(xs: list[str], v: str, lo: int) -> None:
    bisect.insort_left(xs, v, lo)


def insort_key(pairs: list[tuple[str, int]], name: str, score: int) -> None:
    bisect.insort(pairs, (name, score), key=lambda p: p[1])


def insort_key_raises(pairs: list[tuple[str, int]], lo: int) -> None:
    bisect.insort(pairs, ("x", 0), lo, key=lambda p: 10 // p[1])


def lis_length(nums: list[int]) -> int:
    tails: list[int] = []
    for x in nums:
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x
    return len(tails)


def bisect_floats(xs: list[float], x: float) -> int:
    return bisect.bisect_right(xs, x)


def float_pairs(items: list[tuple[float, int]]) -> list[tuple[float, int]]:
    heap: list[tuple[float, int]] = []
    for it in items:
        heapq.heappush(heap, it)
    return [heapq.heappop(heap) for _ in range(len(heap))]


# -- collections.deque ------------------------------------------------------------


def bfs_grid(n: int, blocked: list[tuple[int, int]]) -> int:
    walls = set(blocked)
    seen = {(0, 0)}
    queue = deque([(0, 0, 0)])
    while queue:
        r, c, d = queue.popleft()
        if (r, c) == (n - 1, n - 1):
            return d
        for dr, dc in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
            nr, nc = r + dr, c + dc
            if 0 <= nr < n and 0 <= nc < n and (nr, nc) not in walls and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append((nr, nc, d + 1))
    return -1


def sliding_window_max(nums: list[int], k: int) -> list[int]:
    window: deque[int] = deque()
    out = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(nums[window[0]])
    return out


def hot_potato(names: list[str], passes: int) -> str:
    q: deque[str] = deque(names)
    while len(q) > 1:
        q.rotate(-passes)
        q.popleft()
    return q[0]


def deque_ops(items: list[int], maxlen: int) -> list[int]:
    d = deque(items, maxlen)
    d.append(100)
    d.appendleft(-100)
    d.extend([1, 2, 3])
    d.extendleft([7, 8])
    d.rotate(2)
    d.rotate(-5)
    d.rotate()
    d[0] = d[-1] + d[0]
    d[-1] += 1
    out = list(d)
    out.append(len(d))
    out.append(d.count(1))
    out.append(sum(d))
    d.reverse()
    out.extend(sorted(d))
    out.append(1 if 100 in d else 0)
    e = d.copy()
    e.append(5)
    out.append(1 if d == e else 0)
    d.clear()
    out.append(len(e) - len(d))
    return out


def deque_maxlen_kw(n: int, maxlen: int) -> list[int]:
    d = deque([i * i for i in range(n)], maxlen=maxlen)
    d.extend(d)
    d.extendleft(d)
    return list(d)


def deque_errors(which: int, i: int) -> int:
    d = deque([1, 2, 3])
    if which == 0:
        return d[i]
    if which == 1:
        d[i] = 9
        return d[0] + d[1] + d[2]
    if which == 2:
        for _ in range(i):
            d.pop()
        return len(d)
    if which == 3:
        for _ in range(i):
            d.popleft()
        return len(d)
    if which == 4:
        d.remove(i)
        return len(d)
    return len(deque([0], i))


def deque_str_remove(word: str, ch: str) -> str:
    d = deque(word)
    d.remove(ch)
    return "".join(list(d))


def deque_mutated(which: int) -> list[int]:
    d = deque([1, 2, 3, 4])
    seen: list[int] = []
    for x in d:
        seen.append(x)
        if len(seen) == 2:
            if which == 0:
                d.append(5)
            elif which == 1:
                d.popleft()
            elif which == 2:
                d.rotate(0)
            elif which == 3:
                d.reverse()
            elif which == 4:
                d[3] = 40
            elif which == 5:
                d.extend([])
            elif which == 6:
                d.remove(99 if 99 in d else 4)
            elif which == 7:
                d.clear()
    return seen


def deque_last_step(n: int) -> int:
    d = deque([1, 2])
    total = 0
    for x in d:
        total += x
        if x == 2 and n > 0:
            d.append(3)
    return total


def deque_comprehension(n: int) -> list[int]:
    d = deque(i for i in range(n) if i % 2)
    return [x * 2 for x in d if x > 1]


def deque_maxlen_zero(n: int) -> int:
    d: deque[int] = deque(maxlen=0)
    d.append(n)
    d.extend([n, n])
    d.appendleft(n)
    return len(d)


# -- collections.Counter ----------------------------------------------------------------


def is_anagram(a: str, b: str) -> bool:
    return Counter(a.lower()) == Counter(b.lower())


def top_letters(text: str, n: int) -> list[tuple[str, int]]:
    return Counter(text).most_common(n)


def all_common(nums: list[int]) -> list[tuple[int, int]]:
    return Counter(nums).most_common()


def counter_arith(a: str, b: str) -> list[list[tuple[str, int]]]:
    ca, cb = Counter(a), Counter(b)
    ca["z"] -= 2
    cb["y"] = -1
    out = []
    for c in [ca + cb, ca - cb, cb - ca, ca | cb, ca & cb]:
        out.append(list(c.items()))
    return out


def counter_ops(words: list[str]) -> list[int]:
    c: Counter[str] = Counter()
    for w in words:
        c[w] += 1
    out = [c["missing"], len(c), c.total(), 1 if "missing" in c else 0]
    c.update(words)
    c.subtract(["a", "a", "zzz"])
    del c["nothing-here"]
    if "b" in c:
        del c["b"]
    out.extend(list(c.values()))
    out.append(sum(c.values()))
    out.append(1 if c else 0)
    return out


def counter_eq_zero(a: str) -> bool:
    c = Counter(a)
    d = Counter(a)
    d["q"] = 0
    same = c == d
    differ = c != d
    return same and not differ


def find_anagrams(text: str, pattern: str) -> list[int]:
    k = len(pattern)
    if k == 0 or k > len(text):
        return []
    need = Counter(pattern)
    window = Counter(text[:k])
    starts = []
    if window == need:
        starts.append(0)
    for i in range(k, len(text)):
        window[text[i]] += 1
        window[text[i - k]] -= 1
        if window[text[i - k]] == 0:
            del window[text[i - k]]
        if window == need:
            starts.append(i - k + 1)
    return starts


def life_neighbours(cells: list[tuple[int, int]]) -> list[tuple[tuple[int, int], int]]:
    live = set(cells)
    counts = Counter(
        (x + dx, y + dy) for x, y in live for dx in [-1, 0, 1] for dy in [-1, 0, 1] if dx or dy
    )
    return [(cell, n) for cell, n in counts.items() if n == 3 or (n == 2 and cell in live)]


def counter_overflow(n: int) -> int:
    c = Counter("ab")
    c["a"] = n
    d = c + c
    return d["a"]


def first_unique(nums: list[int]) -> int:
    counts = Counter(nums)
    for x in nums:
        if counts[x] == 1:
            return x
    raise LookupError("no unique element")


# -- collections.defaultdict ---------------------------------------------------------------


def group_by_len(words: list[str]) -> list[tuple[int, list[str]]]:
    groups: defaultdict[int, list[str]] = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    probe = groups[99]
    return [(k, v) for k, v in groups.items()] + [(len(probe), probe)]


def dd_counts(text: str) -> list[tuple[str, int]]:
    counts: defaultdict[str, int] = defaultdict(int)
    for ch in text:
        counts[ch] += 1
    if counts["?"] == 0:
        counts["!"] += 5
    return list(counts.items())


def dd_errors(key: str) -> int:
    d: defaultdict[str, float] = defaultdict(float)
    d["a"] += 1.5
    del d[key]
    return len(d)


def dd_iterate_and_read(n: int) -> int:
    d: defaultdict[int, int] = defaultdict(int)
    for i in range(n):
        d[i] = i
    total = 0
    for k in d:
        total += d[k + 1]
    return total


# -- generator expressions unpacked into names ------------------------------------------


def parse_date(text: str) -> tuple[int, int, int]:
    y, m, d = (int(p) for p in text.split("-"))
    return y, m, d


def unpack_one(xs: list[int]) -> int:
    (a,) = (x * 2 for x in xs if x)
    return a


def multinomial(counts: list[int]) -> int:
    return math.factorial(sum(counts)) // math.prod(math.factorial(c) for c in counts)


def product_of(xs: list[int], flags: list[bool]) -> tuple[int, int]:
    return math.prod(xs), math.prod(flags)


# -- functools.reduce --------------------------------------------------------------------


def lcm2(a: int, b: int) -> int:
    return abs(a * b) // math.gcd(a, b) if a and b else 0


def lcm_many(numbers: list[int]) -> int:
    return reduce(lcm2, numbers, 1)


def fold_text(words: list[str]) -> str:
    return reduce(lambda acc, w: acc + w[:1], words)


def fold_div(xs: list[int], start: int) -> int:
    return reduce(lambda a, b: a // b, xs, start)


# -- itertools.groupby as a loop source --------------------------------------------------


def rle_pairs(values: list[int]) -> list[tuple[int, int]]:
    return [(key, len(list(group))) for key, group in groupby(values)]


def look_and_say(seed: str, rounds: int) -> str:
    term = seed
    for _ in range(rounds):
        term = "".join(f"{len(list(g))}{k}" for k, g in groupby(term))
    return term


def longest_run(text: str) -> tuple[str, int]:
    best_char, best_len = "", 0
    for ch, group in groupby(text):
        n = sum(1 for _ in group)
        if n > best_len:
            best_char, best_len = ch, n
    return best_char, best_len


def runs_unread(text: str) -> list[str]:
    return [k for k, _g in groupby(text)]


def runs_partly_read(text: str) -> list[str]:
    out = []
    for k, g in groupby(text):
        for w in g:
            out.append(k + w)
            break
    return out


# -- Callable parameters: module functions passed by name ---------------------------------


def bisection(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-10) -> float:
    flo, fhi = f(lo), f(hi)
    if flo * fhi > 0:
        raise ValueError("f(lo) and f(hi) must have opposite signs")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        fmid = f(mid)
        if fmid == 0:
            return mid
        if flo * fmid < 0:
            hi, fhi = mid, fmid
        else:
            lo, flo = mid, fmid
    return (lo + hi) / 2


def cubic(x: float) -> float:
    return x * x * x - 2 * x - 5


def inverse(x: float) -> float:
    return 1 / x


def root_of_cubic(lo: float, hi: float) -> float:
    return bisection(cubic, lo, hi)


def root_of_inverse(lo: float, hi: float) -> float:
    return bisection(inverse, lo, hi, 1e-3)


def apply_twice(f: Callable[[int, int], int], a: int, b: int) -> int:
    return f(f(a, b), b)


def via(f: Callable[[int, int], int], a: int) -> int:
    return apply_twice(f, a, a)


def add_sat(a: int, b: int) -> int:
    return a + b


def twice_sum(a: int) -> int:
    return via(add_sat, a)


# -- itertools.combinations / permutations / product as loop sources ----------------------


def count_pairs_with_sum(nums: list[int], target: int) -> int:
    return sum(1 for a, b in combinations(nums, 2) if a + b == target)


def all_combos(word: str, xs: list[int]) -> list[str]:
    out = [a + b + c for a, b, c in combinations(word, 3)]
    out += [f"{a}{b}" for a, b in permutations(word, 2)]
    out += [f"{a}|{b}|{c}" for a, b, c in permutations(xs, 3)]
    out += [str(t[0]) for t in combinations(xs, 1)]
    return out


def grid_points(xs: list[int], word: str) -> list[tuple[int, str]]:
    return [(x, c) for x, c in product(xs, word)]


def dice_sums(faces: list[int]) -> list[int]:
    totals = []
    for a, b, c in product(faces, repeat=3):
        totals.append(a * 100 + b * 10 + c)
    return totals


def pool_snapshot(xs: list[int]) -> int:
    n = 0
    for a, b in combinations(xs, 2):
        xs.append(a + b)
        n += 1
    return n


def chained(a: list[int], b: list[int], s: str) -> list[int]:
    out = []
    for x in chain(a, b):
        if x > 2 and len(b) < 6:
            b.append(x - 10)
        out.append(x)
    out += [ord(c) for c in chain(s, "!")]
    return out


def prefix_sums(xs: list[int]) -> list[int]:
    return [t for t in accumulate(xs)]


def prefix_floats(xs: list[float]) -> list[float]:
    out = []
    for t in accumulate(xs):
        out.append(t)
    return out


def extend_lazily(xs: list[int], d: int) -> list[int]:
    out = [1]
    out.extend(len(out) * 10 + 100 // (x - d) for x in xs)
    return out


def flood_fill(rows: list[str], r: int, c: int, new: str) -> int:
    grid = [list(row) for row in rows]
    old = grid[r][c]
    if old == new:
        return 0
    changed = 0
    stack = [(r, c)]
    while stack:
        cr, cc = stack.pop()
        if 0 <= cr < len(grid) and 0 <= cc < len(grid[0]) and grid[cr][cc] == old:
            grid[cr][cc] = new
            changed += 1
            stack.extend((cr + dr, cc + dc) for dr, dc in [(1, 0), (-1, 0), (0, 1), (0, -1)])
    return changed


def extend_arg(xs: list[int], d: int) -> None:
    xs.extend(len(xs) * 1000 + 100 // (x - d) for x in [1, 2, 3])
