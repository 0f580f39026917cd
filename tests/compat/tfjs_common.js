// SPDX-License-Identifier: Apache-2.0
// Shared by tfjs_run.js and tfjs_batch.js: package resolution from $TFJS_DIR, a file IOHandler
// (tf.loadGraphModel straight from disk, no HTTP) and typed arrays for the dtypes tfjs feeds.
'use strict';
const fs = require('fs');
const path = require('path');

const roots = [process.env.TFJS_DIR, process.cwd()].filter(Boolean);
const need = (name) => require(require.resolve(name, { paths: roots }));

function fileHandler(tf, dir) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = [], buffers = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const b = fs.readFileSync(path.join(dir, p));
            buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

const typed = (dtype, data) =>
  dtype === 'int32' ? Int32Array.from(data) : dtype === 'bool' ? Uint8Array.from(data) : Float32Array.from(data);

// Loads tfjs-core, the converter and the cpu backend, plus wasm (one thread) when asked.
function loadTfjs(withWasm) {
  const tf = need('@tensorflow/tfjs-core');
  const tfconv = need('@tensorflow/tfjs-converter');
  need('@tensorflow/tfjs-backend-cpu');
  if (withWasm) need('@tensorflow/tfjs-backend-wasm').setThreadsCount(1);
  tf.enableProdMode();
  return { tf, tfconv };
}

// A kernel the backend lacks, or a case its kernel refuses ("wasm backend Conv2D does not support
// dataFormat:'channelsFirst'"): worth a second try on cpu.
const isMissingKernel = (e) => /not registered for backend|wasm backend .* does not support/.test(String(e && e.message));

module.exports = { need, fileHandler, typed, loadTfjs, isMissingKernel };
