"""The conformance report: which tests agree between Python and WASM, and what was exercised.

Plain data in, plain data out, so the same code serves a single process and
pytest-xdist (where test outcomes arrive at the controller as reports, and
call statistics as each worker's snapshot) and the JSON report is exactly
what the terminal summary shows. The JSON layout is described by
`pytest_portalis/report.schema.json`; bump `REPORT_VERSION` when it changes
incompatibly.

Classification of a test run both ways compares what its body did, not the
exact status: "pass" (passed, xpassed) versus "fail" (failed, error,
xfailed). Same on both sides: passed both, or an ordinary failure (xfailed
both is expected, not a failure). Different: a conformance failure, in
either direction (a test that fails on Python but passes on WASM diverges
too). A skip on either side leaves the test uncompared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

REPORT_VERSION = 1

PASS_LIKE = frozenset({"passed", "xpassed"})
FAIL_LIKE = frozenset({"failed", "error", "xfailed"})

# classification values
PASSED_BOTH = "passed_both"
CONFORMANCE = "conformance_failure"
ORDINARY = "ordinary_failure"
XFAILED_BOTH = "xfailed_both"
SKIPPED = "skipped"
SINGLE = "single"  # ran in one variant only (portalis_skip, non-function items, selections)
COMPARED = "compared"  # compare mode, no mismatch, passed


@dataclass
class CaseRecord:
    """Everything known about one test (all variants of one base node id)."""

    base: str
    outcomes: dict[str, str] = field(default_factory=dict)  # variant -> outcome
    durations: dict[str, float] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)  # compare mode
    previous: dict[str, str] = field(default_factory=dict)  # other variant, from the last run
    portalis_skip: bool = False

    def classify(self, mode: str) -> str:
        if mode == "compare":
            if "compare" not in self.outcomes:
                return SINGLE  # portalis_skip: ran with the Python version only
            outcome = self.outcomes["compare"]
            if self.mismatches:
                return CONFORMANCE
            if outcome in FAIL_LIKE - {"xfailed"}:
                return ORDINARY
            return SKIPPED if outcome == "skipped" else COMPARED
        both = {**self.previous, **self.outcomes}
        py, wasm = both.get("python"), both.get("wasm")
        if py is None or wasm is None:
            return SINGLE
        if "skipped" in (py, wasm):
            return SKIPPED
        py_pass, wasm_pass = py in PASS_LIKE, wasm in PASS_LIKE
        if py_pass != wasm_pass:
            return CONFORMANCE
        if py_pass:
            return PASSED_BOTH
        return XFAILED_BOTH if py == wasm == "xfailed" else ORDINARY

    def as_dict(self, mode: str) -> dict[str, Any]:
        return {
            "test": self.base,
            "classification": self.classify(mode),
            "outcomes": dict(self.outcomes),
            "previous_outcomes": dict(self.previous),
            "durations": {k: round(v, 6) for k, v in self.durations.items()},
            "messages": dict(self.messages),
            "mismatches": list(self.mismatches),
        }


def merge_modules(snapshots: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Sum the per-function counters of several processes' `Switchboard.snapshot()`s."""
    merged: dict[str, dict[str, Any]] = {}
    for snap in snapshots:
        for name, mod in snap.items():
            into = merged.get(name)
            if into is None:
                merged[name] = {
                    **mod,
                    "translated": list(mod["translated"]),
                    "skipped": dict(mod["skipped"]),
                    "functions": {
                        f: {
                            "calls": dict(s["calls"]),
                            "nested": dict(s["nested"]),
                            "seconds": dict(s["seconds"]),
                            "mismatches": s["mismatches"],
                        }
                        for f, s in mod["functions"].items()
                    },
                }
                continue
            if into["mode"] != "wasm" and mod["mode"] == "wasm":
                for key in ("mode", "reason", "source"):
                    into[key] = mod[key]
            for f in mod["translated"]:
                if f not in into["translated"]:
                    into["translated"].append(f)
            into["skipped"].update(mod["skipped"])
            for f, s in mod["functions"].items():
                dst = into["functions"].setdefault(
                    f,
                    {
                        "calls": dict.fromkeys(s["calls"], 0),
                        "nested": dict.fromkeys(s["nested"], 0),
                        "seconds": dict.fromkeys(s["seconds"], 0.0),
                        "mismatches": 0,
                    },
                )
                for key in ("calls", "nested"):
                    for k, v in s[key].items():
                        dst[key][k] = dst[key].get(k, 0) + v
                for k, v in s["seconds"].items():
                    dst["seconds"][k] = dst["seconds"].get(k, 0.0) + v
                dst["mismatches"] += s["mismatches"]
    return merged


def _speedup(py_calls: int, py_s: float, wasm_calls: int, wasm_s: float) -> float | None:
    """Mean time per call in Python over mean time per call in WASM (None when unmeasured)."""
    if not (py_calls and wasm_calls and py_s > 0 and wasm_s > 0):
        return None
    return (py_s / py_calls) / (wasm_s / wasm_calls)


def module_entries(merged: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The report's `modules` list: per function calls, seconds, speedup; unexercised ones."""
    out = []
    for name in sorted(merged):
        mod = merged[name]
        functions = []
        unexercised = []
        indirect = []
        for fname in mod["translated"]:
            s = mod["functions"].get(fname)
            calls = s["calls"] if s else {}
            inner = s["nested"] if s else {}
            secs = s["seconds"] if s else {}
            pc, wc, cc = calls.get("python", 0), calls.get("wasm", 0), calls.get("compare", 0)
            ps, ws = secs.get("python", 0.0), secs.get("wasm", 0.0)
            if not (pc or wc or cc):
                if any(inner.values()):
                    indirect.append(fname)
                else:
                    unexercised.append(fname)
            speed = _speedup(pc, ps, wc, ws)
            functions.append(
                {
                    "name": fname,
                    "calls": {"python": pc, "wasm": wc, "compare": cc},
                    "nested_calls": {k: int(inner.get(k, 0)) for k in ("python", "wasm")},
                    "seconds": {"python": round(ps, 9), "wasm": round(ws, 9)},
                    "speedup": None if speed is None else round(speed, 4),
                    "mismatches": s["mismatches"] if s else 0,
                }
            )
        out.append(
            {
                "name": name,
                "file": mod["file"],
                "mode": mod["mode"],
                "source": mod.get("source"),
                "reason": mod.get("reason"),
                "translated": list(mod["translated"]),
                "skipped": dict(mod["skipped"]),
                "functions": functions,
                "unexercised": unexercised,
                "only_nested": indirect,
            }
        )
    return out


def benchmark_entries(
    benchmarks: Mapping[str, Mapping[str, Mapping[str, float]]],
) -> list[dict[str, Any]]:
    """pytest-benchmark results of each test in both versions, side by side."""
    out = []
    for base in sorted(benchmarks):
        per = benchmarks[base]
        py, wasm = per.get("python"), per.get("wasm")
        speed = None
        if py and wasm and py["mean"] > 0 and wasm["mean"] > 0:
            speed = round(py["mean"] / wasm["mean"], 4)
        out.append({"test": base, "python": py, "wasm": wasm, "speedup": speed})
    return out


def build_report(
    *,
    mode: str,
    tests: Mapping[str, CaseRecord],
    modules: Mapping[str, Mapping[str, Any]],
    benchmarks: Mapping[str, Mapping[str, Mapping[str, float]]],
    fuzz: list[dict[str, Any]] | None,
    fuzz_examples: int,
    selected_modules: list[str],
) -> dict[str, Any]:
    """The whole report as plain data (what `--portalis-report` writes)."""
    records = [tests[k].as_dict(mode) for k in sorted(tests)]
    counts: dict[str, int] = {}
    for r in records:
        counts[r["classification"]] = counts.get(r["classification"], 0) + 1
    both = sum(1 for t in tests.values() if "python" in t.outcomes and "wasm" in t.outcomes)
    fuzz_mismatches = sum(1 for f in fuzz or [] if f.get("mismatch"))
    summary = {
        "tests": len(records),
        "run_both_ways": both,
        "passed_both": counts.get(PASSED_BOTH, 0),
        "compared": counts.get(COMPARED, 0),
        "conformance_failures": counts.get(CONFORMANCE, 0),
        "ordinary_failures": counts.get(ORDINARY, 0),
        "xfailed_both": counts.get(XFAILED_BOTH, 0),
        "skipped": counts.get(SKIPPED, 0),
        "single_variant": counts.get(SINGLE, 0),
        "fuzz_mismatches": fuzz_mismatches,
    }
    return {
        "version": REPORT_VERSION,
        "mode": mode,
        "selected_modules": list(selected_modules),
        "summary": summary,
        "conformance_failures": [r["test"] for r in records if r["classification"] == CONFORMANCE],
        "ordinary_failures": [r["test"] for r in records if r["classification"] == ORDINARY],
        "tests": records,
        "modules": module_entries(modules),
        "benchmarks": benchmark_entries(benchmarks),
        "fuzz": None if fuzz is None else {"examples": fuzz_examples, "functions": fuzz},
    }


# -- text ------------------------------------------------------------------------------------


def fmt_seconds(s: float) -> str:
    if s <= 0 or math.isnan(s):
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    if s >= 1e-6:
        return f"{s * 1e6:.2f} µs"
    return f"{s * 1e9:.0f} ns"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('ch') else 's'}"


def render_text(report: Mapping[str, Any]) -> list[str]:
    """The terminal summary section, line by line."""
    s = report["summary"]
    lines: list[str] = []
    if report["mode"] == "off":
        lines.append("tests ran once, with the Python version (fuzzing only)")
    elif report["mode"] == "compare":
        lines.append(
            f"compare mode: {_plural(s['tests'], 'test')}, every call into a marked module "
            f"checked: {s['compared']} agreed, "
            f"{_plural(s['conformance_failures'], 'conformance failure')}, "
            f"{_plural(s['ordinary_failures'], 'ordinary failure')}"
            + (f", {s['skipped']} skipped" if s["skipped"] else "")
            + (f"; {s['single_variant']} run with Python only" if s["single_variant"] else "")
        )
    else:
        lines.append(
            f"{_plural(s['run_both_ways'], 'test')} run both ways (python, wasm): "
            f"{s['passed_both']} passed both, "
            f"{_plural(s['conformance_failures'], 'conformance failure')}, "
            f"{s['ordinary_failures']} failed both"
            + (f", {s['xfailed_both']} xfailed both" if s["xfailed_both"] else "")
            + (f", {s['skipped']} skipped" if s["skipped"] else "")
            + (f"; {s['single_variant']} run one way only" if s["single_variant"] else "")
        )
    tests = {t["test"]: t for t in report["tests"]}
    if report["conformance_failures"]:
        lines.append("conformance failures (Python and WASM disagree):")
        for name in report["conformance_failures"]:
            t = tests[name]
            both = {**t["previous_outcomes"], **t["outcomes"]}
            how = ", ".join(f"{k} {v}" for k, v in sorted(both.items()))
            if t["previous_outcomes"]:
                how += " (other variant from the last run)"
            lines.append(f"  {name}: {how}")
            for m in t["mismatches"][:1]:
                lines.extend("    " + x for x in m.splitlines())
    if report["ordinary_failures"]:
        lines.append("ordinary failures (fail with Python too):")
        lines.extend(f"  {name}" for name in report["ordinary_failures"])
    for mod in report["modules"]:
        head = f"{mod['name']}: {len(mod['translated'])} translated, {len(mod['skipped'])} Python"
        if mod["mode"] != "wasm":
            head += f"; runs as Python only: {mod['reason'] or 'no WASM'}"
        lines.append(head)
        quiet = set(mod["unexercised"]) | set(mod["only_nested"])
        rows = [f for f in mod["functions"] if f["name"] not in quiet]
        if rows:
            width = max(len("function"), *(len(f["name"]) for f in rows))
            lines.append(
                f"  {'function':<{width}}  {'calls':>7}  {'python':>10}  {'wasm':>10}  speedup"
            )
            for f in rows:
                calls = max(f["calls"].values())
                pc, wc = f["calls"]["python"], f["calls"]["wasm"]
                py = f["seconds"]["python"] / pc if pc else 0.0
                wa = f["seconds"]["wasm"] / wc if wc else 0.0
                speed = f"{f['speedup']:.2f}x" if f["speedup"] else "-"
                extra = f"  MISMATCHES {f['mismatches']}" if f["mismatches"] else ""
                lines.append(
                    f"  {f['name']:<{width}}  {calls:>7}  {fmt_seconds(py):>10}  "
                    f"{fmt_seconds(wa):>10}  {speed:>7}{extra}"
                )
        if mod["only_nested"]:
            lines.append(
                "  called only from other translated functions: " + ", ".join(mod["only_nested"])
            )
        if mod["unexercised"]:
            lines.append("  not exercised by any test: " + ", ".join(mod["unexercised"]))
    if report["benchmarks"]:
        lines.append("benchmarks (pytest-benchmark mean, python vs wasm):")
        for b in report["benchmarks"]:
            py = fmt_seconds(b["python"]["mean"]) if b["python"] else "-"
            wa = fmt_seconds(b["wasm"]["mean"]) if b["wasm"] else "-"
            speed = f"{b['speedup']:.2f}x" if b["speedup"] else "-"
            lines.append(f"  {b['test']}: {py} vs {wa}  {speed}")
    fuzz = report.get("fuzz")
    if fuzz is not None:
        funcs = fuzz["functions"]
        bad = [f for f in funcs if f.get("mismatch")]
        ran = sum(f["examples"] for f in funcs)
        back = sum(f.get("python_fallbacks") or 0 for f in funcs)
        lines.append(
            f"fuzz: {_plural(len(funcs), 'function')}, up to {fuzz['examples']} examples each "
            f"({ran} run, {back} handed to CPython by the WASM wrapper): "
            f"{_plural(len(bad), 'mismatch')}"
            + (
                ""
                if not bad
                else " (" + ", ".join(f"{f['module']}.{f['function']}" for f in bad) + ")"
            )
        )
        for f in funcs:
            if f.get("error"):
                lines.append(f"  {f['module']}.{f['function']}: not fuzzed: {f['error']}")
    return lines
