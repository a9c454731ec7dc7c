import inventory as inv
import pytest


def stocked() -> "inv.Inventory":
    stock = inv.Inventory()
    stock.add(inv.Item("A1", "Apple", 50, inv.Category.FOOD, 100))
    stock.add(inv.Item("H1", "Hammer", 1599, inv.Category.TOOLS, 3))
    stock.add(inv.Item("B1", "Python Book", 3999, inv.Category.BOOKS, 10))
    return stock


def test_inventory_basics() -> None:
    stock = stocked()
    assert stock.total_value() == 50 * 100 + 1599 * 3 + 3999 * 10
    stock.add(inv.Item("H1", "Hammer", 1599, inv.Category.TOOLS, 2))
    assert stock.items["H1"].quantity == 5
    assert stock.low_stock() == []
    assert stock.low_stock(6) == ["H1"]
    assert stock.by_category() == {inv.Category.FOOD: ["Apple"], inv.Category.TOOLS: ["Hammer"], inv.Category.BOOKS: ["Python Book"]}
    assert stock.find("book").sku == "B1"
    assert stock.find("saw") is None


def test_remove() -> None:
    stock = stocked()
    assert stock.remove("A1", 10).quantity == 90
    with pytest.raises(inv.OutOfStock, match="H1: requested 4, only 3 available"):
        stock.remove("H1", 4)
    with pytest.raises(KeyError, match="'ZZ'"):
        stock.remove("ZZ", 1)


def test_cart() -> None:
    stock = stocked()
    cart = inv.Cart()
    assert cart.total() == 0
    cart.add(stock, "A1", 4)
    cart.add(stock, "A1")
    assert cart.lines == [inv.CartLine("A1", 5, 50)]
    assert cart.subtotal() == 250
    assert cart.total() == 749
    cart.add(stock, "B1", 2)
    assert cart.total() == 8248
    cart.apply_coupon("SAVE10")
    assert cart.total() == 7424
    assert cart.receipt().splitlines()[-1] == "TOTAL            74.24"
    with pytest.raises(ValueError, match="unknown coupon 'FREE'"):
        cart.apply_coupon("FREE")
    with pytest.raises(ValueError, match="positive"):
        cart.add(stock, "A1", 0)
    with pytest.raises(inv.OutOfStock):
        cart.add(stock, "H1", 10)
    assert stock.items["A1"].quantity == 95


def test_enum_and_dataclass_behaviour() -> None:
    assert inv.Category("food") is inv.Category.FOOD
    with pytest.raises(ValueError):
        inv.Category("toys")
    item = inv.Item("X", "Thing", 100, inv.Category.TOOLS)
    assert item.quantity == 0
    assert repr(item) == "Item(sku='X', name='Thing', price_cents=100, category=<Category.TOOLS: 'tools'>, quantity=0)"
    assert inv.Inventory() == inv.Inventory()
