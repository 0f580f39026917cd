#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# bench_convert.sh [TFJS_WB] [SHARED_DIR] — conversion time of the largest corpus models beside
# the time `cp -r` takes to copy the same input bytes (goal: convert ≤ 3 × copy + 100 ms).
set -euo pipefail
wb=${1:-build/bin/tfjs-wb}
shared=${2:-../shared}
c=$shared/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Milliseconds of one run; "failed" when the command fails (a refused conversion is no figure).
ms() { local s e; s=$(date +%s%N); if ! "$@" >/dev/null 2>&1; then echo failed; return; fi; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
printf '%-52s %10s %10s %10s\n' model bytes cp_ms convert_ms
bench() {  # name input args...
  local name=$1 input=$2; shift 2
  local bytes cp_ms conv_ms
  bytes=$(du -sb "$input" | cut -f1)
  cp_ms=$(ms cp -r "$input" "$tmp/copy-$RANDOM")
  conv_ms=$(ms "$wb" convert "$@" "$input" "$tmp/out-$RANDOM")
  printf '%-52s %10s %10s %10s\n' "$name" "$bytes" "$cp_ms" "$conv_ms"
}
bench "tfhub/dm21/DM21 (tf_hub)" "$c/tfhub/dm21/DM21" --input_format=tf_hub
bench "frozen/tf-onnx/lstm (tf_frozen_model)" "$c/frozen/tf-onnx/lstm/frozen.pb" --input_format=tf_frozen_model --output_node_names=output
bench "frozen/tf-onnx/fc-layers (tf_frozen_model)" "$c/frozen/tf-onnx/fc-layers/frozen.pb" --input_format=tf_frozen_model --output_node_names=output
bench "saved_models/tf-rust/keras_multiple_inputs" "$c/saved_models/tf-rust/keras_multiple_inputs_saved_model"
bench "saved_models/cppflow/load_model" "$c/saved_models/cppflow/load_model/model"
# Keras: the largest .h5 files of the corpus (deepfm.h5, 2.7 MB, is left out: its Lambda layers are
# refused, which measures nothing), and the largest tfjs layers models back to Keras .h5 (the .h5
# holds float32, 4x the uint8 input).
bench "keras_h5/dl4j/weights/issue_9560.h5 (weights-only)" "$c/keras_h5/dl4j/weights/issue_9560.h5" --input_format=keras
bench "keras_h5/dl4j/tfkeras/GAPError.h5" "$c/keras_h5/dl4j/tfkeras/GAPError.h5" --input_format=keras
bench "face_classification mini_XCEPTION (layers)" "$c/keras_h5/face_classification/fer2013_mini_XCEPTION.102-0.66.hdf5" --input_format=keras
bench "face_classification mini_XCEPTION (graph)" "$c/keras_h5/face_classification/fer2013_mini_XCEPTION.102-0.66.hdf5" --input_format=keras --output_format=tfjs_graph_model
bench "tfjs/nsfwjs/mobilenet_v2 (layers → keras .h5)" "$c/tfjs/nsfwjs/mobilenet_v2" --input_format=tfjs_layers_model --output_format=keras
bench "tfjs/nsfwjs/inception_v3 (layers → keras .h5)" "$c/tfjs/nsfwjs/inception_v3" --input_format=tfjs_layers_model --output_format=keras
