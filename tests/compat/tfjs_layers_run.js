#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// tfjs_layers_run.js JOBS_JSON RESULTS_JSON — loads layers models with the real
// @tensorflow/tfjs-layers 4.22 (tf.loadLayersModel, cpu backend; model.json and shards read from
// disk, see diskModel) and predicts. One process for many models: node and tfjs start once.
//   JOBS_JSON: [{"id": "..", "dir": "<folder with model.json>", "inputs": [{"shape": [..], "data": [..]}]}]
//     inputs in the model's input order (model.inputs).
//   RESULTS_JSON: {"<id>": {"outputs": [{"shape": [..], "data": [..]}]} | {"error": "<message>"}}
// Packages are resolved from $TFJS_DIR.
'use strict';
const fs = require('fs');
const path = require('path');

const roots = [process.env.TFJS_DIR, process.cwd()].filter(Boolean);
const need = (name) => require(require.resolve(name, { paths: roots }));

// model.json and its shards, read from disk in manifest order and handed to tf.loadLayersModel
// as an in-memory IOHandler (weight specs and one concatenated weight buffer).
function diskModel(tf, dir) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const groups = json.weightsManifest || [];
  const bytes = Buffer.concat(groups.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: groups.flatMap((g) => g.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
  });
}

async function runJob(tf, tfl, job) {
  const model = await tfl.loadLayersModel(diskModel(tf, job.dir));
  try {
    const xs = job.inputs.map((e) => tf.tensor(Float32Array.from(e.data), e.shape, 'float32'));
    let ys = model.predict(xs.length === 1 ? xs[0] : xs);
    if (!Array.isArray(ys)) ys = [ys];
    const outputs = ys.map((y) => ({ shape: y.shape, data: Array.from(y.dataSync()) }));
    tf.dispose([xs, ys]);
    return { outputs };
  } finally {
    model.dispose();
  }
}

async function main() {
  const [jobsPath, resultsPath] = process.argv.slice(2);
  if (!jobsPath || !resultsPath) throw new Error('usage: tfjs_layers_run.js JOBS_JSON RESULTS_JSON');
  const tf = need('@tensorflow/tfjs-core');
  need('@tensorflow/tfjs-backend-cpu');
  const tfl = need('@tensorflow/tfjs-layers');
  await tf.setBackend('cpu');
  const jobs = JSON.parse(fs.readFileSync(jobsPath, 'utf8'));
  const results = {};
  for (const job of jobs) {
    try {
      results[job.id] = await runJob(tf, tfl, job);
    } catch (e) {
      results[job.id] = { error: String(e && e.message ? e.message : e).split('\n')[0] };
    }
  }
  fs.writeFileSync(resultsPath, JSON.stringify(results));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
