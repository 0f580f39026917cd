// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ir/model.h"
#include "ir/tensor.h"
#include "util/error.h"
#include "util/progress.h"

namespace wb::runtime {

struct SessionOptions {
    int threads = 0;         // 0 = hardware concurrency
    bool profile = false;    // collect per-node times in RunStats
};

// Per-node timing of the last run (when profiling).
struct NodeTime {
    std::string node;
    std::string op;
    double ms = 0.0;
};

struct RunStats {
    std::vector<NodeTime> node_times;
    std::size_t peak_activation_bytes = 0;         // reserved by the memory plan (peak)
    std::size_t lower_bound_activation_bytes = 0;  // peak of simultaneously live tensor bytes
};

using NamedTensor = std::pair<std::string, ir::Tensor>;

// Runs an immutable Model (ncnn's Net vs Extractor: the model is shared, the session owns
// activations, scratch and options). Feeds are named by signature key or tensor name
// ("x" or "x:0"); fetches by "node" or "node:k". Empty fetches = the model's outputs.
class Session {
public:
    static Expected<std::unique_ptr<Session>> create(std::shared_ptr<const ir::Model> model,
                                                     SessionOptions options = {});
    virtual ~Session() = default;
    virtual Expected<std::vector<ir::Tensor>> run(const std::vector<NamedTensor>& feeds,
                                                  const std::vector<std::string>& fetches = {},
                                                  const Progress& progress = {}) = 0;
    virtual const RunStats& last_stats() const = 0;
    // State kept between runs (resource variables, e.g. a Keras stateful RNN's states) goes
    // back to its initial value, as Keras' model.reset_states().
    virtual void reset_states() {}
};

}  // namespace wb::runtime
