// SPDX-License-Identifier: Apache-2.0
// The converter's CPU placement before Grappler pass 2 (spec §6.2 step 6).
#include "passes/all_passes.h"
#include "passes/graph_editor.h"

namespace wb::passes {
namespace {

constexpr const char* kCpu = "/device:CPU:0";

class SetCpuDevice : public Pass {
public:
    std::string name() const override { return "set_cpu_device"; }
    std::string description() const override {
        return "Places every Conv2D and MatMul on /device:CPU:0, as the converter does so that the "
               "remapper fuses them.";
    }

    ChangeLog run(ir::Graph& graph, PassContext&) override {
        ChangeLog log;
        for (auto& n : graph.nodes()) {
            if ((n.op == "Conv2D" || n.op == "MatMul") && n.device != kCpu) {
                n.device = kCpu;
                log.rewritten.push_back({n.name, n.op, {n.name}, std::string("device = ") + kCpu});
            }
        }
        return log;
    }
};

}  // namespace

std::unique_ptr<Pass> make_set_cpu_device() { return std::make_unique<SetCpuDevice>(); }

}  // namespace wb::passes
