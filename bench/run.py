"""Run the benchmarks, print one summary, write bench/results/latest.{json,png,md}.

    python bench/run.py [--quick] [--out DIR] [--readme] [NAME ...]

By default it runs the issue-8 set: bench_kernels (CPython vs Portalis WASM
vs mypyc vs native Rust), bench_boundary (cost per value type crossing the
boundary), bench_calls (scalar call path, cached load) and bench_pipeline
(translation speed, builds, loads, wheels, memory). Name others (e.g.
bench_hook) to run them instead. Each runs in its own interpreter, prints its
report as it goes and writes its numbers with `--json FILE`; this script
collects them with a description of the machine, prints the summary with the
issue's targets (met or not), writes the JSON, a PNG chart (matplotlib, when
installed) and the summary as a Markdown table (the README's copy).

Numbers are only comparable within one run on one machine; nothing here
asserts a speed. A benchmark whose results disagree with CPython, or that
fails, makes the exit status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT = ["bench_kernels", "bench_boundary", "bench_calls", "bench_pipeline"]


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
    with contextlib.suppress(OSError):
        info["load_average"] = os.getloadavg()
    from importlib.metadata import version

    for dist in ("wasmtime", "mypy"):
        try:
            info[dist] = version(dist)
        except Exception:
            info[dist] = None
    try:  # the compiler Portalis builds with, not whichever is first on PATH
        sys.path.insert(0, str(ROOT / "src"))
        from portalis.toolchain import find_toolchain

        tc = find_toolchain()
        info["rustc"] = f"{tc.version} ({tc.rustc})"
        info["wasm_opt"] = tc.wasm_opt_version
    except Exception as exc:
        info["rustc"] = f"none found ({exc})"
    try:
        info["git_commit"] = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["git_commit"] = None
    return info


def fmt_time(s: float | None) -> str:
    if s is None:
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def fmt_us(us: float | None) -> str:
    if us is None:
        return "-"
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.1f} µs"


def fmt_x(x: float | None) -> str:
    return "-" if not x else f"{x:.1f}x"


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met."""
    out: list[dict[str, Any]] = []
    k = results.get("bench_kernels", {})
    s = k.get("summary", {})
    if s:
        g = s.get("geomean_wasm_speedup")
        out.append(
            {
                "target": "geometric-mean speedup over CPython >= 10x",
                "measured": fmt_x(g),
                "met": bool(g and g >= 10),
            }
        )
        behind = s.get("mypyc_ahead_of_wasm", [])
        untranslated = [r["kernel"] for r in k.get("rows", []) if not r.get("wasm_s")]
        out.append(
            {
                "target": "ahead of mypyc on every kernel",
                "measured": f"ahead on {len(s.get('wasm_ahead_of_mypyc', []))} of "
                f"{s.get('kernels')}; behind: {', '.join(behind) or 'none'}"
                + (f"; not translated: {', '.join(untranslated)}" if untranslated else ""),
                "met": not behind and not untranslated,
            }
        )
        natives = [r for r in k.get("rows", []) if r.get("wasm_over_native")]
        if natives:
            worst = max(r["wasm_over_native"] for r in natives)
            out.append(
                {
                    "target": "WASM within 2x of hand-written native Rust",
                    "measured": ", ".join(
                        f"{r['kernel']} {r['wasm_over_native']:.1f}x" for r in natives
                    ),
                    "met": worst <= 2,
                }
            )
    b = results.get("bench_boundary", {}).get("rows", [])
    scalar = next((r for r in b if r["function"] == "scalar_in"), None)
    calls = results.get("bench_calls", {}).get("calls", [])
    if calls or scalar:
        us = min(r["portalis_us"] for r in calls) if calls else scalar["wasm_us"]  # type: ignore[index]
        out.append({"target": "scalar call <= 2 µs", "measured": fmt_us(us), "met": us <= 2})
    big = [r for r in b if r["case"] == "list[int] x 100,000" and r.get("wasm_us")]
    if big:
        worst = max(r["wasm_us"] for r in big)
        out.append(
            {
                "target": "list[int] x 100,000 across the boundary <= 1 ms each way",
                "measured": ", ".join(f"{r['direction']} {fmt_us(r['wasm_us'])}" for r in big),
                "met": worst <= 1000,
            }
        )
    tr = results.get("bench_pipeline", {}).get("translation")
    if tr:
        out.append(
            {
                "target": "translation >= 10,000 lines/s",
                "measured": f"{tr['lines_per_s']:,.0f} lines/s",
                "met": tr["lines_per_s"] >= 10_000,
            }
        )
    return out


def summary_markdown(report: dict[str, Any]) -> str:
    """The summary as Markdown tables (what the README shows)."""
    m = report["machine"]
    res = report["benchmarks"]
    lines: list[str] = []
    lines.append(
        f"Measured {report['when'][:10]} on {m.get('cpu', m['machine'])}, {m['cpus']} cores "
        f"(load average {', '.join(f'{x:.1f}' for x in m.get('load_average', []))} at the end), "
        f"{m['system']}, Python {m['python']}, wasmtime-py {m.get('wasmtime')}, "
        f"{m.get('rustc')}, mypy/mypyc {m.get('mypy')}"
        + (" (--quick: small inputs, single runs)" if report["quick"] else "")
        + "."
    )
    k = res.get("bench_kernels", {})
    if k.get("rows"):
        lines += [
            "",
            "| kernel | what | CPython | Portalis WASM | mypyc | native Rust | WASM vs CPython "
            "| mypyc vs CPython | WASM vs mypyc |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in k["rows"]:
            wasm = fmt_time(r.get("wasm_s")) if r.get("wasm_s") else "not translated"
            lines.append(
                f"| {r['kernel']} | {r['what']} | {fmt_time(r['python_s'])} | {wasm} "
                f"| {fmt_time(r.get('mypyc_s'))} | {fmt_time(r.get('native_s'))} "
                f"| {fmt_x(r.get('wasm_speedup'))} | {fmt_x(r.get('mypyc_speedup'))} "
                f"| {fmt_x(r.get('wasm_over_mypyc'))} |"
            )
        s = k["summary"]
        lines.append(
            f"| **geometric mean** | {s['translated']} of {s['kernels']} translated | | | | "
            f"| **{fmt_x(s['geomean_wasm_speedup'])}** | **{fmt_x(s['geomean_mypyc_speedup'])}**"
            f" | **{fmt_x(s['geomean_wasm_over_mypyc'])}** |"
        )
        for r in k["rows"]:
            bails = (r.get("wasm_call_stats") or {}).get("bails", 0)
            if bails:
                lines.append(
                    f"\n`{r['kernel']}`: {bails} of its WASM calls bailed (for deep recursion:"
                    " the call went past the 48-frame WASM depth budget and was retried with"
                    " the budget CPython's real stack depth allows), included in its time."
                )
            if r.get("not_translated"):
                reason = re.sub(r" \((/|[A-Za-z]:\\)[^)]*:\d+:\d+\)", "", r["not_translated"])
                lines.append(f"\n`{r['kernel']}` not translated: {reason}.")
        lines.append(
            "\nAll results equal across CPython, WASM, mypyc and native Rust: "
            + ("yes." if s["all_agree"] else "**NO**.")
        )
    b = res.get("bench_boundary", {}).get("rows")
    if b:
        lines += [
            "",
            "| value crossing the boundary | direction | Portalis | CPython (same function) |",
            "|---|---|---:|---:|",
        ]
        for r in b:
            wasm = fmt_us(r["wasm_us"]) if r["supported"] else "not supported yet"
            lines.append(f"| {r['case']} | {r['direction']} | {wasm} | {fmt_us(r['python_us'])} |")
    p = res.get("bench_pipeline", {})
    if p:
        tr = p["translation"]
        lines += ["", "| pipeline | measured |", "|---|---:|"]
        lines.append(
            f"| translation, Python -> Rust text ({tr['lines']} lines, {tr['files']} modules, "
            "CPU time) "
            f"| {tr['lines_per_s']:,.0f} lines/s |"
        )
        par = tr.get("parallel")
        if par:
            lines.append(
                f"| the same over {par['jobs']} worker processes (wall / busiest worker's CPU) "
                f"| {par['lines_per_s']:,.0f} / {par['lines_per_s_cpu']:,.0f} lines/s |"
            )
        bl = p["builds"]
        lines.append(
            f"| cold build, runtime crate + a one-function module (CPU / wall) "
            f"| {bl['runtime_and_probe_cpu_s']:.2f} s / {bl['runtime_and_probe_s']:.2f} s |"
        )
        lines.append(
            f"| cold build per kernel module, mean of {len(bl['cold'])} (CPU / wall) "
            f"| {bl['cold_mean_cpu_s']:.2f} s / {bl['cold_mean_s']:.2f} s |"
        )
        for w in bl["warm"]:
            lines.append(
                f"| warm `portalis.load({w['module']})`, fresh interpreter, CPU / wall "
                f"(+ {w['import_cpu_ms']:.0f} / {w['import_ms']:.0f} ms to import portalis, "
                f"wasmtime) | {w['load_cpu_ms']:.0f} ms / {w['load_ms']:.0f} ms |"
            )
        for r in p["wheels"]:
            if "error" in r:
                lines.append(f"| wheel of examples/{r['example']} | skipped: {r['error']} |")
            else:
                lines.append(
                    f"| wheel of examples/{r['example']} (build backend), cold / unchanged "
                    f"| {r['cold_s']:.2f} s / {r['unchanged_s']:.2f} s |"
                )
        for r in p["memory"]:
            lines.append(
                f"| peak RSS, `{r['module']}` loaded and run: Python module / WASM "
                f"(bare interpreter {r['interpreter_mib']:.0f} MiB, "
                f"`import portalis, wasmtime` {r['import_portalis_wasmtime_mib']:.0f} MiB) "
                f"| {r['python_mib']:.0f} MiB / {r['wasm_mib']:.0f} MiB |"
            )
    if report.get("targets"):
        lines += ["", "| target (issue 8) | measured | met |", "|---|---|---|"]
        for t in report["targets"]:
            lines.append(f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else 'no'} |")
    return "\n".join(lines) + "\n"


def chart(report: dict[str, Any], path: Path) -> str | None:
    """Kernel speedups and boundary costs as a PNG; the reason when it cannot be drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (pip install 'portalis[bench]')"
    res = report["benchmarks"]
    rows = res.get("bench_kernels", {}).get("rows", [])
    bound = [r for r in res.get("bench_boundary", {}).get("rows", []) if r.get("wasm_us")]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(15, 6))
    if rows:
        names = [r["kernel"] for r in rows]
        xs = range(len(names))
        width = 0.27
        for off, key, label in (
            (-width, "wasm_speedup", "Portalis WASM"),
            (0.0, "mypyc_speedup", "mypyc"),
        ):
            ax1.bar([x + off for x in xs], [r.get(key) or 0 for r in rows], width, label=label)
        native = [r["python_s"] / r["native_s"] if r.get("native_s") else 0 for r in rows]
        ax1.bar([x + width for x in xs], native, width, label="native Rust (hand-written)")
        ax1.axhline(1, color="black", linewidth=0.8)
        ax1.axhline(10, color="grey", linestyle="--", linewidth=0.8, label="10x target")
        ax1.set_yscale("log")
        ax1.set_xticks(list(xs))
        ax1.set_xticklabels(names, rotation=45, ha="right")
        ax1.set_ylabel("speedup over CPython (log scale)")
        ax1.set_title("kernels")
        ax1.legend(fontsize=8)
    if bound:
        labels = [f"{r['case']} {r['direction']}" for r in bound]
        ys = range(len(labels))
        ax2.barh(list(ys), [r["wasm_us"] for r in bound], label="Portalis")
        ax2.barh([y + 0.4 for y in ys], [r["python_us"] for r in bound], 0.4, label="CPython")
        ax2.set_yticks(list(ys))
        ax2.set_yticklabels(labels, fontsize=8)
        ax2.set_xscale("log")
        ax2.set_xlabel("µs per call (log scale)")
        ax2.set_title("boundary cost")
        ax2.legend(fontsize=8)
    m = report["machine"]
    fig.suptitle(
        f"Portalis benchmarks, {report['when'][:16]} UTC, {m.get('cpu', '')}, {m['cpus']} cores"
        + (" (--quick)" if report["quick"] else "")
    )
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return None


START, END = "<!-- bench-table-start -->", "<!-- bench-table-end -->"


def update_readme(md: str) -> None:
    """Replace the README's tables between the markers with this run's."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, sep, rest = text.partition(START)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        print(f"run.py: no {START} ... {END} markers in README.md", file=sys.stderr)
        return
    readme.write_text(f"{head}{START}\n{md}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="pass --quick to every benchmark")
    parser.add_argument(
        "--out", type=Path, default=HERE / "results", help="where latest.{json,png,md} go"
    )
    parser.add_argument(
        "--readme",
        action="store_true",
        help="also put the summary into README.md (between the bench-table markers)",
    )
    parser.add_argument("names", nargs="*", help="run these instead (e.g. bench_hook)")
    args = parser.parse_args(argv)

    wanted = [n.removesuffix(".py") for n in args.names] or DEFAULT
    missing = [n for n in wanted if not (HERE / f"{n}.py").is_file()]
    if missing:
        print(f"run.py: no such benchmark: {', '.join(missing)}", file=sys.stderr)
        return 2

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    results: dict[str, Any] = {}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="portalis-bench-") as tmp:
        for name in wanted:
            script = HERE / f"{name}.py"
            print(f"==> {script.relative_to(ROOT)}", flush=True)
            out = Path(tmp) / f"{name}.json"
            cmd = [sys.executable, str(script), "--json", str(out)]
            if args.quick:
                cmd.append("--quick")
            rc = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
            if out.is_file():
                results[name] = json.loads(out.read_text(encoding="utf-8"))
            else:
                results[name] = {"error": f"exit status {rc}"}
            if rc != 0:
                failed.append(name)
                results[name]["exit_status"] = rc
            print(flush=True)

    report: dict[str, Any] = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine(),
        "benchmarks": results,
        "failed": failed,
    }
    report["targets"] = targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    md = summary_markdown(report)
    (args.out / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(md, encoding="utf-8")
    why_not = chart(report, args.out / "latest.png")
    if args.readme:
        update_readme(md)
    print("==> summary\n")
    print(md)
    print(f"wrote {args.out / 'latest.json'}, {args.out / 'latest.md'}", end="")
    print(f" (no chart: {why_not})" if why_not else f", {args.out / 'latest.png'}")
    if failed:
        print(f"run.py: failed or disagreed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
