#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Times a TensorFlow.js graph model on the real tfjs-backend-wasm (4.22, XNNPACK, SIMD) in Node,
// the peer our runtime is compared with (compare_runtimes.sh). Prints one JSON line:
// {load_ms, first_ms, median_ms, min_ms, mean_ms, runs, threads, binary, gflop}.
//   node tfjs_wasm_bench.js MODEL_DIR [--runs N] [--warmup N] [--threads T] [--seed S]
// Packages are looked up in $TFJS_DIR (an npm prefix holding @tensorflow/tfjs-core,
// -converter and -backend-wasm), so nothing is installed into the source tree.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = { runs: 20, warmup: 3, threads: 2, seed: 1 };
const rest = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a.startsWith('--')) args[a.slice(2)] = Number(process.argv[++i]);
  else rest.push(a);
}
if (rest.length !== 1) {
  console.error('usage: tfjs_wasm_bench.js MODEL_DIR [--runs N] [--warmup N] [--threads T] [--seed S]');
  process.exit(2);
}
const modelDir = rest[0];
const lookup = [process.env.TFJS_DIR, process.cwd()].filter(Boolean);
const load = (name) => require(require.resolve(name, { paths: lookup }));

// Threaded wasm in Node: tfjs reports no thread support there (tfjs issue #3830) and hands
// Emscripten a Blob URL for the pthread worker, which worker_threads cannot open. We give it a
// real file: the stock worker source followed by a line that points its importScripts() at the
// threaded glue script on disk.
function enableWasmThreads(tf) {
  const pkg = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json', { paths: lookup }));
  const glue = path.join(pkg, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const source = require(path.join(pkg, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js')).wasmWorkerContents;
  const redirect = `;(function(){var original=global.importScripts;` +
    `global.importScripts=function(){return original(${JSON.stringify(glue)});};})();`;
  const file = path.join(os.tmpdir(), `wb-tfjs-worker-${process.pid}.js`);
  fs.writeFileSync(file, source.replace(/\n/g, '\\n') + '\n' + redirect);
  process.on('exit', () => fs.rmSync(file, { force: true }));
  const create = URL.createObjectURL;
  URL.createObjectURL = (blob) => (blob && blob.type === 'application/javascript' ? file : create(blob));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
}

// The backend sizes XNNPACK's pool from os.cpus().length / 2 (it assumes two SMT threads per
// core); report enough cores while it initialises so that `threads` are really used.
async function initBackend(tf, threads) {
  const cpus = os.cpus;
  if (threads * 2 > cpus().length) os.cpus = () => Array.from({ length: threads * 2 }, () => cpus()[0]);
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
    await tf.ready();
  } finally {
    os.cpus = cpus;
  }
}

function artifactsFromDisk(tf, dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const specs = [], parts = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) {
      const b = fs.readFileSync(path.join(dir, p));
      parts.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
  }
  return {
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
    convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs, weightData: tf.io.concatenateArrayBuffers(parts),
  };
}

// Multiply-adds of the conv/matmul nodes x 2, from the output shapes of one fetch of them.
function countGflop(tf, model, feed) {
  const nodes = model.artifacts.modelTopology.node || [];
  const heavy = nodes.filter(n => /Conv2D|Depthwise|MatMul/.test(n.op));
  if (!heavy.length) return 0;
  const outs = [].concat(model.execute(feed, heavy.map(n => n.name)));
  let macs = 0;
  heavy.forEach((n, k) => {
    const w = model.weights[n.input[1].replace(/:0$/, '')];
    if (!w) return;
    const ws = w[0].shape, out = outs[k].size;
    if (/Depthwise/.test(n.op)) macs += out * ws[0] * ws[1];
    else if (/Conv2D/.test(n.op)) macs += out * ws[0] * ws[1] * ws[2];
    else macs += out * (n.attr && n.attr.transpose_b && n.attr.transpose_b.b ? ws[1] : ws[0]);
  });
  outs.forEach(t => t.dispose());
  return (2 * macs) / 1e9;
}

(async () => {
  const tf = load('@tensorflow/tfjs-core');
  const tfconv = load('@tensorflow/tfjs-converter');
  const wasm = load('@tensorflow/tfjs-backend-wasm');
  wasm.setThreadsCount(args.threads);
  if (args.threads > 1) enableWasmThreads(tf);
  await initBackend(tf, args.threads);
  tf.enableProdMode();

  let t = performance.now();
  const model = await tfconv.loadGraphModel(tf.io.fromMemory(artifactsFromDisk(tf, modelDir)));
  const loadMs = performance.now() - t;
  // Seeded uniform [0,1) input (xorshift32), unknown dims -> 1 (batch) / 224.
  let s = args.seed >>> 0 || 1;
  const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const feed = {};
  for (const input of model.inputs) {
    const shape = input.shape.map((d, i) => (d == null || d < 0 ? (i === 0 ? 1 : 224) : d));
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).map(rnd);
    feed[input.name] = tf.tensor(data, shape, input.dtype || 'float32');
  }
  const once = () => {
    const out = [].concat(model.execute(feed));
    out.forEach(o => o.dataSync());
    out.forEach(o => o.dispose());
  };
  t = performance.now();
  once();
  const firstMs = performance.now() - t;
  for (let i = 1; i < args.warmup; i++) once();
  const times = [];
  for (let i = 0; i < args.runs; i++) {
    t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  console.log(JSON.stringify({
    runtime: 'tfjs-wasm', load_ms: loadMs, first_ms: firstMs, median_ms: median, min_ms: sorted[0],
    mean_ms: times.reduce((a, b) => a + b, 0) / times.length, runs: times.length,
    threads: wasm.getThreadsCount(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    gflop: countGflop(tf, model, feed),
  }));
  process.exit(0);
})().catch(e => { console.error('tfjs_wasm_bench: ' + (e && e.stack || e)); process.exit(1); });
