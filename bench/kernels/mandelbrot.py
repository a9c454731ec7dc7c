"""Mandelbrot: escape-time iteration over a size x size grid; returns the points inside."""

from __future__ import annotations


def run(size: int) -> int:
    inside = 0
    for py in range(size):
        ci = 2.0 * py / size - 1.0
        for px in range(size):
            cr = 2.0 * px / size - 1.5
            zr = 0.0
            zi = 0.0
            escaped = False
            for _ in range(50):
                tr = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = tr
                if zr * zr + zi * zi > 4.0:
                    escaped = True
                    break
            if not escaped:
                inside += 1
    return inside
