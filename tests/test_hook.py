"""The import hook: activation, which modules, a real module, staleness, wheels, site.

Real interpreters (subprocesses) wherever process-wide state matters
(sys.meta_path, sys.modules, warnings-once), real builds, real wasmtime.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import portalis_hook
from portalis_hook._finder import PortalisFinder
from portalis_hook.manifest import (
    Manifest,
    ManifestError,
    ModuleEntry,
    pth_line,
    read_manifest,
    write_manifest,
)
from portalis_hook.site import BEGIN, END, install_block, uninstall_block
from test_hook_support import (
    DESCRIBE,
    child_env,
    fixture_wheel,
    last_json,
    project,
    real_wheel,
    run_py,
)

FAST = '''\
"""Fast helpers."""

__all__ = ["add", "hyp", "describe"]
print("module code ran")


def add(a: int, b: int) -> int:
    """Add two ints."""
    return a + b


def hyp(x: float, y: float = 4.0) -> float:
    return (x * x + y * y) ** 0.5


def describe(n):  # no annotations: stays Python whatever the translator learns
    return "n=" + str(n)
'''


# -- activation ------------------------------------------------------------------------


@pytest.fixture
def clean_hook() -> object:
    """Leave sys.meta_path as found, whatever a test installs."""
    before = list(sys.meta_path)
    yield None
    portalis_hook.uninstall()
    sys.meta_path[:] = before


def test_install_is_idempotent_and_uninstall_removes_it(clean_hook: object) -> None:
    first = portalis_hook.install(modules=["nothing_here_xyz"], projects=[])
    second = portalis_hook.install(modules=["other_xyz.*"], projects=[])
    assert first is second and portalis_hook.is_installed()
    assert sum(isinstance(f, PortalisFinder) for f in sys.meta_path) == 1
    assert sys.meta_path[0] is first
    assert first is not None and "nothing_here_xyz" in first.exact
    assert [p for p, _ in first.globs] == ["other_xyz.*"]
    portalis_hook.uninstall()
    assert not portalis_hook.is_installed()
    assert not any(isinstance(f, PortalisFinder) for f in sys.meta_path)
    portalis_hook.uninstall()  # idempotent too


def test_portalis_mode_off_disables_the_hook(
    clean_hook: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTALIS_MODE", "off")
    assert portalis_hook.install(modules=["x_off"]) is None
    assert not portalis_hook.is_installed()
    portalis_hook._activate_from_manifests("x_off_pkg")
    assert not portalis_hook.is_installed()


def test_bad_mode_is_a_clear_error(clean_hook: object, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="not a Portalis mode"):
        portalis_hook.install(mode="fast")
    monkeypatch.setenv("PORTALIS_MODE", "turbo")
    with pytest.raises(ValueError, match="PORTALIS_MODE='turbo'"):
        portalis_hook.install()


def test_unrelated_names_are_a_dict_lookup(clean_hook: object) -> None:
    finder = portalis_hook.install(modules=["marked_xyz", "glob_xyz.*"], projects=[])
    assert finder is not None
    assert finder.find_spec("json") is None
    assert finder.find_spec("glob_xyzz") is None
    assert finder.find_spec("os.path") is None
    # Marked names that do not exist resolve to nothing, without error.
    assert finder.find_spec("marked_xyz") is None
    assert finder.find_spec("glob_xyz.sub") is None


# -- a real module ------------------------------------------------------------------------


def test_marked_module_is_a_real_module(tmp_path: Path) -> None:
    (tmp_path / "fastmod.py").write_text(FAST)
    proc = run_py(
        DESCRIBE
        + """
import inspect, io, json, pickle, pydoc, sys
import portalis_hook
portalis_hook.install(modules=["fastmod"], projects=[])
import fastmod as m
from importlib.machinery import SourceFileLoader
help_text = pydoc.render_doc(m.add, renderer=pydoc.plaintext)
values = [m.add(2, 3), m.hyp(3.0), m.hyp(x=6.0, y=8.0), m.describe(4), m.add(2**62, 2**62)]
out = describe(m)
out.update(
    file=m.__file__, doc=m.__doc__, all=m.__all__, spec=m.__spec__.name,
    origin=m.__spec__.origin, loader_ok=m.__loader__ is m.__spec__.loader
        and isinstance(m.__loader__, SourceFileLoader),
    cached=m.__spec__.cached is not None,
    name=m.add.__name__, qualname=m.add.__qualname__, fdoc=m.add.__doc__,
    module=m.add.__module__, wrapped=m.add.__wrapped__.__code__.co_filename == m.__file__,
    is_wrapper=m.add is not m.add.__wrapped__,
    sig=str(inspect.signature(m.add)), hyp_sig=str(inspect.signature(m.hyp)),
    help="Add two ints." in help_text and "add(a: int, b: int) -> int" in help_text,
    pickled=pickle.loads(pickle.dumps(m.add)) is m.add,
    pickled_hyp=pickle.loads(pickle.dumps(m.hyp)) is m.hyp,
    describe_is_original=not hasattr(m.describe, "__wrapped__")
        and m.describe.__code__.co_filename == m.__file__,
    values=values,
    source=inspect.getsource(m).startswith('\"\"\"Fast helpers.'),
    same_in_sys_modules=sys.modules["fastmod"] is m,
)
print(json.dumps(out))
""",
        env=child_env(tmp_path),
    )
    out = last_json(proc)
    assert proc.stdout.count("module code ran") == 1
    assert out["mode"] == "wasm" and out["translated"] == ["add", "hyp"]
    assert out["skipped"] == ["describe"]
    assert out["file"] == str(tmp_path / "fastmod.py") == out["origin"]
    assert out["doc"] == "Fast helpers." and out["all"] == ["add", "hyp", "describe"]
    assert out["spec"] == "fastmod" and out["loader_ok"] and out["cached"]
    assert (out["name"], out["qualname"], out["fdoc"], out["module"]) == (
        "add",
        "add",
        "Add two ints.",
        "fastmod",
    )
    assert out["wrapped"] and out["is_wrapper"] and out["help"] and out["source"]
    assert out["sig"] == "(a: int, b: int) -> int"
    assert out["hyp_sig"] == "(x: float, y: float = 4.0) -> float"
    assert out["pickled"] and out["pickled_hyp"] and out["describe_is_original"]
    assert out["values"] == [5, 5.0, 10.0, "n=4", 2**63]  # the last one overflowed i64
    assert out["stats"]["add"]["bails"] == 1
    assert out["same_in_sys_modules"]


def test_project_config_marks_modules_of_that_project_only(tmp_path: Path) -> None:
    proj = project(
        tmp_path / "proj",
        {"pkg/__init__.py": "", "pkg/fast.py": FAST, "pkg/plain.py": FAST},
        'modules = ["pkg.fast"]',
    )
    # A same-named module elsewhere (no project, or not marked there) is not claimed.
    other = tmp_path / "other"
    (other / "pkg2").mkdir(parents=True)
    (other / "pkg2" / "__init__.py").write_text("")
    (other / "pkg2" / "fast.py").write_text(FAST)
    code = (
        DESCRIBE
        + """
import json, portalis_hook
portalis_hook.install()
import pkg.fast, pkg.plain, pkg2.fast
print(json.dumps({"fast": describe(pkg.fast), "plain": describe(pkg.plain),
                  "other": describe(pkg2.fast)}))
"""
    )
    out = last_json(run_py(code, env=child_env(proj, other), cwd=tmp_path))
    assert out["fast"]["mode"] == "wasm" and out["fast"]["translated"] == ["add", "hyp"]
    assert out["plain"] == {"portalis": None} and out["other"] == {"portalis": None}


def test_project_discovered_from_cwd_and_later_sys_path_entries(tmp_path: Path) -> None:
    proj = project(tmp_path / "proj", {"lazymod.py": FAST}, 'modules = ["lazy*"]')
    code = (
        DESCRIBE
        + """
import json, sys, portalis_hook
portalis_hook.install()          # the project is not on sys.path yet
sys.path.insert(0, sys.argv[1])  # e.g. pytest adding rootdir later
import lazymod
print(json.dumps(describe(lazymod)))
"""
    )
    out = last_json(run_py(code, cwd=tmp_path, args=(str(proj),)))
    assert out["mode"] == "wasm" and out["translated"] == ["add", "hyp"]


def test_mode_precedence_env_over_install_over_config(tmp_path: Path) -> None:
    proj = project(tmp_path / "p", {"mm.py": FAST}, 'modules = ["mm"]\nmode = "compare"')
    code = (
        DESCRIBE
        + """
import json, sys, portalis_hook
portalis_hook.install(mode=sys.argv[1] or None)
import mm
print(json.dumps(describe(mm) | {"add": mm.add(1, 2)}))
"""
    )
    env = child_env(proj, PORTALIS_MODE=None)
    assert last_json(run_py(code, env=env, args=("",)))["mode"] == "compare"
    assert last_json(run_py(code, env=env, args=("wasm",)))["mode"] == "wasm"
    env["PORTALIS_MODE"] = "python"
    out = last_json(run_py(code, env=env, args=("wasm",)))
    assert out["mode"] == "python" and "PORTALIS_MODE" in out["reason"] and out["add"] == 3


def test_compare_mode_through_the_hook_counts_calls(tmp_path: Path) -> None:
    proj = project(tmp_path / "p", {"cm.py": FAST}, 'modules = ["cm"]\nmode = "compare"')
    code = """
import json, portalis_hook
portalis_hook.install()
import cm
for i in range(5):
    cm.add(i, i)
cm.hyp(3.0)
info = cm.__portalis__
print(info.report())
print(json.dumps({k: [v.calls, v.mismatches] for k, v in info.compare_stats.items()}))
"""
    proc = run_py(code, env=child_env(proj, PORTALIS_MODE=None))
    assert last_json(proc) == {"add": [5, 0], "hyp": [1, 0]}
    assert "wasm    add  compared=5 mismatches=0" in proc.stdout


# -- staleness by content ----------------------------------------------------------------


def test_edit_rebuilds_touch_does_not(tmp_path: Path) -> None:
    src = tmp_path / "stalemod.py"
    src.write_text(FAST.replace("return a + b", "return a + b + 1000"))
    code = (
        DESCRIBE
        + """
import json, portalis_hook
portalis_hook.install(modules=["stalemod"], projects=[])
import stalemod
print(json.dumps(describe(stalemod) | {"add": stalemod.add(1, 2)}))
"""
    )
    env = child_env(tmp_path)
    first = last_json(run_py(code, env=env))
    assert first["add"] == 1003 and first["source"] == "build"
    again = last_json(run_py(code, env=env))
    assert again["source"] == "cache" and again["cache_hit"]
    # Same bytes, new mtime: no rebuild.
    later = time.time() + 5
    os.utime(src, (later, later))
    touched = last_json(run_py(code, env=env))
    assert touched["cache_hit"] and touched["add"] == 1003
    # An edit: rebuilt, and never the stale WASM.
    src.write_text(FAST.replace("return a + b", "return a + b + 2000"))
    edited = last_json(run_py(code, env=env))
    assert edited["source"] == "build" and edited["add"] == 2003


# -- no toolchain ----------------------------------------------------------------------------


def test_no_toolchain_imports_python_and_warns_once(tmp_path: Path) -> None:
    (tmp_path / "nt1.py").write_text(FAST)
    (tmp_path / "nt2.py").write_text(FAST)
    code = (
        DESCRIBE
        + """
import json, warnings, portalis_hook
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    portalis_hook.install(modules=["nt1", "nt2"], projects=[])
    import nt1, nt2
print(json.dumps({"nt1": describe(nt1), "nt2": describe(nt2), "add": nt1.add(2, 2),
                  "warnings": [str(w.message) for w in caught],
                  "categories": [w.category.__name__ for w in caught]}))
"""
    )
    missing = str(tmp_path / "no-such-rustc")
    out = last_json(run_py(code, env=child_env(tmp_path, PORTALIS_RUSTC=missing)))
    assert out["nt1"]["mode"] == out["nt2"]["mode"] == "python"
    assert "no Rust toolchain" in out["nt1"]["reason"]
    assert out["add"] == 4
    assert len(out["warnings"]) == 1, out["warnings"]
    assert out["categories"] == ["PortalisWarning"]
    assert "apt-get install" in out["warnings"][0] and "rustup target add" in out["warnings"][0]


def test_no_toolchain_with_on_failure_error_is_an_import_error(tmp_path: Path) -> None:
    proj = project(
        tmp_path / "p", {"strict_mod.py": FAST}, 'modules = ["strict_mod"]\non-failure = "error"'
    )
    code = """
import portalis_hook
portalis_hook.install()
import strict_mod
"""
    proc = run_py(code, env=child_env(proj, PORTALIS_RUSTC=str(tmp_path / "none")))
    assert proc.returncode == 1
    assert "ImportError: portalis: strict_mod cannot run as WASM" in proc.stderr
    assert 'on-failure = "error"' in proc.stderr


# -- wheels -----------------------------------------------------------------------------------


def test_manifest_round_trip_and_validation(tmp_path: Path) -> None:
    entry = ModuleEntry(
        module="pkg.fast",
        source="pkg/fast.py",
        source_sha256="a" * 64,
        wasm="pkg/fast.wasm",
        wasm_sha256="b" * 64,
        build_key="k",
        exports=[
            {
                "name": "f",
                "symbol": "__portalis_fn_f",
                "params": [{"name": "a", "type": "int"}],
                "returns": "int",
                "lineno": 3,
                "prints": False,
            }
        ],
        skipped={"g": "why (pkg/fast.py:9:1)"},
        constants={"K": 2.5},
        constants_used={"f": ["K"]},
    )
    manifest = Manifest.new("pkg", [entry], config={"time-limit": 2.0, "mode": "wasm"})
    path = tmp_path / "pkg" / ".portalis" / "manifest.json"
    write_manifest(path, manifest)
    assert read_manifest(path) == manifest
    assert json.loads(path.read_text())["modules"]["pkg.fast"]["wasm"] == "pkg/fast.wasm"

    def broken(**changes: object) -> str:
        doc = json.loads(path.read_text())
        for key, value in changes.items():
            if key.startswith("m_"):
                doc["modules"]["pkg.fast"][key[2:]] = value
            else:
                doc[key] = value
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(doc))
        with pytest.raises(ManifestError) as err:
            read_manifest(bad)
        return str(err.value)

    assert "format" in broken(format=2)
    assert "inside the package" in broken(m_wasm="../../evil.wasm")
    assert "inside the package" in broken(m_source="/etc/passwd")
    assert "sha256" in broken(m_wasm_sha256="xyz")
    assert "outside package" in broken(modules={"other.fast": entry.to_json()})
    assert "config" in broken(config={"modules": ["x"]})
    (tmp_path / "notjson.json").write_text("{")
    with pytest.raises(ManifestError, match="not valid JSON"):
        read_manifest(tmp_path / "notjson.json")


def test_pth_line_activates_lazily_and_only_its_packages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fixture_wheel(site)
    (site / "unrelated.py").write_text("X = 1\n")
    assert pth_line(["fixpkg"]).startswith("import ")
    code = (
        DESCRIBE
        + """
import json, site, sys
site.addsitedir(sys.argv[1])              # processes the wheel's .pth like at start-up
import portalis_hook
f = portalis_hook.finder()
before = {"lazy": sorted(f.lazy), "manifests": len(f.manifests),
          "wasmtime": "wasmtime" in sys.modules}
import unrelated
after_unrelated = {"lazy": sorted(f.lazy), "manifests": len(f.manifests)}
import fixpkg.fx as fx
print(json.dumps({"before": before, "after_unrelated": after_unrelated, "fx": describe(fx),
                  "add": fx.add(2, 5), "loaded": fx.LOADED}))
"""
    )
    out = last_json(run_py(code, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["before"] == {"lazy": ["fixpkg"], "manifests": 0, "wasmtime": False}
    assert out["after_unrelated"] == {"lazy": ["fixpkg"], "manifests": 0}
    assert out["fx"]["source"] == "wheel" and out["fx"]["mode"] == "wasm"
    assert "say" in out["fx"]["translated"] and out["add"] == 7 and out["loaded"] == ["once"]


def test_wheel_artifact_needs_no_toolchain(tmp_path: Path) -> None:
    site = tmp_path / "site"
    real_wheel(site, FAST)
    code = (
        DESCRIBE
        + """
import json, site, sys
site.addsitedir(sys.argv[1])
import realpkg.fast as m
print(json.dumps(describe(m) | {"add": m.add(20, 22), "hyp": m.hyp(3.0)}))
"""
    )
    env = child_env(PORTALIS_RUSTC=str(tmp_path / "no-rustc"), PORTALIS_MODE=None)
    out = last_json(run_py(code, args=(str(site),), env=env))
    assert out["source"] == "wheel" and out["translated"] == ["add", "hyp"]
    assert out["add"] == 42 and out["hyp"] == 5.0 and out["reason"] is None


def test_edited_installed_source_never_runs_the_packaged_wasm(tmp_path: Path) -> None:
    site = tmp_path / "site"
    real_wheel(site, FAST)
    py = site / "realpkg" / "fast.py"
    py.write_text(py.read_text().replace("return a + b", "return a - b"))
    code = (
        DESCRIBE
        + """
import json, site, sys
site.addsitedir(sys.argv[1])
import realpkg.fast as m
print(json.dumps(describe(m) | {"add": m.add(20, 22)}))
"""
    )
    out = last_json(run_py(code, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["add"] == -2 and out["source"] == "build"
    assert "differs from the source the packaged .wasm was built from" in out["reason"]


def test_compare_mode_catches_a_real_mismatch_and_warn_action(tmp_path: Path) -> None:
    """A wheel whose .wasm was built from other code than its .py (a stale artifact)."""
    lying = FAST.replace("return a + b", "return a * b")
    site = tmp_path / "site"
    real_wheel(site, FAST, build_source=lying, config={"mode": "compare"})
    code = """
import json, site, sys, portalis
site.addsitedir(sys.argv[1])
import realpkg.fast as m
ok = m.add(2, 2)                       # 2+2 == 2*2: no difference
try:
    m.add(2, 3)
except portalis.ConformanceError as exc:
    err = str(exc)
print(json.dumps({"ok": ok, "err": err,
                  "stats": [m.__portalis__.compare_stats["add"].calls,
                            m.__portalis__.compare_stats["add"].mismatches],
                  "report": m.__portalis__.report()}))
"""
    out = last_json(run_py(code, args=(str(site),), env=child_env(PORTALIS_MODE=None)))
    assert out["ok"] == 4 and out["stats"] == [2, 1]
    assert "add(2, 3) differs between CPython and WASM" in out["err"]
    assert "python: returned 5 (int)" in out["err"] and "wasm:   returned 6 (int)" in out["err"]
    assert "mismatch in add" in out["report"]

    warn_site = tmp_path / "warn"
    real_wheel(
        warn_site,
        FAST,
        build_source=lying,
        config={"mode": "compare", "compare-action": "warn"},
        package="warnpkg",
    )
    code = """
import json, site, sys, warnings
site.addsitedir(sys.argv[1])
import warnpkg.fast as m
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    value = m.add(2, 3)
print(json.dumps({"value": value, "warnings": [(w.category.__name__, str(w.message))
                                                 for w in caught]}))
"""
    out = last_json(run_py(code, args=(str(warn_site),), env=child_env(PORTALIS_MODE=None)))
    assert out["value"] == 5  # CPython's answer: the source of truth
    [(category, message)] = out["warnings"]
    assert category == "ConformanceWarning" and "add(2, 3) differs" in message


# -- python -m portalis_hook site ------------------------------------------------------------


def test_site_block_install_uninstall_exact(tmp_path: Path) -> None:
    path = tmp_path / "sitecustomize.py"
    original = "# existing customisation\nimport os\nX = 1\n"
    path.write_text(original)
    assert install_block(path, ["/some/project"])
    once = path.read_text()
    assert not install_block(path, ["/some/project"])  # idempotent
    assert path.read_text() == once and once.startswith(original)
    assert once.count(BEGIN) == 1 and once.count(END) == 1
    assert install_block(path, [])  # updated in place, still one block
    assert path.read_text().count(BEGIN) == 1
    assert uninstall_block(path) and path.read_text() == original
    assert not uninstall_block(path)
    fresh = tmp_path / "new" / "sitecustomize.py"
    install_block(fresh, [])
    uninstall_block(fresh)
    assert not fresh.exists()


@pytest.mark.slow
def test_site_install_in_a_real_venv(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=300,
    )
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    proj = project(tmp_path / "proj", {"vmod.py": FAST}, 'modules = ["vmod"]')
    env = child_env(proj, PORTALIS_MODE=None)

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(py), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
        )

    sitecustomize = (
        Path(run("-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
        / "sitecustomize.py"
    )
    assert str(sitecustomize).startswith(str(venv))
    original = "MARKER = 'kept'\n"
    sitecustomize.write_text(original)

    installed = run("-m", "portalis_hook", "site", "install", cwd=proj)
    assert installed.returncode == 0, installed.stderr
    assert f"installed in {sitecustomize} for {proj}" in installed.stdout
    again = run("-m", "portalis_hook", "site", "install", cwd=proj)
    assert "already installed" in again.stdout
    status = run("-m", "portalis_hook", "site", "status")
    assert "block: present" in status.stdout and "hook active in this interpreter: yes" in (
        status.stdout
    )
    # From another directory, a fresh interpreter claims the pinned project's module.
    probe = run(
        "-c",
        "import sitecustomize, vmod, json; print(json.dumps([sitecustomize.MARKER, "
        "vmod.__portalis__.mode, vmod.__portalis__.translated, vmod.add(1, 2)]))",
    )
    assert json.loads(probe.stdout.strip().splitlines()[-1]) == ["kept", "wasm", ["add", "hyp"], 3]

    removed = run("-m", "portalis_hook", "site", "uninstall")
    assert removed.returncode == 0 and "removed from" in removed.stdout
    assert sitecustomize.read_text() == original
    after = run(
        "-c",
        "import portalis_hook, vmod; print(portalis_hook.is_installed(), "
        "hasattr(vmod, '__portalis__'))",
    )
    assert after.stdout.splitlines()[-1].split() == ["False", "False"]
    bad = run("-m", "portalis_hook", "site", "install", "--project", str(tmp_path / "nope"))
    assert bad.returncode == 2 and "no such directory" in bad.stderr
