import pytest
import units


def test_temperatures() -> None:
    assert units.celsius_to_fahrenheit(100.0) == 212.0
    assert units.celsius_to_fahrenheit(-40.0) == -40.0
    assert units.fahrenheit_to_celsius(212.0) == 100.0
    assert units.celsius_to_kelvin(0.0) == 273.15
    with pytest.raises(ValueError, match="-300.0 is below absolute zero"):
        units.celsius_to_fahrenheit(-300.0)
    with pytest.raises(ValueError, match="-500.0 is below absolute zero"):
        units.fahrenheit_to_celsius(-500.0)
    with pytest.raises(ValueError):
        units.celsius_to_kelvin(-273.16)


def test_lengths() -> None:
    assert units.convert_length(1.0, "mi", "km") == 1.609344
    assert units.convert_length(12.0, "in", "ft") == pytest.approx(1.0)
    assert units.convert_length(5.0, "m", "m") == 5.0
    with pytest.raises(ValueError, match="unknown unit: yd"):
        units.convert_length(1.0, "yd", "m")


def test_bmi() -> None:
    assert units.bmi(70.0, 1.75) == 22.9
    assert units.bmi_category(22.9) == "normal"
    assert units.bmi_category(17.0) == "underweight"
    assert units.bmi_category(27.5) == "overweight"
    assert units.bmi_category(30.0) == "obese"
    with pytest.raises(ValueError):
        units.bmi(70.0, 0.0)


def test_physics() -> None:
    assert units.kinetic_energy(2.0, 3.0) == 9.0
    assert units.free_fall_time(0.0) == 0.0
    assert units.free_fall_time(19.62) == 2.0
    with pytest.raises(ValueError):
        units.free_fall_time(-1.0)


def test_pace() -> None:
    assert units.pace_per_km(10.0, 50) == "5:00 /km"
    assert units.pace_per_km(42.195, 180, 30) == "4:17 /km"
    with pytest.raises(ValueError):
        units.pace_per_km(0.0, 10)


def test_helpers() -> None:
    assert units.clamp(5.0, 0.0, 1.0) == 1.0
    assert units.clamp(-5.0, 0.0, 1.0) == 0.0
    assert units.clamp(0.5, 0.0, 1.0) == 0.5
    with pytest.raises(ValueError):
        units.clamp(0.0, 1.0, 0.0)
    assert units.lerp(0.0, 10.0, 0.25) == 2.5
    assert units.percent_change(50.0, 75.0) == 50.0
    assert units.percent_change(-50.0, -25.0) == 50.0
    with pytest.raises(ZeroDivisionError, match="from zero"):
        units.percent_change(0.0, 1.0)
    assert units.round_half_up(2.5) == 3.0
    assert units.round_half_up(-2.5) == -3.0
    assert units.round_half_up(1.005, 2) == 1.0
    assert units.round_half_up(3.14159, 3) == 3.142
