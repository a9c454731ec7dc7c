"""Cold vs unchanged rebuild of an example wheel, printed as ratios measured in one run.

    python bench/bench_wheel.py [--example textstats_hatch|geometry_setuptools] [--repeat N]

A wheel of this checkout is built and installed, with the build backends,
into a scratch venv; the example is then built there with
`pip wheel --no-build-isolation` (so pip's isolated-env set-up, which does not
depend on Portalis, is not timed) in two ways:

- cold: an empty Portalis cache (translate, rustc and wasm-opt for every
  module, plus the runtime crate once per toolchain);
- unchanged rebuild: the same sources again, with the cache the cold build
  filled (every module a cache hit).

Three timings are printed for each: the whole `pip wheel` command, the build
backend alone (`build_wheel` in a fresh interpreter) and the part Portalis
adds (the seconds in the build's summary line). Each is the best of
`--repeat` runs; the machine is shared, so only ratios within one run mean
anything.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKEND_CALL = {
    "textstats_hatch": "import hatchling.build as b; b.build_wheel({out!r})",
    "geometry_setuptools": "import setuptools.build_meta as b; b.build_wheel({out!r})",
}


def sh(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    full = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **(env or {})}
    full.pop("PYTHONPATH", None)
    proc = subprocess.run(
        args, cwd=cwd, env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if proc.returncode != 0:
        sys.exit(f"bench_wheel: command failed: {args}\n{proc.stdout}")
    return proc.stdout


def portalis_seconds(log: str) -> float:
    """The duration on the summary line `... from the Portalis cache (1.23 s)`."""
    m = re.search(r"from the Portalis cache[^(\n]*\((\d+\.\d+) s\)", log)
    if not m:
        sys.exit(f"bench_wheel: no Portalis summary line in the build output:\n{log}")
    return float(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--example", choices=sorted(BACKEND_CALL), default="textstats_hatch")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="portalis-bench-wheel-"))
    try:
        print("setting up: wheel of this checkout + a venv with the build backends ...")
        wheels = work / "wheels"
        sh([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(wheels)])
        venv.EnvBuilder(with_pip=True).create(work / "venv")
        python = str(work / "venv" / "bin" / "python")
        sh([python, "-m", "pip", "install", "-q", "--find-links", str(wheels), "portalis",
            "hatchling>=1.21", "setuptools>=64", "wheel"])
        project = work / args.example
        shutil.copytree(ROOT / "examples" / args.example, project)

        def pip_wheel(cache: Path) -> tuple[float, float]:
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / "build", ignore_errors=True)
            t0 = time.perf_counter()
            log = sh([python, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation",
                      str(project), "-w", str(out)], env={"PORTALIS_CACHE_DIR": str(cache)})
            return time.perf_counter() - t0, portalis_seconds(log)

        def backend(cache: Path) -> float:
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / "build", ignore_errors=True)
            out.mkdir()
            code = BACKEND_CALL[args.example].format(out=str(out))
            t0 = time.perf_counter()
            sh([python, "-c", code], cwd=project, env={"PORTALIS_CACHE_DIR": str(cache)})
            return time.perf_counter() - t0

        results: dict[str, list[float]] = {k: [] for k in (
            "pip_cold", "pip_warm", "hook_cold", "hook_warm", "backend_cold", "backend_warm")}
        for i in range(args.repeat):
            cache = work / f"cache-{i}"
            total, hook = pip_wheel(cache)
            results["pip_cold"].append(total)
            results["hook_cold"].append(hook)
            total, hook = pip_wheel(cache)
            results["pip_warm"].append(total)
            results["hook_warm"].append(hook)
            results["backend_cold"].append(backend(work / f"cache-b{i}"))
            results["backend_warm"].append(backend(work / f"cache-b{i}"))
        best = {k: min(v) for k, v in results.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nexample: examples/{args.example} (best of {args.repeat}; "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]})\n")
    print(f"{'what is timed':<44} {'cold':>9} {'unchanged':>10} {'ratio':>8}")
    rows = [
        ("pip wheel --no-build-isolation (whole cmd)", "pip"),
        ("build backend build_wheel (fresh process)", "backend"),
        ("Portalis build step (summary line)", "hook"),
    ]
    for label, key in rows:
        cold, warm = best[f"{key}_cold"], best[f"{key}_warm"]
        print(f"{label:<44} {cold:>8.3f}s {warm:>9.3f}s {cold / warm:>7.1f}x")
    ratio = best["backend_cold"] / best["backend_warm"]
    print(f"\nunchanged rebuild vs cold build (backend): {ratio:.1f}x faster "
          f"(target >= 5x: {'met' if ratio >= 5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
