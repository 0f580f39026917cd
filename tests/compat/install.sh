#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# install.sh DIR — installs real TensorFlow.js 4.22 (core, converter, layers, cpu and wasm backends) into DIR for
# the compatibility test (tfjs_run.js). DIR should be under the build folder; node_modules is
# never committed. Pure-JS packages only (tfjs-node would download a native library).
set -euo pipefail
dir=${1:?usage: install.sh DIR}
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || printf '{"name":"wb-tfjs-compat","private":true}\n' > package.json
npm install --no-audit --no-fund --silent \
  @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0 \
  @tensorflow/tfjs-backend-wasm@4.22.0 @tensorflow/tfjs-layers@4.22.0
echo "installed TensorFlow.js 4.22 into $dir"
