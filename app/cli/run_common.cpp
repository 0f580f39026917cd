// SPDX-License-Identifier: Apache-2.0
#include "cli/run_common.h"

#include <sstream>

namespace wb::cli {

void RunInputOptions::add_to(CLI::App& app, bool with_fill) {
    app.add_option("model", model, "Model file or folder (any format tfjs-wb reads)")->required();
    app.add_option("--input", input, "inputs.json (+ .bin files) in the tfjs-reference layout");
    if (with_fill) {
        app.add_option("--fill", fill, "Synthetic inputs when --input is absent")
            ->check(CLI::IsMember({"zero", "ones", "random"}));
        app.add_option("--seed", seed, "Seed of the mulberry32 generator for --fill random");
    }
    app.add_option("--shape", shapes, "Input shape override, name=d0,d1,.. (repeatable)");
    app.add_option("--outputs", outputs, "Tensors to fetch, comma-separated (node or node:k)");
}

bool RunInputOptions::to_spec(runtime::InputSpec& spec, std::string& error) const {
    spec.input_json = input;
    spec.fill = fill;
    spec.seed = seed;
    for (const auto& s : shapes) {
        auto eq = s.find('=');
        if (eq == std::string::npos) {
            error = "--shape expects name=d0,d1,.. (got '" + s + "')";
            return false;
        }
        std::vector<int64_t> dims;
        std::stringstream ss(s.substr(eq + 1));
        std::string d;
        while (std::getline(ss, d, ',')) {
            try {
                dims.push_back(std::stoll(d));
            } catch (...) {
                error = "--shape: '" + d + "' is not a number";
                return false;
            }
        }
        spec.shapes[s.substr(0, eq)] = dims;
    }
    return true;
}

std::vector<std::string> RunInputOptions::fetches() const {
    std::vector<std::string> out;
    std::stringstream ss(outputs);
    std::string name;
    while (std::getline(ss, name, ','))
        if (!name.empty()) out.push_back(name);
    return out;
}

}  // namespace wb::cli
