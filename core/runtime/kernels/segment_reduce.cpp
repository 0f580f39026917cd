// SPDX-License-Identifier: Apache-2.0
// Segment reductions (segment_reduction_ops.cc): rows of `data` (the leading dims covered by
// segment_ids) are combined into output rows named by the ids.
//  - Unsorted*(data, ids, num_segments): ids of any shape, negative ids dropped; an empty
//    segment holds the reduction's identity (0, 1, lowest, highest).
//  - Segment*(data, ids): sorted 1-D ids, output rows = last id + 1; empty segments are 0.
//  - SparseSegment{Sum,Mean}[WithNumSegments](data, indices, ids[, n]): row indices[k] of data
//    goes to segment ids[k]; empty segments are 0.
#include <limits>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

enum class Reduce { Sum, Mean, Prod, Min, Max };

Reduce reduce_of(const std::string& op) {
    if (op.find("Mean") != std::string::npos) return Reduce::Mean;
    if (op.find("Prod") != std::string::npos) return Reduce::Prod;
    if (op.find("Min") != std::string::npos) return Reduce::Min;
    if (op.find("Max") != std::string::npos) return Reduce::Max;
    return Reduce::Sum;
}

template <class T>
T identity(Reduce r, bool unsorted) {
    if (!unsorted) return T(0);
    switch (r) {
    case Reduce::Prod: return T(1);
    case Reduce::Min: return std::numeric_limits<T>::max();
    case Reduce::Max: return std::numeric_limits<T>::lowest();
    default: return T(0);
    }
}

template <class T>
T combine(Reduce r, T a, T b) {
    switch (r) {
    case Reduce::Prod: return a * b;
    case Reduce::Min: return b < a ? b : a;
    case Reduce::Max: return a < b ? b : a;
    default: return a + b;
    }
}

Status segment(KernelContext& ctx) {
    const std::string& op = ctx.node().op;
    const bool sparse = op.starts_with("SparseSegment"), unsorted = op.starts_with("Unsorted");
    const bool sorted = !sparse && !unsorted;
    const Reduce red = reduce_of(op.substr(op.find("Segment") + 7));
    ir::Tensor data = ctx.input(0);
    const ir::DType dtype = data.dtype();
    if (ku::is_half(dtype)) data = ku::to_float32(data);
    const ir::Tensor& ids_t = ctx.input(sparse ? 2 : 1);
    const auto ids = ku::ints(ids_t);
    std::vector<int64_t> rows_of(ids.size());  // data row feeding each id
    int id_rank = ids_t.shape().rank();
    if (sparse) {
        const auto indices = ku::ints(ctx.input(1));
        if (indices.size() != ids.size()) return ku::fail(ctx, "indices and segment_ids differ in length");
        for (std::size_t k = 0; k < ids.size(); ++k) rows_of[k] = indices[k];
        id_rank = 1;
    } else {
        for (std::size_t k = 0; k < ids.size(); ++k) rows_of[k] = static_cast<int64_t>(k);
    }
    const auto& dd = data.shape().dims;
    if (id_rank > static_cast<int>(dd.size())) return ku::fail(ctx, "segment_ids has a higher rank than data");
    if (!sparse)
        for (int d = 0; d < id_rank; ++d)
            if (ids_t.shape().dims[d] != dd[d]) return ku::fail(ctx, "segment_ids shape must be a prefix of data's shape");
    int64_t data_rows = 1, inner = 1;
    const int lead = sparse ? 1 : id_rank;
    for (int d = 0; d < static_cast<int>(dd.size()); ++d) (d < lead ? data_rows : inner) *= dd[d];
    int64_t segments = 0;
    if (unsorted || op.ends_with("WithNumSegments")) {
        segments = ku::ints(ctx.input(ctx.num_inputs() - 1)).at(0);
    } else {
        for (std::size_t k = 0; k < ids.size(); ++k) {
            if (sorted && k && ids[k] < ids[k - 1]) return ku::fail(ctx, "segment_ids must be sorted");
            segments = std::max(segments, ids[k] + 1);
        }
    }
    if (segments < 0) return ku::fail(ctx, "num_segments must not be negative");
    std::vector<int64_t> out_dims{segments};
    out_dims.insert(out_dims.end(), dd.begin() + lead, dd.end());
    ir::Tensor out(data.dtype(), ir::Shape(out_dims));
    std::vector<int64_t> count(static_cast<std::size_t>(segments), 0);
    bool ok = true;
    std::string error;
    const bool dispatched = ku::dispatch(data.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_same_v<T, bool>) { ok = false; error = "bool data is not supported"; }
        else {
            const T* in = data.data<T>();
            T* o = out.data<T>();
            for (int64_t i = 0; i < out.num_elements(); ++i) o[i] = identity<T>(red, unsorted);
            for (std::size_t k = 0; k < ids.size() && ok; ++k) {
                const int64_t s = ids[k], row = rows_of[k];
                if (s < 0 && unsorted) continue;
                if (s < 0 || s >= segments) { ok = false; error = "segment id " + std::to_string(s) + " out of range"; break; }
                if (row < 0 || row >= data_rows) { ok = false; error = "index " + std::to_string(row) + " out of range"; break; }
                T* dst = o + s * inner;
                const T* src = in + row * inner;
                if (count[s]++ == 0 && !unsorted) for (int64_t j = 0; j < inner; ++j) dst[j] = src[j];
                else for (int64_t j = 0; j < inner; ++j) dst[j] = combine(red, dst[j], src[j]);
            }
            if (red == Reduce::Mean)
                for (int64_t s = 0; s < segments; ++s)
                    if (count[s] > 1)
                        for (int64_t j = 0; j < inner; ++j) o[s * inner + j] = static_cast<T>(o[s * inner + j] / static_cast<T>(count[s]));
        }
    }, false);
    if (!dispatched) return ku::fail(ctx, ku::dtype_error(data.dtype()));
    if (!ok) return ku::fail(ctx, error);
    ctx.set_output(0, ku::is_half(dtype) ? ku::from_float32(out, dtype) : out);
    return Ok{};
}

}  // namespace

void register_segment_kernels(KernelRegistry& r) {
    for (const char* op : {"UnsortedSegmentSum", "UnsortedSegmentProd", "UnsortedSegmentMin", "UnsortedSegmentMax",
                           "SegmentSum", "SegmentMean", "SegmentProd", "SegmentMin", "SegmentMax", "SparseSegmentSum",
                           "SparseSegmentMean", "SparseSegmentSumWithNumSegments", "SparseSegmentMeanWithNumSegments"})
        r.add(op, simple_kernel(segment));
}

}  // namespace wb::runtime
