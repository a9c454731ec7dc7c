"""`bench/run.py --quick` (what `nox -s bench -- --quick` runs), for real, end to end.

Checks that every section the issue asks for is in the JSON, that every
kernel's result agrees across CPython, WASM, mypyc and native Rust, that the
untranslatable kernel says why, and that the summary and chart are written.
Nothing here asserts a timing: only that the numbers exist and are positive.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNELS = sorted(p.stem for p in (ROOT / "bench" / "kernels").glob("*.py"))


@pytest.mark.slow
def test_bench_quick_writes_every_section(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    # mypyc builds and native baselines go to this test's own directory.
    env["PORTALIS_BENCH_CACHE"] = str(tmp_path / "bench-cache")
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    assert report["quick"] is True and report["failed"] == []
    assert {"python", "cpus", "wasmtime", "rustc"} <= set(report["machine"])
    bench = report["benchmarks"]

    kernels = bench["bench_kernels"]
    rows = {r["kernel"]: r for r in kernels["rows"]}
    assert sorted(rows) == KERNELS
    mypyc_ok = importlib.util.find_spec("mypy") is not None
    for name, r in rows.items():
        assert r["agree"], f"{name}: {r['results']}"
        assert r["python_s"] > 0
        if r["wasm_s"] is None:
            assert r["not_translated"], name  # the reason, never a silent gap
        else:
            assert r["wasm_speedup"] > 0 and r["results"]["wasm"] == r["results"]["python"]
        if mypyc_ok:
            assert r["mypyc_s"] > 0, r.get("mypyc_error")
            assert r["results"]["mypyc"] == r["results"]["python"]
    for name in ("nbody", "mandelbrot"):  # the hand-written Rust baselines
        assert rows[name]["native_s"] > 0
        assert rows[name]["results"]["native_rust"] == rows[name]["results"]["python"]
    s = kernels["summary"]
    assert s["all_agree"] and s["translated"] >= 12 and s["geomean_wasm_speedup"] > 0

    boundary = bench["bench_boundary"]["rows"]
    cases = {(r["case"], r["direction"]) for r in boundary}
    for case in (
        "int, float scalars",
        "str, 100 chars",
        "list[int] x 10",
        "list[int] x 1,000",
        "list[int] x 100,000",
        "list[float] x 100,000",
        "dict[str, int] x 1,000",
        "dataclass Point(x, y)",
    ):
        assert {(case, "in"), (case, "out")} & cases, case
    for r in boundary:
        if r["supported"]:
            assert r["agree"] and r["wasm_us"] > 0, r
        else:
            assert r["reason"], r
    assert all(r["supported"] for r in boundary if r["case"].startswith(("list", "str", "int")))

    assert bench["bench_calls"]["calls"]
    pipe = bench["bench_pipeline"]
    assert pipe["translation"]["lines"] > 1000 and pipe["translation"]["lines_per_s"] > 0
    assert pipe["builds"]["cold"] and all(c["seconds"] > 0 for c in pipe["builds"]["cold"])
    assert all(w["cache_hit"] for w in pipe["builds"]["warm"])
    assert pipe["wheels"]
    assert pipe["memory"] and all(m["agree"] and m["wasm_mib"] > 0 for m in pipe["memory"])

    targets = {t["target"] for t in report["targets"]}
    assert any("geometric-mean" in t for t in targets) and any("mypyc" in t for t in targets)
    md = (out / "latest.md").read_text(encoding="utf-8")
    assert "| **geometric mean** |" in md and "| target (issue 8) |" in md
    if importlib.util.find_spec("matplotlib") is not None:
        assert (out / "latest.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
