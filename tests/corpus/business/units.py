"""Unit conversions and simple health/physics formulas."""

from __future__ import annotations

ABSOLUTE_ZERO_C = -273.15

LENGTH_IN_METRES = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048, "mi": 1609.344}


def celsius_to_fahrenheit(c: float) -> float:
    if c < ABSOLUTE_ZERO_C:
        raise ValueError(f"{c} is below absolute zero")
    return c * 9 / 5 + 32


def fahrenheit_to_celsius(f: float) -> float:
    c = (f - 32) * 5 / 9
    if c < ABSOLUTE_ZERO_C:
        raise ValueError(f"{f} is below absolute zero")
    return c


def celsius_to_kelvin(c: float) -> float:
    if c < ABSOLUTE_ZERO_C:
        raise ValueError("below absolute zero")
    return c - ABSOLUTE_ZERO_C


def convert_length(value: float, from_unit: str, to_unit: str) -> float:
    try:
        return value * LENGTH_IN_METRES[from_unit] / LENGTH_IN_METRES[to_unit]
    except KeyError as exc:
        raise ValueError(f"unknown unit: {exc.args[0]}") from None


def bmi(weight_kg: float, height_m: float) -> float:
    if height_m <= 0:
        raise ValueError("height must be positive")
    return round(weight_kg / height_m**2, 1)


def bmi_category(value: float) -> str:
    if value < 18.5:
        return "underweight"
    elif value < 25:
        return "normal"
    elif value < 30:
        return "overweight"
    return "obese"


def kinetic_energy(mass: float, velocity: float) -> float:
    return 0.5 * mass * velocity**2


def free_fall_time(height: float, g: float = 9.81) -> float:
    if height < 0:
        raise ValueError("height must be non-negative")
    return (2 * height / g) ** 0.5


def pace_per_km(distance_km: float, minutes: int, seconds: int = 0) -> str:
    if distance_km <= 0:
        raise ValueError("distance must be positive")
    total = minutes * 60 + seconds
    per_km = round(total / distance_km)
    return f"{per_km // 60}:{per_km % 60:02d} /km"


def clamp(value: float, lo: float, hi: float) -> float:
    if lo > hi:
        raise ValueError("lo must not exceed hi")
    return max(lo, min(value, hi))


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def percent_change(old: float, new: float) -> float:
    if old == 0:
        raise ZeroDivisionError("percent change from zero")
    return (new - old) / abs(old) * 100


def round_half_up(x: float, digits: int = 0) -> float:
    factor = 10**digits
    return int(x * factor + (0.5 if x >= 0 else -0.5)) / factor
