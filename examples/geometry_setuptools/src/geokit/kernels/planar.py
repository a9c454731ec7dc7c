"""Planar predicates and lattice geometry on coordinates.

Integer coordinates keep the predicates exact (no rounding in orientation
tests); Portalis's checked i64 arithmetic falls back to CPython's big ints if
a product ever overflows, so the results stay exact for any input.
"""


def orientation(ax: int, ay: int, bx: int, by: int, cx: int, cy: int) -> int:
    """1 for a counter-clockwise turn a->b->c, -1 for clockwise, 0 if collinear."""
    cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    if cross > 0:
        return 1
    if cross < 0:
        return -1
    return 0


def twice_triangle_area(ax: int, ay: int, bx: int, by: int, cx: int, cy: int) -> int:
    """Twice the (unsigned) area of a lattice triangle: an exact integer."""
    return abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))


def _on_segment(ax: int, ay: int, bx: int, by: int, px: int, py: int) -> bool:
    return min(ax, bx) <= px <= max(ax, bx) and min(ay, by) <= py <= max(ay, by)


def segments_intersect(
    ax: int, ay: int, bx: int, by: int, cx: int, cy: int, dx: int, dy: int
) -> bool:
    """Whether segment ab meets segment cd (touching counts)."""
    o1 = orientation(ax, ay, bx, by, cx, cy)
    o2 = orientation(ax, ay, bx, by, dx, dy)
    o3 = orientation(cx, cy, dx, dy, ax, ay)
    o4 = orientation(cx, cy, dx, dy, bx, by)
    if o1 != o2 and o3 != o4:
        return True
    if o1 == 0 and _on_segment(ax, ay, bx, by, cx, cy):
        return True
    if o2 == 0 and _on_segment(ax, ay, bx, by, dx, dy):
        return True
    if o3 == 0 and _on_segment(cx, cy, dx, dy, ax, ay):
        return True
    return o4 == 0 and _on_segment(cx, cy, dx, dy, bx, by)


def gcd(a: int, b: int) -> int:
    a = abs(a)
    b = abs(b)
    while b:
        a, b = b, a % b
    return a


def lattice_points_on_segment(ax: int, ay: int, bx: int, by: int) -> int:
    """Lattice points on the closed segment ab (both ends included)."""
    return gcd(bx - ax, by - ay) + 1


def interior_lattice_points(twice_area: int, boundary: int) -> int:
    """Pick's theorem: interior points I = A - B/2 + 1, from 2A and B."""
    if twice_area < 0 or boundary < 3:
        raise ValueError("need 2A >= 0 and at least 3 boundary points")
    return (twice_area - boundary + 2) // 2


def lattice_points_in_circle(r: int) -> int:
    """Gauss's circle problem: lattice points (x, y) with x*x + y*y <= r*r."""
    if r < 0:
        raise ValueError("radius must be non-negative")
    count = 0
    y = r
    for x in range(0, r + 1):
        while x * x + y * y > r * r:
            y -= 1
        count += 2 * y + 1
    return 2 * count - (2 * r + 1)


def point_in_circle(px: float, py: float, cx: float, cy: float, radius: float) -> bool:
    dx = px - cx
    dy = py - cy
    return dx * dx + dy * dy <= radius * radius


def closest_grid_distance2(px: int, py: int, qx: int, qy: int, width: int, height: int) -> int:
    """Smallest squared distance between p and q on a torus of width x height (wrap-around)."""
    if width <= 0 or height <= 0:
        raise ValueError("grid must be non-empty")
    dx = abs(px - qx) % width
    dy = abs(py - qy) % height
    dx = min(dx, width - dx)
    dy = min(dy, height - dy)
    return dx * dx + dy * dy
