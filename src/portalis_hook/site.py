"""`python -m portalis_hook site install|uninstall|status`: the hook in every interpreter of an env.

For development environments: a marked block in the environment's
`sitecustomize.py` (created if missing, appended to otherwise) installs the
hook at interpreter start. Uninstall removes exactly that block, leaving the
rest of the file byte for byte as it was (and removes the file if the block
was all it held). Running install twice changes nothing the second time.

The block pins the project directory it was installed from (when that
directory has a `[tool.portalis]`), so the project's marked modules are
claimed whatever the current directory of a later process is. The block
never breaks interpreter start-up: any error becomes one line on stderr.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

__all__ = ["BEGIN", "END", "block", "install_block", "read_block", "sitecustomize_path"]

BEGIN = "# >>> portalis_hook >>>"
END = "# <<< portalis_hook <<<"


def sitecustomize_path() -> Path:
    """The running environment's sitecustomize.py (in its purelib site-packages)."""
    return Path(sysconfig.get_paths()["purelib"]) / "sitecustomize.py"


def block(projects: list[str]) -> str:
    """The text between and including the markers, ending with a newline."""
    call = f"install(projects={projects!r})" if projects else "install()"
    return (
        f"{BEGIN}\n"
        "# Added by `python -m portalis_hook site install`; "
        "remove with `python -m portalis_hook site uninstall`.\n"
        "try:\n"
        "    import portalis_hook as _portalis_hook\n"
        "\n"
        f"    _portalis_hook.{call}\n"
        "    del _portalis_hook\n"
        "except Exception as _portalis_exc:  # never break interpreter start-up\n"
        "    import sys as _portalis_sys\n"
        "\n"
        '    print(f"portalis_hook: import hook not activated: {_portalis_exc}", '
        "file=_portalis_sys.stderr)\n"
        "    del _portalis_sys, _portalis_exc\n"
        f"{END}\n"
    )


def _span(text: str) -> tuple[int, int] | None:
    """(start, end) offsets of the block in `text`, end past its trailing newline."""
    start = text.find(BEGIN + "\n")
    if start < 0 or (start > 0 and text[start - 1] != "\n"):
        return None
    end = text.find(END, start)
    if end < 0:
        return None
    end += len(END)
    if text[end : end + 1] == "\n":
        end += 1
    return start, end


def read_block(path: Path) -> str | None:
    """The installed block, or None."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    span = _span(text)
    return None if span is None else text[span[0] : span[1]]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def install_block(path: Path, projects: list[str]) -> bool:
    """Add (or update) the block; True if the file changed."""
    wanted = block(projects)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    span = _span(text)
    if span is not None:
        if text[span[0] : span[1]] == wanted:
            return False
        new = text[: span[0]] + wanted + text[span[1] :]
    else:
        separator = "" if not text or text.endswith("\n") else "\n"
        new = text + separator + wanted
    _write(path, new)
    return True


def uninstall_block(path: Path) -> bool:
    """Remove exactly the block; True if the file changed. An emptied file is deleted."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    span = _span(text)
    if span is None:
        return False
    new = text[: span[0]] + text[span[1] :]
    if new:
        _write(path, new)
    else:
        path.unlink()
    return True
