"""Conformance corpus: str, list, tuple, f-strings, print and try/except.

Boundary types are still scalars, so each function takes ints/floats/bools and
works with text and lists inside; results come back as numbers, bools or
printed text.
"""

WORDS = "the quick brown fox jumps over the lazy dog"


def word_count(n: int) -> int:
    text = (WORDS + " ") * n
    return len(text.split())


def longest_word_len(n: int) -> int:
    best = 0
    for w in (WORDS + " extraordinary") .split(" "):
        if len(w) > best and len(w) <= n:
            best = len(w)
    return best


def vowel_count(n: int) -> int:
    count = 0
    for ch in WORDS * n:
        if ch in "aeiou":
            count += 1
    return count


def char_codes(n: int) -> int:
    total = 0
    s = "Portalis-" + str(n)
    for i in range(len(s)):
        total = total * 31 + ord(s[i])
        total %= 1_000_003
    return total


def slicing(a: int, b: int, step: int) -> int:
    s = "abcdefghijklmnopqrstuvwxyz"
    part = s[a:b:step]
    return len(part) * 1000 + (ord(part[0]) if part else -1)


def negative_index(i: int) -> int:
    s = "hello"
    return ord(s[i])


def methods(n: int) -> int:
    s = "  Hello, World! " * n
    t = s.strip().lower().replace("world", "there")
    parts = t.split(",")
    score = len(parts) + t.count("l") + t.find("there") + t.rfind("h")
    if t.startswith("hello") and t.endswith("!"):
        score += 100
    return score + len(t.upper()) + len("-".join(parts))


def predicates(n: int) -> int:
    samples = ["123", "abc", "Abc", "ABC", "a1", " ", "", "\t\n", str(n), "x" * n]
    score = 0
    for s in samples:
        score = score * 2 + int(s.isdigit())
        score = score * 2 + int(s.isalpha())
        score = score * 2 + int(s.isupper())
        score = score * 2 + int(s.isspace())
        score %= 1_000_000_007
    return score


def padding(width: int) -> int:
    s = "ab"
    out = s.zfill(width) + s.center(width, "*") + s.ljust(width) + s.rjust(width, "-")
    return len(out) + out.count("*") * 7 + out.count("-") * 13


def fstrings(n: int, x: float) -> int:
    s = f"{n:>8}|{x:.3f}|{n:08b}|{n:x}|{x:e}|{n:,}|{x!r}|{'ab'!r}|{n:+d}|{x:10.2%}"
    return len(s) * 7 + s.count("0") + ord(s[len(s) // 2])


def float_text(x: float) -> int:
    s = str(x) + repr(x * 3) + f"{x}"
    return len(s) * 1000 + ord(s[-1])


def sieve(n: int) -> int:
    flags = [True] * (n + 1)
    flags[0] = False
    if n >= 1:
        flags[1] = False
    count = 0
    for i in range(2, n + 1):
        if flags[i]:
            count += 1
            for j in range(i * i, n + 1, i):
                flags[j] = False
    return count


def list_ops(n: int) -> int:
    xs = []
    for i in range(n):
        xs.append((i * 7919) % 101)
    xs.insert(0, 50)
    xs.sort()
    top = xs[-1] if xs else -1
    ys = xs[::2] + xs[1::3]
    ys.reverse()
    zs = ys.copy()
    zs.extend(xs)
    total = sum(zs) + len(zs) + top
    if 50 in zs:
        total += zs.index(50) + zs.count(50)
    if zs:
        total += zs.pop() + min(zs) * max(zs) if zs else 0
    return total


def list_aliasing(n: int) -> int:
    a = [1, 2, 3]
    b = a
    b.append(n)
    c = a.copy()
    c.append(99)
    a += [7]
    return len(a) * 100 + len(b) * 10 + len(c) + a[-1]


def list_errors(i: int) -> int:
    xs = [10, 20, 30]
    return xs[i]


def pop_errors(n: int) -> int:
    xs = []
    for i in range(n):
        xs.append(i)
    return xs.pop() + xs.pop(0)


def item_assign(i: int, v: int) -> int:
    xs = [0] * 5
    xs[i] = v
    xs[i] += 3
    return sum(xs)


def sorted_strings(n: int) -> int:
    words = sorted(WORDS.split() * n, reverse=True)
    return len(words) + ord(words[0][0]) * 10 + ord(words[-1][0])


def tuples(a: int, b: int) -> int:
    t = (a, b, a + b)
    x, y = t[0], t[-1]
    return x * y + len(t)


def safe_div(a: int, b: int) -> int:
    try:
        return a // b
    except ZeroDivisionError:
        return -1


def try_else(a: int, b: int) -> int:
    result = 0
    try:
        q = a // b
    except (ZeroDivisionError, ValueError):
        result = -1
    else:
        result = q * 2
    return result


def catch_lookup(i: int) -> int:
    xs = [1, 2, 3]
    try:
        return xs[i]
    except LookupError:
        return -100


def reraise(i: int) -> int:
    xs = [1, 2, 3]
    try:
        return xs[i]
    except IndexError:
        raise


def loop_with_try(n: int) -> int:
    total = 0
    for i in range(n):
        try:
            if i % 5 == 4:
                break
            total += 100 // (i % 3)
        except ZeroDivisionError:
            total -= 1
            continue
        total += 1
    return total


def nested_try(a: int) -> int:
    try:
        try:
            return 10 // a
        except ValueError:
            return -2
    except ZeroDivisionError:
        return -3


def parse_value_error(n: int) -> int:
    try:
        return "abc".index("z" * n)
    except ValueError:
        return -7


def report(n: int) -> None:
    total = 0
    for i in range(n):
        total += i
        print(f"step {i}: total={total:>5} ratio={total / (i + 1):.3f}")
    print("done", total, sep=" | ")


def show_floats(x: float) -> None:
    print(x, x * 1e20, x / 1e10, -x, 0.1 + 0.2, sep=", ", end=";\n")


def show_mixed(n: int) -> int:
    print("n =", n, "even" if n % 2 == 0 else "odd", n > 3, None)
    return n


def print_then_raise(n: int) -> int:
    print("before", n)
    if n > 2:
        raise ValueError("too big")
    return n


def comprehensions(n: int) -> int:
    squares = [i * i for i in range(n)]
    evens = [x for x in squares if x % 2 == 0]
    pairs = [(i, j) for i in range(4) for j in range(i) if (i + j) % 2]
    words = [w.upper() for w in WORDS.split() if len(w) > 3]
    total = sum(x for x in squares if x > 10) + len(evens) + len(pairs) + len(words)
    total += max(len(w) for w in WORDS.split()) + min(i for i in range(1, n + 2))
    joined = "-".join(w[0] for w in WORDS.split())
    return total * 100 + len(joined)


def any_all(n: int) -> int:
    xs = [i * 3 for i in range(n)]
    score = 0
    if any(x > 10 for x in xs):
        score += 1
    if all(x % 3 == 0 for x in xs):
        score += 2
    if any(xs):
        score += 4
    if all(c.isalpha() for c in "abc"):
        score += 8
    return score


def short_circuit(n: int) -> int:
    xs = [5, 0, 3]
    # CPython stops at the first truthy item: 10 // 0 is never evaluated.
    if any(10 // x > 1 for x in xs[: n]):
        return 1
    return 0


def enumerate_zip(n: int) -> int:
    total = 0
    for i, w in enumerate(WORDS.split(), 1):
        total += i * len(w)
    for a, b in zip(range(n), "abcdef"):
        total += a * ord(b)
    for k, (p, q) in enumerate(zip([1, 2, 3], [4, 5, 6])):
        total += k * p * q
    for c in reversed("xyz"):
        total = total * 3 + ord(c)
    for v in reversed([n, n + 1, n + 2]):
        total = total * 2 + v
    return total


def unpack_pairs(n: int) -> int:
    pairs = [(i, i * i) for i in range(n)]
    total = 0
    for a, b in pairs:
        total += a * b
    first, second = pairs[0] if pairs else (0, 0)
    return total + first + second


def comp_scope(n: int) -> int:
    x = 100
    ys = [x for x in range(n)]
    return x + len(ys)


def key_functions(n: int) -> int:
    words = WORDS.split() * (n % 3 + 1)
    by_len = sorted(words, key=len)
    by_last = sorted(words, key=lambda w: (w[-1], len(w)), reverse=True)
    words.sort(key=lambda w: w[1:])
    longest = max(words, key=len)
    shortest = min(words, key=lambda w: (len(w), w))
    nums = [(i * 7) % 11 - 5 for i in range(n)]
    nums.sort(key=lambda v: abs(v))
    score = ord(by_len[0][0]) + ord(by_last[0][0]) * 3 + ord(words[0][0]) * 5
    score += len(longest) * 7 + ord(shortest[0]) * 11
    return score * 1000 + (nums[0] if nums else 0) * 10 + (nums[-1] if nums else 0)


def key_errors(i: int) -> int:
    xs = ["ab", "c", "def"]
    return len(max(xs, key=lambda s: s[i]))


def empty_min(n: int) -> int:
    xs = [i for i in range(n)]
    return min(xs, key=lambda v: -v)


def word_freq(n: int) -> int:
    counts: dict[str, int] = {}
    for w in (WORDS + " the fox") .split() * (n % 4 + 1):
        counts[w] = counts.get(w, 0) + 1
    total = 0
    for word, c in counts.items():
        total = total * 31 + c * len(word)
        total %= 1_000_003
    keys = list(counts)
    return total + len(counts) + ord(keys[0][0]) + counts["the"]


def dict_ops(k: int) -> int:
    d = {1: "one", 2: "two", 3: "three"}
    d[4] = "four"
    d[2] = "TWO"
    del d[1]
    d[1] = "uno"
    score = 0
    for key in d:
        score = score * 10 + key
    if k in d:
        score += len(d[k])
    score += len(d.pop(3, "")) + len(d.setdefault(9, "nine"))
    last = d.popitem()
    return score * 100 + last[0] + len(d)


def dict_errors(k: int) -> int:
    d = {1: 10, 2: 20}
    return d[k]


def dict_str_key_error(s: str) -> int:
    d = {"a": 1}
    return d[s]


def mutate_while_iterating(n: int) -> int:
    d = {i: i for i in range(3)}
    total = 0
    for key in d:
        total += key
        if key == n:
            d[100 + key] = 0
    return total


def grouping(n: int) -> int:
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(i % 3, []).append(i)
    return sum(len(v) * (k + 1) for k, v in groups.items())


def set_ops(n: int) -> int:
    seen = set()
    for i in range(n):
        seen.add((i * 7) % 10)
    evens = {x for x in range(n) if x % 2 == 0}
    both = seen & evens
    either = seen | evens
    only = seen - evens
    diff = seen ^ evens
    order = 0
    for x in either:
        order = order * 11 + x
        order %= 1_000_000_007
    seen |= {100, 200}
    seen.discard(3)
    flag = int(3 in seen) + int(100 in seen) * 2 + int(both <= either) * 4
    return order + len(both) * 1000 + len(only) * 100 + len(diff) * 10 + flag + sum(seen)


def set_display_order(k: int) -> int:
    s = {k, 5, -1, 10**9}
    out = 0
    for x in s:
        out = out * 31 + x
        out %= 1_000_000_007
    return out + len(sorted(s)) + min(s) + max(s)


def set_errors(k: int) -> int:
    s = {1, 2}
    s.remove(k)
    return s.pop()


def bfs(n: int) -> int:
    graph = [[(i + 1) % n, (i * 2) % n] for i in range(n)]
    visited = {0}
    frontier = [0]
    steps = 0
    while frontier:
        nxt = []
        for node in frontier:
            for other in graph[node]:
                if other not in visited:
                    visited.add(other)
                    nxt.append(other)
        frontier = nxt
        steps += 1
    return steps * 1000 + len(visited)


def container_truth(n: int) -> int:
    d = {i: i for i in range(n)}
    s = {i for i in range(n)}
    score = int(bool(d)) + 2 * int(bool(s))
    if d:
        score += 4
    if not s:
        score += 8
    return score + (16 if d and s else 0)


def computed_messages(n: int) -> int:
    if n < 0:
        raise ValueError(f"n must be non-negative, got {n}")
    if n == 0:
        raise KeyError("zero-" + str(n))
    if n > 100:
        raise IndexError("too big: " + repr(n))
    return n
