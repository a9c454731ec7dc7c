"""`pip wheel` / `pip install` of the example projects with the real Hatch and setuptools.

One wheel of this checkout is built per session and offered to pip's
isolated build environments with `--find-links`; the example wheels are built
from copies of examples/, installed into a fresh venv and imported with the
WASM active, and each example's own tests run there. Bad configurations are
built with `--no-build-isolation` in a venv that already has the backends,
which exercises the same hook code in a fraction of the time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from buildenv import EXAMPLES, Env, make_venv, pip_install, pip_wheel, run, wheelhouse

__all__ = ["wheelhouse"]  # the session fixture, shared with the other build tests

HATCH_EXAMPLE = EXAMPLES / "textstats_hatch"
SETUPTOOLS_EXAMPLE = EXAMPLES / "geometry_setuptools"


@pytest.fixture(scope="module")
def build_venv(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> Env:
    """hatchling (+ editables) + setuptools + portalis, for `--no-build-isolation` builds."""
    path = tmp_path_factory.mktemp("build-venv")
    return make_venv(
        path,
        "portalis",
        "hatchling>=1.21",
        "editables",
        "setuptools>=64",
        "wheel",
        find_links=wheelhouse,
    )


@pytest.fixture(scope="module")
def user_venv(tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path) -> Env:
    """Where a user installs the example wheels: portalis (runtime) + pytest."""
    return make_venv(
        tmp_path_factory.mktemp("user-venv"), "portalis", "pytest", find_links=wheelhouse
    )


def copy_example(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    return dest


@pytest.fixture(scope="module")
def example_wheels(
    tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path
) -> Iterator[dict[str, tuple[Path, str]]]:
    """Both examples built by `pip wheel` in isolated build envs: name -> (wheel, build log)."""
    work = tmp_path_factory.mktemp("examples")
    cache = tmp_path_factory.mktemp("portalis-cache-examples")
    out = work / "dist"
    built: dict[str, tuple[Path, str]] = {}
    for name, src in (("textstats", HATCH_EXAMPLE), ("geokit", SETUPTOOLS_EXAMPLE)):
        project = copy_example(src, work / src.name)
        proc = pip_wheel(
            sys.executable,
            project,
            out,
            find_links=wheelhouse,
            env={"PORTALIS_CACHE_DIR": str(cache)},
        )
        (wheel,) = out.glob(f"{name}_example-*.whl")
        built[name] = (wheel, proc.stdout)
    yield built


def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def check_wheel(wheel: Path, package: str, modules: dict[str, str]) -> dict[str, object]:
    """Tag, contents and manifest of an example wheel; returns the manifest."""
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    names = wheel_names(wheel)
    with zipfile.ZipFile(wheel) as zf:
        wheel_meta = zf.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
        assert "Root-Is-Purelib: true" in wheel_meta
        assert "Tag: py3-none-any" in wheel_meta
        for module, source in modules.items():
            wasm = source[:-3] + ".wasm"
            assert source in names and wasm in names, (module, names)
            assert zf.read(wasm)[:4] == b"\0asm"
        # build outputs stay out of the wheel
        assert not [n for n in names if "/target/" in n or n.endswith((".rs", ".rlib", ".cwasm"))]
        pth = [n for n in names if n.endswith(".pth")]
        assert len(pth) == 1 and pth[0].startswith("portalis-")
        line = zf.read(pth[0]).decode()
        assert line.startswith("import ") and "_activate_from_manifests" in line
        assert repr(package) in line
        manifest_name = f"{package}/.portalis/manifest.json"
        manifest = json.loads(zf.read(manifest_name))
        assert manifest["format"] == 1 and manifest["package"] == package
        assert set(manifest["modules"]) == set(modules)
        for module, source in modules.items():
            entry = manifest["modules"][module]
            assert entry["source"] == source
            assert entry["source_sha256"] == hashlib.sha256(zf.read(source)).hexdigest()
            assert entry["wasm_sha256"] == hashlib.sha256(zf.read(entry["wasm"])).hexdigest()
            assert entry["exports"], module
        for key in ("portalis_version", "wasmtime_version", "python"):
            assert manifest[key]
        assert manifest["config"]["mode"] == "wasm"
    return manifest


def test_hatch_example_wheel(example_wheels: dict[str, tuple[Path, str]]) -> None:
    wheel, log = example_wheels["textstats"]
    manifest = check_wheel(
        wheel,
        "textstats",
        {
            "textstats.readability": "textstats/readability.py",
            "textstats.zipf": "textstats/zipf.py",
        },
    )
    modules = manifest["modules"]
    assert isinstance(modules, dict)
    assert "grade_label" in modules["textstats.readability"]["skipped"]
    assert "textstats/text.wasm" not in wheel_names(wheel)  # not marked
    # per-module progress and the summary table
    assert "portalis: [1/2] textstats." in log and "portalis: [2/2] textstats." in log
    for column in ("module", "translated", "skipped", "wasm size", "seconds", "cache"):
        assert column in log
    assert "2 module(s) compiled" in log


def test_setuptools_example_wheel(example_wheels: dict[str, tuple[Path, str]]) -> None:
    wheel, log = example_wheels["geokit"]
    check_wheel(
        wheel,
        "geokit",
        {
            "geokit.kernels.numeric": "geokit/kernels/numeric.py",
            "geokit.kernels.planar": "geokit/kernels/planar.py",
        },
    )
    assert "geokit/shapes.wasm" not in wheel_names(wheel)
    assert "portalis: [2/2] geokit.kernels." in log and "2 module(s) compiled" in log


def test_installed_wheels_run_wasm_and_pass_their_own_tests(
    example_wheels: dict[str, tuple[Path, str]],
    user_venv: Env,
    wheelhouse: Path,
    tmp_path: Path,
) -> None:
    pip_install(user_venv, *(str(w) for w, _ in example_wheels.values()), find_links=wheelhouse)
    # An empty cache and no compiler: any WASM that runs must come from the wheel.
    env = {
        "PORTALIS_CACHE_DIR": str(tmp_path / "empty-cache"),
        "PORTALIS_RUSTC": str(tmp_path / "no-rustc"),
        "TEXTSTATS_EXPECT_WASM": "1",
        "GEOKIT_EXPECT_WASM": "1",
    }
    probe = """
import json, sys
import textstats, geokit
from textstats import zipf, readability, text
from geokit.kernels import planar, numeric
out = {}
for m in (zipf, readability, planar, numeric):
    i = m.__portalis__
    out[m.__name__] = [i.mode, sorted(i.translated), getattr(i, "source", "?")]
out["plain"] = [hasattr(text, "__portalis__"), hasattr(geokit.shapes, "__portalis__")]
out["values"] = [zipf.harmonic(10), planar.lattice_points_in_circle(1000)]
print(json.dumps(out))
"""
    proc = run([user_venv.python, "-c", probe], cwd=tmp_path, env=env)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for name in ("textstats.zipf", "textstats.readability", "geokit.kernels.planar"):
        mode, translated, source = result[name]
        assert mode == "wasm" and translated, result
        assert source == "wheel", result
    assert "harmonic" in result["textstats.zipf"][1]
    assert "lattice_points_in_circle" in result["geokit.kernels.planar"][1]
    assert result["plain"] == [False, False]
    assert result["values"] == [7381 / 2520, 3141549]
    for example in (HATCH_EXAMPLE, SETUPTOOLS_EXAMPLE):
        tests = tmp_path / f"{example.name}-tests"
        shutil.copytree(example / "tests", tests)  # away from src/: only the installed copy
        proc = run([user_venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                   cwd=tmp_path, env=env)
        assert " passed" in proc.stdout and "skipped" not in proc.stdout, proc.stdout


def test_unchanged_rebuild_reuses_the_cache(
    build_venv: Env, wheelhouse: Path, tmp_path: Path
) -> None:
    project = copy_example(HATCH_EXAMPLE, tmp_path / "proj")
    env = {"PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    first = pip_wheel(build_venv.python, project, tmp_path / "a", find_links=wheelhouse,
                      isolated=False, env=env)
    assert "2 module(s) compiled" in first.stdout
    second = pip_wheel(build_venv.python, project, tmp_path / "b", find_links=wheelhouse,
                       isolated=False, env=env)
    assert "(cache hit)" in second.stdout
    assert "all 2 module(s) unchanged: reused from the Portalis cache" in second.stdout
    (wa,) = (tmp_path / "a").glob("*.whl")
    (wb,) = (tmp_path / "b").glob("*.whl")
    with zipfile.ZipFile(wa) as za, zipfile.ZipFile(wb) as zb:
        for name in ("textstats/zipf.wasm", "textstats/.portalis/manifest.json"):
            assert za.read(name) == zb.read(name)


# -- bad configurations: each one a build error naming key, file and choices ------------

HATCH_PYPROJECT = """\
[build-system]
requires = ["hatchling", "portalis"]
build-backend = "hatchling.build"

[project]
name = "badproj"
version = "0.1"
requires-python = ">=3.10"

[tool.hatch.build.targets.wheel]
packages = ["src/badproj"]

{hook}

{portalis}
"""

GOOD_MODULE = "def double(n: int) -> int:\n    return 2 * n\n"
BAD_MODULE = GOOD_MODULE + "\n\ndef shout(word):\n    return word.upper()\n"


def bad_project(tmp_path: Path, portalis: str, *, hook: str = "[tool.hatch.build.hooks.portalis]",
                module: str = BAD_MODULE) -> Path:
    root = tmp_path / "badproj"
    (root / "src" / "badproj").mkdir(parents=True)
    (root / "src" / "badproj" / "__init__.py").write_text("")
    (root / "src" / "badproj" / "kernels.py").write_text(module)
    (root / "pyproject.toml").write_text(HATCH_PYPROJECT.format(hook=hook, portalis=portalis))
    return root


@pytest.mark.parametrize(
    ("portalis", "hook", "env", "fragments"),
    [
        pytest.param(
            '[tool.portalis]\nmodlues = ["badproj.kernels"]\n', None, {},
            ["unknown key `modlues`", "did you mean `modules`", "Allowed keys: modules"],
            id="misspelt-key",
        ),
        pytest.param(
            '[tool.portalis]\nmodules = ["badproj.kernels"]\nrequire-wasm = "yes"\n', None, {},
            ["`require-wasm` must be true or false", "got str 'yes'"],
            id="wrong-type",
        ),
        pytest.param(
            '[tool.portalis]\nmodules = ["badproj.kernels"]\nmode = "fast"\n', None, {},
            ["`mode` = 'fast'", "allowed values: wasm, compare, python"],
            id="bad-choice",
        ),
        pytest.param(
            '[tool.portalis]\nmodules = ["badproj.kernal"]\n', None, {},
            ["`modules` entry 'badproj.kernal' does not exist", "badproj/kernal.py"],
            id="nonexistent-module",
        ),
        pytest.param(
            "", '[tool.hatch.build.hooks.portalis]\nmodules = ["badproj.kernels"]\n', {},
            ["`modules` belongs in [tool.portalis], not in the Hatch hook table"],
            id="config-in-hook-table",
        ),
        pytest.param(
            "", "[tool.hatch.build.targets.wheel.hooks.portalis]", {},
            ["the Portalis build hook is enabled but there is no [tool.portalis] table"],
            id="hook-without-config",
        ),
        pytest.param(
            '[tool.portalis]\nmodules = ["badproj.kernels"]\non-failure = "error"\n', None, {},
            ['on-failure = "error"', "badproj.kernels.shout at", "kernels.py:5:",
             "parameter `word` has no type annotation"],
            id="on-failure-error",
        ),
        pytest.param(
            '[tool.portalis]\nmodules = ["badproj.kernels"]\nrequire-wasm = true\n', None,
            {"PORTALIS_RUSTC": "/nonexistent/rustc"},
            ["require-wasm = true, but no usable Rust compiler",
             "PORTALIS_RUSTC=/nonexistent/rustc is not usable", "apt-get install"],
            id="require-wasm-no-toolchain",
        ),
    ],
)
def test_bad_configuration_fails_the_build_with_its_named_error(
    build_venv: Env,
    wheelhouse: Path,
    tmp_path: Path,
    portalis: str,
    hook: str | None,
    env: dict[str, str],
    fragments: list[str],
) -> None:
    kwargs = {"hook": hook} if hook is not None else {}
    root = bad_project(tmp_path, portalis, **kwargs)
    proc = pip_wheel(build_venv.python, root, tmp_path / "out", find_links=wheelhouse,
                     isolated=False, env=env, check=False)
    assert proc.returncode != 0, proc.stdout
    assert not list((tmp_path / "out").glob("*.whl"))
    error_lines = [ln for ln in proc.stdout.splitlines() if "portalis: error:" in ln]
    assert error_lines, proc.stdout
    assert str(root / "pyproject.toml") in error_lines[0]
    for fragment in fragments:
        assert fragment in error_lines[0], (fragment, error_lines[0])


def test_setuptools_bad_configuration_is_an_error_too(
    build_venv: Env, wheelhouse: Path, tmp_path: Path
) -> None:
    project = copy_example(SETUPTOOLS_EXAMPLE, tmp_path / "geo")
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    pyproject.write_text(text.replace('["geokit.kernels.*"]', '["geokit.kern.*"]'))
    proc = pip_wheel(build_venv.python, project, tmp_path / "out", find_links=wheelhouse,
                     isolated=False, check=False)
    assert proc.returncode != 0
    assert "portalis: error:" in proc.stdout
    assert "`modules` entry 'geokit.kern.*' matches no module" in proc.stdout


def test_no_toolchain_gives_a_pure_python_wheel_with_a_loud_warning(
    build_venv: Env, wheelhouse: Path, tmp_path: Path
) -> None:
    root = bad_project(tmp_path, '[tool.portalis]\nmodules = ["badproj.kernels"]\n')
    proc = pip_wheel(build_venv.python, root, tmp_path / "out", find_links=wheelhouse,
                     isolated=False, env={"PORTALIS_RUSTC": "/nonexistent/rustc"})
    assert "PURE-PYTHON wheel" in proc.stdout and "apt-get install" in proc.stdout
    (wheel,) = (tmp_path / "out").glob("*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = wheel_names(wheel)
    assert "badproj/kernels.py" in names
    assert not [n for n in names if n.endswith((".wasm", ".pth")) or ".portalis" in n]


# -- sdist, and a wheel built from it ---------------------------------------------------------


def test_sdist_has_sources_only_and_builds_a_working_wheel(
    build_venv: Env, wheelhouse: Path, tmp_path: Path
) -> None:
    project = copy_example(HATCH_EXAMPLE, tmp_path / "proj")
    dist = tmp_path / "sdist"
    proc = run(
        [build_venv.python, "-c",
         f"from hatchling.build import build_sdist; print(build_sdist({str(dist)!r}))"],
        cwd=project,
    )
    assert "configuration valid; no build outputs added" in proc.stdout
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = [n.split("/", 1)[1] for n in tf.getnames() if "/" in n]
    assert "pyproject.toml" in names
    assert "src/textstats/zipf.py" in names and "tests/test_textstats.py" in names
    assert not [n for n in names if n.endswith((".wasm", ".pth")) or ".portalis" in n]

    out = tmp_path / "wheel"
    pip_wheel(sys.executable, sdist, out, find_links=wheelhouse,
              env={"PORTALIS_CACHE_DIR": str(tmp_path / "cache")})
    (wheel,) = out.glob("*.whl")
    check_wheel(
        wheel,
        "textstats",
        {
            "textstats.readability": "textstats/readability.py",
            "textstats.zipf": "textstats/zipf.py",
        },
    )


# -- editable installs ----------------------------------------------------------------------


def test_editable_install_uses_the_hook_and_sees_edits(
    build_venv: Env, wheelhouse: Path, tmp_path: Path
) -> None:
    project = copy_example(HATCH_EXAMPLE, tmp_path / "proj")
    env = {"PORTALIS_CACHE_DIR": str(tmp_path / "cache")}
    proc = run(
        [build_venv.python, "-m", "pip", "install", "-v", "--no-deps", "--no-build-isolation",
         "-e", str(project)],
        env=env,
    )
    assert "editable install: import hook active for textstats.readability, textstats.zipf" in (
        proc.stdout
    )
    site = run([build_venv.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    purelib = Path(site.stdout.strip())
    assert not list(purelib.rglob("*.wasm"))
    probe = (
        "from textstats import zipf; i = zipf.__portalis__; "
        "print(i.mode, 'harmonic' in i.translated, zipf.harmonic(4), zipf.__file__)"
    )
    out = run([build_venv.python, "-c", probe], cwd=tmp_path, env=env).stdout.split()
    assert out[:3] == ["wasm", "True", str(1 + 1 / 2 + 1 / 3 + 1 / 4)]
    assert out[3] == str(project / "src" / "textstats" / "zipf.py")
    zipf = project / "src" / "textstats" / "zipf.py"
    zipf.write_text(zipf.read_text().replace("total += 1.0 / k", "total += 2.0 / k"))
    out = run([build_venv.python, "-c", probe], cwd=tmp_path, env=env).stdout.split()
    assert out[:3] == ["wasm", "True", str(2 * (1 + 1 / 2 + 1 / 3 + 1 / 4))]
    run([build_venv.python, "-m", "pip", "uninstall", "-y", "textstats-example"])
