#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One entry point for the two README commands (and CI):
#   bash packaging/dev.sh run    install what is missing, build, open the GUI on the sample model
#   bash packaging/dev.sh test   install what is missing, build, run the whole test suite
#   bash packaging/dev.sh asan   the same suite (minus the GUI) built with ASan + UBSan (preset asan)
#   bash packaging/dev.sh fuzz   the libFuzzer harnesses (preset fuzz, clang), each run WB_FUZZ_SECONDS (60)
# Works as root on a fresh Debian 12 (uses sudo otherwise); idempotent: installed packages are skipped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${WB_BUILD_DIR:-$ROOT/build}"
JOBS="${WB_JOBS:-$(nproc)}"
MODE="${1:-}"
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere (as CI makes) reuses
# what an earlier build of the same sources compiled.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true

log() { printf '\033[1m[dev.sh]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  local wanted missing=()
  wanted=$(grep -v '^\s*#' "$ROOT/packaging/deps-apt.txt" | grep -v '^\s*$')
  for pkg in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  # Debian's nodejs/npm are only needed when no Node.js is on the machine already.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local filtered=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
    missing=("${filtered[@]+"${filtered[@]}"}")
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    log "all apt packages present"
    return
  fi
  log "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

build() {
  log "configuring $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  log "building with $JOBS jobs"
  cmake --build "$BUILD" -j "$JOBS"
}

case "$MODE" in
  run)
    install_packages
    build
    SAMPLE="$BUILD/samples/sample_cnn.pb"
    log "opening $SAMPLE"
    exec "$BUILD/bin/tfjs-workbench" "$SAMPLE"
    ;;
  test)
    install_packages
    build
    # Real TensorFlow.js for the compatibility tests (npm registry only), installed under the build dir.
    if [ -x "$ROOT/tests/compat/install.sh" ] || [ -f "$ROOT/tests/compat/install.sh" ]; then
      log "installing TensorFlow.js for tests/compat"
      bash "$ROOT/tests/compat/install.sh" "$BUILD/tfjs-compat"
    fi
    export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    log "running the test suite"
    cd "$BUILD"
    ctest --output-on-failure -j "$JOBS" --timeout 1500
    ;;
  asan)
    install_packages
    cd "$ROOT"
    log "configuring and building the asan preset"
    cmake --preset asan >/dev/null
    cmake --build "$ROOT/build-asan" -j "$JOBS"
    bash "$ROOT/tests/compat/install.sh" "$ROOT/build-asan/tfjs-compat"
    export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    log "running the test suite under AddressSanitizer and UndefinedBehaviorSanitizer"
    ctest --preset asan -j "$JOBS" --timeout 1500
    ;;
  fuzz)
    # clang and libFuzzer (libclang-rt-14-dev) are in deps-apt.txt; only the harnesses and the
    # readers they link are built. Any crash, hang, leak, sanitizer report or over-allocation fails.
    install_packages
    log "building and running every fuzzer for ${WB_FUZZ_SECONDS:-60} s"
    WB_FUZZ_PARALLEL="${WB_FUZZ_PARALLEL:-$JOBS}" bash "$ROOT/tests/fuzz/run_fuzzers.sh" "${WB_FUZZ_SECONDS:-60}"
    ;;
  *)
    echo "usage: bash packaging/dev.sh run|test|asan|fuzz" >&2
    exit 2
    ;;
esac
