"""The bundled example, the demo (`./dev.sh demo`) and the call benchmark, run for real.

Each runs as a subprocess the way a user runs it, with the session's
PORTALIS_CACHE_DIR (tests/conftest.py). Nothing here asserts a timing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo.py"
EXAMPLE_DIR = ROOT / "examples" / "numeric"
BENCH = ROOT / "bench" / "bench_calls.py"

# Every function of numeric_kit.py that must run in WASM, and the one that
# deliberately stay Python (with the reason the demo must show).
EXPECTED_WASM = {
    "gcd",
    "lcm",
    "is_prime",
    "count_primes",
    "euler_phi",
    "modpow",
    "isqrt",
    "collatz_steps",
    "fib_iter",
    "binomial",
    "digit_sum",
    "harmonic",
    "integrate_cubic",
    "mandelbrot_escape",
    "newton_sqrt",
    "describe",
}
EXPECTED_PYTHON = {
    "clamp": "parameter `value` has no type annotation",
}


def run(
    *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [full_env.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def test_demo_reports_agreement_and_wasm_functions() -> None:
    proc = run(str(DEMO), "--quick")
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "1. Build" in out and "portalis.load(" in out

    rows = dict(re.findall(r"^  (\w+)\s+(WASM|Python)\b", out, re.MULTILINE))
    assert set(rows) == EXPECTED_WASM | set(EXPECTED_PYTHON), out
    in_python = {
        name: line for name, line in re.findall(r"^  (\w+)\s+Python\s+(.*)$", out, re.MULTILINE)
    }
    assert set(in_python) == set(EXPECTED_PYTHON), (
        "functions expected in WASM stay Python:\n"
        + "\n".join(f"  {n}: {why}" for n, why in in_python.items() if n not in EXPECTED_PYTHON)
    )
    for name, reason in EXPECTED_PYTHON.items():
        assert reason in in_python[name], in_python[name]
    assert f"Functions: {len(EXPECTED_WASM)} run in WASM, {len(EXPECTED_PYTHON)} stay Python" in out

    agree = re.search(r"^   (\d+)/(\d+) agree$", out, re.MULTILINE)
    assert agree is not None, out
    assert agree.group(1) == agree.group(2)
    assert int(agree.group(2)) >= 300 * len(EXPECTED_WASM)
    assert "MISMATCH" not in out and "DISAGREE" not in out
    assert "geometric mean speedup:" in out
    speed_rows = re.findall(r"^  (\w+)\s+\1\(.*?(\d+\.\d+)x", out, re.MULTILINE)
    assert {name for name, _ in speed_rows} == EXPECTED_WASM, out
    assert "RESULTS DIFFER" not in out
    assert "OK: every translated function agrees with CPython" in out


def test_example_tests_pass_plain_and_through_portalis() -> None:
    for mode in ("plain", "wasm"):
        proc = run(
            "-m",
            "pytest",
            str(EXAMPLE_DIR),
            "-q",
            "-p",
            "no:cacheprovider",
            env={"PORTALIS_EXAMPLE_MODE": mode},
        )
        assert proc.returncode == 0, f"mode={mode}\n{proc.stdout}\n{proc.stderr}"
        assert re.search(r"\d+ passed", proc.stdout), proc.stdout
        assert "failed" not in proc.stdout
    # Loaded through Portalis, the check that it really ran in WASM is not skipped.
    assert "skipped" not in proc.stdout, proc.stdout


def test_bench_calls_quick_prints_three_paths() -> None:
    proc = run(str(BENCH), "--quick")
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "wasmtime Func.__call__" in out
    number = r"(\d+\.\d+)"
    for signature in (
        "add(a: int, b: int) -> int",
        "hypot2(x: float, y: float) -> float",
        "both(p: bool, q: bool) -> bool",
    ):
        m = re.search(
            rf"^  {re.escape(signature)}\s+{number}\s+{number}\s+{number}\s", out, re.MULTILINE
        )
        assert m is not None, f"no µs/call figures for {signature}:\n{out}"
        assert all(float(x) > 0 for x in m.groups())
    load = re.search(r"^  bench_target\.py\s+3\s+(\d+\.\d) ms\s+(\d+\.\d) ms", out, re.MULTILINE)
    assert load is not None, out
