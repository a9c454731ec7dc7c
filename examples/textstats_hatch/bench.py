"""Time the installed (WASM) textstats kernels against the same source run by CPython.

    pip install ./examples/textstats_hatch && python examples/textstats_hatch/bench.py

The CPython side loads the very same .py file under another name, without the
import hook, so both sides run identical code. Ratios are best-of-5 in one run.
"""

from __future__ import annotations

import importlib.util
import timeit
from collections.abc import Callable
from types import ModuleType
from typing import Any

from textstats import readability, zipf


def plain(module: ModuleType) -> ModuleType:
    """The module's source executed by CPython alone (no Portalis)."""
    spec = importlib.util.spec_from_file_location(f"_plain_{module.__name__}", module.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy


def best(fn: Callable[..., Any], args: tuple[Any, ...]) -> float:
    number = max(1, int(0.05 / max(timeit.timeit(lambda: fn(*args), number=1), 1e-7)))
    return min(timeit.repeat(lambda: fn(*args), number=number, repeat=5)) / number


def main() -> None:
    print(f"zipf: {zipf.__portalis__.mode}, readability: {readability.__portalis__.mode}")
    cases = [
        (zipf, "harmonic", (100_000,)),
        (zipf, "expected_vocabulary", (100_000, 20_000)),
        (zipf, "zipf_entropy", (20_000,)),
        (zipf, "ln", (12345.678,)),
        (readability, "flesch_reading_ease", (1200, 80, 1750)),
    ]
    print(f"{'call':<52} {'CPython':>10} {'WASM':>10} {'speed-up':>9}")
    for module, name, args in cases:
        fast = getattr(module, name)
        slow = getattr(plain(module), name)
        assert fast(*args) == slow(*args)
        t_py, t_wasm = best(slow, args), best(fast, args)
        call = f"{module.__name__.split('.')[-1]}.{name}{args}"
        print(f"{call:<52} {t_py * 1e6:>8.1f}µs {t_wasm * 1e6:>8.1f}µs {t_py / t_wasm:>8.1f}x")


if __name__ == "__main__":
    main()
