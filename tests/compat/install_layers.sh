#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# install_layers.sh DIR — install.sh DIR plus @tensorflow/tfjs-layers 4.22 (tf.loadLayersModel),
# which tst_tfjs_layers_compat needs. Pure JS, installed into DIR (under the build folder).
set -euo pipefail
dir=${1:?usage: install_layers.sh DIR}
"$(dirname "$0")/install.sh" "$dir"
cd "$dir"
npm install --no-audit --no-fund --silent @tensorflow/tfjs-layers@4.22.0
echo "installed TensorFlow.js layers 4.22 into $dir"
