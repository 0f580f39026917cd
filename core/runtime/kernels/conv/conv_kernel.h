// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>

#include "runtime/kernel.h"
#include "runtime/kernels/conv/conv_geometry.h"
#include "runtime/kernels/conv/conv_onednn.h"
#include "runtime/kernels/conv/fused_epilogue.h"

namespace wb::runtime::conv {

// Conv2D, _FusedConv2D, Conv3D, DepthwiseConv2dNative and FusedDepthwiseConv2dNative: input 0
// is the activation, input 1 the filter, then the fused args. float32 2D convolutions go to
// oneDNN when it is enabled; everything else (and oneDNN failures) to the Eigen kernels.
class ConvKernel : public Kernel {
public:
    enum class Kind { Regular, Depthwise };
    ConvKernel(const ir::Node& node, Kind kind, int spatial);
    Status prepare(PrepareContext& ctx) override;
    Status compute(KernelContext& ctx) override;

private:
    Status init();
    template <class T>
    Status run(KernelContext& ctx, const std::vector<const ir::Tensor*>& in, ir::Tensor& out,
               const Geometry& g, bool accumulate);

    const ir::Node& node_;
    Kind kind_;
    int spatial_;
    bool initialized_ = false;
    Status init_status_ = Ok{};
    WindowAttrs attrs_;
    FusedOps fused_;
    bool filter_constant_ = false;
    bool use_onednn_ = false;
    std::unique_ptr<OnednnConv> onednn_;
};

}  // namespace wb::runtime::conv

namespace wb::runtime {
// Conv2D, _FusedConv2D, Conv3D, DepthwiseConv2dNative, FusedDepthwiseConv2dNative,
// Conv2DBackpropInput, Prelu.
void register_conv_kernels(KernelRegistry& registry);
}  // namespace wb::runtime
