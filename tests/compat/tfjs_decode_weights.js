#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// tfjs_decode_weights.js MODEL_DIR OUT_DIR — decodes every weight of a graph model's manifest
// with the real @tensorflow/tfjs-core 4.22 (tf.io.decodeWeights, which dequantizes uint8 /
// uint16 / float16) and writes OUT_DIR/weights.json + one raw little-endian .bin per weight.
// Packages are resolved from $TFJS_DIR.
'use strict';
const fs = require('fs');
const path = require('path');

const roots = [process.env.TFJS_DIR, process.cwd()].filter(Boolean);
const need = (name) => require(require.resolve(name, { paths: roots }));

async function main() {
  const [modelDir, outDir] = process.argv.slice(2);
  if (!outDir) { console.error('usage: tfjs_decode_weights.js MODEL_DIR OUT_DIR'); process.exit(2); }
  const tf = need('@tensorflow/tfjs-core');
  need('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const json = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const specs = [], buffers = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const b = fs.readFileSync(path.join(modelDir, p));
      buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
  }
  const decoded = tf.io.decodeWeights(tf.io.concatenateArrayBuffers(buffers), specs);
  fs.mkdirSync(outDir, { recursive: true });
  const manifest = {};
  Object.keys(decoded).forEach((name, i) => {
    const t = decoded[name];
    if (t.dtype === 'string') return;
    const arr = t.dataSync();
    const file = 'w' + i + '.bin';
    fs.writeFileSync(path.join(outDir, file), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
    manifest[name] = { shape: t.shape, dtype: t.dtype, file };
  });
  fs.writeFileSync(path.join(outDir, 'weights.json'), JSON.stringify(manifest, null, 1));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
