# ruff: noqa: B904, B012  (the point of this corpus: chaining and finally semantics)
"""Conformance corpus for exceptions: classes, raise, try/except/else/finally, chaining.

Every function here must translate; tests/test_conformance_exceptions.py
runs each row of its CASES table in CPython and in WASM and compares the
exception (class, args, attributes, str, __context__/__cause__ chain), the
return value and the printed text.
"""


class StatsError(ValueError):
    """Raised for bad statistics input."""


class BankError(Exception):
    pass


class AccountClosed(BankError): ...


class Insufficient(BankError):
    def __init__(self, balance: int, amount: int) -> None:
        super().__init__(f"cannot withdraw {amount}: balance is {balance}")
        self.balance = balance
        self.amount = amount


class LineError(StatsError):
    """Two levels below ValueError, with its own constructor."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message!r}")
        self.line = line


class Empty(Exception):
    def __init__(self) -> None:
        super().__init__()


class CycleError(StatsError):
    def __init__(self, nodes: list[str], sizes: list[int]) -> None:
        super().__init__("cycle detected among: " + ", ".join(nodes) + f" {sizes}")
        self.nodes = nodes


# -- raising the module's classes ------------------------------------------------
def mean(xs: list[float], n: int) -> float:
    if n == 0:
        raise StatsError("mean requires at least one data point")
    total = 0.0
    for x in xs:
        total += x
    return total / n


def withdraw(balance: int, amount: int, closed: bool) -> int:
    if closed:
        raise AccountClosed
    if amount > balance:
        raise Insufficient(balance, amount)
    if amount < 0:
        raise BankError()
    return balance - amount


def parse_line(line: int, text: str) -> int:
    if not text.isdigit():
        raise LineError(line, text)
    if text == "0":
        raise Empty()
    return int(text)


# -- catching: by class, by base, by tuple, with `as` --------------------------------
def catch_by_base(balance: int, amount: int, closed: bool) -> str:
    try:
        return str(withdraw(balance, amount, closed))
    except Insufficient:
        return "insufficient"
    except BankError:
        return "bank error"


def catch_builtin_base(line: int, text: str) -> int:
    try:
        return parse_line(line, text)
    except ValueError:
        return -1
    except Exception:
        return -2


def catch_tuple(n: int) -> str:
    try:
        if n == 0:
            raise StatsError(f"n is {n}")
        if n == 1:
            raise AccountClosed("closed")
        return str(100 // (n - 2))
    except (StatsError, ZeroDivisionError) as e:
        return f"caught: {e}"
    except BankError as e:
        return "bank: " + str(e)


def show_builtin(xs: list[int], i: int) -> str:
    try:
        return str(xs[i])
    except IndexError as e:
        return f"{e}"


def show_key(k: str) -> str:
    d = {"a": 1}
    try:
        return str(d[k])
    except KeyError as e:
        return "missing " + str(e)


def show_int_key(k: int) -> str:
    d = {1: 2}
    try:
        return str(d[k])
    except LookupError as err:
        return f"missing {err!s}"


# -- re-raising -----------------------------------------------------------------------
def reraise_bare(n: int) -> int:
    try:
        return 10 // n
    except ZeroDivisionError:
        print("cleaning up")
        raise


def reraise_named(balance: int, amount: int) -> int:
    try:
        return withdraw(balance, amount, False)
    except BankError as e:
        print(f"failed: {e}")
        raise e


def raise_in_handler(n: int) -> int:
    try:
        return 10 // n
    except ZeroDivisionError:
        raise StatsError("n must not be zero")


def error_in_handler(xs: list[int], i: int) -> int:
    try:
        return xs[i]
    except IndexError:
        return xs[i + 100]


def raise_from_none(k: str) -> int:
    d = {"m": 1, "km": 1000}
    try:
        return d[k]
    except KeyError:
        raise ValueError(f"unknown unit: {k}") from None


def raise_from_handled(n: int) -> int:
    try:
        return 100 // n
    except ZeroDivisionError as exc:
        raise StatsError("bad n") from exc


def nested_handlers(n: int) -> int:
    try:
        try:
            return 10 // n
        except ZeroDivisionError:
            raise KeyError("inner")
    except KeyError:
        raise StatsError("outer")


def handler_calls_raiser(n: int) -> int:
    try:
        return 10 // n
    except ZeroDivisionError:
        return withdraw(0, 5, False)


def catch_then_raise_elsewhere(n: int) -> int:
    # The handler catches a chained exception raised in another function.
    try:
        return raise_in_handler(n)
    except StatsError as e:
        raise BankError(str(e))


# -- else and finally -------------------------------------------------------------------
def with_else(n: int) -> str:
    try:
        q = 10 // n
    except ZeroDivisionError:
        return "div"
    else:
        if q > 5:
            raise StatsError("q too big")  # not caught by the handler above
        return f"q={q}"


def finally_order(n: int) -> int:
    print("start")
    try:
        print("body")
        if n < 0:
            raise ValueError("negative")
        return n * 2
    except ValueError:
        print("handler")
        return -1
    finally:
        print("finally")


def finally_passthrough(n: int) -> int:
    try:
        return 10 // n
    finally:
        print("cleanup", n)


def finally_overrides(n: int) -> int:
    try:
        if n == 0:
            raise ValueError("zero")
        return n
    finally:
        if n < 10:
            return -n


def finally_raises(n: int) -> int:
    try:
        return 10 // n
    finally:
        if n == 0 or n == 5:
            raise StatsError("in finally")


def loop_with_finally(n: int) -> int:
    total = 0
    for i in range(n):
        try:
            if i % 3 == 0:
                continue
            if i > 7:
                break
            total += i
        finally:
            print("iteration", i)
            total += 100
    return total


def finally_after_handler_error(n: int) -> int:
    try:
        return 10 // n
    except ZeroDivisionError:
        raise StatsError("from handler")
    finally:
        print("finally runs")


def swallow_in_finally(n: int) -> int:
    for i in range(3):
        try:
            if n == i:
                raise StatsError("swallowed")
        finally:
            break
    return n


def nested_finally(n: int) -> str:
    out = ""
    try:
        try:
            out += "a"
            if n == 1:
                raise ValueError("one")
            out += "b"
        finally:
            out += "c"
            if n == 2:
                raise KeyError("two")
    except ValueError as e:
        out += "V" + str(e)
    except KeyError as e:
        out += "K" + str(e)
    finally:
        out += "d"
    return out


def bare_except(xs: list[int]) -> int:
    try:
        return xs[5]
    except:  # noqa: E722
        return 0


def finally_only_chain(n: int) -> int:
    # The in-flight exception (raised while another is handled) becomes the
    # context of the one `finally` raises.
    try:
        try:
            return 10 // n
        except ZeroDivisionError:
            try:
                return [1][n + 5]
            finally:
                if n == 0:
                    raise StatsError("from finally")
    except IndexError:
        return -1


def raise_computed_init(balance: int) -> None:
    raise Insufficient(balance * 2, balance + 1)


def computed_init_args(balance: int) -> str:
    # The message of an Insufficient built from computed arguments: each
    # argument is evaluated once, the message is formatted from the values.
    try:
        raise_computed_init(balance)
        return "none"
    except Insufficient as e:
        return "no: " + str(e)


def catch_and_continue(xs: list[int]) -> int:
    total = 0
    for x in xs:
        try:
            total += 100 // x
        except ZeroDivisionError:
            continue
        finally:
            total += 1
    return total


def unknown_unit(unit: str) -> float:
    lengths = {"m": 1.0, "km": 1000.0, "it's": 0.5}
    try:
        return lengths[unit] * 2.0
    except KeyError as exc:
        raise ValueError(f"unknown unit: {exc.args[0]!r} ({exc.args[0]})") from None


def first_arg(n: int) -> str:
    try:
        if n == 0:
            raise StatsError("zero")
        if n == 1:
            raise Empty()
        if n == 2:
            return {3: "x"}[n]
        return str(10 // (n - 3))
    except (StatsError, Empty, KeyError, ZeroDivisionError) as e:
        return "arg: " + str(e.args[0]) + repr(e.args[0])


def classify(balance: int, amount: int, closed: bool) -> str:
    try:
        return str(withdraw(balance, amount, closed))
    except Exception as e:
        kinds = ""
        if isinstance(e, BankError):
            kinds += "bank "
        if isinstance(e, (Insufficient, ValueError)):
            kinds += "insufficient-or-value "
        if isinstance(e, AccountClosed):
            kinds += "closed "
        if isinstance(e, LookupError):
            kinds += "lookup "
        return kinds + str(isinstance(e, Exception))


# -- control flow through every block ------------------------------------------------
def flow_mix(n: int) -> str:
    out = ""
    i = 0
    while i < n:
        i += 1
        try:
            if i % 4 == 0:
                raise KeyError(i)
            if i % 5 == 0:
                break
        except KeyError as e:
            out += f"K{e}"
            if i > 6:
                return out + "!"
            continue
        else:
            if i == 3:
                continue
            out += str(i)
        finally:
            out += "."
    return out


def finally_in_finally(n: int) -> int:
    try:
        try:
            return n
        finally:
            if n == 1:
                return 10
    finally:
        if n == 2:
            return 20


def double_fault(n: int) -> int:
    # The finally's exception: context = the handler's, whose context = the original.
    try:
        return 10 // n
    except ZeroDivisionError:
        raise StatsError("handler")
    finally:
        if n == 0:
            raise BankError("finally")


def try_in_finally(n: int) -> str:
    out = ""
    try:
        out += "a"
        if n == 0:
            raise ValueError("a")
    finally:
        try:
            out += "b"
            if n <= 1:
                raise KeyError("b")
        except KeyError:
            out += "c"
    return out


def recursive_guard(n: int) -> int:
    try:
        if n < 0:
            raise StatsError(f"negative: {n}")
        if n == 0:
            return 1
        return n * recursive_guard(n - 1)
    except StatsError:
        if n < -3:
            raise
        return 0


def int_key_error(k: int, flag: bool) -> None:
    if k > 10:
        raise KeyError(flag)
    raise KeyError(k)


def checked_sqrt(x: int) -> int:
    assert x >= 0, f"x must be non-negative, got {x}"
    r = 0
    while (r + 1) * (r + 1) <= x:
        r += 1
    assert r * r <= x, "never"
    return r


def show_repr(n: int) -> str:
    try:
        if n == 0:
            raise StatsError(f"bad {n!r}")
        if n == 1:
            raise AccountClosed()
        if n == 2:
            raise Insufficient(n, 7)
        if n == 3:
            return str({5: 1}[n])
        if n == 4:
            raise Empty()
        return str([1][n])
    except Exception as e:
        return repr(e) + " | " + f"{e!r}"


def attributes(balance: int, amount: int, line: int, text: str) -> str:
    out = ""
    try:
        withdraw(balance, amount, False)
    except Insufficient as e:
        out += f"short by {e.amount - e.balance}; "
    try:
        parse_line(line, text)
    except LineError as e:
        out += f"line {e.line + 1}"
    return out


def find_cycle(names: list[str], k: int) -> list[str]:
    if k > len(names):
        raise CycleError(sorted(n.upper() for n in names), [len(n) for n in names])
    if k < 0:
        raise CycleError(["none"], list(range(3)))
    try:
        if k == 1:
            raise CycleError(names[:1], [0])
    except StatsError as e:
        return [str(e)]
    return names[:k]


# -- methods raising and catching (classes and exceptions together) -------------------
class Wallet:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    def take(self, amount: int) -> int:
        if amount > self.balance:
            raise Insufficient(self.balance, amount)
        self.balance -= amount
        return self.balance

    def try_take(self, amount: int) -> str:
        try:
            return str(self.take(amount))
        except BankError as e:
            print(f"refused: {e}")
            return "refused"
        finally:
            print("balance", self.balance)


def spend(balance: int, amounts: list[int]) -> str:
    w = Wallet(balance)
    out = ""
    for a in amounts:
        out += w.try_take(a) + ";"
    w.take(amounts[0] * 1000)
    return out
