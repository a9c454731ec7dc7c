"""`python -m portalis_hook site install|uninstall|status [--project DIR] [--file PATH]`.

Exit status 0 on success, 2 with one line on stderr for a user error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import finder, is_installed
from .site import install_block, read_block, sitecustomize_path, uninstall_block


def _project(arg: str | None) -> list[str]:
    """The project directory to pin: --project, else the cwd's project if it uses Portalis."""
    from portalis.projects import project_config_for

    start = Path(arg).resolve() if arg else Path.cwd()
    if arg and not start.exists():
        raise SystemExit(f"portalis_hook: {arg}: no such directory")
    config = project_config_for(start)
    if config is None or config.root is None:
        if arg:
            raise SystemExit(f"portalis_hook: {arg}: no pyproject.toml with [tool.portalis] found")
        return []
    return [str(config.root)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portalis_hook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("site", help="manage the hook block in sitecustomize.py")
    site.add_argument("action", choices=["install", "uninstall", "status"])
    site.add_argument("--project", help="project directory to pin (default: the cwd's project)")
    site.add_argument("--file", help="sitecustomize.py to edit (default: this environment's)")
    args = parser.parse_args(argv)

    path = Path(args.file) if args.file else sitecustomize_path()
    try:
        if args.action == "install":
            projects = _project(args.project)
            changed = install_block(path, projects)
            where = f" for {projects[0]}" if projects else ""
            state = "installed" if changed else "already installed"
            print(f"portalis_hook: {state} in {path}{where}")
        elif args.action == "uninstall":
            changed = uninstall_block(path)
            print(f"portalis_hook: {'removed from' if changed else 'not installed in'} {path}")
        else:
            present = read_block(path) is not None
            print(f"sitecustomize: {path}")
            print(f"block: {'present' if present else 'absent'}")
            print(f"hook active in this interpreter: {'yes' if is_installed() else 'no'}")
            current = finder()
            if current is not None:
                marked = sorted(current.exact) + [p for p, _ in current.globs]
                print(f"marked: {', '.join(marked) if marked else '(none)'}")
                for problem in current.problems:
                    print(f"problem: {problem}")
    except OSError as exc:
        print(f"portalis_hook: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return 2
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
