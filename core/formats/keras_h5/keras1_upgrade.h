// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "formats/keras_h5/keras_archive.h"
#include "util/error.h"

namespace wb::formats::keras {

// True for a full model saved by Keras 1 (keras_version "1.x").
bool is_keras1_model(const KerasArchive& archive);

// A Keras 1 model in the Keras 2 form tfjs-layers reads, as Keras 2 loads Keras 1 files itself
// (keras/legacy/interfaces.py argument renames, preprocess_weights_for_loading for per-gate RNN
// weights): configs renamed (output_dim -> units, inner_activation -> recurrent_activation,
// dropout_W -> dropout, ...), weights renamed to <layer>/kernel, /bias, /embeddings,
// /recurrent_kernel and RNN gates fused in Keras 2 order. Dense, Activation, Dropout, Flatten,
// Reshape, Embedding, SimpleRNN, GRU, LSTM, Bidirectional, InputLayer, Convolution1D/2D and
// Max/AveragePooling1D/2D (dim_ordering "tf"), BatchNormalization (mode 0) and
// TimeDistributedDense (as TimeDistributed(Dense)); any other class or form is an error naming
// the layer (the export then writes the model as read, as the upstream converter does).
Expected<KerasArchive> upgrade_keras1(const KerasArchive& archive, const std::string& file);

}  // namespace wb::formats::keras
