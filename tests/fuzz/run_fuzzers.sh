#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer harnesses (preset `fuzz`) and runs each for SECONDS (default 60), seeded
# from ../shared/corpus. Crashes are written to build-fuzz/crashes/<fuzzer>/ and fail the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_EACH="${1:-60}"
BUILD="$ROOT/build-fuzz"
CORPUS="${WB_SHARED_DIR:-$ROOT/../shared}/corpus"
[ -d "$CORPUS" ] || { echo "run_fuzzers: $CORPUS is missing" >&2; exit 1; }

cmake --preset fuzz -S "$ROOT" >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target fuzz_graphdef fuzz_graphdef_text fuzz_tfjs_model_json \
  fuzz_saved_model fuzz_keras_h5 fuzz_keras_zip

seed_dir() {  # seed_dir NAME FIND-ARGS...: copies up to 40 small corpus files into a seed folder
  local dir="$BUILD/seeds/$1"; shift
  rm -rf "$dir"; mkdir -p "$dir"
  find "$CORPUS" "$@" -size -256k -print0 | sort -z | head -z -n 40 | xargs -0 -I{} cp {} "$dir/" 2>/dev/null || true
  # Names collide across folders; cp keeps the last, which is fine for seeding.
  echo "$dir"
}

declare -A SEEDS=(
  [fuzz_graphdef]="$(seed_dir graphdef -name frozen_model.pb)"
  [fuzz_graphdef_text]="$(seed_dir graphdef_text -name frozen_graph.pbtxt)"
  [fuzz_tfjs_model_json]="$(seed_dir tfjs -name model.json)"
  [fuzz_saved_model]="$(seed_dir saved_model -name saved_model.pb)"
  [fuzz_keras_h5]="$(seed_dir keras_h5 -name '*.h5')"
  [fuzz_keras_zip]="$(seed_dir keras_zip -name '*.keras')"
)

status=0
for fuzzer in "${!SEEDS[@]}"; do
  crashes="$BUILD/crashes/$fuzzer"; mkdir -p "$crashes"
  work="$BUILD/work/$fuzzer"; mkdir -p "$work"
  echo "== $fuzzer for ${SECONDS_EACH}s"
  if ! "$BUILD/tests/fuzz/$fuzzer" -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=20 \
       -artifact_prefix="$crashes/" -print_final_stats=1 "$work" "${SEEDS[$fuzzer]}" \
       > "$BUILD/$fuzzer.log" 2>&1; then
    echo "!! $fuzzer found a problem; see $BUILD/$fuzzer.log and $crashes" >&2
    tail -40 "$BUILD/$fuzzer.log" >&2
    status=1
  fi
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$BUILD/$fuzzer.log" | sed "s/^/   /"
done
exit $status
