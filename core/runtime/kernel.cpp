// SPDX-License-Identifier: Apache-2.0
#include "runtime/kernel.h"

#include <algorithm>

namespace wb::runtime {

void register_all_kernels(KernelRegistry& registry);  // kernels_list.cpp

const KernelRegistry& KernelRegistry::instance() {
    static const KernelRegistry registry = [] {
        KernelRegistry r;
        register_all_kernels(r);
        return r;
    }();
    return registry;
}

void KernelRegistry::add(const std::string& op, KernelFactory factory) {
    factories_[op] = std::move(factory);
}

const KernelFactory* KernelRegistry::find(const std::string& op) const {
    auto it = factories_.find(op);
    return it == factories_.end() ? nullptr : &it->second;
}

std::vector<std::string> KernelRegistry::ops() const {
    std::vector<std::string> names;
    names.reserve(factories_.size());
    for (const auto& [name, factory] : factories_) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

namespace {
class SimpleKernel final : public Kernel {
public:
    explicit SimpleKernel(std::shared_ptr<const std::function<Status(KernelContext&)>> fn)
        : fn_(std::move(fn)) {}
    Status compute(KernelContext& ctx) override { return (*fn_)(ctx); }

private:
    std::shared_ptr<const std::function<Status(KernelContext&)>> fn_;
};
}  // namespace

KernelFactory simple_kernel(std::function<Status(KernelContext&)> fn) {
    auto shared = std::make_shared<const std::function<Status(KernelContext&)>>(std::move(fn));
    return [shared](const ir::Node&) { return std::make_unique<SimpleKernel>(shared); };
}

Error kernel_error(const ir::Node& node, const std::string& message) {
    return Error{{}, "node '" + node.name + "' (" + node.op + ")", message};
}

}  // namespace wb::runtime
