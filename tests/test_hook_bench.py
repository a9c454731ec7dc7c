"""bench/bench_hook.py runs and reports each figure (a smoke test: no timing is asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from test_hook_support import child_env

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_hook.py"


def test_bench_hook_quick_reports_every_figure(tmp_path: Path) -> None:
    out_json = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(out_json)],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for config in ("no marks", "3 names", "names + 2 globs", "globs + wheel + project scan"):
        assert re.search(rf"^  {re.escape(config)}\s+\d+ ns", out, re.MULTILINE), out
    assert re.search(r"extra, all told\s+-?\d+\.\d+ µs per import", out), out
    for case in ("project [tool.portalis]", "wheel manifest"):
        row = rf"^  {re.escape(case)}\s+(\d+\.\d) ms.*\s(cache|wheel)$"
        assert re.search(row, out, re.MULTILINE) is not None, out
    data = json.loads(out_json.read_text())
    assert [r["source"] for r in data["marked"]] == ["cache", "wheel"]
    assert all(r["all_cache_hits"] for r in data["marked"])
