#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// tfjs_batch.js LIST_JSON OUT_DIR [--backend cpu|wasm] — runs many graph models in ONE Node process
// with the real @tensorflow/tfjs-converter 4.22 (loading tfjs and compiling the wasm module once
// is most of the cost of a small model). Packages are resolved from $TFJS_DIR.
//   LIST_JSON: [{"model": DIR, "inputs": {"<node>": {"shape": [..], "dtype": "float32|int32|bool|string",
//               "data": [..]}}, "outputs": ["node" | "node:k", ..]}, ..]
//   OUT_DIR/results.json: one entry per list entry, same order:
//     {"backend": "wasm|cpu", "fallback": "<wasm error>"|null, "error": "<message>"|null,
//      "outputs": [{"name", "dtype", "shape", "file": "<i>_<k>.bin"} | {.., "strings": [..]}]}
//   .bin files hold the raw little-endian values (float32, int32, bool as uint8).
// --backend wasm (default; XNNPACK, one thread): a model needing a kernel wasm lacks ("not
// registered for backend", or "wasm backend X does not support ...") is run again on cpu after the
// wasm pass; `fallback` keeps the wasm error.
// Each model runs once, every tensor it made is disposed before the next one (models included).
'use strict';
const fs = require('fs');
const path = require('path');
const { fileHandler, typed, loadTfjs, isMissingKernel } = require('./tfjs_common');

async function runOne(tf, tfconv, entry) {
  // A scope collects what a failed execution leaves behind, so one bad model cannot fill the heap.
  tf.engine().startScope();
  const model = await tfconv.loadGraphModel(fileHandler(tf, entry.model));
  const feed = {};
  try {
    for (const [name, e] of Object.entries(entry.inputs || {}))
      feed[name] = e.dtype === 'string' ? tf.tensor(e.data, e.shape, 'string') : tf.tensor(typed(e.dtype, e.data), e.shape, e.dtype);
    let res = await model.executeAsync(feed, entry.outputs);
    if (!Array.isArray(res)) res = [res];
    const outputs = res.map((t) => ({ dtype: t.dtype, shape: t.shape, data: t.dataSync() }));
    tf.dispose(res);
    return outputs;
  } finally {
    tf.dispose(Object.values(feed));
    model.dispose();
    tf.engine().endScope();
  }
}

function save(outDir, index, entry, outputs) {
  return outputs.map((o, k) => {
    const rec = { name: entry.outputs[k], dtype: o.dtype, shape: o.shape };
    if (o.dtype === 'string') {
      rec.strings = Array.from(o.data);
    } else {
      const arr = o.dtype === 'bool' ? Uint8Array.from(o.data) : o.data;
      rec.file = `${index}_${k}.bin`;
      fs.writeFileSync(path.join(outDir, rec.file), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
    }
    return rec;
  });
}

async function pass(tf, tfconv, list, indices, backend, outDir, results) {
  if (!(await tf.setBackend(backend))) throw new Error('setBackend failed: ' + backend);
  for (const i of indices) {
    const r = { backend, fallback: results[i] ? results[i].fallback : null, error: null, outputs: [] };
    try {
      r.outputs = save(outDir, i, list[i], await runOne(tf, tfconv, list[i]));
    } catch (e) {
      r.error = String(e && e.message || e).split('\n')[0];
    }
    results[i] = r;
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const b = argv.indexOf('--backend');
  const backend = b >= 0 ? argv.splice(b, 2)[1] : 'wasm';
  const [listPath, outDir] = argv;
  if (!outDir) { console.error('usage: tfjs_batch.js LIST_JSON OUT_DIR [--backend cpu|wasm]'); process.exit(2); }
  const { tf, tfconv } = loadTfjs(backend === 'wasm');
  const list = JSON.parse(fs.readFileSync(listPath, 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const results = new Array(list.length).fill(null);
  await pass(tf, tfconv, list, list.map((_, i) => i), backend, outDir, results);
  const again = [];
  results.forEach((r, i) => {
    if (backend !== 'cpu' && r.error && isMissingKernel({ message: r.error })) {
      r.fallback = r.error;
      again.push(i);
    }
  });
  if (again.length) await pass(tf, tfconv, list, again, 'cpu', outDir, results);
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results));
  console.error(`tfjs_batch: ${list.length} models, ${results.filter(r => !r.error).length} ran, ` +
                `${again.length} retried on cpu, ${tf.memory().numTensors} tensors left`);
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
