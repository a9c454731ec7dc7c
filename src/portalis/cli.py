"""The `portalis` command line.

User errors (bad path, syntax error, missing toolchain) print one line and
exit with status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import BuildError, UserError

if TYPE_CHECKING:
    from .config import PortalisConfig
    from .package import ProjectBuild

EXIT_USER_ERROR = 2


def _sources(target: Path) -> list[Path]:
    if target.is_dir():
        files = sorted(p for p in target.rglob("*.py") if "__pycache__" not in p.parts)
        if not files:
            raise UserError(f"{target}: no Python files found")
        return files
    if not target.exists():
        raise UserError(f"{target}: no such file or directory")
    if target.suffix != ".py":
        raise UserError(f"{target}: not a .py file")
    return [target]


def cmd_translate(args: argparse.Namespace) -> int:
    from .analysis import analyse
    from .ingest import ingest
    from .translate import rustfmt, translate

    unit = ingest(Path(args.file))
    spec = analyse(unit)
    crate = translate(spec)
    text = rustfmt(crate.lib_rs)
    if args.output:
        out = Path(args.output)
        from .cache import write_file_atomic

        write_file_atomic(out, text.encode("utf-8"))
        print(
            f"wrote {out} ({len(crate.translated)} translated, {len(crate.skipped)} skipped)",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    for name, diag in spec.skipped.items():
        print(f"skipped `{name}`: {diag.short()}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .ingest import ingest

    if args.target is None:
        return _build_project(args)
    if args.smoke:
        raise UserError("--smoke works on the project's marked modules: leave out FILE|PKGDIR")
    target = Path(args.target)
    files = _sources(target)
    out_dir = Path(args.out) if args.out else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    root = target if target.is_dir() else target.parent
    width = max(len(str(p.relative_to(root))) for p in files)
    print(f"{'module':<{width}}  translated  skipped  wasm bytes  seconds  cache")
    total_t = total_s = 0
    for path in files:
        started = time.perf_counter()
        unit = ingest(path)
        art = build(unit)
        elapsed = time.perf_counter() - started
        total_t += len(art.translated)
        total_s += len(art.skipped)
        size = art.wasm_path.stat().st_size
        rel = str(path.relative_to(root))
        print(
            f"{rel:<{width}}  {len(art.translated):>10}  {len(art.skipped):>7}  {size:>10}  "
            f"{elapsed:>7.2f}  {'hit' if art.cache_hit else 'built'}"
        )
        if args.verbose:
            for name, why in art.skipped.items():
                print(f"    skipped {name}: {why}")
        if out_dir is not None:
            dest = out_dir / (Path(rel).with_suffix("").as_posix().replace("/", ".") + ".wasm")
            shutil.copyfile(art.wasm_path, dest)
            manifest = dest.with_suffix(".portalis.json")
            import json

            manifest.write_text(json.dumps(art.manifest, indent=2, sort_keys=True))
    print(f"{len(files)} module(s): {total_t} function(s) translated, {total_s} skipped")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .analysis import analyse
    from .ingest import ingest

    if args.hook or args.update_lock:
        return _check_project(args)
    if not args.files:
        raise UserError("no files given (or use --hook to check the project's marked modules)")
    failed = False
    for name in args.files:
        unit = ingest(Path(name))
        spec = analyse(unit)
        for fname, diag in spec.skipped.items():
            print(
                diag.render(unit.text, severity="warning").replace(
                    "warning: ", f"warning: `{fname}` stays Python: ", 1
                )
            )
            failed = failed or args.strict
        print(f"{name}: {len(spec.translated)} translated, {len(spec.skipped)} skipped")
    return 1 if failed else 0


def _project_config() -> PortalisConfig:
    """`[tool.portalis]` of the project around the current directory, or a UserError."""
    from .config import find_project_config

    config = find_project_config(Path.cwd())
    if config is None or config.path is None:
        raise UserError(
            f"{Path.cwd()}: no pyproject.toml with a [tool.portalis] table here or above; "
            "add one that marks modules (`modules = [...]`)"
        )
    if not config.modules and not config.packages:
        raise UserError(f"{config.path}: [tool.portalis] marks no modules (`modules = [...]`)")
    return config


def _relative(path: str) -> str:
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _check_project(args: argparse.Namespace) -> int:
    """pre-commit mode: check marked modules (all, or those among FILES) against portalis.lock.

    Files that are not marked modules are ignored: pre-commit passes every
    staged Python file. No Rust toolchain is needed (analysis only).
    """
    import dataclasses

    from .analysis import analyse
    from .ingest import ingest
    from .lock import LOCK_NAME, merge, read_lock, write_lock
    from .package import discover

    config = _project_config()
    marked = discover(config)
    if args.files:
        wanted = {Path(f).resolve() for f in args.files}
        selected = [m for m in marked if m.path in wanted]
    else:
        selected = marked
    current: dict[str, dict[str, str | None]] = {}
    skipped_any = False
    for module in selected:
        unit = ingest(module.path, module_name=module.name)
        spec = analyse(unit)
        functions: dict[str, str | None] = {name: None for name in spec.translated}
        for fname, diag in spec.skipped.items():
            diag = dataclasses.replace(diag, path=_relative(diag.path))
            print(
                diag.render(unit.text, severity="warning").replace(
                    "warning: ", f"warning: `{module.name}.{fname}` stays Python: ", 1
                )
            )
            functions[fname] = diag.short()
            skipped_any = True
        current[module.name] = functions
        print(
            f"{_relative(str(module.path))} ({module.name}): {len(spec.translated)} translated, "
            f"{len(spec.skipped)} skipped"
        )
    assert config.root is not None
    lock_path = config.root / LOCK_NAME
    old = read_lock(lock_path)
    lock, regressions = merge(old, current, accept=args.update_lock)
    if args.update_lock and not args.files:
        names = {m.name for m in marked}
        lock.modules = {m: fns for m, fns in lock.modules.items() if m in names}
    for reg in regressions:
        print(
            f"error: `{reg.module}.{reg.function}` translated before (listed in {LOCK_NAME}) "
            f"but now stays Python: {reg.reason}",
            file=sys.stderr,
        )
    if write_lock(lock_path, lock):
        print(f"updated {_relative(str(lock_path))}: commit it with your change")
    if regressions:
        print(
            f"portalis: {len(regressions)} function(s) no longer translate; fix them, or accept "
            "with `portalis check --update-lock`",
            file=sys.stderr,
        )
        return 1
    return 1 if (args.strict and skipped_any) else 0


def _build_project(args: argparse.Namespace) -> int:
    """`portalis build` with no target: the project's marked modules, as a wheel build does."""
    from .package import build_project, discover, summary_table

    config = _project_config()
    modules = discover(config)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    project = build_project(config, modules, progress=progress)
    if not project.has_wasm:
        return 0
    print(summary_table(project))
    if args.verbose:
        for res in project.results:
            for name, why in res.skipped.items():
                print(f"    skipped {res.module.name}.{name}: {why}")
    if args.out:
        out_dir = Path(args.out)
        out_dir.mkdir(parents=True, exist_ok=True)
        for res in project.results:
            assert res.wasm_path is not None
            shutil.copyfile(res.wasm_path, out_dir / f"{res.module.name}.wasm")
    return _smoke(project) if args.smoke else 0


_SMOKE_VALUES = {"int": (3, 0), "float": (1.5, 0.0), "bool": (True, False)}


def _smoke(project: ProjectBuild) -> int:
    """Import each built module in compare mode and call every WASM function a few times.

    Compare mode runs each call in CPython too and raises ConformanceError on
    any difference; an exception both sides raise alike is an agreed outcome.
    Arguments are small values of each parameter's annotated type.
    """
    import signal

    from .errors import ConformanceError
    from .loader import load
    from .translate.model import Export

    def too_slow(signum: int, frame: object) -> None:
        raise UserError("smoke call took longer than 60 s (a loop that never ends?)")

    failures = 0
    previous = signal.signal(signal.SIGALRM, too_slow)
    try:
        for res in project.results:
            module = load(res.module.path, mode="compare", module_name=res.module.name)
            info = module.__portalis__  # type: ignore[attr-defined]
            calls = 0
            for data in res.manifest.get("exports", []):
                export = Export.from_json(data)
                if export.name not in info.translated:
                    continue
                kinds = [p.type for p in export.params]
                if not all(k in _SMOKE_VALUES for k in kinds):
                    continue
                for i in range(2):
                    call_args = tuple(_SMOKE_VALUES[k][i] for k in kinds)
                    signal.alarm(60)
                    try:
                        getattr(module, export.name)(*call_args)
                    except ConformanceError as exc:
                        failures += 1
                        print(f"smoke: {res.module.name}: {exc}", file=sys.stderr)
                    except Exception:  # raised identically by CPython and WASM: agreed
                        pass
                    finally:
                        signal.alarm(0)
                    calls += 1
            print(
                f"smoke: {res.module.name}: imported in compare mode, "
                f"{len(info.translated)} function(s) in WASM, {calls} call(s) checked against "
                "CPython"
            )
    finally:
        signal.signal(signal.SIGALRM, previous)
    return 1 if failures else 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from .toolchain import doctor

    lines, ok = doctor()
    for line in lines:
        print(line)
    return 0 if ok else EXIT_USER_ERROR


def cmd_cache(args: argparse.Namespace) -> int:
    from .cache import Cache

    cache = Cache()
    if args.action == "clear":
        n = cache.clear()
        print(f"removed {n} cache entries from {cache.root}")
        return 0
    info = cache.info()
    print(f"cache directory: {info.get('root')}")
    for ns, data in sorted(info.get("namespaces", {}).items()):
        print(f"  {ns:<6} {data.get('entries', 0):>5} entries  {data.get('bytes', 0):>12} bytes")
    print(f"  total  {info.get('entries', 0):>5} entries  {info.get('bytes', 0):>12} bytes")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """`portalis report PKG`: library mode's parity report (no Rust needed)."""
    from .library.cli import run_report

    return run_report(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="portalis",
        description="Translate typed pure-Python modules to Rust/WebAssembly.",
    )
    p.add_argument("--version", action="version", version=f"portalis {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("translate", help="print the Rust translation of a module")
    t.add_argument("file")
    t.add_argument("-o", "--output", help="write the Rust to this file instead of stdout")
    t.set_defaults(func=cmd_translate)
    b = sub.add_parser(
        "build",
        help="translate and compile a module or a package to .wasm "
        "(no target: the project's [tool.portalis] modules)",
    )
    b.add_argument("target", metavar="FILE|PKGDIR", nargs="?")
    b.add_argument("--out", help="copy the .wasm and manifest of each module here")
    b.add_argument("-v", "--verbose", action="store_true", help="list skipped functions")
    b.add_argument(
        "--smoke",
        action="store_true",
        help="then import each marked module in compare mode and call its WASM functions",
    )
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help="report functions that would stay Python (no Rust needed)")
    c.add_argument("files", nargs="*")
    c.add_argument("--strict", action="store_true", help="exit 1 if anything is skipped")
    c.add_argument(
        "--hook",
        action="store_true",
        help="pre-commit mode: check the project's marked modules (those among FILES) and fail "
        "if a function listed in portalis.lock no longer translates",
    )
    c.add_argument(
        "--update-lock",
        action="store_true",
        help="accept the current state: rewrite portalis.lock from what translates now",
    )
    c.set_defaults(func=cmd_check)
    r = sub.add_parser(
        "report",
        help="per module and function of a package: translated or not and why, line coverage "
        "(and, with --conformance, what the tests exercised)",
    )
    r.add_argument("package", metavar="PKG", help="package directory, source root or project")
    r.add_argument("--json", metavar="PATH", help="also write the report as JSON ('-': stdout)")
    r.add_argument("--html", metavar="PATH", help="also write a self-contained HTML page")
    r.add_argument(
        "--conformance",
        metavar="REPORT.json",
        help="a `pytest --portalis-conformance --portalis-report` JSON to join in",
    )
    r.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: cores)")
    r.add_argument("-q", "--quiet", action="store_true", help="module table only")
    r.add_argument(
        "--library",
        action="store_true",
        help="as library mode builds the package: one crate, calls between modules in WASM "
        "(the default for a project with `library = true`)",
    )
    r.add_argument(
        "--no-translate",
        action="store_true",
        help="analysis only (faster; functions whose signature cannot cross the boundary count "
        "as translated)",
    )
    r.set_defaults(func=cmd_report)
    d = sub.add_parser("doctor", help="show the toolchain Portalis found, or what to install")
    d.set_defaults(func=cmd_doctor)
    k = sub.add_parser("cache", help="inspect or clear the artifact cache")
    k.add_argument("action", choices=["info", "clear"])
    k.set_defaults(func=cmd_cache)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except UserError as exc:
        print(f"portalis: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BuildError as exc:
        print(f"portalis: internal error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
