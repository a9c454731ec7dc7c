"""Run every benchmark in bench/ (bench_*.py) and write bench/results/latest.json.

    python bench/run.py [--quick] [NAME ...]

Each benchmark runs in its own interpreter, prints its report as it goes, and
writes its numbers with `--json FILE`; this script collects them together with
a description of the machine. Numbers are only comparable within one run on
one machine; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "latest.json"


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        info["wasmtime"] = version("wasmtime")
    except Exception:
        info["wasmtime"] = None
    try:
        info["git_commit"] = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["git_commit"] = None
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="pass --quick to every benchmark")
    parser.add_argument("names", nargs="*", help="run only these (e.g. bench_calls)")
    args = parser.parse_args(argv)

    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        wanted = {n.removesuffix(".py") for n in args.names}
        scripts = [s for s in scripts if s.stem in wanted]
        missing = wanted - {s.stem for s in scripts}
        if missing:
            print(f"run.py: no such benchmark: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    results: dict[str, Any] = {}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="portalis-bench-") as tmp:
        for script in scripts:
            print(f"==> {script.relative_to(ROOT)}", flush=True)
            out = Path(tmp) / f"{script.stem}.json"
            cmd = [sys.executable, str(script), "--json", str(out)]
            if args.quick:
                cmd.append("--quick")
            rc = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
            if rc != 0 or not out.is_file():
                failed.append(script.stem)
                results[script.stem] = {"error": f"exit status {rc}"}
            else:
                results[script.stem] = json.loads(out.read_text(encoding="utf-8"))
            print(flush=True)

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "benchmarks": results,
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if failed:
        print(f"run.py: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
