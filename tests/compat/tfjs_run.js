#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// tfjs_run.js MODEL_DIR INPUTS_JSON OUT_DIR [--backend cpu|wasm] [--runs N] — loads a graph
// model with the real @tensorflow/tfjs-converter (4.22) from disk through a file IOHandler, runs it
// on the inputs and writes OUT_DIR/outputs.json + one raw little-endian .bin per output, the tensor
// layout `tfjs-wb run` uses, and OUT_DIR/run.json {backend, runs, fallback}. Packages are resolved
// from $TFJS_DIR.
//   INPUTS_JSON: {"<signature key or node name>": {"shape": [..], "dtype": "float32|int32|bool", "data": [..]}}
//   --backend: cpu (default) or wasm (XNNPACK, one thread). A kernel the wasm backend lacks
//     ("not registered for backend 'wasm'") reruns the model on cpu; run.json says so in `fallback`.
//   --runs N: execute N times (default 1), disposing every result as tfjs users do; the last run's
//     outputs are written, and a run whose values differ from the first fails.
// When a placeholder's declared shape is a scalar but the data holds n values, the model is run
// n times on scalars and the outputs concatenated (elementwise models saved with scalar specs).
'use strict';
const fs = require('fs');
const path = require('path');

const { fileHandler, typed, loadTfjs, isMissingKernel } = require('./tfjs_common');

function parseArgs(argv) {
  const pos = [], opt = { backend: 'cpu', runs: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--backend') opt.backend = argv[++i];
    else if (argv[i] === '--runs') opt.runs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else pos.push(argv[i]);
  }
  return [pos, opt];
}

// Executes the model once on `inputs`; returns [{data, shape, dtype}] in `outNames` order with
// every tensor it made disposed (results included: a Const output returned as the weight itself
// would die here, the bug DM21 showed).
async function runOnce(tf, model, inputs, outNames) {
  const specs = model.inputs;  // [{name, shape, dtype}]
  const names = Object.keys(inputs);
  const scalarDeclared = specs.length > 0 && specs.every(s => Array.isArray(s.shape) && s.shape.length === 0);
  const count = names.length ? inputs[names[0]].data.length : 1;
  const steps = scalarDeclared && names.every(n => inputs[n].shape.length > 0) ? count : 1;
  const collected = outNames.map(() => ({ data: [], shape: null, dtype: null }));
  for (let r = 0; r < steps; r++) {
    const feed = {};
    for (const n of names) {
      const e = inputs[n];
      // A declared static shape with the same element count wins over the reference's shape
      // (e.g. [] vs [1]): tfjs checks placeholder shapes, TensorFlow's C API does not.
      const spec = specs.find(s => s.name === n) || (specs.length === 1 ? specs[0] : null);
      let shape = e.shape;
      if (spec && Array.isArray(spec.shape) && spec.shape.length > 0 && spec.shape.every(d => d >= 0) &&
          spec.shape.reduce((a, b) => a * b, 1) === e.data.length) shape = spec.shape;
      feed[n] = steps > 1 ? tf.scalar(e.data[r], e.dtype) : tf.tensor(typed(e.dtype, e.data), shape, e.dtype);
    }
    let res = await model.executeAsync(feed, outNames);
    if (!Array.isArray(res)) res = [res];
    res.forEach((t, i) => {
      collected[i].data.push(...t.dataSync());
      collected[i].dtype = t.dtype;
      collected[i].shape = steps > 1 ? [steps] : t.shape;
    });
    tf.dispose(res);
    tf.dispose(Object.values(feed));
  }
  return collected;
}

const sameValues = (a, b) => a.length === b.length && a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i])));

async function main() {
  const [[modelDir, inputsPath, outDir], opt] = parseArgs(process.argv.slice(2));
  if (!outDir) { console.error('usage: tfjs_run.js MODEL_DIR INPUTS_JSON OUT_DIR [--backend cpu|wasm] [--runs N]'); process.exit(2); }
  const { tf, tfconv } = loadTfjs(opt.backend === 'wasm');
  const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  // Fetch signature outputs by tensor name ("node:k"): model.outputs collapses the outputs of one
  // multi-output node to the node name.
  const json = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const sigOut = json.signature && json.signature.outputs ? Object.values(json.signature.outputs).map(o => o.name) : [];
  let backend = opt.backend, fallback = null, collected;
  for (;;) {
    if (!(await tf.setBackend(backend))) throw new Error('setBackend failed: ' + backend);
    const model = await tfconv.loadGraphModel(fileHandler(tf, modelDir));
    const outNames = sigOut.length ? sigOut : model.outputs.map(o => o.name);
    try {
      let first = null;
      for (let k = 0; k < opt.runs; k++) {
        collected = await runOnce(tf, model, inputs, outNames);
        if (!first) first = collected;
        else collected.forEach((c, i) => {
          if (!sameValues(c.data, first[i].data)) throw new Error(`run ${k + 1}: output ${outNames[i]} differs from run 1`);
        });
      }
      collected.names = outNames;
      model.dispose();
      break;
    } catch (e) {
      if (!isMissingKernel(e) || backend === 'cpu') throw e;
      fallback = String(e.message).split('\n')[0];
      backend = 'cpu';
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  const manifest = {};
  collected.names.forEach((name, i) => {
    const c = collected[i];
    const arr = typed(c.dtype, c.data);
    const file = name.replace(/[^A-Za-z0-9_.-]/g, '_') + '.bin';
    fs.writeFileSync(path.join(outDir, file), Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength));
    manifest[name] = { shape: c.shape, dtype: c.dtype, file };
  });
  fs.writeFileSync(path.join(outDir, 'outputs.json'), JSON.stringify(manifest, null, 1));
  fs.writeFileSync(path.join(outDir, 'run.json'), JSON.stringify({ backend, runs: opt.runs, fallback }));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
