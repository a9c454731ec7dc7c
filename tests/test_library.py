"""Library mode: import/call graphs across modules, reason chains, `portalis report`.

The graph tests build small packages in a temporary directory, one import
form each; the report tests use `examples/statkit_library`, whose expected
numbers come from CPython itself (`inspect` on the imported modules) and
from its known design (which functions translate). The HTML page is opened
in headless Chromium and its tables are read back from the rendered DOM.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from portalis.cli import main
from portalis.library import partition
from portalis.library.graph import PackageGraph, discover_tree, module_facts, strongly_connected
from portalis.library.partition import CROSS_MODULE, Progress
from portalis.library.report import render_html, report_data

ROOT = Path(__file__).resolve().parent.parent
STATKIT = ROOT / "examples" / "statkit_library"

# The example's known design, module by module: what runs in WASM at least (the
# translator keeps growing: more may), and what must stay Python whatever it learns.
STATKIT_MUST_STAY_PYTHON = {
    ("statkit.dynamic", "parse_formula"),  # eval
    ("statkit.dynamic", "evaluate"),  # calls parse_formula
    ("statkit.dynamic", "attribute"),  # getattr on an `object`
    ("statkit.core", "weighted_score"),  # calls parse_formula, in another module
}
STATKIT_TRANSLATED = {
    "statkit": set(),
    "statkit._util": {"square", "clamp", "digit_count"},
    "statkit.core": {"mean", "sum_of_squares"},
    "statkit.dynamic": set(),
    "statkit.histogram": {"bucket_index", "bucket_counts"},
    "statkit.intervals": {"overlap_length"},
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


def graph_of(target: Path) -> PackageGraph:
    from portalis.ingest import ingest

    modules = discover_tree(target)
    known = {m.name for m in modules}
    facts = []
    for m in modules:
        unit = ingest(m.path, module_name=m.name)
        facts.append(module_facts(m, unit.tree, unit.text, known))
    return PackageGraph(facts)


IMPORT_FORMS = {
    "pkg/__init__.py": """
        from .sub.deep import leaf as exported_leaf
        from .star_src import *
    """,
    "pkg/sub/__init__.py": "",
    "pkg/sub/deep.py": """
        from .. import star_src

        def leaf(x: int) -> int:
            return x + 1

        def up(x: int) -> int:
            return star_src.starred(x)
    """,
    "pkg/star_src.py": """
        __all__ = ["starred"]

        def starred(x: int) -> int:
            return x

        def hidden(x: int) -> int:
            return x
    """,
    "pkg/a.py": """
        import pkg.sub.deep
        import pkg.sub.deep as d
        from pkg import exported_leaf
        from . import sub
        from .star_src import *
        from .sub import deep

        def f1(x: int) -> int:
            return d.leaf(x)

        def f2(x: int) -> int:
            return pkg.sub.deep.leaf(x)

        def f3(x: int) -> int:
            return deep.leaf(x)

        def f4(x: int) -> int:
            return exported_leaf(x)

        def f5(x: int) -> int:
            return starred(x)

        def f6(leaf: int) -> int:
            return sub.deep.leaf(leaf)

        def f7(x: int) -> int:
            exported_leaf = abs
            return exported_leaf(x)

        def f8(x: int) -> int:
            return hidden(x) + len("x")
    """,
    "pkg/cyc1.py": """
        from . import cyc2

        def g(n: int) -> int:
            return cyc2.h(n - 1) if n > 0 else 0
    """,
    "pkg/cyc2.py": """
        from .cyc1 import g

        def h(n: int) -> int:
            return g(n - 1) if n > 0 else 1
    """,
    "pkg/r1.py": "from .r2 import loop\n",
    "pkg/r2.py": "from .r1 import loop\n",
}


def test_every_import_form_resolves_to_the_defining_module(tmp_path: Path) -> None:
    root = write_tree(tmp_path, IMPORT_FORMS)
    graph = graph_of(root / "pkg")
    edges = graph.call_edges()
    leaf = ("pkg.sub.deep", "leaf")
    for fn in ("f1", "f2", "f3", "f4", "f6"):
        assert [callee for callee, _ in edges[("pkg.a", fn)]] == [leaf], fn
    assert [c for c, _ in edges[("pkg.a", "f5")]] == [("pkg.star_src", "starred")]
    assert edges[("pkg.a", "f7")] == []  # the local `exported_leaf` shadows the import
    assert edges[("pkg.a", "f8")] == []  # not in __all__: `import *` does not bring it
    # `from .. import star_src` from a module two levels down
    assert [c for c, _ in edges[("pkg.sub.deep", "up")]] == [("pkg.star_src", "starred")]
    # re-exports in __init__ are followed; a re-export cycle resolves to nothing
    assert graph.resolve("pkg", "exported_leaf") == leaf
    assert graph.resolve("pkg.r1", "loop") is None
    # the lines are the call sites
    text = (root / "pkg" / "a.py").read_text().splitlines()
    (_, line) = edges[("pkg.a", "f2")][0]
    assert "pkg.sub.deep.leaf(x)" in text[line - 1]


def test_import_cycles_are_strongly_connected_components(tmp_path: Path) -> None:
    graph = graph_of(write_tree(tmp_path, IMPORT_FORMS) / "pkg")
    assert sorted(graph.cycles()) == [["pkg.cyc1", "pkg.cyc2"], ["pkg.r1", "pkg.r2"]]
    assert "pkg" in graph.modules["pkg.a"].imports  # `from pkg import exported_leaf`
    assert graph.dependents({"pkg.star_src"}) >= {"pkg", "pkg.a", "pkg.sub.deep"}
    # iterative: a 5,000-module chain plus one back edge is one component, no RecursionError
    chain = {f"m{i}": [f"m{i + 1}"] for i in range(5000)}
    chain["m5000"] = ["m0"]
    (component,) = strongly_connected(chain)
    assert len(component) == 5001


def test_calls_across_modules_keep_callers_in_python_with_the_chain(tmp_path: Path) -> None:
    root = write_tree(tmp_path, IMPORT_FORMS)
    part = partition(root / "pkg", jobs=1)
    leaf = part.function("pkg.sub.deep", "leaf")
    assert leaf.status == "translated" and leaf.reason is None
    f1 = part.function("pkg.a", "f1")
    assert f1.status == "python"
    assert f1.reason is not None and CROSS_MODULE in f1.reason
    assert "calls `leaf` at pkg/a.py:" in f1.reason and "pkg/sub/deep.py:" in f1.reason
    # mutual recursion across an import cycle: the chain stops where it loops
    g = part.function("pkg.cyc1", "g")
    assert [h.function for h in g.chain] == ["g", "h", "g"]
    assert g.chain[-1].message.startswith("a call cycle across modules")


# -- the example package -------------------------------------------------------------------------


def cpython_view() -> dict[str, dict[str, list[int]]]:
    """Per module, each top-level def's (line, code lines) as CPython's `inspect` sees them."""
    probe = textwrap.dedent(
        """
        import importlib, inspect, json, sys
        out = {}
        for name in sys.argv[1:]:
            mod = importlib.import_module(name)
            defs = {}
            for attr, obj in vars(mod).items():
                if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == name:
                    lines, first = inspect.getsourcelines(obj)
                    code = [s for s in lines if s.strip() and not s.strip().startswith("#")]
                    def_line = first + next(
                        i for i, s in enumerate(lines) if s.lstrip().startswith(("def ", "class "))
                    )
                    defs[attr] = [def_line, len(code)]
            out[name] = defs
        print(json.dumps(out))
        """
    )
    env = dict(os.environ, PYTHONPATH=str(STATKIT / "src"))
    proc = subprocess.run(
        [sys.executable, "-c", probe, *STATKIT_TRANSLATED],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def statkit_report() -> dict:  # type: ignore[type-arg]
    return report_data(partition(STATKIT))


def test_report_numbers_match_the_example_package(statkit_report: dict) -> None:  # type: ignore[type-arg]
    view = cpython_view()
    modules = {m["name"]: m for m in statkit_report["modules"]}
    assert set(modules) == set(STATKIT_TRANSLATED)
    total_code = total_translated = 0
    for name, translated in STATKIT_TRANSLATED.items():
        m = modules[name]
        functions = {f["name"]: f for f in m["functions"]}
        assert set(functions) == set(view[name]), name
        for fn, (line, code) in view[name].items():
            assert functions[fn]["line"] == line, (name, fn)
            assert functions[fn]["code_lines"] == code, (name, fn)
        in_wasm = {f for f, d in functions.items() if d["status"] in ("translated", "internal")}
        assert in_wasm >= translated, name
        assert not {(name, f) for f in in_wasm} & STATKIT_MUST_STAY_PYTHON
        code_lines = sum(c for _, c in view[name].values())
        translated_lines = sum(view[name][f][1] for f in in_wasm)
        assert (m["code_lines"], m["translated_lines"]) == (code_lines, translated_lines)
        assert m["translated"] + m["internal"] == len(in_wasm)
        assert m["python"] == len(functions) - len(in_wasm)
        if code_lines:
            assert m["coverage"] == pytest.approx(translated_lines / code_lines)
        assert m["lines"] == len((STATKIT / "src" / m["file"]).read_text().splitlines())
        total_code += code_lines
        total_translated += translated_lines
    s = statkit_report["summary"]
    assert (s["code_lines"], s["translated_lines"]) == (total_code, total_translated)
    assert s["functions"] == sum(len(v) for v in view.values())
    assert statkit_report["cycles"] == [["statkit.histogram", "statkit.intervals"]]
    assert modules["statkit.intervals"]["cycle"] == ["statkit.histogram", "statkit.intervals"]


def test_report_reasons_chain_across_modules(statkit_report: dict) -> None:  # type: ignore[type-arg]
    fns = {(m["name"], f["name"]): f for m in statkit_report["modules"] for f in m["functions"]}
    core_lines = (STATKIT / "src" / "statkit" / "core.py").read_text().splitlines()
    dyn_lines = (STATKIT / "src" / "statkit" / "dynamic.py").read_text().splitlines()
    call_line = 1 + next(i for i, s in enumerate(core_lines) if "parse_formula(text)" in s)
    eval_line = 1 + next(i for i, s in enumerate(dyn_lines) if "eval(" in s)
    score = fns[("statkit.core", "weighted_score")]
    assert score["status"] == "python"
    assert [(h["module"], h["function"]) for h in score["chain"]] == [
        ("statkit.core", "weighted_score"),
        ("statkit.dynamic", "parse_formula"),
    ]
    assert score["chain"][0]["location"] == f"statkit/core.py:{call_line}"
    assert score["chain"][1]["location"].startswith(f"statkit/dynamic.py:{eval_line}:")
    assert "`eval`" in score["chain"][1]["message"]
    assert score["reason"].startswith(f"calls `parse_formula` at statkit/core.py:{call_line}")
    # within one module the chain is the same kind of thing
    assert [h["function"] for h in fns[("statkit.dynamic", "evaluate")]["chain"]] == [
        "evaluate",
        "parse_formula",
    ]
    # a translated helper called from another module: the caller stays Python, and says why
    variance = fns[("statkit.core", "variance")]
    assert CROSS_MODULE in variance["reason"] and "`statkit._util`" in variance["reason"]
    via_alias = fns[("statkit.histogram", "centred_mean")]  # `import statkit.core as core_mod`
    assert "calls `mean`" in via_alias["reason"] and "`statkit.core`" in via_alias["reason"]
    # the dataclass: a Rust type of its module now that classes translate
    assert fns[("statkit.intervals", "Interval")]["kind"] == "class"


def test_report_cli_json_table_and_conformance_join(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.json"
    assert main(["report", str(STATKIT), "--json", str(out), "-j", "1"]) == 0
    table = capsys.readouterr().out
    data = json.loads(out.read_text())
    # the example sets `library = true`: the report follows the build
    assert data["summary"]["library"] is True
    assert data["modules"] == report_data(partition(STATKIT, library=True))["modules"]
    total = next(line for line in table.splitlines() if line.startswith("total"))
    s = data["summary"]
    counts = ("functions", "translated", "internal", "python")
    assert total.split()[1:5] == [str(s[k]) for k in counts]
    assert "import cycle: statkit.histogram -> statkit.intervals" in table
    # joined with a conformance report (the plugin's JSON layout; the real one is
    # produced by tests/test_library_wheel.py): exercised and speedup per function
    conf = {
        "version": 1,
        "modules": [
            {
                "name": "statkit.core",
                "mode": "wasm",
                "functions": [
                    {
                        "name": "sum_of_squares",
                        "calls": {"python": 2, "wasm": 2, "compare": 0},
                        "nested_calls": {"python": 0, "wasm": 0},
                        "speedup": 12.5,
                    }
                ],
                "unexercised": ["mean"],
            }
        ],
    }
    cpath = tmp_path / "conf.json"
    cpath.write_text(json.dumps(conf))
    assert main(["report", str(STATKIT), "--json", "-", "--conformance", str(cpath)]) == 0
    joined = json.loads(capsys.readouterr().out)
    core = next(m for m in joined["modules"] if m["name"] == "statkit.core")
    fns = {f["name"]: f for f in core["functions"]}
    assert (fns["sum_of_squares"]["exercised"], fns["sum_of_squares"]["speedup"]) == (True, 12.5)
    assert (fns["mean"]["exercised"], fns["mean"]["calls"]) == (False, 0)
    assert fns["weighted_score"]["exercised"] is None  # stays Python: not instrumented, not guessed
    assert core["exercised"] == 1
    assert main(["report", str(tmp_path / "missing")]) == 2


def test_progress_bar_counts_files_and_lines(tmp_path: Path) -> None:
    import io

    stream = io.StringIO()
    bar = Progress(4, stream=stream, width=10)
    bar.update(2, 100)
    bar.update(2, 50)
    bar.close()
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("[##########] 4/4 files, 150 lines")


# -- the HTML page in a real browser -------------------------------------------------------------


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium (scripts/bootstrap.sh installs it)")


class TableReader(HTMLParser):
    """Rows of the tables of a rendered page: id -> [[cell text, ...], ...] (header first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id"):
            self._table = a["id"]
            self.tables[self._table] = []
            self.attrs[self._table] = a
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rendered_tables(page: Path, fragment: str = "") -> TableReader:
    proc = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--user-data-dir=" + str(page.parent / "chromium-profile"),
            "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    reader = TableReader()
    reader.feed(proc.stdout)
    return reader


def test_html_report_read_back_from_headless_chromium(tmp_path: Path, statkit_report: dict) -> None:  # type: ignore[type-arg]
    page = tmp_path / "report.html"
    page.write_text(render_html(statkit_report, "statkit"))
    text = page.read_text()
    assert "http://" not in text and "https://" not in text and "src=" not in text  # self-contained
    tables = rendered_tables(page)
    header, *rows = tables.tables["modules"]
    assert header[:2] == ["module", "file"]
    col = {h: i for i, h in enumerate(header)}
    expected = {m["name"]: m for m in statkit_report["modules"]}
    assert [r[0] for r in rows] == list(expected)
    for row in rows:
        m = expected[row[0]]
        for key in ("translated", "internal", "python", "code_lines", "translated_lines"):
            label = key.replace("_", " ")
            assert row[col[label]] == str(m[key]), (row[0], key)
        cov = "-" if m["coverage"] is None else f"{100 * m['coverage']:.1f}%"
        assert row[col["coverage"]] == cov
    fheader, *frows = tables.tables["functions"]
    assert len(frows) == statkit_report["summary"]["functions"]
    fcol = {h: i for i, h in enumerate(fheader)}
    for m in statkit_report["modules"]:
        for f in m["functions"]:
            row = next(r for r in frows if r[0] == m["name"] and r[1] == f["name"])
            assert row[fcol["status"]] == f["status"]
            assert row[fcol["why not"]] == (f["reason"] or "")
    # the page's own script sorts: by lines, descending, as the URL fragment asks
    sorted_page = rendered_tables(page, "#sort=functions:code_lines:desc")
    assert sorted_page.attrs["functions"].get("data-sorted") == "code_lines:desc"
    _, *srows = sorted_page.tables["functions"]
    lines = [int(r[fcol["lines"]]) for r in srows]
    assert lines == sorted(lines, reverse=True) and lines != [int(r[fcol["lines"]]) for r in frows]


def test_library_mode_report_links_imported_helpers(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "lib.json"
    assert main(["report", str(STATKIT), "--library", "--json", str(out)]) == 0
    capsys.readouterr()
    data = json.loads(out.read_text())
    assert data["summary"]["library"] is True
    fns = {(m["name"], f["name"]): f for m in data["modules"] for f in m["functions"]}
    in_wasm = {k for k, f in fns.items() if f["status"] != "python"}
    per_module = {(m, f) for m, names in STATKIT_TRANSLATED.items() for f in names}
    # by name (`from ._util import square`), through module attributes (`_util.clamp`,
    # `core_mod.mean` of `import statkit.core as core_mod`), across the import cycle
    linked = {
        ("statkit.core", "variance"),
        ("statkit.core", "clipped_total"),
        ("statkit.histogram", "label_width"),
        ("statkit.histogram", "centred_mean"),
        ("statkit.intervals", "bucket_of"),
    }
    assert in_wasm >= per_module | linked and not in_wasm & STATKIT_MUST_STAY_PYTHON
    assert "`eval`" in fns[("statkit.core", "weighted_score")]["reason"]


LIBRARY_LIMITS = {
    "lib/__init__.py": "",
    "lib/m.py": """
        def push(xs: list[int], v: int) -> int:
            xs.append(v)
            return len(xs)

        def double(x: int) -> int:
            return x * 2
    """,
    "lib/u.py": """
        from . import m, v
        from .m import push

        def use_push(xs: list[int]) -> int:
            return push(xs, 1)

        def use_double(x: int) -> int:
            return m.double(x) + 1

        def ping(n: int) -> int:
            return v.pong(n - 1) if n > 0 else 0
    """,
    "lib/e.py": """
        class Negative(ValueError):
            pass

        def checked(x: int) -> int:
            if x < 0:
                raise Negative("negative")
            return x
    """,
    "lib/w.py": """
        from .e import checked

        def use_checked(x: int) -> int:
            return checked(x) + 1
    """,
    "lib/v.py": """
        from . import u

        def pong(n: int) -> int:
            return u.ping(n - 1) if n > 0 else 1
    """,
}


def test_library_mode_says_why_a_call_across_modules_is_not_linked(tmp_path: Path) -> None:
    root = write_tree(tmp_path, LIBRARY_LIMITS)
    part = partition(root / "lib", library=True)
    assert part.function("lib.u", "use_double").status == "translated"
    use_push = part.function("lib.u", "use_push")
    assert use_push.status == "python"
    assert use_push.reason is not None and "`push` (lib.m) may mutate a list" in use_push.reason
    # its exceptions would be decoded against the caller's classes: not linked
    assert part.function("lib.e", "checked").status == "translated"
    use_checked = part.function("lib.w", "use_checked")
    assert use_checked.status == "python"
    assert use_checked.reason is not None
    assert "defines its own exception classes" in use_checked.reason
    pong = part.function("lib.v", "pong")
    assert pong.status == "python"
    assert (
        pong.chain[-1].message
        == "a call cycle across modules; recursion across modules stays Python"
    )


def test_scale_benchmark_runs_and_reports_throughput() -> None:
    """`bench/bench_library.py` on a small tree: the figures it prints are the real ones."""
    bench = str(ROOT / "bench" / "bench_library.py")
    proc = subprocess.run(
        [sys.executable, bench, "--files", "120", "--skip-build", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = next(s for s in proc.stdout.splitlines() if s.startswith("analysis:"))
    assert "120 files" in line and "lines/s" in line and "lines per CPU-second" in line
    assert "120/120 files" in proc.stderr  # the progress bar
