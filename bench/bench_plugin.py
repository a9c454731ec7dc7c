"""What `pytest --portalis-conformance` adds to the examples' own test suites, as ratios.

    python bench/bench_plugin.py [--repeat N] [--quick]

Each example project (numeric, textstats_hatch, geometry_setuptools) is
copied to a scratch directory and its test suite is run with this
interpreter's pytest, in a fresh process each time:

- plain: `pytest -q` (the plugin is installed but inert);
- conformance: `pytest -q --portalis-conformance` (every test as [python]
  and [wasm], the marked modules loaded as WASM, the summary printed).

The one-time build is excluded: a first conformance run fills a fresh
Portalis cache (its time is printed separately), then plain and
conformance runs alternate `--repeat` times and the best of each is kept.
The figure asked for is conformance / plain per suite and over all three;
the machine is shared, so only ratios measured in one run mean anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SUITES = {
    # name: (example directory, extra pytest args, pyproject to add)
    "numeric": ("numeric", [], '[tool.portalis]\nmodules = ["numeric_kit"]\n'),
    "textstats": ("textstats_hatch", ["-o", "pythonpath=src"], None),
    "geokit": ("geometry_setuptools", ["-o", "pythonpath=src"], None),
}


def run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench_plugin: failed ({proc.returncode}): {' '.join(args)}\n{proc.stdout}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each kind (best kept)")
    parser.add_argument("--quick", action="store_true", help="one run of each (smoke test)")
    opts = parser.parse_args()
    repeat = 1 if opts.quick else max(1, opts.repeat)

    with tempfile.TemporaryDirectory(prefix="portalis-bench-plugin-") as tmp:
        env = {**os.environ, "PORTALIS_CACHE_DIR": str(Path(tmp) / "cache")}
        for var in ("PORTALIS_MODE", "PORTALIS_TEST_PERTURB", "PYTEST_ADDOPTS"):
            env.pop(var, None)
        base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        rows = []
        for name, (directory, extra, pyproject) in SUITES.items():
            work = Path(tmp) / name
            shutil.copytree(
                EXAMPLES / directory,
                work,
                ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
            )
            if pyproject is not None:
                (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
            plain_args = [*base, "--rootdir", str(work), *extra]
            conf_args = [*plain_args, "--portalis-conformance"]
            build = run(conf_args, work, env)  # fills the cache: the one-time build
            plain, conf = [], []
            for _ in range(repeat):
                plain.append(run(plain_args, work, env))
                conf.append(run(conf_args, work, env))
            rows.append((name, build, min(plain), min(conf)))

    print(f"pytest --portalis-conformance vs plain pytest, best of {repeat} (seconds, wall)")
    print(f"{'suite':<10} {'first run':>10} {'plain':>8} {'conform.':>9} {'ratio':>7}")
    for name, build, plain_s, conf_s in rows:
        print(f"{name:<10} {build:>10.2f} {plain_s:>8.2f} {conf_s:>9.2f} {conf_s / plain_s:>6.2f}x")
    total_plain = sum(r[2] for r in rows)
    total_conf = sum(r[3] for r in rows)
    print(
        f"{'all':<10} {'':>10} {total_plain:>8.2f} {total_conf:>9.2f} "
        f"{total_conf / total_plain:>6.2f}x"
    )
    print(
        "ratio = conformance / plain, excluding the one-time build ('first run' includes it); "
        "goal: < 2x"
    )


if __name__ == "__main__":
    main()
