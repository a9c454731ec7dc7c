"""Bank accounts with an exception hierarchy and a transaction log."""

from __future__ import annotations

from dataclasses import dataclass


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, balance: int, amount: int) -> None:
        super().__init__(f"cannot withdraw {amount}: balance is {balance}")
        self.balance = balance
        self.amount = amount


class AccountClosed(BankError):
    pass


@dataclass
class Transaction:
    kind: str
    amount: int
    balance_after: int


class Account:
    """Amounts are integer cents."""

    interest_rate = 0.0
    _next_number = 1000

    def __init__(self, owner: str, opening_balance: int = 0) -> None:
        if opening_balance < 0:
            raise ValueError("opening balance must be non-negative")
        self.owner = owner
        self._balance = opening_balance
        self.is_open = True
        self.history: list[Transaction] = []
        Account._next_number += 1
        self.number = Account._next_number

    @property
    def balance(self) -> int:
        return self._balance

    def _check_open(self) -> None:
        if not self.is_open:
            raise AccountClosed(f"account of {self.owner} is closed")

    def deposit(self, amount: int) -> int:
        self._check_open()
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(Transaction("deposit", amount, self._balance))
        return self._balance

    def withdraw(self, amount: int) -> int:
        self._check_open()
        if amount <= 0:
            raise ValueError("withdrawal must be positive")
        if amount > self._balance:
            raise InsufficientFunds(self._balance, amount)
        self._balance -= amount
        self.history.append(Transaction("withdraw", amount, self._balance))
        return self._balance

    def close(self) -> int:
        self._check_open()
        payout = self._balance
        self._balance = 0
        self.is_open = False
        return payout

    def apply_interest(self) -> int:
        interest = round(self._balance * self.interest_rate)
        if interest:
            self._balance += interest
            self.history.append(Transaction("interest", interest, self._balance))
        return interest

    def statement(self) -> str:
        lines = [f"Statement for {self.owner}"]
        for t in self.history:
            lines.append(f"{t.kind:<10}{t.amount / 100:>10.2f}{t.balance_after / 100:>12.2f}")
        lines.append(f"{'balance':<10}{'':>10}{self._balance / 100:>12.2f}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.owner!r}, balance={self._balance})"


class SavingsAccount(Account):
    interest_rate = 0.02
    max_withdrawals = 3

    def __init__(self, owner: str, opening_balance: int = 0) -> None:
        super().__init__(owner, opening_balance)
        self.withdrawals = 0

    def withdraw(self, amount: int) -> int:
        if self.withdrawals >= self.max_withdrawals:
            raise BankError("withdrawal limit reached")
        result = super().withdraw(amount)
        self.withdrawals += 1
        return result


def transfer(source: Account, target: Account, amount: int) -> None:
    target._check_open()
    source.withdraw(amount)
    try:
        target.deposit(amount)
    except BankError:
        source.deposit(amount)
        raise


def total_assets(accounts: list[Account]) -> int:
    return sum(a.balance for a in accounts if a.is_open)
