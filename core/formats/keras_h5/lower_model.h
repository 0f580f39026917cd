// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "formats/keras_h5/keras_archive.h"
#include "formats/keras_h5/keras_topology.h"
#include "ir/model.h"
#include "util/error.h"

namespace wb::formats::keras {

// Lowers a parsed Keras model to TensorFlow ops in `out.graph`: one Placeholder per input layer
// (named as the layer), one Identity per layer output (named as the layer), weights as Const.
// Sets out.inputs/out.outputs keyed by Keras layer names.
Status lower_model(const ModelSpec& spec, const KerasArchive& archive, const std::string& file, ir::Model& out);

// A model of weights only (no topology): one Const per weight, named "<layer>/<weight>".
void weights_as_constants(const KerasArchive& archive, ir::Model& out);

}  // namespace wb::formats::keras
