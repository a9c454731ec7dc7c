"""Personal-finance formulas."""

from __future__ import annotations

import math


def compound_interest(principal: float, annual_rate: float, years: int, periods_per_year: int = 12) -> float:
    if periods_per_year <= 0:
        raise ValueError("periods_per_year must be positive")
    rate = annual_rate / periods_per_year
    return principal * (1 + rate) ** (periods_per_year * years)


def loan_payment(principal: float, annual_rate: float, months: int) -> float:
    if months <= 0:
        raise ValueError("loan term must be at least one month")
    r = annual_rate / 12
    if r == 0:
        return principal / months
    return principal * r / (1 - (1 + r) ** -months)


def amortization(principal: float, annual_rate: float, months: int) -> list[tuple[int, float, float, float]]:
    """(month, interest, principal paid, remaining balance), rounded to cents."""
    payment = loan_payment(principal, annual_rate, months)
    balance = principal
    rows = []
    for month in range(1, months + 1):
        interest = balance * annual_rate / 12
        paid = payment - interest
        balance -= paid
        rows.append((month, round(interest, 2), round(paid, 2), round(max(balance, 0.0), 2)))
    return rows


def npv(rate: float, cashflows: list[float]) -> float:
    return sum(cf / (1 + rate) ** t for t, cf in enumerate(cashflows))


def irr(cashflows: list[float], lo: float = -0.99, hi: float = 10.0, tol: float = 1e-10) -> float:
    f_lo = npv(lo, cashflows)
    if f_lo * npv(hi, cashflows) > 0:
        raise ValueError("IRR not bracketed")
    for _ in range(200):
        mid = (lo + hi) / 2
        f_mid = npv(mid, cashflows)
        if abs(f_mid) < tol:
            return mid
        if f_lo * f_mid < 0:
            hi = mid
        else:
            lo, f_lo = mid, f_mid
    return (lo + hi) / 2


def years_to_double(annual_rate: float) -> float:
    if annual_rate <= 0:
        return math.inf
    return math.log(2) / math.log(1 + annual_rate)


def rule_of_72(annual_rate_percent: float) -> float:
    return 72 / annual_rate_percent


def format_money(cents: int, symbol: str = "$") -> str:
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}{symbol}{dollars:,}.{rest:02d}"


def split_bill(total_cents: int, people: int) -> list[int]:
    if people <= 0:
        raise ValueError("need at least one person")
    base, extra = divmod(total_cents, people)
    return [base + 1 if i < extra else base for i in range(people)]


def income_tax(income: float, brackets: list[tuple[float, float]]) -> float:
    """brackets: (upper bound, rate), ascending; the last bound may be inf."""
    tax = 0.0
    lower = 0.0
    for upper, rate in brackets:
        if income <= lower:
            break
        tax += (min(income, upper) - lower) * rate
        lower = upper
    return round(tax, 2)
