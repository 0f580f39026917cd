// SPDX-License-Identifier: Apache-2.0
// NonMaxSuppression V2–V5 with TensorFlow's greedy loop: a priority queue by score (ties: lower
// box index first), hard suppression when IoU > iou_threshold, and Soft-NMS (V5, sigma > 0)
// re-queueing candidates whose decayed score still beats score_threshold.
#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

float iou(const std::vector<float>& b, int i, int j) {
    const float* p = &b[4 * i];
    const float* q = &b[4 * j];
    const float ymin_i = std::min(p[0], p[2]), xmin_i = std::min(p[1], p[3]), ymax_i = std::max(p[0], p[2]), xmax_i = std::max(p[1], p[3]);
    const float ymin_j = std::min(q[0], q[2]), xmin_j = std::min(q[1], q[3]), ymax_j = std::max(q[0], q[2]), xmax_j = std::max(q[1], q[3]);
    const float area_i = (ymax_i - ymin_i) * (xmax_i - xmin_i), area_j = (ymax_j - ymin_j) * (xmax_j - xmin_j);
    if (area_i <= 0 || area_j <= 0) return 0.f;
    const float ih = std::max(std::min(ymax_i, ymax_j) - std::max(ymin_i, ymin_j), 0.f);
    const float iw = std::max(std::min(xmax_i, xmax_j) - std::max(xmin_i, xmin_j), 0.f);
    const float inter = ih * iw;
    return inter / (area_i + area_j - inter);
}

struct Candidate {
    int index;
    float score;
    int suppress_begin;
};

Status nms(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const ir::Tensor& boxes_t = ctx.input(0);
    const ir::Tensor& scores_t = ctx.input(1);
    const int n = static_cast<int>(scores_t.num_elements());
    if (boxes_t.num_elements() != 4 * static_cast<int64_t>(n)) return ku::fail(ctx, "boxes must be [num_boxes, 4]");
    std::vector<float> boxes(4 * n), scores(n);
    for (int i = 0; i < 4 * n; ++i) boxes[i] = static_cast<float>(boxes_t.value_as_double(i));
    for (int i = 0; i < n; ++i) scores[i] = static_cast<float>(scores_t.value_as_double(i));
    const int max_out = static_cast<int>(ku::ints(ctx.input(2)).at(0));
    const float iou_threshold = static_cast<float>(ctx.input(3).value_as_double(0));
    const float score_threshold = op == "NonMaxSuppressionV2" ? -std::numeric_limits<float>::infinity()
                                                              : static_cast<float>(ctx.input(4).value_as_double(0));
    const float sigma = op == "NonMaxSuppressionV5" ? static_cast<float>(ctx.input(5).value_as_double(0)) : 0.f;
    const bool soft = sigma > 0;
    const float scale = soft ? -0.5f / sigma : 0.f;
    auto cmp = [](const Candidate& a, const Candidate& b) {
        return a.score < b.score || (a.score == b.score && a.index > b.index);
    };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(cmp)> queue(cmp);
    for (int i = 0; i < n; ++i)
        if (scores[i] > score_threshold) queue.push({i, scores[i], 0});
    std::vector<int> selected;
    std::vector<float> selected_scores;
    while (static_cast<int>(selected.size()) < max_out && !queue.empty()) {
        Candidate c = queue.top();
        queue.pop();
        const float original = c.score;
        bool hard = false;
        for (int j = static_cast<int>(selected.size()) - 1; j >= c.suppress_begin; --j) {
            const float sim = iou(boxes, c.index, selected[j]);
            const float weight = std::exp(scale * sim * sim);
            c.score *= (soft || sim <= iou_threshold) ? weight : 0.f;
            if (!soft && sim > iou_threshold) {
                hard = true;
                break;
            }
            if (c.score <= score_threshold) break;
        }
        c.suppress_begin = static_cast<int>(selected.size());
        if (hard) continue;
        if (c.score == original) {
            selected.push_back(c.index);
            selected_scores.push_back(c.score);
        } else if (c.score > score_threshold) {
            queue.push(c);
        }
    }
    const int valid = static_cast<int>(selected.size());
    const bool pad = ir::attr_bool(ctx.node().attrs, "pad_to_max_output_size");
    const int64_t count = pad ? std::max(max_out, valid) : valid;
    ir::Tensor& idx = ctx.allocate_output(0, ir::DType::Int32, ir::Shape{count});
    for (int64_t i = 0; i < count; ++i) idx.data<int32_t>()[i] = i < valid ? selected[i] : 0;
    if (op == "NonMaxSuppressionV4") {
        ctx.set_output(1, ir::Tensor::scalar<int32_t>(ir::DType::Int32, valid));
    } else if (op == "NonMaxSuppressionV5") {
        ir::Tensor s(scores_t.dtype() == ir::DType::Float64 ? ir::DType::Float64 : ir::DType::Float32, ir::Shape{count});
        for (int64_t i = 0; i < count; ++i) {
            const float v = i < valid ? selected_scores[i] : 0.f;
            if (s.dtype() == ir::DType::Float64) s.data<double>()[i] = v;
            else s.data<float>()[i] = v;
        }
        ctx.set_output(1, s);
        ctx.set_output(2, ir::Tensor::scalar<int32_t>(ir::DType::Int32, valid));
    }
    return Ok{};
}

}  // namespace

void register_nms_kernels(KernelRegistry& r) {
    for (const char* op : {"NonMaxSuppressionV2", "NonMaxSuppressionV3", "NonMaxSuppressionV4", "NonMaxSuppressionV5"})
        r.add(op, simple_kernel(nms));
}

}  // namespace wb::runtime
