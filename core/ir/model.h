// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace wb::ir {

// One signature entry: key (signature key or tensor name), tensor name "node:k", dtype, shape.
struct TensorInfo {
    std::string key;
    std::string name;
    DType dtype = DType::Invalid;
    Shape shape = Shape::unknown();
};

// How a weight was stored in the source (for inspect and quantization reports).
struct WeightInfo {
    std::string name;
    DType dtype = DType::Float32;  // dtype after loading (the manifest's `dtype`)
    Shape shape;
    std::string quantization;      // "", "uint8", "uint16" or "float16"
    double quant_min = 0.0;        // affine quantization parameters when present
    double quant_scale = 0.0;
    std::size_t stored_bytes = 0;  // bytes in the file
    std::string group;             // manifest group or Keras layer
};

// A loaded model: the graph plus what the source file says about itself.
// Immutable once a reader returns it; passes work on copies.
struct Model {
    std::string format;       // registry name of the reader, e.g. "tf_frozen_model", "tfjs_graph_model"
    std::string source_path;
    std::string generated_by;  // tfjs generatedBy, SavedModel tensorflow_version, keras_version
    std::string converted_by;
    Graph graph;
    std::vector<TensorInfo> inputs;
    std::vector<TensorInfo> outputs;
    std::vector<WeightInfo> weights;
    std::string keras_topology_json;  // Keras config as read, for lossless layers-model export
    std::map<std::string, std::string> user_metadata_json;  // key -> JSON text
    std::vector<std::string> warnings;  // e.g. "weights absent: topology only"
    bool topology_only = false;
};

}  // namespace wb::ir
