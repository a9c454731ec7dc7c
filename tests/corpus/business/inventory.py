"""Inventory and shopping-cart logic with dataclasses and enums."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Optional


class Category(Enum):
    FOOD = "food"
    TOOLS = "tools"
    BOOKS = "books"


class OutOfStock(Exception):
    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: requested {requested}, only {available} available")
        self.sku = sku


@dataclass
class Item:
    sku: str
    name: str
    price_cents: int
    category: Category
    quantity: int = 0

    def value(self) -> int:
        return self.price_cents * self.quantity


@dataclass
class Inventory:
    items: dict[str, Item] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        if item.sku in self.items:
            self.items[item.sku].quantity += item.quantity
        else:
            self.items[item.sku] = item

    def remove(self, sku: str, quantity: int) -> Item:
        item = self.items.get(sku)
        if item is None:
            raise KeyError(sku)
        if quantity > item.quantity:
            raise OutOfStock(sku, quantity, item.quantity)
        item.quantity -= quantity
        return item

    def total_value(self) -> int:
        return sum(item.value() for item in self.items.values())

    def low_stock(self, threshold: int = 5) -> list[str]:
        return sorted(sku for sku, item in self.items.items() if item.quantity < threshold)

    def by_category(self) -> dict[Category, list[str]]:
        result: dict[Category, list[str]] = {}
        for item in self.items.values():
            result.setdefault(item.category, []).append(item.name)
        return result

    def find(self, text: str) -> Optional[Item]:
        for item in self.items.values():
            if text.lower() in item.name.lower():
                return item
        return None


@dataclass
class CartLine:
    sku: str
    quantity: int
    unit_price: int


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    coupon: Optional[str] = None

    COUPONS = {"SAVE10": 10, "HALF": 50}

    def add(self, inventory: Inventory, sku: str, quantity: int = 1) -> None:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        item = inventory.remove(sku, quantity)
        for line in self.lines:
            if line.sku == sku:
                line.quantity += quantity
                return
        self.lines.append(CartLine(sku, quantity, item.price_cents))

    def subtotal(self) -> int:
        return sum(line.quantity * line.unit_price for line in self.lines)

    def apply_coupon(self, code: str) -> None:
        if code not in self.COUPONS:
            raise ValueError(f"unknown coupon {code!r}")
        self.coupon = code

    def total(self) -> int:
        sub = self.subtotal()
        if self.coupon:
            sub -= sub * self.COUPONS[self.coupon] // 100
        shipping = 0 if sub >= 5000 or not self.lines else 499
        return sub + shipping

    def receipt(self) -> str:
        rows = [f"{line.sku:<8} x{line.quantity:<3} {line.quantity * line.unit_price / 100:>8.2f}" for line in self.lines]
        rows.append(f"{'TOTAL':<13} {self.total() / 100:>8.2f}")
        return "\n".join(rows)
