import bank_account as bank
import pytest


def test_deposit_withdraw() -> None:
    acct = bank.Account("ada", 1000)
    assert acct.deposit(500) == 1500
    assert acct.withdraw(200) == 1300
    assert acct.balance == 1300
    assert [t.kind for t in acct.history] == ["deposit", "withdraw"]
    assert acct.history[-1] == bank.Transaction("withdraw", 200, 1300)
    assert repr(acct) == "Account('ada', balance=1300)"


def test_errors() -> None:
    acct = bank.Account("bob", 100)
    with pytest.raises(bank.InsufficientFunds, match="cannot withdraw 500: balance is 100") as info:
        acct.withdraw(500)
    assert info.value.amount == 500
    assert isinstance(info.value, bank.BankError)
    with pytest.raises(ValueError, match="deposit must be positive"):
        acct.deposit(0)
    with pytest.raises(ValueError):
        acct.withdraw(-5)
    with pytest.raises(ValueError, match="opening balance"):
        bank.Account("x", -1)
    with pytest.raises(AttributeError):
        acct.balance = 5  # type: ignore[misc]


def test_close() -> None:
    acct = bank.Account("cy", 250)
    assert acct.close() == 250
    assert not acct.is_open
    with pytest.raises(bank.AccountClosed, match="account of cy is closed"):
        acct.deposit(10)


def test_savings() -> None:
    s = bank.SavingsAccount("dee", 10_000)
    assert s.apply_interest() == 200
    assert s.balance == 10_200
    for _ in range(3):
        s.withdraw(100)
    with pytest.raises(bank.BankError, match="withdrawal limit reached"):
        s.withdraw(100)
    assert repr(s) == "SavingsAccount('dee', balance=9900)"
    assert bank.Account("e", 100).apply_interest() == 0


def test_interest_rounding() -> None:
    s = bank.SavingsAccount("f", 125)
    assert s.apply_interest() == 2
    s2 = bank.SavingsAccount("g", 75)
    assert s2.apply_interest() == 2
    s3 = bank.SavingsAccount("h", 25)
    assert s3.apply_interest() == 0


def test_statement() -> None:
    acct = bank.Account("ada", 0)
    acct.deposit(12345)
    acct.withdraw(45)
    assert acct.statement() == (
        "Statement for ada\n"
        "deposit       123.45      123.45\n"
        "withdraw        0.45      123.00\n"
        "balance                   123.00"
    )


def test_transfer() -> None:
    a = bank.Account("a", 1000)
    b = bank.Account("b", 0)
    bank.transfer(a, b, 300)
    assert (a.balance, b.balance) == (700, 300)
    with pytest.raises(bank.InsufficientFunds):
        bank.transfer(a, b, 5000)
    assert (a.balance, b.balance) == (700, 300)
    b.close()
    with pytest.raises(bank.AccountClosed):
        bank.transfer(a, b, 10)
    assert a.balance == 700
    assert bank.total_assets([a, b]) == 700
    assert a.number != b.number
