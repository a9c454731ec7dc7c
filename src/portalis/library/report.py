"""`portalis report PKG`: the parity report of a package, as a table, JSON or an HTML page.

One plain-data document (`report_data`) feeds all three renderings, so the
terminal, the JSON and the page always agree. Line coverage counts code
lines (not blank, not comment-only; decorators included) of the top-level
functions and classes: a function contributes all of its lines when it runs
in WASM (`translated`, or `internal`: in WASM when called from translated
code) and none otherwise.

Given the JSON written by `pytest --portalis-conformance --portalis-report`,
each translated function also shows whether the tests exercised it (called
it from Python or from other translated code) and its measured speedup.
Functions that stay Python are not instrumented by the plugin, so for them
"exercised" is unknown, never a guess.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from typing import Any

from .partition import INTERNAL, PYTHON, TRANSLATED, Partition

__all__ = ["REPORT_FORMAT", "render_html", "render_table", "report_data"]

REPORT_FORMAT = 1


def _conformance_index(conformance: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Module name -> {"functions": {name: entry}, "unexercised": set, ...} from a pytest report."""
    out: dict[str, dict[str, Any]] = {}
    if not conformance:
        return out
    for module in conformance.get("modules", []):
        out[module["name"]] = {
            "mode": module.get("mode"),
            "functions": {f["name"]: f for f in module.get("functions", [])},
            "unexercised": set(module.get("unexercised", [])),
        }
    return out


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def report_data(part: Partition, conformance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The whole report as JSON-ready data (see the module docstring for the numbers)."""
    index = _conformance_index(conformance)
    modules: list[dict[str, Any]] = []
    totals = {TRANSLATED: 0, INTERNAL: 0, PYTHON: 0}
    exercised_total = 0
    for m in part.modules:
        conf = index.get(m.name)
        functions: list[dict[str, Any]] = []
        exercised_here = 0
        for f in m.functions:
            totals[f.status] += 1
            exercised: bool | None = None
            calls: int | None = None
            speedup: float | None = None
            if conf is not None and f.in_wasm and conf.get("mode") == "wasm":
                entry = conf["functions"].get(f.name)
                if entry is not None:
                    direct = sum(entry.get("calls", {}).values())
                    nested = sum(entry.get("nested_calls", {}).values())
                    calls = direct + nested
                    exercised = calls > 0
                    raw = entry.get("speedup")
                    speedup = raw if isinstance(raw, (int, float)) and math.isfinite(raw) else None
                else:
                    exercised = False
                    calls = 0
                exercised_here += bool(exercised)
            functions.append(
                {
                    "name": f.name,
                    "kind": f.kind,
                    "line": f.lineno,
                    "code_lines": f.code_lines,
                    "status": f.status,
                    "reason": f.reason,
                    "chain": [h.to_json() for h in f.chain],
                    "exercised": exercised,
                    "calls": calls,
                    "speedup": speedup,
                }
            )
        exercised_total += exercised_here
        modules.append(
            {
                "name": m.name,
                "file": m.file,
                "lines": m.lines,
                "code_lines": m.code_lines,
                "translated_lines": m.translated_lines,
                "coverage": m.coverage,
                "functions_total": len(m.functions),
                "translated": m.count(TRANSLATED),
                "internal": m.count(INTERNAL),
                "python": m.count(PYTHON),
                "exercised": exercised_here if conf is not None else None,
                "cycle": m.cycle,
                "imports": m.imports,
                "error": m.error,
                "functions": functions,
            }
        )
    code = sum(m["code_lines"] for m in modules)
    translated_lines = sum(m["translated_lines"] for m in modules)
    return {
        "format": REPORT_FORMAT,
        "root": str(part.root),
        "summary": {
            "modules": len(modules),
            "functions": sum(totals.values()),
            "translated": totals[TRANSLATED],
            "internal": totals[INTERNAL],
            "python": totals[PYTHON],
            "lines": part.lines,
            "code_lines": code,
            "translated_lines": translated_lines,
            "coverage": _ratio(translated_lines, code),
            "exercised": exercised_total if index else None,
            "conformance": bool(index),
            "library": part.library,
            "seconds": round(part.seconds, 3),
        },
        "cycles": part.cycles,
        "modules": modules,
    }


# -- terminal -------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def render_table(data: Mapping[str, Any], *, verbose: bool = True) -> str:
    """Module table, then (verbose) every function with its status and reason."""
    conf = data["summary"]["conformance"]
    head = ["module", "functions", "translated", "internal", "python", "lines", "coverage"]
    if conf:
        head.append("exercised")
    rows = [head]
    for m in data["modules"]:
        row = [
            m["name"] + (" (cycle)" if m["cycle"] else ""),
            str(m["functions_total"]),
            str(m["translated"]),
            str(m["internal"]),
            str(m["python"]),
            f"{m['translated_lines']}/{m['code_lines']}",
            _pct(m["coverage"]),
        ]
        if conf:
            row.append("-" if m["exercised"] is None else str(m["exercised"]))
        rows.append(row)
    s = data["summary"]
    total = [
        "total",
        str(s["functions"]),
        str(s["translated"]),
        str(s["internal"]),
        str(s["python"]),
    ]
    total += [f"{s['translated_lines']}/{s['code_lines']}", _pct(s["coverage"])]
    if conf:
        total.append(str(s["exercised"]))
    rows.append(total)
    lines = _table(rows, set(range(1, len(head))))
    for cycle in data["cycles"]:
        lines.append("import cycle: " + " -> ".join([*cycle, cycle[0]]))
    if verbose:
        for m in data["modules"]:
            if not m["functions"] and not m["error"]:
                continue
            lines.append("")
            lines.append(f"{m['name']} ({m['file']})")
            if m["error"]:
                lines.append(f"  error: {m['error']}")
            for f in m["functions"]:
                extra = ""
                if f["exercised"] is not None:
                    extra = f"  exercised: {'yes' if f['exercised'] else 'no'}"
                    if f["speedup"] is not None:
                        extra += f", {f['speedup']:.2f}x"
                why = f" -- {f['reason']}" if f["reason"] else ""
                lines.append(
                    f"  {f['name']:<24} {f['status']:<10} {f['code_lines']:>4} lines{extra}{why}"
                )
    return "\n".join(lines)


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f4f4f4;user-select:none;white-space:nowrap}
th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{background:#eee;width:220px;height:14px;border-radius:3px;overflow:hidden;display:inline-block}
.bar>span{display:block;height:100%;background:#2e8b57}
.status-translated{color:#1f7a3f;font-weight:600}.status-internal{color:#2a5db0;font-weight:600}
.status-python{color:#a33}
.reason{font-family:ui-monospace,monospace;font-size:12px}
.summary span{margin-right:1.5em}
"""

_JS = """
(function(){
  function key(td){var v=td.getAttribute('data-v');var n=parseFloat(v);
    return (v!==''&&!isNaN(n)&&isFinite(v))?n:(v||'').toLowerCase();}
  function sortBy(table,col,dir){
    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);
      var t=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));
      return dir==='desc'?-t:t;});
    rows.forEach(function(r){body.appendChild(r);});
    var ths=table.tHead.rows[0].cells;
    for(var i=0;i<ths.length;i++){ths[i].className=(i===col?dir:'');}
    table.setAttribute('data-sorted',ths[col].getAttribute('data-key')+':'+dir);
  }
  var tables=document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables,function(table){
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
      th.addEventListener('click',function(){
        sortBy(table,i,th.className==='asc'?'desc':'asc');});});});
  // #sort=TABLE:COLUMN:asc|desc sorts on load (bookmarkable; used by the tests).
  var m=/sort=([\\w-]+):([\\w-]+):(asc|desc)/.exec(location.hash);
  if(m){var t=document.getElementById(m[1]);if(t){var ths=t.tHead.rows[0].cells;
    for(var i=0;i<ths.length;i++){if(ths[i].getAttribute('data-key')===m[2]){sortBy(t,i,m[3]);}}}}
})();
"""


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _cell(value: object, sort: object = None, cls: str = "") -> str:
    key = value if sort is None else sort
    attr = f' class="{cls}"' if cls else ""
    shown = "" if value is None else value
    return f'<td data-v="{_e("" if key is None else key)}"{attr}>{_e(shown)}</td>'


def _bar(coverage: float | None) -> str:
    width = 0.0 if coverage is None else 100 * coverage
    return (
        f'<td data-v="{"" if coverage is None else f"{coverage:.6f}"}"><span class="bar" '
        f'title="{_pct(coverage)}"><span style="width:{width:.1f}%"></span></span> '
        f"{_pct(coverage)}</td>"
    )


def render_html(data: Mapping[str, Any], title: str = "Portalis report") -> str:
    """One self-contained page (inline CSS and JS, no external resources)."""
    s = data["summary"]
    conf = s["conformance"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<p class="summary">'
        f'<span id="sum-modules">{s["modules"]} modules</span>'
        f'<span id="sum-functions">{s["functions"]} functions</span>'
        f'<span id="sum-translated">{s["translated"]} translated</span>'
        f'<span id="sum-internal">{s["internal"]} internal</span>'
        f'<span id="sum-python">{s["python"]} stay Python</span>'
        f'<span id="sum-coverage">{_pct(s["coverage"])} of code lines in WASM '
        f"({s['translated_lines']}/{s['code_lines']})</span></p>",
    ]
    for cycle in data["cycles"]:
        parts.append(f"<p>Import cycle: {_e(' -> '.join([*cycle, cycle[0]]))}</p>")
    parts.append("<h2>Modules</h2>")
    cols = [
        ("module", "module"),
        ("file", "file"),
        ("functions", "functions"),
        ("translated", "translated"),
        ("internal", "internal"),
        ("python", "python"),
        ("code_lines", "code lines"),
        ("translated_lines", "translated lines"),
        ("coverage", "coverage"),
    ]
    if conf:
        cols.append(("exercised", "exercised"))
    parts.append('<table id="modules" class="sortable"><thead><tr>')
    parts.extend(f'<th data-key="{k}">{_e(label)}</th>' for k, label in cols)
    parts.append("</tr></thead><tbody>")
    for m in data["modules"]:
        row = [
            _cell(m["name"]),
            _cell(m["file"]),
            _cell(m["functions_total"], cls="num"),
            _cell(m["translated"], cls="num"),
            _cell(m["internal"], cls="num"),
            _cell(m["python"], cls="num"),
            _cell(m["code_lines"], cls="num"),
            _cell(m["translated_lines"], cls="num"),
            _bar(m["coverage"]),
        ]
        if conf:
            row.append(_cell("-" if m["exercised"] is None else m["exercised"], m["exercised"]))
        parts.append(f'<tr data-module="{_e(m["name"])}">{"".join(row)}</tr>')
    parts.append("</tbody></table>")
    parts.append("<h2>Functions</h2>")
    fcols = [
        ("module", "module"),
        ("function", "function"),
        ("line", "line"),
        ("code_lines", "lines"),
        ("status", "status"),
    ]
    if conf:
        fcols += [("exercised", "exercised"), ("calls", "calls"), ("speedup", "speedup")]
    fcols.append(("reason", "why not"))
    parts.append('<table id="functions" class="sortable"><thead><tr>')
    parts.extend(f'<th data-key="{k}">{_e(label)}</th>' for k, label in fcols)
    parts.append("</tr></thead><tbody>")
    for m in data["modules"]:
        for f in m["functions"]:
            row = [
                _cell(m["name"]),
                _cell(f["name"]),
                _cell(f["line"], cls="num"),
                _cell(f["code_lines"], cls="num"),
                _cell(f["status"], cls=f"status-{f['status']}"),
            ]
            if conf:
                ex = f["exercised"]
                row.append(_cell("-" if ex is None else ("yes" if ex else "no")))
                row.append(_cell("-" if f["calls"] is None else f["calls"], f["calls"]))
                sp = f["speedup"]
                row.append(_cell("-" if sp is None else f"{sp:.2f}x", sp))
            row.append(_cell(f["reason"] or "", cls="reason"))
            parts.append(f"<tr>{''.join(row)}</tr>")
    parts.append("</tbody></table>")
    parts.append(
        '<script type="application/json" id="portalis-data">'
        + json.dumps(data).replace("</", "<\\/")
        + "</script>"
    )
    parts.append(f"<script>{_JS}</script></body></html>")
    return "\n".join(parts) + "\n"
