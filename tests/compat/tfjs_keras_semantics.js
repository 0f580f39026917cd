#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// tfjs_keras_semantics.js OUT_DIR — reference values from the real
// @tensorflow/tfjs-layers 4.22 (cpu backend) for Keras semantics our runtime lowers:
//  1. Masks: builds small models (Masking / Embedding(maskZero) feeding LSTM, GRU, SimpleRNN,
//     Bidirectional), sets seeded weights, saves each as a layers model (OUT_DIR/<id>/model.json
//     + weights.bin, through a save handler that writes files) and predicts on inputs with fully
//     masked steps (leading, inner and trailing).
//  2. Stateful RNNs (LSTM, GRU, SimpleRNN, masked, in Bidirectional), saved the same way: each
//     predicts twice, then resetStates() and predicts once more.
//  3. ConvLSTM2D over a dynamic time axis (inputShape [null, 5, 5, 2]): return sequences or the
//     last output, go_backwards, padding same/valid, strides, dilation, return_state,
//     Bidirectional, channels_first, stateful; each fed 3 then 4 steps (stateful: 3, 4,
//     resetStates, 3; plus one static-time stateful model fed 3, 3, resetStates, 3). Every
//     non-stateful model also saved with a static time of 3 and the same weights (OUT_DIR/<id>/static).
// Writes OUT_DIR/results.json: {"masking": [{"id","inputs","outputs"}], "stateful": [{"id","inputs","calls": [[outputs] x 3]}],
//   "conv_lstm": [{"id","static","calls": [{"reset","inputs","outputs"}]}]}.
// Packages are resolved from $TFJS_DIR.
'use strict';
const fs = require('fs');
const path = require('path');

const roots = [process.env.TFJS_DIR, process.cwd()].filter(Boolean);
const need = (name) => require(require.resolve(name, { paths: roots }));

// Deterministic weights in [-0.6, 0.6): a 32-bit LCG, so every run builds the same models.
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296 - 0.5) * 1.2;
  };
}

function setSeededWeights(tf, model, seed) {
  const next = seeded(seed);
  const ws = model.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, next), w.shape));
  model.setWeights(ws);
}

async function saveLayersModel(tf, model, dir) {
  fs.mkdirSync(dir, { recursive: true });
  await model.save(tf.io.withSaveHandler(async (a) => {
    const data = Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : a.weightData;
    fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(data));
    const json = {
      format: 'layers-model', generatedBy: a.generatedBy, convertedBy: a.convertedBy,
      modelTopology: a.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
    };
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
}

const asJson = (t) => ({ shape: t.shape, data: Array.from(t.dataSync()) });

// [batch, time, features] with the steps listed per sample set to `value` in every feature.
function sequences(batch, time, features, masked, value, seed) {
  const next = seeded(seed);
  const data = [];
  for (let b = 0; b < batch; ++b)
    for (let t = 0; t < time; ++t)
      for (let f = 0; f < features; ++f) data.push(masked[b].includes(t) ? value : next());
  return { shape: [batch, time, features], data };
}

// Every case: leading, inner and trailing masked steps in sample 0, none or others in sample 1.
// (recurrentInitializer: tfjs 4.22's orthogonal initializer fails on the cpu backend in Node;
// the seeded weights replace the initial values anyway.)
function maskingCases(tfl) {
  const L = tfl.layers;
  const masked = [[0, 2, 5], [3]];
  const seq = (v) => sequences(2, 6, 3, masked, v, 11);
  return [
    { id: 'masking_lstm', x: seq(0), build: () => [L.masking({ maskValue: 0, inputShape: [6, 3] }), L.lstm({ recurrentInitializer: 'glorotUniform', units: 4 })] },
    { id: 'masking_lstm_sequences', x: seq(0),
      build: () => [L.masking({ maskValue: 0, inputShape: [6, 3] }), L.lstm({ recurrentInitializer: 'glorotUniform', units: 4, returnSequences: true }), L.dense({ units: 2 })] },
    { id: 'masking_lstm_backwards', x: seq(0),
      build: () => [L.masking({ maskValue: 0, inputShape: [6, 3] }), L.lstm({ recurrentInitializer: 'glorotUniform', units: 3, goBackwards: true, returnSequences: true })] },
    { id: 'masking_gru_dynamic_time', x: seq(0.5),
      build: () => [L.masking({ maskValue: 0.5, inputShape: [null, 3] }), L.gru({ recurrentInitializer: 'glorotUniform', units: 4, returnSequences: true })] },
    { id: 'masking_simple_rnn_stacked', x: seq(0),
      build: () => [L.masking({ maskValue: 0, inputShape: [6, 3] }), L.simpleRNN({ recurrentInitializer: 'glorotUniform', units: 3, returnSequences: true }),
                    L.dropout({ rate: 0.5 }), L.simpleRNN({ recurrentInitializer: 'glorotUniform', units: 2 })] },
    { id: 'masking_bidirectional_simple_rnn', x: seq(-1),
      build: () => [L.masking({ maskValue: -1, inputShape: [6, 3] }),
                    L.bidirectional({ layer: L.simpleRNN({ recurrentInitializer: 'glorotUniform', units: 3 }), mergeMode: 'concat' })] },
    { id: 'masking_bidirectional_lstm_sum', x: seq(0),
      build: () => [L.masking({ maskValue: 0, inputShape: [6, 3] }),
                    L.bidirectional({ layer: L.lstm({ recurrentInitializer: 'glorotUniform', units: 2 }), mergeMode: 'sum' })] },
    { id: 'embedding_mask_zero_gru', x: { shape: [2, 7], data: [0, 0, 3, 9, 0, 4, 0, 5, 1, 2, 8, 6, 0, 7] },
      build: () => [L.embedding({ inputDim: 10, outputDim: 3, maskZero: true, inputLength: 7 }),
                    L.gru({ recurrentInitializer: 'glorotUniform', units: 4, returnSequences: true }), L.dense({ units: 2, activation: 'tanh' })] },
    { id: 'embedding_mask_zero_lstm_last', x: { shape: [2, 5], data: [0, 2, 0, 5, 0, 1, 1, 0, 0, 0] },
      build: () => [L.embedding({ inputDim: 6, outputDim: 4, maskZero: true, inputLength: 5 }), L.lstm({ recurrentInitializer: 'glorotUniform', units: 3 })] },
  ];
}

// Functional: Bidirectional given initial states (forward half, backward half) over masked
// input. No leading masked step: with a non-zero initial state Keras outputs zeros there
// (backend.rnn's prev_output starts at zeros) and tfjs-layers the state; we follow Keras.
function initialStateCases(tfl) {
  const L = tfl.layers;
  const masked = [[3, 5], [2]];
  const build = (cell, states, mergeMode) => {
    const x = tfl.input({ shape: [6, 3] });
    const init = Array.from({ length: states }, () => tfl.input({ shape: [2] }));
    const m = L.masking({ maskValue: 0 }).apply(x);
    const y = L.bidirectional({ layer: cell, mergeMode }).apply(m, { initialState: init });
    return tfl.model({ inputs: [x, ...init], outputs: y });
  };
  const state = (seed) => ({ shape: [2, 2], data: Array.from({ length: 4 }, seeded(seed)) });
  return [
    { id: 'masking_bidirectional_gru_initial_state', xs: [sequences(2, 6, 3, masked, 0, 31), state(32), state(33)],
      build: () => build(tfl.layers.gru({ recurrentInitializer: 'glorotUniform', units: 2 }), 2, 'concat') },
    { id: 'masking_bidirectional_lstm_initial_state', xs: [sequences(2, 6, 3, masked, 0, 34), state(35), state(36), state(37), state(38)],
      build: () => build(tfl.layers.lstm({ recurrentInitializer: 'glorotUniform', units: 2 }), 4, 'sum') },
  ];
}

async function buildMasking(tf, tfl, outDir) {
  const results = [];
  let seed = 100;
  const cases = maskingCases(tfl).map((c) => ({ id: c.id, xs: [c.x], build: () => tfl.sequential({ layers: c.build() }) }));
  for (const c of cases.concat(initialStateCases(tfl))) {
    const model = c.build();
    setSeededWeights(tf, model, ++seed);
    await saveLayersModel(tf, model, path.join(outDir, c.id));
    const xs = c.xs.map((e) => tf.tensor(Float32Array.from(e.data), e.shape));
    const y = model.predict(xs.length === 1 ? xs[0] : xs);
    results.push({ id: c.id, inputs: c.xs, outputs: [asJson(y)] });
    tf.dispose([xs, y]);
    model.dispose();
  }
  return results;
}

// Stateful RNNs (fixed batch 2): each model predicts twice on the same input, then resetStates()
// and once more. (tfjs 4.22 cannot run a stateful layer that is also given initial_state
// tensors, e.g. frugally-deep's lstm_stateful.h5: RNN.resetStates reads inputSpec[0], unset then.)
function statefulCases(tfl) {
  const L = tfl.layers;
  const rnn = (o) => Object.assign({ recurrentInitializer: 'glorotUniform', stateful: true }, o);
  const x = sequences(2, 5, 3, [[], []], 0, 21);
  return [
    { id: 'stateful_lstm', x, build: () => [L.lstm(rnn({ units: 4, batchInputShape: [2, 5, 3] }))] },
    { id: 'stateful_gru_sequences', x,
      build: () => [L.gru(rnn({ units: 3, returnSequences: true, batchInputShape: [2, 5, 3] })), L.dense({ units: 2 })] },
    { id: 'stateful_simple_rnn_backwards', x,
      build: () => [L.simpleRNN(rnn({ units: 3, goBackwards: true, batchInputShape: [2, 5, 3] }))] },
    // No leading masked step here: with a non-zero state carried in, Keras outputs zeros at
    // masked steps before the first kept one (backend.rnn's prev_output starts at zeros) while
    // tfjs-layers outputs the carried state; our runtime follows Keras.
    { id: 'stateful_masked_lstm', x: sequences(2, 5, 3, [[2, 4], [1, 3]], 0, 22),
      build: () => [L.masking({ maskValue: 0, batchInputShape: [2, 5, 3] }), L.lstm(rnn({ units: 3, returnSequences: true }))] },
    { id: 'stateful_bidirectional_gru', x,
      build: () => [L.bidirectional({ layer: L.gru(rnn({ units: 2 })), mergeMode: 'concat', batchInputShape: [2, 5, 3] })] },
  ];
}

async function buildStateful(tf, tfl, outDir) {
  const results = [];
  let seed = 200;
  for (const c of statefulCases(tfl)) {
    const model = tfl.sequential({ layers: c.build() });
    setSeededWeights(tf, model, ++seed);
    await saveLayersModel(tf, model, path.join(outDir, c.id));
    const x = tf.tensor(Float32Array.from(c.x.data), c.x.shape);
    const call = () => {
      const y = model.predict(x);
      const out = asJson(y);
      y.dispose();
      return [out];
    };
    const calls = [call(), call()];
    model.resetStates();
    calls.push(call());
    results.push({ id: c.id, inputs: [c.x], calls });
    x.dispose();
    model.dispose();
  }
  return results;
}

// ConvLSTM2D models built for a time dimension `time` (null = dynamic; 3 for the static twin).
function convLstmCases(tfl) {
  const L = tfl.layers;
  const cell = (o) => L.convLstm2d(Object.assign({ recurrentInitializer: 'glorotUniform', kernelSize: 3 }, o));
  const seq = (layers) => () => tfl.sequential({ layers });
  return [
    { id: 'conv_lstm_dynamic_last_same', build: (time) => seq([cell({ filters: 3, padding: 'same', inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_sequences_valid',
      build: (time) => seq([cell({ filters: 2, padding: 'valid', returnSequences: true, inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_backwards_sequences',
      build: (time) => seq([cell({ filters: 2, padding: 'same', goBackwards: true, returnSequences: true, inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_backwards_last_valid',
      build: (time) => seq([cell({ filters: 2, padding: 'valid', goBackwards: true, inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_strides',
      build: (time) => seq([cell({ filters: 2, strides: 2, padding: 'valid', returnSequences: true, inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_dilation',
      build: (time) => seq([cell({ filters: 2, dilationRate: 2, padding: 'same', activation: 'relu', recurrentActivation: 'sigmoid', inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_return_state', build: (time) => {
      const x = tfl.input({ shape: [time, 5, 5, 2] });
      const outs = cell({ filters: 2, padding: 'same', returnSequences: true, returnState: true }).apply(x);
      return tfl.model({ inputs: x, outputs: outs });
    } },
    { id: 'conv_lstm_dynamic_bidirectional',
      build: (time) => seq([L.bidirectional({ layer: cell({ filters: 2, padding: 'same', returnSequences: true }), mergeMode: 'concat',
                                              inputShape: [time, 5, 5, 2] })])() },
    { id: 'conv_lstm_dynamic_channels_first', frame: [2, 5, 5],
      build: (time) => seq([cell({ filters: 3, padding: 'valid', dataFormat: 'channelsFirst', returnSequences: true, inputShape: [time, 2, 5, 5] })])() },
    { id: 'conv_lstm_dynamic_stateful', stateful: true,
      build: (time) => seq([cell({ filters: 2, padding: 'same', stateful: true, batchInputShape: [2, time, 5, 5, 2] })])() },
    // Static time (unrolled) stateful, for the same state handling outside the loop.
    { id: 'conv_lstm_static_stateful', stateful: true, times: [3, 3, 3],
      build: () => seq([cell({ filters: 2, padding: 'valid', goBackwards: true, stateful: true, batchInputShape: [2, 3, 5, 5, 2] })])() },
  ];
}

async function buildConvLstm(tf, tfl, outDir) {
  const results = [];
  let seed = 300;
  const input = (time, frame, s) => ({ shape: [2, time, ...frame], data: Array.from({ length: 2 * time * 50 }, seeded(s)) });
  for (const c of convLstmCases(tfl)) {
    const model = c.build(null);
    setSeededWeights(tf, model, ++seed);
    await saveLayersModel(tf, model, path.join(outDir, c.id));
    if (!c.stateful) {
      const twin = c.build(3);
      twin.setWeights(model.getWeights());
      await saveLayersModel(tf, twin, path.join(outDir, c.id, 'static'));
      twin.dispose();
    }
    const times = c.times || (c.stateful ? [3, 4, 3] : [3, 4]);
    const calls = [];
    for (const [k, time] of times.entries()) {
      const reset = k === 2;  // stateful: predict, predict, resetStates, predict
      if (reset) model.resetStates();
      const e = input(time, c.frame || [5, 5, 2], seed * 10 + k);
      const x = tf.tensor(Float32Array.from(e.data), e.shape);
      const y = model.predict(x);
      const ys = Array.isArray(y) ? y : [y];
      calls.push({ reset, inputs: [e], outputs: ys.map(asJson) });
      tf.dispose([x, ys]);
    }
    results.push({ id: c.id, static: !c.stateful, calls });
    model.dispose();
  }
  return results;
}

async function main() {
  const [outDir] = process.argv.slice(2);
  if (!outDir) throw new Error('usage: tfjs_keras_semantics.js OUT_DIR');
  const tf = need('@tensorflow/tfjs-core');
  need('@tensorflow/tfjs-backend-cpu');
  const tfl = need('@tensorflow/tfjs-layers');
  await tf.setBackend('cpu');
  const results = {
    masking: await buildMasking(tf, tfl, outDir),
    stateful: await buildStateful(tf, tfl, outDir),
    conv_lstm: await buildConvLstm(tf, tfl, outDir),
  };
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
