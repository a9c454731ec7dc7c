import math

import finance as fin
import pytest


def test_compound_interest() -> None:
    assert fin.compound_interest(1000.0, 0.05, 10, 1) == pytest.approx(1628.894626777442)
    assert fin.compound_interest(1000.0, 0.0, 10) == 1000.0
    with pytest.raises(ValueError):
        fin.compound_interest(1.0, 0.1, 1, 0)


def test_loan_payment() -> None:
    assert round(fin.loan_payment(200_000.0, 0.06, 360), 2) == 1199.10
    assert fin.loan_payment(1200.0, 0.0, 12) == 100.0
    with pytest.raises(ValueError, match="at least one month"):
        fin.loan_payment(1.0, 0.05, 0)


def test_amortization() -> None:
    rows = fin.amortization(1000.0, 0.12, 3)
    assert len(rows) == 3
    assert rows[0][0] == 1
    assert rows[0][1] == 10.0
    assert rows[-1][3] == 0.0
    assert round(sum(r[2] for r in rows), 2) == 1000.0


def test_npv_irr() -> None:
    flows = [-1000.0, 300.0, 400.0, 500.0]
    assert fin.npv(0.0, flows) == 200.0
    assert fin.npv(0.1, flows) == pytest.approx(-21.036814425931)
    rate = fin.irr(flows)
    assert fin.npv(rate, flows) == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ValueError, match="not bracketed"):
        fin.irr([100.0, 100.0])


def test_doubling() -> None:
    assert fin.years_to_double(0.07) == pytest.approx(10.244768351058712)
    assert fin.years_to_double(0.0) == math.inf
    assert fin.rule_of_72(8.0) == 9.0
    with pytest.raises(ZeroDivisionError):
        fin.rule_of_72(0.0)


def test_format_money() -> None:
    assert fin.format_money(123456789) == "$1,234,567.89"
    assert fin.format_money(-5) == "-$0.05"
    assert fin.format_money(100, "€") == "€1.00"


def test_split_bill() -> None:
    assert fin.split_bill(1000, 3) == [334, 333, 333]
    assert fin.split_bill(0, 2) == [0, 0]
    with pytest.raises(ValueError):
        fin.split_bill(100, 0)


def test_income_tax() -> None:
    brackets = [(10_000.0, 0.0), (40_000.0, 0.2), (math.inf, 0.4)]
    assert fin.income_tax(5_000.0, brackets) == 0.0
    assert fin.income_tax(30_000.0, brackets) == 4000.0
    assert fin.income_tax(50_000.0, brackets) == 10000.0
