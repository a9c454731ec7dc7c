#!/usr/bin/env bash
# One entry point for working on Portalis: every command first runs the
# idempotent bootstrap (toolchain + .venv), so a fresh clone needs nothing else.
#
#   ./dev.sh demo               run examples/demo.py
#   ./dev.sh test [pytest args] run the test suite (what CI runs)
#   ./dev.sh lint               ruff + mypy
#   ./dev.sh bootstrap          only set up
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

usage() {
    sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//' >&2
}

cmd="${1:-}"
[ $# -gt 0 ] && shift

case "$cmd" in
    demo)
        scripts/bootstrap.sh
        [ -f examples/demo.py ] || { echo "dev.sh: examples/demo.py does not exist yet" >&2; exit 1; }
        exec "$PY" examples/demo.py "$@"
        ;;
    test)
        scripts/bootstrap.sh
        rc=0
        "$PY" -m pytest "$@" || rc=$?
        if [ "$rc" -eq 5 ]; then
            # pytest's "no tests collected": a wrong path or a broken conftest
            # must not look like a quiet success in CI logs.
            echo "dev.sh: FAILED: pytest collected no tests (exit 5); check the test paths/arguments" >&2
        fi
        exit "$rc"
        ;;
    lint)
        PORTALIS_BOOTSTRAP_SKIP_RUST=1 scripts/bootstrap.sh
        rc=0
        "$ROOT/.venv/bin/ruff" check . || rc=1
        "$ROOT/.venv/bin/mypy" || rc=1
        exit "$rc"
        ;;
    bootstrap)
        exec scripts/bootstrap.sh
        ;;
    -h|--help|help)
        usage
        ;;
    *)
        usage
        exit 2
        ;;
esac
