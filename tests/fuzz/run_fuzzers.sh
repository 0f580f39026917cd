#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer harnesses (preset `fuzz`) and runs each for SECONDS (default 60), seeded
# from ../shared/corpus (and, for .keras, from archives make_keras_seeds writes: the corpus has
# none). Crashes, hangs (-timeout) and over-allocations (-malloc_limit_mb) are written to
# build-fuzz/crashes/<fuzzer>/ and fail the run; build-fuzz/fuzz-summary.txt gets one line per
# fuzzer (executions, seconds, peak RSS).
#   tests/fuzz/run_fuzzers.sh [SECONDS] [FUZZER...]      WB_FUZZ_PARALLEL=N runs N at once
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_EACH="${1:-60}"
shift || true
BUILD="$ROOT/build-fuzz"
CORPUS="${WB_SHARED_DIR:-$ROOT/../shared}/corpus"
PARALLEL="${WB_FUZZ_PARALLEL:-1}"
ALL=(fuzz_graphdef fuzz_graphdef_text fuzz_tfjs_model_json fuzz_saved_model fuzz_checkpoint fuzz_keras_h5
     fuzz_keras_zip fuzz_keras_archive)
if [ "$#" -gt 0 ]; then FUZZERS=("$@"); else FUZZERS=("${ALL[@]}"); fi
[ -d "$CORPUS" ] || { echo "run_fuzzers: $CORPUS is missing" >&2; exit 1; }

if [ -z "${WB_FUZZ_NO_BUILD:-}" ]; then  # set it to rerun the harnesses already built
  cmake --preset fuzz -S "$ROOT" >/dev/null
  cmake --build "$BUILD" -j "${WB_JOBS:-$(nproc)}" --target wb_fuzzers make_keras_seeds \
    make_keras_archive_seeds
fi

# seed_dir NAME FIND-ARGS...: up to 40 small corpus files, numbered (the names collide).
seed_dir() {
  local dir="$BUILD/seeds/$1" n=0; shift
  rm -rf "$dir"; mkdir -p "$dir"
  while IFS= read -r -d '' f; do
    n=$((n + 1)); cp "$f" "$dir/$n-$(basename "$f")"
  done < <(find "$CORPUS" "$@" -size -256k -print0 | sort -z | head -z -n 40)
}

le32() {  # the 4 little-endian bytes of $1
  printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"
}

# fuzz_checkpoint reads [u32 index length][index][data shard] (see fuzz_checkpoint.cpp).
checkpoint_seeds() {
  local dir="$BUILD/seeds/checkpoint" n=0 index data
  rm -rf "$dir"; mkdir -p "$dir"
  while IFS= read -r -d '' index; do
    data="${index%.index}.data-00000-of-00001"
    [ -f "$data" ] && [ "$(stat -c %s "$data")" -lt 262144 ] || continue
    n=$((n + 1))
    { le32 "$(stat -c %s "$index")"; cat "$index" "$data"; } > "$dir/$n.ckpt"
    [ "$n" -lt 40 ] || break
  done < <(find "$CORPUS" -name '*.index' -print0 | sort -z)
}

seed_dir graphdef -name frozen_model.pb
seed_dir graphdef_text -name frozen_graph.pbtxt
seed_dir tfjs_model_json -name model.json
seed_dir saved_model -name saved_model.pb
seed_dir keras_h5 -name '*.h5'
checkpoint_seeds
rm -rf "$BUILD/seeds/keras_zip"; mkdir -p "$BUILD/seeds/keras_zip"
"$BUILD/tests/fuzz/make_keras_seeds" "$BUILD/seeds/keras_zip"
# fuzz_keras_archive: full Keras models of the corpus as the sandboxed libhdf5 child sends them.
rm -rf "$BUILD/seeds/keras_archive"
find "$CORPUS/keras_h5" -name '*.h5' -size -256k -print0 | sort -z | head -z -n 150 |
  xargs -0 "$BUILD/tests/fuzz/make_keras_archive_seeds" "$BUILD/seeds/keras_archive" >/dev/null

# UBSan reports are crashes too; leaks are reported by libFuzzer itself. No leak is suppressed:
# libhdf5 (which leaks on damaged headers) only runs in the readers' sandboxed children, which
# end with _exit before any leak check.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
run_one() {
  local fuzzer="$1" crashes="$BUILD/crashes/$1" work="$BUILD/work/$1" log="$BUILD/$1.log" start end
  mkdir -p "$crashes" "$work"
  start=$(date +%s)
  if "$BUILD/tests/fuzz/$fuzzer" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2560 \
       -malloc_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 \
       "$work" "$BUILD/seeds/${fuzzer#fuzz_}" > "$log" 2>&1; then
    result=ok
  else
    result=FAILED
  fi
  end=$(date +%s)
  printf '%-22s %-6s %10s execs %5ss peak %s MB\n' "$fuzzer" "$result" \
    "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)" "$((end - start))" \
    "$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)"
  if [ "$result" != ok ]; then
    echo "!! $fuzzer found a problem; see $log and $crashes" >&2
    tail -60 "$log" >&2
    return 1
  fi
}

: > "$BUILD/fuzz-summary.txt"
status=0
running=0
for fuzzer in "${FUZZERS[@]}"; do
  echo "== $fuzzer for ${SECONDS_EACH}s"
  ( run_one "$fuzzer" >> "$BUILD/fuzz-summary.txt" ) &
  running=$((running + 1))
  if [ "$running" -ge "$PARALLEL" ]; then wait -n || status=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
cat "$BUILD/fuzz-summary.txt"
exit $status
