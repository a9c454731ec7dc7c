"""Library mode's one crate per package: calls between modules run inside WASM.

The statkit example is built as one crate and one `.wasm`; functions that
call helpers imported from other modules of the package (`variance` calls
`_util.square` and `core.mean`; `label_width` calls `_util.digit_count`) are
translated and must give exactly CPython's answers: the same calls are
evaluated by plain CPython and by the library-mode build, each in its own
interpreter, and the printed `repr`s of results and exceptions compared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from portalis.cache import Cache
from portalis.library.crate import analyse_package, build_package, rust_module_name
from portalis.library.graph import discover_tree

ROOT = Path(__file__).resolve().parent.parent
STATKIT_SRC = ROOT / "examples" / "statkit_library" / "src"
PACKAGE = STATKIT_SRC / "statkit"

FLOATS = [0.0, -0.0, 1.5, -2.25, 1e300, -1e300, 1e-310, float("inf"), float("nan"), 3.0]
LISTS = [[], [1.0], [1.0, 2.0, 4.0], [0.1, 0.2, 0.3], [1e300, -1e300], [float("inf"), 1.0]]
LISTS += [[float("nan")], [-0.0, 0.0], FLOATS, [1e308, 1e308], [5e-324, 5e-324, 1.0]]
INTS = [0, 1, -1, 9, 10, -99, 12345, 2**62, -(2**63), 2**63 - 1, 2**63, -(2**70), 10**30]

CALLS = (
    [("statkit.core", "variance", [xs]) for xs in LISTS]
    + [("statkit.core", "mean", [xs]) for xs in LISTS]
    + [("statkit.histogram", "label_width", [n]) for n in INTS]
    + [("statkit._util", "digit_count", [n]) for n in INTS]
    + [("statkit.core", "sum_of_squares", [n]) for n in (0, 1, 10, 3_000_000, -5)]
    + [("statkit.histogram", "bucket_counts", [xs, 0.5, 4]) for xs in LISTS]
    + [("statkit.core", "clipped_total", [xs, -1.0, 2.0]) for xs in LISTS]
    + [("statkit.histogram", "centred_mean", [xs]) for xs in LISTS]
    + [("statkit.intervals", "bucket_of", [x, w]) for x in FLOATS for w in (0.5, -1.0, 0.0)]
)

RUNNER = textwrap.dedent(
    """
    import importlib, json, sys
    sys.path.insert(0, sys.argv[1])
    mode, calls = sys.argv[2], json.loads(sys.stdin.read())
    names = sorted({c[0] for c in calls} | {"statkit"})
    mods = {n: importlib.import_module(n) for n in names}
    if mode == "wasm":
        from pathlib import Path
        from portalis.cache import Cache
        from portalis.library.crate import load_package
        load_package(Path(sys.argv[1]) / "statkit", mods, cache=Cache(Path(sys.argv[3])))
        info = {n: sorted(m.__portalis__.translated) for n, m in mods.items()}
    else:
        info = {}
    out = []
    for module, fn, args in calls:
        args = [float(a) if isinstance(a, str) else a for a in args]
        args = [[float(x) if isinstance(x, str) else x for x in a] if isinstance(a, list) else a
                for a in args]
        try:
            out.append("ok " + repr(getattr(mods[module], fn)(*args)))
        except Exception as exc:
            out.append(f"raise {type(exc).__name__}: {exc}")
    stats = {}
    if mode == "wasm":
        for n, m in mods.items():
            for f, s in m.__portalis__.call_stats.items():
                stats[f"{n}.{f}"] = s.as_dict()
    print(json.dumps({"results": out, "translated": info, "stats": stats}))
    """
)


def _encode(value: object) -> object:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return repr(value)  # json has no nan/inf; the runner turns them back into floats
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def run_calls(mode: str, cache: Path) -> dict:  # type: ignore[type-arg]
    payload = json.dumps([[m, f, [_encode(a) for a in args]] for m, f, args in CALLS])
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, str(STATKIT_SRC), mode, str(cache)],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_imported_translated_helpers_are_linked_in_the_analysis() -> None:
    pspecs = analyse_package(discover_tree(PACKAGE))
    # `parse_formula` is imported too, but it is not translated where it lives;
    # `_util.clamp(...)` is linked under a name made up for the call
    assert pspecs.externals["statkit.core"] == {
        "square": ("statkit._util", "square"),
        "_util__clamp": ("statkit._util", "clamp"),
    }
    assert pspecs.externals["statkit.histogram"] == {
        "digit_count": ("statkit._util", "digit_count"),
        "core_mod__mean": ("statkit.core", "mean"),
        "intervals__overlap_length": ("statkit.intervals", "overlap_length"),
    }
    assert pspecs.externals["statkit.intervals"] == {
        "histogram__bucket_index": ("statkit.histogram", "bucket_index")
    }
    core = pspecs.specs["statkit.core"].functions
    assert core["variance"].skip is None and "square" in core["variance"].calls
    # an untranslatable callee in another module keeps its caller in Python
    assert core["weighted_score"].skip is not None
    hist = pspecs.specs["statkit.histogram"].functions
    assert hist["label_width"].skip is None
    # a callee that mutates a list is not called across modules from WASM
    # (none of statkit's callers needs one; bucket_counts is only re-exported)
    assert all(why.endswith("not supported yet") for why in pspecs.refused.values())


def test_one_wasm_for_the_package_and_exact_cpython_answers(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    art = build_package(PACKAGE, cache=Cache(cache))
    assert not art.cache_hit
    lib_rs = (art.wasm_path.parent / "lib.rs").read_text()
    core = rust_module_name("statkit.core")
    assert f"pub mod {core} {{" in lib_rs
    assert f"use super::{rust_module_name('statkit._util')}::square as square;" in lib_rs
    assert lib_rs.count('pub extern "C" fn __portalis_error_info') == 1
    symbols = [e.symbol for share in art.modules.values() for e in share.exports]
    assert len(symbols) == len(set(symbols))  # module-qualified: no clashes across modules
    assert art.modules["statkit.core"].wasm_path == art.modules["statkit._util"].wasm_path

    python = run_calls("python", cache)
    wasm = run_calls("wasm", cache)
    assert set(wasm["translated"]["statkit.core"]) >= {"mean", "variance", "sum_of_squares"}
    assert {"label_width", "centred_mean"} <= set(wasm["translated"]["statkit.histogram"])
    assert "bucket_of" in wasm["translated"]["statkit.intervals"]
    for call, expected, got in zip(CALLS, python["results"], wasm["results"]):
        assert got == expected, call
    # the cross-module callers ran in WASM: float lists never re-run in CPython
    stats = wasm["stats"]["statkit.core.variance"]
    assert stats["bails"] == stats["type_fallbacks"] == stats["traps"] == 0, stats
    # unchanged sources: the same artifact from the cache; one edit: a new one
    again = build_package(PACKAGE, cache=Cache(cache))
    assert again.cache_hit and again.key == art.key


def test_cache_key_covers_every_module_source(tmp_path: Path) -> None:
    import shutil

    from portalis.build import BuildOptions
    from portalis.ingest import ingest
    from portalis.library.crate import package_key
    from portalis.toolchain import find_toolchain

    try:
        tc = find_toolchain()
    except Exception as exc:  # pragma: no cover - no toolchain
        pytest.skip(str(exc))
    copy = tmp_path / "statkit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    mods = discover_tree(copy)

    def key() -> str:
        return package_key([ingest(m.path, module_name=m.name) for m in mods], tc, BuildOptions())

    first = key()
    assert key() == first
    util = copy / "_util.py"
    util.write_text(util.read_text() + "\n# edited\n")
    assert key() != first


def test_conformance_plugin_runs_the_package_crate_both_ways(tmp_path: Path) -> None:
    """`pytest --portalis-conformance` on the example (its pyproject says `library = true`).

    Every test agrees between CPython and WASM, and the plugin's counters show
    that `variance`'s calls to `square` (another module) never came back into
    Python: the Python variant sees them as nested calls, the WASM one does not.
    """
    import shutil

    project = tmp_path / "statkit_library"
    shutil.copytree(
        STATKIT_SRC.parent, project, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    report = tmp_path / "conformance.json"
    env = dict(
        os.environ,
        PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{project / 'src'}",
        PORTALIS_CACHE_DIR=str(tmp_path / "cache"),
    )
    args = ["-q", "-p", "no:cacheprovider", "--portalis-conformance", f"--portalis-report={report}"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 conformance failures" in proc.stdout
    modules = {m["name"]: m for m in json.loads(report.read_text())["modules"]}
    assert "variance" in modules["statkit.core"]["translated"]
    square = next(f for f in modules["statkit._util"]["functions"] if f["name"] == "square")
    assert square["nested_calls"]["python"] > 0 and square["nested_calls"]["wasm"] == 0


def test_build_project_in_library_mode_stages_one_wasm_per_package(tmp_path: Path) -> None:
    """`library = true` through the same `build_project` the wheel hooks use."""
    from portalis.config import load_config
    from portalis.package import build_project, discover, summary_table
    from portalis_build.wheel import stage_wheel_files

    root = tmp_path / "proj"
    files = {
        "src/geo/__init__.py": "",
        "src/geo/_base.py": "def sq(x: float) -> float:\n    return x * x\n",
        "src/geo/dist.py": (
            "from ._base import sq\n\n\n"
            "def dist2(x: float, y: float) -> float:\n    return sq(x) + sq(y)\n"
        ),
        "src/solo.py": "def inc(n: int) -> int:\n    return n + 1\n",
        "pyproject.toml": (
            "[project]\nname = 'proj'\nversion = '0'\n\n[tool.portalis]\n"
            'packages = ["geo"]\nmodules = ["solo"]\nlibrary = true\nopt-level = "1"\n'
        ),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    config = load_config(root / "pyproject.toml")
    assert config is not None and config.library
    lines: list[str] = []
    cache = Cache(tmp_path / "cache")
    built = build_project(config, discover(config), progress=lines.append, cache=cache)
    by_name = {r.module.name: r for r in built.results}
    assert by_name["geo.dist"].translated == ["dist2"]  # calls `sq` of geo._base inside WASM
    assert by_name["geo.dist"].wasm_path == by_name["geo._base"].wasm_path
    assert any("package geo: one crate, one .wasm for 3 module(s)" in s for s in lines)
    staged = stage_wheel_files(built, tmp_path / "stage", "proj")
    wasm = sorted(v for v in staged.values() if v.endswith(".wasm"))
    assert wasm == ["geo/_portalis_geo.wasm", "solo.wasm"]
    manifest = json.loads((tmp_path / "stage" / "geo" / ".portalis" / "manifest.json").read_text())
    assert {e["wasm"] for e in manifest["modules"].values()} == {"geo/_portalis_geo.wasm"}
    again = build_project(config, discover(config), progress=lines.append, cache=cache)
    assert all(r.cache_hit for r in again.results)
    assert "unchanged: reused from the Portalis cache" in summary_table(again)
