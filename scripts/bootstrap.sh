#!/usr/bin/env bash
# Idempotent developer set-up for Portalis on Debian 12 / Ubuntu (and machines
# that already have a toolchain).  Safe and fast to run before every command:
# the second run does no apt and no pip work.
#
#   1. A Rust compiler that can link wasm32-wasi(p1) modules.  Checked by
#      compiling a tiny cdylib (that proves std *and* linker are there); only
#      if no candidate can, install Debian's packages with apt.  rustup users
#      get the `rustup target add` line instead.
#   2. wasm-opt (binaryen): optional, installed with apt when missing.
#   3. .venv made with the running python3 (>= 3.10) and `pip install -e .[dev]`,
#      redone only when pyproject.toml (or the interpreter) changed: a stamp
#      file inside .venv remembers what was installed.
#
# Environment:
#   PYTHON=python3.12                 interpreter for the venv (default python3)
#   PORTALIS_BOOTSTRAP_SKIP_RUST=1    skip steps 1-2 (lint-only use)
#   PORTALIS_BOOTSTRAP_SKIP_BROWSER=1 skip installing headless Chromium (HTML report test)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(rustc libstd-rust-dev-wasm32 lld-14 wasi-libc binaryen)
BROWSER_PACKAGES=(chromium chromium-driver)
VENV="$ROOT/.venv"
STAMP="$VENV/.portalis-bootstrap-stamp"

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

# Serialise concurrent runs (two `./dev.sh test` at once must not both pip install).
if command -v flock >/dev/null 2>&1; then
    LOCK="${TMPDIR:-/tmp}/portalis-bootstrap-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).lock"
    exec 9>"$LOCK"
    flock 9
fi

SUDO=()
as_root() {
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root for apt-get, and sudo is not installed"
        SUDO=(sudo)
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive "$@"
}

APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- 1. Rust with a wasm32 standard library ---------------------------------

rustc_candidates() {
    [ -n "${PORTALIS_RUSTC:-}" ] && printf '%s\n' "$PORTALIS_RUSTC"
    type -ap rustc || true
    local home="${RUSTUP_HOME:-$HOME/.rustup}" tc
    for tc in "$home"/toolchains/*/bin/rustc; do
        [ -x "$tc" ] && printf '%s\n' "$tc"
    done
    printf '%s\n' /usr/bin/rustc
}

SMOKE_DIR="$(mktemp -d)"
trap 'rm -rf "$SMOKE_DIR"' EXIT

# Prints "<rustc> <target>" for the first candidate that links a wasm cdylib.
find_wasm_rustc() {
    local tmp="$SMOKE_DIR" c sysroot t
    printf '#[no_mangle]\npub extern "C" fn portalis_smoke() -> i32 { 1 }\n' >"$tmp/smoke.rs"
    while IFS= read -r c; do
        [ -x "$c" ] || continue
        sysroot="$(cd / && RUSTUP_AUTO_INSTALL=0 "$c" --print sysroot 2>/dev/null)" || continue
        for t in wasm32-wasip1 wasm32-wasi; do
            compgen -G "$sysroot/lib/rustlib/$t/lib/libstd-*.rlib" >/dev/null || continue
            if (cd / && "$c" --target "$t" --crate-type cdylib -o "$tmp/smoke.wasm" "$tmp/smoke.rs") \
                >/dev/null 2>&1; then
                printf '%s %s\n' "$c" "$t"
                return 0
            fi
        done
    done < <(rustc_candidates | awk '!seen[$0]++')
    return 1
}

if [ "${PORTALIS_BOOTSTRAP_SKIP_RUST:-0}" != 1 ]; then
    if found="$(find_wasm_rustc)"; then
        log "rust: ${found% *} builds ${found##* }"
    elif command -v apt-get >/dev/null 2>&1; then
        log "rust: no rustc with a wasm32 std and linker; installing Debian packages"
        apt_install "${APT_PACKAGES[@]}"
        found="$(find_wasm_rustc)" || die "installed ${APT_PACKAGES[*]} but still cannot link a wasm module"
        log "rust: ${found% *} builds ${found##* }"
    else
        die "no rustc can build wasm32-wasi modules; run \`rustup target add wasm32-wasip1\` (rustup) or \`sudo apt-get install -y ${APT_PACKAGES[*]}\` (Debian/Ubuntu), then rerun"
    fi

    if command -v wasm-opt >/dev/null 2>&1; then
        log "wasm-opt: $(command -v wasm-opt)"
    elif command -v apt-get >/dev/null 2>&1; then
        apt_install binaryen || log "wasm-opt: could not install binaryen (optional, continuing)"
    else
        log "wasm-opt: not found (optional; install binaryen)"
    fi
fi

# Headless Chromium: only the test that reads `portalis report --html` back
# from a real browser needs it (skipped without it).
if [ "${PORTALIS_BOOTSTRAP_SKIP_BROWSER:-0}" != 1 ]; then
    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
        log "chromium: $(command -v chromium || command -v chromium-browser)"
    elif command -v apt-get >/dev/null 2>&1; then
        apt_install "${BROWSER_PACKAGES[@]}" || log "chromium: could not install (optional, continuing)"
    else
        log "chromium: not found (optional; the HTML report test is skipped)"
    fi
fi

# --- 2. Python virtual environment -----------------------------------------------

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null 2>&1 || die "$PY not found; install Python >= 3.10"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "$PY is $("$PY" -V 2>&1); Portalis needs Python >= 3.10"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    log "creating .venv with $("$PY" -V 2>&1) ($(command -v "$PY"))"
    rm -rf "$VENV"
    if ! "$PY" -m venv "$VENV" >/dev/null 2>&1; then
        # Debian's python3 ships venv without ensurepip.
        rm -rf "$VENV"
        command -v apt-get >/dev/null 2>&1 || die "$PY -m venv failed"
        apt_install python3-venv
        "$PY" -m venv "$VENV"
    fi
fi

want="$("$VENV/bin/python" - <<'EOF'
import hashlib, sys
print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest(), sys.version.split()[0])
EOF
)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$want" ]; then
    log "pip install -e '.[dev]' (pyproject.toml changed or first run)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[dev]'
    printf '%s\n' "$want" >"$STAMP"
else
    log ".venv up to date"
fi
