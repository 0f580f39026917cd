#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark (not a test): our runtime (`tfjs-wb bench`) against real TensorFlow.js-wasm and,
# where the model loads in it, OpenCV DNN, interleaved round by round in one run so that the
# host's placement changes hit every runtime alike. Prints per-round medians, the median of
# them per runtime, ratios to ours and GFLOPS.
#
#   tests/bench/compare_runtimes.sh [MODEL_DIR] [--rounds R] [--runs N] [--threads T]
#
# Env: WB_BUILD_DIR (default build-kernels beside this repo's root; holds bin/tfjs-wb,
# bin/export_frozen_pb and the npm prefix tfjs-bench/), OPENCV_MODEL (a .pb/.onnx of the same
# network for OpenCV DNN; default: written by export_frozen_pb into the build dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
model=${WB_SHARED_DIR:-$root/../shared}/corpus/tfjs/nsfwjs/mobilenet_v2_mid
rounds=5 runs=20 threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '3,12p' "$0"; exit 0 ;;
    *) model=$1; shift ;;
  esac
done
build=${WB_BUILD_DIR:-$root/build-kernels}
[ -f "$model/model.json" ] || { echo "no model.json in $model" >&2; exit 2; }

# TensorFlow.js 4.22 into the build dir (never into the source tree).
export TFJS_DIR=${TFJS_DIR:-$build/tfjs-bench}
if [ ! -d "$TFJS_DIR/node_modules/@tensorflow/tfjs-backend-wasm" ]; then
  mkdir -p "$TFJS_DIR"
  (cd "$TFJS_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install --no-audit --no-fund --silent @tensorflow/tfjs-core@4.22.0 \
     @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0)
fi

json_field() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(d.get(sys.argv[1], ""))' "$1"; }

# Ours: `tfjs-wb bench`; until it exists, the kernel chain of bench_kernels (labelled as such).
ours_label="tfjs-wb bench"
run_ours() {
  "$build/bin/tfjs-wb" bench "$model" --runs "$runs" --warmup 3 --threads "$threads" --json | json_field median_ms
}
if ! "$build/bin/tfjs-wb" bench --help >/dev/null 2>&1; then
  if [ -x "$build/bin/bench_kernels" ] && [ "$(basename "$model")" = mobilenet_v2_mid ]; then
    ours_label="bench_kernels chain (conv kernels only; tfjs-wb bench not built)"
    run_ours() {
      "$build/bin/bench_kernels" --benchmark_filter="chain/onednn:1/threads:$threads/" --benchmark_repetitions="$runs" \
        --benchmark_min_time=0.001 --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print([b["real_time"] for b in d["benchmarks"] if b.get("aggregate_name")=="median"][0])'
    }
  else
    echo "error: $build/bin/tfjs-wb has no 'bench' command yet" >&2; exit 1
  fi
fi
run_tfjs() { node "$here/tfjs_wasm_bench.js" "$model" --runs "$runs" --warmup 3 --threads "$threads" | json_field median_ms; }
# OpenCV DNN reads a frozen GraphDef, not a tfjs model.json: export_frozen_pb (built beside
# tfjs-wb) writes the same network and weights as one, with the fused ops spelled out.
opencv_reason="" ocv_python=""
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import cv2' 2>/dev/null; then ocv_python=$py; break; fi
done
if [ -z "$ocv_python" ]; then opencv_reason="python3-opencv (OpenCV 4.6 DNN) is not installed"
elif [ -z "${OPENCV_MODEL:-}" ]; then
  if [ -x "$build/bin/export_frozen_pb" ]; then
    OPENCV_MODEL=$build/opencv-bench/$(basename "$model").pb
    mkdir -p "$(dirname "$OPENCV_MODEL")"
    "$build/bin/export_frozen_pb" "$model" "$OPENCV_MODEL" >/dev/null ||
      opencv_reason="export_frozen_pb could not write $model as a frozen GraphDef"
  else
    opencv_reason="OpenCV DNN cannot read a tfjs model.json; build export_frozen_pb or set OPENCV_MODEL to a .pb/.onnx"
  fi
fi
run_opencv() { "$ocv_python" "$here/opencv_dnn_bench.py" "$OPENCV_MODEL" --runs "$runs" --threads "$threads" | json_field median_ms; }
# One trial run: a network OpenCV's importer refuses is reported and left out, not timed as 0.
if [ -z "$opencv_reason" ] && ! err=$("$ocv_python" "$here/opencv_dnn_bench.py" "$OPENCV_MODEL" --runs 1 --threads "$threads" 2>&1 >/dev/null); then
  opencv_reason="OpenCV DNN cannot run $OPENCV_MODEL: $(printf '%s\n' "$err" | grep -m1 -E 'error|Error' || printf '%s\n' "$err" | tail -1)"
fi

gflop=$(node "$here/tfjs_wasm_bench.js" "$model" --runs 1 --warmup 1 --threads 1 | json_field gflop)
echo "model: $model  (${gflop} GFLOP per inference)  threads: $threads  rounds: $rounds x $runs runs"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ours: $ours_label"
declare -a ours tfjs ocv
for r in $(seq 1 "$rounds"); do
  o=$(run_ours); t=$(run_tfjs); c=""
  [ -z "$opencv_reason" ] && c=$(printf '%.2f' "$(run_opencv)")
  ours+=("$o"); tfjs+=("$t"); [ -n "$c" ] && ocv+=("$c")
  printf 'round %d: ours %8.2f ms   tfjs-wasm %8.2f ms   %s\n' "$r" "$o" "$t" "${c:+opencv-dnn $c ms}"
done

python3 - "$gflop" "${ours[*]}" "${tfjs[*]}" "${ocv[*]:-}" <<'PY'
import statistics, sys
gflop = float(sys.argv[1] or 0)
rows = [("ours", sys.argv[2]), ("tfjs-wasm", sys.argv[3]), ("opencv-dnn", sys.argv[4])]
med = {k: statistics.median(map(float, v.split())) for k, v in rows if v.strip()}
print(f"{'runtime':<12}{'median ms':>11}{'GFLOPS':>9}{'ours / it':>11}")
for k, m in med.items():
    print(f"{k:<12}{m:>11.2f}{gflop / m * 1e3 if gflop else 0:>9.1f}{med['ours'] / m:>11.3f}")
PY
[ -n "$opencv_reason" ] && echo "opencv-dnn: skipped: $opencv_reason"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
