"""Elementary functions and numeric integration, written out in plain arithmetic.

No imports, so every function is a translation candidate; the series are
accurate to a few ulps, which the tests check against `math`.
"""

INF = 1e308 * 10.0
PI = 3.141592653589793
HALF_PI = 1.5707963267948966
TWO_PI = 6.283185307179586
EARTH_RADIUS_KM = 6371.0088


def sqrt(x: float) -> float:
    """Square root by Newton's method from above (monotone, so it stops exactly)."""
    if x < 0.0:
        raise ValueError("math domain error")
    if x == 0.0 or x != x or x == INF:
        return x
    guess = x if x > 1.0 else 1.0
    while True:
        better = 0.5 * (guess + x / guess)
        if better >= guess:
            return guess
        guess = better


def hypot(x: float, y: float) -> float:
    """Length of (x, y), scaled so large components do not overflow."""
    ax = abs(x)
    ay = abs(y)
    big = max(ax, ay)
    if big == 0.0:
        return 0.0
    small = min(ax, ay) / big
    return big * sqrt(1.0 + small * small)


def _reduce(x: float) -> float:
    """x modulo 2*pi into [-pi, pi]."""
    r = x % TWO_PI
    if r > PI:
        r -= TWO_PI
    return r


def sin(x: float) -> float:
    """Sine by argument reduction and the Taylor series."""
    r = _reduce(x)
    term = r
    total = r
    r2 = r * r
    for n in range(1, 14):
        term = -term * r2 / ((2 * n) * (2 * n + 1))
        total += term
    return total


def cos(x: float) -> float:
    """Cosine by argument reduction and the Taylor series."""
    r = _reduce(x)
    term = 1.0
    total = 1.0
    r2 = r * r
    for n in range(1, 14):
        term = -term * r2 / ((2 * n - 1) * (2 * n))
        total += term
    return total


def atan(x: float) -> float:
    """Arctangent: reflect to |x| <= 1, halve the angle twice, then the series."""
    if x < 0.0:
        return -atan(-x)
    if x > 1.0:
        return HALF_PI - atan(1.0 / x)
    # tan(a/2) = t / (1 + sqrt(1 + t*t)): two halvings make the series converge fast.
    t = x / (1.0 + sqrt(1.0 + x * x))
    t = t / (1.0 + sqrt(1.0 + t * t))
    t2 = t * t
    term = t
    total = 0.0
    for n in range(30):
        total += term / (2 * n + 1)
        term = -term * t2
    return 4.0 * total


def atan2(y: float, x: float) -> float:
    """Angle of the point (x, y), in (-pi, pi]."""
    if x > 0.0:
        return atan(y / x)
    if x < 0.0:
        return atan(y / x) + (PI if y >= 0.0 else -PI)
    if y > 0.0:
        return HALF_PI
    if y < 0.0:
        return -HALF_PI
    return 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two (degrees) positions."""
    deg = PI / 180.0
    dlat = (lat2 - lat1) * deg
    dlon = (lon2 - lon1) * deg
    s1 = sin(dlat / 2.0)
    s2 = sin(dlon / 2.0)
    a = s1 * s1 + cos(lat1 * deg) * cos(lat2 * deg) * s2 * s2
    return 2.0 * EARTH_RADIUS_KM * atan2(sqrt(a), sqrt(1.0 - a))


def ellipse_perimeter(a: float, b: float, tolerance: float = 1e-15) -> float:
    """Perimeter of an ellipse with semi-axes a and b, by the arithmetic-geometric mean."""
    if a < 0.0 or b < 0.0:
        raise ValueError("semi-axes must be non-negative")
    x = a
    y = b
    total = (a * a + b * b) / 2.0
    power = 0.5
    while abs(x - y) > tolerance * max(x, 1.0):
        c = (x - y) / 2.0
        x, y = (x + y) / 2.0, sqrt(x * y)
        power *= 2.0
        total -= power * c * c
    return 2.0 * PI * total / x


def parabola_arc_length(a: float, x0: float, x1: float, steps: int = 1000) -> float:
    """Arc length of y = a*x*x from x0 to x1 by Simpson's rule on sqrt(1 + (2ax)^2)."""
    if steps <= 0 or steps % 2 == 1:
        raise ValueError("steps must be a positive even number")
    h = (x1 - x0) / steps
    total = 0.0
    for i in range(steps + 1):
        x = x0 + i * h
        slope = 2.0 * a * x
        f = sqrt(1.0 + slope * slope)
        if i == 0 or i == steps:
            total += f
        elif i % 2 == 1:
            total += 4.0 * f
        else:
            total += 2.0 * f
    return total * h / 3.0


def monte_carlo_pi(samples: int, seed: int = 12345) -> float:
    """Estimate pi by sampling the unit square with a 31-bit LCG (reproducible)."""
    if samples <= 0:
        raise ValueError("samples must be positive")
    state = seed & 0x7FFFFFFF
    inside = 0
    for _ in range(samples):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        x = state / 2147483648.0
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        y = state / 2147483648.0
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / samples
