"""`portalis report` glue: arguments in, files and a table out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UserError
from .partition import Progress, partition
from .report import render_html, render_table, report_data


def run_report(args: argparse.Namespace) -> int:
    target = Path(args.package)
    if not target.exists():
        raise UserError(f"{target}: no such file or directory")
    conformance = None
    if args.conformance:
        try:
            conformance = json.loads(Path(args.conformance).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"{args.conformance}: cannot read conformance report: {exc}") from None
        if not isinstance(conformance, dict) or conformance.get("version") != 1:
            raise UserError(f"{args.conformance}: not a version-1 portalis conformance report")
    library = args.library or _project_uses_library(target)
    try:
        bar = (lambda n: Progress(n)) if sys.stderr.isatty() else None
        part = partition(
            target,
            translate=not args.no_translate,
            jobs=args.jobs,
            progress=bar,
            library=library,
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if not part.modules:
        raise UserError(f"{target}: no Python modules found")
    data = report_data(part, conformance)
    title = f"Portalis report: {target.resolve().name}"
    if args.json == "-":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        print(render_table(data, verbose=not args.quiet))
        if args.json:
            Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {args.json}", file=sys.stderr)
    if args.html:
        Path(args.html).write_text(render_html(data, title), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def _project_uses_library(target: Path) -> bool:
    """A project directory whose `[tool.portalis]` says `library = true`: report as it builds."""
    pyproject = target / "pyproject.toml"
    if not pyproject.is_file():
        return False
    from ..config import load_config

    config = load_config(pyproject)
    return bool(config is not None and config.library)
