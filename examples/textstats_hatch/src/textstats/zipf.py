"""Word-frequency statistics: Zipf's law, expected vocabulary, entropy.

Pure arithmetic on counts (the logarithm and exponential are series written
out here, so the module has no imports and every function is a candidate for
translation). Marked in `[tool.portalis]`: the loops run in WASM.
"""

LN2 = 0.6931471805599453
SERIES_TERMS = 40


def ln(x: float) -> float:
    """Natural logarithm by range reduction to [1, 2) and the atanh series."""
    if x <= 0.0:
        raise ValueError("ln of a non-positive number")
    k = 0
    while x >= 2.0:
        x = x / 2.0
        k += 1
    while x < 1.0:
        x = x * 2.0
        k -= 1
    t = (x - 1.0) / (x + 1.0)
    t2 = t * t
    term = t
    total = 0.0
    for n in range(SERIES_TERMS):
        total += term / (2 * n + 1)
        term *= t2
    return 2.0 * total + k * LN2


def exp(x: float) -> float:
    """e**x as 2**k * e**r with |r| <= ln(2)/2: a short Taylor series, then exact doublings."""
    if x > 709.0:
        raise OverflowError("exp overflow")
    if x < -708.0:
        return 0.0
    k = int(x / LN2 + (0.5 if x >= 0.0 else -0.5))
    r = x - k * LN2
    term = 1.0
    total = 1.0
    for n in range(1, 24):
        term = term * r / n
        total += term
    if k >= 0:
        for _ in range(k):
            total *= 2.0
    else:
        for _ in range(-k):
            total /= 2.0
    return total


def harmonic(n: int) -> float:
    """H(n) = 1 + 1/2 + ... + 1/n: the normaliser of Zipf's law with exponent 1."""
    if n < 0:
        raise ValueError("n must be non-negative")
    total = 0.0
    for k in range(1, n + 1):
        total += 1.0 / k
    return total


def zipf_probability(rank: int, vocabulary: int) -> float:
    """Probability of the word of this rank under Zipf's law (exponent 1)."""
    if rank < 1 or rank > vocabulary:
        raise ValueError("rank out of range")
    return 1.0 / (rank * harmonic(vocabulary))


def expected_vocabulary(tokens: int, vocabulary: int) -> float:
    """Expected number of distinct words in a text of `tokens` words drawn by Zipf's law.

    Sum over ranks r of 1 - (1 - p_r) ** tokens, with the power computed as
    exp(tokens * ln(1 - p_r)) so it stays accurate for long texts.
    """
    if tokens < 0 or vocabulary < 1:
        raise ValueError("need tokens >= 0 and vocabulary >= 1")
    h = harmonic(vocabulary)
    expected = 0.0
    for r in range(1, vocabulary + 1):
        p = 1.0 / (r * h)
        if p >= 1.0:
            expected += 1.0 if tokens > 0 else 0.0
        else:
            expected += 1.0 - exp(tokens * ln(1.0 - p))
    return expected


def entropy_term(count: int, total: int) -> float:
    """One word's contribution -p*log2(p) to the Shannon entropy, in bits."""
    if count < 0 or total <= 0 or count > total:
        raise ValueError("need 0 <= count <= total and total > 0")
    if count == 0:
        return 0.0
    p = count / total
    return -p * ln(p) / LN2


def zipf_entropy(vocabulary: int) -> float:
    """Entropy in bits per word of an ideal Zipf distribution over `vocabulary` words."""
    h = harmonic(vocabulary)
    bits = 0.0
    for r in range(1, vocabulary + 1):
        p = 1.0 / (r * h)
        bits -= p * ln(p) / LN2
    return bits


def heaps_vocabulary(tokens: int, k: float = 44.0, beta: float = 0.49) -> float:
    """Heaps' law V = k * N**beta, with the power as exp(beta * ln N)."""
    if tokens <= 0:
        return 0.0
    return k * exp(beta * ln(float(tokens)))
