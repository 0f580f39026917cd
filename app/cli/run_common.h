// SPDX-License-Identifier: Apache-2.0
// What `run` and `bench` share: the model path, input options and parsing of --shape/--outputs.
#pragma once
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "runtime/tensor_io.h"

namespace wb::cli {

struct RunInputOptions {
    std::string model;
    std::string input;
    std::string fill = "random";
    uint32_t seed = 42;
    std::vector<std::string> shapes;  // name=d0,d1,..
    std::string outputs;              // a,b,c

    void add_to(CLI::App& app, bool with_fill);
    // Resolves --input/--fill/--seed/--shape into an InputSpec; false + message on bad syntax.
    bool to_spec(runtime::InputSpec& spec, std::string& error) const;
    std::vector<std::string> fetches() const;
};

}  // namespace wb::cli
