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

from ._version import __version__
from .errors import BuildError, UserError

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
    b = sub.add_parser("build", help="translate and compile a module or a package to .wasm")
    b.add_argument("target", metavar="FILE|PKGDIR")
    b.add_argument("--out", help="copy the .wasm and manifest of each module here")
    b.add_argument("-v", "--verbose", action="store_true", help="list skipped functions")
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help="report functions that would stay Python (no Rust needed)")
    c.add_argument("files", nargs="+")
    c.add_argument("--strict", action="store_true", help="exit 1 if anything is skipped")
    c.set_defaults(func=cmd_check)
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
